/// The `email` column of §4.1.
public enum Email {
    /// The longest valid address, in Unicode scalars.
    public static let maxLength = 254

    /// The lower-cased address, or nil when invalid.
    ///
    /// After trimming spaces and tabs: exactly one `@`; a non-empty local part (any characters but the
    /// ones below); a domain of non-empty labels separated by `.`, with at least one `.`; no whitespace
    /// (any Unicode `White_Space` character, e.g. U+00A0 or U+3000) and no control character (Cc);
    /// at most 254 characters, counted as Unicode scalars of the trimmed input (the same as bytes for
    /// an ASCII address). Lower-casing is Unicode's full lower-case mapping (ASCII-only addresses take
    /// a fast path); an already lower-case, trimmed address is returned as is, without allocation.
    public static func normalize(_ s: String) -> String? {
        Text.withTrimmedUTF8(s) { buf -> String? in
            var at = -1
            var scalars = 0
            var hasUpper = false
            var hasNonASCII = false
            for i in 0..<buf.count {
                let b = buf[i]
                if b & 0xC0 != 0x80 { scalars += 1 }
                if b >= 0x80 {
                    hasNonASCII = true
                    continue
                }
                switch b {
                case UInt8(ascii: "@"):
                    guard at < 0 else { return nil }
                    at = i
                case 0x00...0x20, 0x7F:
                    return nil
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    hasUpper = true
                default:
                    break
                }
            }
            guard at > 0, scalars <= maxLength else { return nil }
            // Domain: labels non-empty, at least one dot.
            let domainStart = at + 1
            guard domainStart < buf.count, buf[domainStart] != UInt8(ascii: "."),
                buf[buf.count - 1] != UInt8(ascii: ".")
            else { return nil }
            var dots = 0
            var previousDot = false
            for i in domainStart..<buf.count {
                if buf[i] == UInt8(ascii: ".") {
                    if previousDot { return nil }
                    dots += 1
                    previousDot = true
                } else {
                    previousDot = false
                }
            }
            guard dots >= 1 else { return nil }
            if hasNonASCII {
                var i = 0
                while i < buf.count {
                    let u = Text.nextScalar(buf, &i)
                    if u.properties.isWhitespace || u.properties.generalCategory == .control { return nil }
                }
                return Text.string(buf).lowercased()
            }
            if !hasUpper {
                return Text.isWhole(buf, of: s) ? s : Text.string(buf)
            }
            return String(unsafeUninitializedCapacity: buf.count) { out in
                for i in 0..<buf.count {
                    let b = buf[i]
                    out[i] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                }
                return buf.count
            }
        }
    }
}
