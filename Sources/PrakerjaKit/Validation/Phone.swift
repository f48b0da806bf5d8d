/// The `phone` column of §4.1.
public enum Phone {
    /// The normal form `+628…` of a phone number, or nil when invalid.
    ///
    /// After trimming spaces and tabs, every space, `-`, `.`, `(` and `)` is removed; then a prefix
    /// `+62`, `0062`, `62` or `0` (tried in that order, the first that matches is taken) must be followed
    /// by a national number matching `8[1-35-9][0-9]{7,10}` and nothing else. A `+` anywhere but first,
    /// a tab or any other character makes the number invalid. The result is at most 15 bytes (a small
    /// string): no heap allocation.
    public static func normalize(_ s: String) -> String? {
        Text.withTrimmedUTF8(s) { buf -> String? in
            // "+62" + up to 12 national digits; anything longer cannot be valid.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { tmp -> String? in
                var n = 0
                for b in buf {
                    switch b {
                    case 0x20, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"):
                        continue
                    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"):
                        guard n < 16 else { return nil }
                        tmp[n] = b
                        n += 1
                    default:
                        return nil
                    }
                }
                let p = UnsafeBufferPointer(rebasing: tmp[0..<n])
                let start: Int
                if hasPrefix(p, "+62") {
                    start = 3
                } else if hasPrefix(p, "0062") {
                    start = 4
                } else if hasPrefix(p, "62") {
                    start = 2
                } else if hasPrefix(p, "0") {
                    start = 1
                } else {
                    return nil
                }
                let national = n - start
                guard national >= 9, national <= 12, p[start] == UInt8(ascii: "8") else { return nil }
                switch p[start + 1] {
                case UInt8(ascii: "1")...UInt8(ascii: "3"), UInt8(ascii: "5")...UInt8(ascii: "9"): break
                default: return nil
                }
                for i in (start + 2)..<n where p[i] &- 0x30 >= 10 { return nil }
                return String(unsafeUninitializedCapacity: 3 + national) { out in
                    out[0] = UInt8(ascii: "+")
                    out[1] = UInt8(ascii: "6")
                    out[2] = UInt8(ascii: "2")
                    for i in 0..<national { out[3 + i] = p[start + i] }
                    return 3 + national
                }
            }
        }
    }

    @inline(__always)
    private static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let k = prefix.utf8CodeUnitCount
        guard p.count >= k else { return false }
        let q = prefix.utf8Start
        for i in 0..<k where p[i] != q[i] { return false }
        return true
    }
}
