import Glibc

extension String {
    /// Byte order of the UTF-8 encodings (the contract's "orders by text are by bytes", and SQLite's
    /// BINARY collation), with one `memcmp` on the contiguous storage instead of walking `utf8`
    /// element by element.
    @inlinable
    public static func bytewiseLess(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let n = Swift.min(x.count, y.count)
                if n > 0 {
                    let c = memcmp(x.baseAddress!, y.baseAddress!, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
        if let result = fast ?? nil { return result }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

/// Sorting millions of strings by bytes without moving them: each string gets a 16-byte big-endian
/// prefix key computed on every core, the keys are sorted as integers, and only ties compare the
/// full text. Sorting the strings themselves spent most of its time retaining and releasing them.
enum ByteOrder {
    struct Key: Comparable {
        var hi: UInt64
        var lo: UInt64
        var index: Int32
        /// The text's length in bytes, up to `UInt32.max` (fits the stride's padding): two texts of
        /// at most 16 bytes (and no NUL) are equal exactly when their keys and lengths are.
        var length: UInt32 = 0
        static func < (a: Key, b: Key) -> Bool { a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo }
    }

    static func prefixKey(_ s: String, index: Int) -> Key {
        prefixKey(s.utf8, index: index)
    }

    static func prefixKey<C: Collection<UInt8>>(_ bytes: C, index: Int) -> Key {
        var hi: UInt64 = 0
        var lo: UInt64 = 0
        var i = 0
        for b in bytes {
            if i < 8 {
                hi |= UInt64(b) << (56 - 8 * UInt64(i))
            } else if i < 16 {
                lo |= UInt64(b) << (56 - 8 * UInt64(i - 8))
            } else {
                break
            }
            i += 1
        }
        return Key(hi: hi, lo: lo, index: Int32(index), length: UInt32(clamping: bytes.count))
    }

    /// The indexes of `count` strings in byte order of `text(i)` (stable: equal strings keep their index order).
    static func permutation(count: Int, jobs: Int, _ text: @Sendable (Int) -> String) -> [Int] {
        var keys = (0..<count).parallelMap(jobs: jobs) { prefixKey(text($0), index: $0) }
        sort(&keys, jobs: jobs) { i, j in
            let (x, y) = (text(i), text(j))
            return x == y ? nil : String.bytewiseLess(x, y)
        }
        return keys.map { Int($0.index) }
    }

    /// The keys of `count` texts kept as ``CompactText`` (no `String` is made for an inline one), in
    /// byte order of the texts (stable); `index` names each text.
    static func sortedKeys(count: Int, jobs: Int, compact text: @Sendable (Int) -> CompactText) -> [Key] {
        var keys = (0..<count).parallelMap(jobs: jobs) { i in text(i).withUTF8 { prefixKey($0, index: i) } }
        sort(&keys, jobs: jobs) { i, j in
            let (x, y) = (text(i), text(j))
            return x == y ? nil : CompactText.bytewiseLess(x, y)
        }
        return keys
    }

    /// Sorts keys on every core: by prefix, then, for equal prefixes, by `less(i, j)` of the texts
    /// (nil when they are equal), then by index.
    private static func sort(_ keys: inout [Key], jobs: Int, less: @Sendable (Int, Int) -> Bool?) {
        keys.parallelSort(jobs: jobs) { a, b in
            if a.hi != b.hi { return a.hi < b.hi }
            if a.lo != b.lo { return a.lo < b.lo }
            return less(Int(a.index), Int(b.index)) ?? (a.index < b.index)
        }
    }
}
