/// Text helpers shared by the field validators.
///
/// "Trimming" in the contract (§4) removes spaces (U+0020) and tabs (U+0009) at both ends — nothing
/// else: a line feed, a no-break space or any other whitespace stays and makes a field invalid where
/// the field's rule forbids it. Every validator of this folder trims its input itself, so callers may
/// pass raw CSV fields; trimming an already trimmed value costs two byte comparisons.
public enum Text {
    /// The text without leading and trailing spaces and tabs; the same storage when nothing is removed.
    public static func trim(_ s: String) -> String {
        var s = s
        let (start, end, count) = s.withUTF8 { buf -> (Int, Int, Int) in
            let r = trimmedRange(buf)
            return (r.lowerBound, r.upperBound, buf.count)
        }
        if start == 0 && end == count { return s }
        let u = s.utf8
        return String(Substring(u[u.index(u.startIndex, offsetBy: start)..<u.index(u.startIndex, offsetBy: end)]))
    }

    /// The text without leading and trailing spaces and tabs, as a new `String`.
    public static func trim(_ s: Substring) -> String {
        var s = s
        let (start, end) = s.withUTF8 { buf -> (Int, Int) in
            let r = trimmedRange(buf)
            return (r.lowerBound, r.upperBound)
        }
        let u = s.utf8
        return String(Substring(u[u.index(u.startIndex, offsetBy: start)..<u.index(u.startIndex, offsetBy: end)]))
    }

    /// Replaces every run of two or more spaces (U+0020) by one space. Tabs and other characters are
    /// kept as they are; the text is not trimmed. Returns the same storage when nothing changes.
    public static func collapseSpaces(_ s: String) -> String {
        var s = s
        let needs = s.withUTF8 { buf -> Bool in
            var previousSpace = false
            for b in buf {
                if b == 0x20 {
                    if previousSpace { return true }
                    previousSpace = true
                } else {
                    previousSpace = false
                }
            }
            return false
        }
        if !needs { return s }
        return s.withUTF8 { collapsed($0) }
    }

    /// The bytes with every run of spaces (0x20) reduced to one, as a String.
    static func collapsed(_ buf: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: buf.count) { out in
            var n = 0
            var previousSpace = false
            for b in buf {
                if b == 0x20 {
                    if previousSpace { continue }
                    previousSpace = true
                } else {
                    previousSpace = false
                }
                out[n] = b
                n += 1
            }
            return n
        }
    }

    /// Whether a byte is a space or a tab, the two characters trimming removes.
    @inline(__always)
    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The index range of `buf` without leading and trailing spaces and tabs.
    @inline(__always)
    static func trimmedRange(_ buf: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        var end = buf.count
        while start < end && isBlank(buf[start]) { start += 1 }
        while end > start && isBlank(buf[end - 1]) { end -= 1 }
        return start..<end
    }

    /// Calls `body` with the UTF-8 bytes of `s` without leading and trailing spaces and tabs.
    /// No copy is made for a native string.
    @inline(__always)
    static func withTrimmedUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var s = s
        return try s.withUTF8 { buf in
            let r = trimmedRange(buf)
            return try body(UnsafeBufferPointer(rebasing: buf[r]))
        }
    }

    /// Whether `buf` was the whole of `s` (nothing trimmed): lets a validator return its input unchanged.
    @inline(__always)
    static func isWhole(_ buf: UnsafeBufferPointer<UInt8>, of s: String) -> Bool {
        buf.count == s.utf8.count
    }

    /// The value of an ASCII digit, or nil.
    @inline(__always)
    static func digit(_ b: UInt8) -> Int? {
        let d = b &- 0x30
        return d < 10 ? Int(d) : nil
    }

    /// The number formed by `count` ASCII digits at `offset`, or nil when one is not a digit.
    @inline(__always)
    static func number(_ buf: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        var n = 0
        for i in offset..<(offset + count) {
            let d = buf[i] &- 0x30
            if d >= 10 { return nil }
            n = n * 10 + Int(d)
        }
        return n
    }

    /// Decodes the scalar starting at `i` of valid UTF-8 bytes (taken from a `String`) and moves `i`
    /// past it. No allocation.
    @inline(__always)
    static func nextScalar(_ buf: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Unicode.Scalar {
        let b0 = UInt32(buf[i])
        var v: UInt32
        if b0 < 0x80 {
            i += 1
            return Unicode.Scalar(UInt8(b0))
        } else if b0 < 0xE0 {
            v = (b0 & 0x1F) << 6 | UInt32(buf[i + 1] & 0x3F)
            i += 2
        } else if b0 < 0xF0 {
            v = (b0 & 0x0F) << 12 | UInt32(buf[i + 1] & 0x3F) << 6 | UInt32(buf[i + 2] & 0x3F)
            i += 3
        } else {
            v =
                (b0 & 0x07) << 18 | UInt32(buf[i + 1] & 0x3F) << 12 | UInt32(buf[i + 2] & 0x3F) << 6
                | UInt32(buf[i + 3] & 0x3F)
            i += 4
        }
        return Unicode.Scalar(v) ?? "\u{FFFD}"
    }

    /// A `String` from bytes known to be valid UTF-8.
    @inline(__always)
    static func string(_ buf: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: buf, as: UTF8.self)
    }
}
