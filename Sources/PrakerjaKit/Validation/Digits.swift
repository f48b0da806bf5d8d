/// Plain digit strings (NIK, KK, card numbers, province codes).
public enum Digits {
    /// Whether `s`, after trimming spaces and tabs, is exactly `count` ASCII digits `0`–`9`.
    public static func isDigits(_ s: String, count: Int) -> Bool {
        Text.withTrimmedUTF8(s) { buf in isDigits(buf, count: count) }
    }

    /// Whether `buf` is exactly `count` ASCII digits.
    @inline(__always)
    static func isDigits(_ buf: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        guard buf.count == count else { return false }
        for b in buf where b &- 0x30 >= 10 { return false }
        return true
    }
}
