/// The `full_name` column of §4.1.
public enum PersonName {
    /// The longest valid name, in characters (see `normalize`).
    public static let maxLength = 100

    /// The name trimmed (spaces and tabs) with inner runs of spaces collapsed to one, or nil when invalid.
    ///
    /// Valid: 1–100 characters; at least one letter; only letters of any script (Unicode general
    /// category L*), spaces (U+0020), `.`, `,`, `'` and `-`. Combining marks (M*) are accepted right
    /// after a letter or after another such mark (`e` + U+0301, Devanagari vowel signs) and do not count
    /// as characters of their own; a mark after a space, punctuation or at the start is invalid.
    /// "Characters" are therefore letters + punctuation + spaces after collapsing — what a reader
    /// counts, without the cost of grapheme breaking. Inner tabs, no-break spaces, digits, emoji,
    /// typographic apostrophes (’) and all other characters are invalid. An already normal name is
    /// returned as is, without allocation.
    public static func normalize(_ s: String) -> String? {
        Text.withTrimmedUTF8(s) { buf -> String? in
            guard !buf.isEmpty else { return nil }
            var chars = 0
            var hasLetter = false
            var needsCollapse = false
            var previousSpace = false
            var hasNonASCII = false
            for b in buf {
                if b >= 0x80 {
                    hasNonASCII = true
                    break
                }
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    hasLetter = true
                    previousSpace = false
                case 0x20:
                    if previousSpace {
                        needsCollapse = true
                        continue
                    }
                    previousSpace = true
                case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "'"), UInt8(ascii: "-"):
                    previousSpace = false
                default:
                    return nil
                }
                chars += 1
            }
            if hasNonASCII {
                chars = 0
                hasLetter = false
                needsCollapse = false
                previousSpace = false
                var markAllowed = false
                var i = 0
                while i < buf.count {
                    let u = Text.nextScalar(buf, &i)
                    switch u.value {
                    case 0x61...0x7A, 0x41...0x5A:
                        hasLetter = true
                        previousSpace = false
                        markAllowed = true
                    case 0x20:
                        markAllowed = false
                        if previousSpace {
                            needsCollapse = true
                            continue
                        }
                        previousSpace = true
                    case 0x2E, 0x2C, 0x27, 0x2D:
                        previousSpace = false
                        markAllowed = false
                    case 0...0x7F:
                        return nil
                    default:
                        switch u.properties.generalCategory {
                        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                            hasLetter = true
                            previousSpace = false
                            markAllowed = true
                        case .nonspacingMark, .spacingMark, .enclosingMark:
                            guard markAllowed else { return nil }
                            continue  // part of the preceding letter
                        default:
                            return nil
                        }
                    }
                    chars += 1
                }
            }
            guard hasLetter, chars <= maxLength else { return nil }
            if !needsCollapse {
                return Text.isWhole(buf, of: s) ? s : Text.string(buf)
            }
            return Text.collapsed(buf)
        }
    }
}
