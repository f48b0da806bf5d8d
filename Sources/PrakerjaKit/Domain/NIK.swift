/// Sixteen-digit numbers (NIK, KK, card numbers) held as integers: a String of 16 characters would
/// not fit Swift's inline small-string storage, and a wave holds millions of them.
public enum SixteenDigits {
    /// Parses exactly 16 ASCII digits.
    @inlinable
    public static func parse(_ s: String) -> UInt64? {
        var value: UInt64 = 0
        var count = 0
        for b in s.utf8 {
            guard b >= 48, b <= 57 else { return nil }
            count += 1
            if count > 16 { return nil }
            value = value &* 10 &+ UInt64(b &- 48)
        }
        return count == 16 ? value : nil
    }

    /// Formats a value as 16 digits, zero-padded.
    public static func format(_ value: UInt64) -> String {
        var bytes: [UInt8] = []
        appendDigits(value, count: 16, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `value`'s last `out.count` decimal digits, zero-padded, into `out`.
    static func write(_ value: UInt64, to out: UnsafeMutableRawBufferPointer) {
        var v = value
        for i in out.indices.reversed() {
            out[i] = UInt8(v % 10) + 48
            v /= 10
        }
    }

    /// Appends `value`'s last `count` decimal digits, zero-padded.
    static func appendDigits(_ value: UInt64, count: Int, to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(48, count: count))
        bytes.withUnsafeMutableBytes { write(value, to: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
    }

    /// Appends the value's 16 digits with all but the first `first` and the last `last` as `*`.
    static func appendMasked(_ value: UInt64, first: Int, last: Int, to bytes: inout [UInt8]) {
        let start = bytes.count
        appendDigits(value, count: 16, to: &bytes)
        for i in (start + first)..<(start + 16 - last) { bytes[i] = UInt8(ascii: "*") }
    }

    /// The first two digits of a 16-digit value (its province code for NIK and KK).
    public static func prefix2(_ value: UInt64) -> String {
        String(format(value).prefix(2))
    }

    /// NIK as first 6 digits + `******` + last 4 (§7).
    public static func maskNIK(_ value: UInt64) -> String {
        var bytes: [UInt8] = []
        appendMasked(value, first: 6, last: 4, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Card as first 4 + `********` + last 4 (§7).
    public static func maskCard(_ value: UInt64) -> String {
        var bytes: [UInt8] = []
        appendMasked(value, first: 4, last: 4, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
