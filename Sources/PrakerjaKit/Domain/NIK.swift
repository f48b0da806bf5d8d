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
        var bytes = [UInt8](repeating: 48, count: 16)
        var v = value
        var i = 15
        while v > 0 && i >= 0 {
            bytes[i] = UInt8(v % 10) + 48
            v /= 10
            i -= 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first two digits of a 16-digit value (its province code for NIK and KK).
    public static func prefix2(_ value: UInt64) -> String {
        String(format(value).prefix(2))
    }

    /// NIK as first 6 digits + `******` + last 4 (§7).
    public static func maskNIK(_ value: UInt64) -> String {
        let s = format(value)
        return String(s.prefix(6)) + "******" + String(s.suffix(4))
    }

    /// Card as first 4 + `********` + last 4 (§7).
    public static func maskCard(_ value: UInt64) -> String {
        let s = format(value)
        return String(s.prefix(4)) + "********" + String(s.suffix(4))
    }
}
