/// Text kept inline when it has at most 31 UTF-8 bytes, otherwise as a `String`.
///
/// A Swift string longer than 15 bytes is a heap object, 64 to 96 bytes with its allocation; a
/// wave holds millions of e-mail addresses of 20 to 30 bytes for its whole run. Inline, one takes
/// the 40 bytes of this value and nothing on the heap. The form depends only on the length, so
/// equal texts have equal values.
enum CompactText: Sendable, Hashable {
    /// The bytes in order in the 32 bytes of the four words; the last byte holds the length.
    case inline(UInt64, UInt64, UInt64, UInt64)
    case long(String)

    static let inlineCapacity = 31

    init(_ text: String) {
        var text = text
        let length = text.utf8.count
        guard length <= Self.inlineCapacity else {
            self = .long(text)
            return
        }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        text.withUTF8 { source in
            withUnsafeMutableBytes(of: &words) { target in
                target.copyMemory(from: UnsafeRawBufferPointer(source))
                target[Self.inlineCapacity] = UInt8(length)
            }
        }
        self = .inline(words.0, words.1, words.2, words.3)
    }

    /// The text as a `String` (made anew each time when inline).
    var string: String {
        switch self {
        case .long(let text):
            return text
        case .inline(let a, let b, let c, let d):
            var words = (a, b, c, d)
            return withUnsafeBytes(of: &words) { raw in
                String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<Int(raw[Self.inlineCapacity])]), as: UTF8.self)
            }
        }
    }

    /// Calls `body` with the text's UTF-8 bytes, without making a `String` when inline.
    func withUTF8<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        switch self {
        case .long(var text):
            return try text.withUTF8(body)
        case .inline(let a, let b, let c, let d):
            let words = (a, b, c, d)
            return try withUnsafeBytes(of: words) { raw in
                let bytes = raw.assumingMemoryBound(to: UInt8.self)
                return try body(UnsafeBufferPointer(rebasing: bytes[0..<Int(bytes[Self.inlineCapacity])]))
            }
        }
    }

    /// Byte order of the texts (the order of SQLite's default collation).
    static func bytewiseLess(_ a: CompactText, _ b: CompactText) -> Bool {
        a.withUTF8 { x in b.withUTF8 { y in x.lexicographicallyPrecedes(y) } }
    }
}
