/// A lottery key held as its 32 bytes (four big-endian words), not as 64 hex characters: ordering
/// the words as integers is ordering the hex text, at a fraction of the memory and comparison cost.
public struct LotteryDigest: Sendable, Hashable, Comparable {
    public var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// From the 32 bytes of a SHA-256 digest.
    public init<S: Sequence>(bytes: S) where S.Element == UInt8 {
        var words: [UInt64] = [0, 0, 0, 0]
        for (i, b) in bytes.enumerated() where i < 32 { words[i / 8] = words[i / 8] << 8 | UInt64(b) }
        (w0, w1, w2, w3) = (words[0], words[1], words[2], words[3])
    }

    /// From the four 64-bit words.
    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// From 64 lowercase hex characters.
    public init?(hex: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8
            switch c {
            case 48...57: v = c - 48
            case 97...102: v = c - 87
            default: return nil
            }
            if let h = high {
                bytes.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        guard bytes.count == 32, high == nil else { return nil }
        self.init(bytes: bytes)
    }

    /// The 64 lowercase hex characters of the contract.
    public var hex: String {
        // Written straight into the string's storage: this runs once per pool member when a wave is stored.
        String(unsafeUninitializedCapacity: 64) { out in
            writeHex(into: out, at: 0)
            return 64
        }
    }

    /// Calls `body` with the 64 hex characters, written on the stack.
    func withHex<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { out in
            writeHex(into: out, at: 0)
            return try body(UnsafeBufferPointer(out))
        }
    }

    /// Appends the 64 hex characters to `bytes`.
    func appendHex(to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 64))
        bytes.withUnsafeMutableBufferPointer { out in
            writeHex(into: out, at: start)
        }
    }

    /// Writes the 64 hex characters at `offset` (the words most significant first, no array).
    @inline(__always) private func writeHex(into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        Self.writeHex(w0, into: out, at: offset)
        Self.writeHex(w1, into: out, at: offset + 16)
        Self.writeHex(w2, into: out, at: offset + 32)
        Self.writeHex(w3, into: out, at: offset + 48)
    }

    @inline(__always) private static func writeHex(_ w: UInt64, into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        for i in 0..<16 {
            let nibble = UInt8(truncatingIfNeeded: w >> UInt64(60 - 4 * i)) & 15
            out[offset + i] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
        }
    }

    public static func < (a: LotteryDigest, b: LotteryDigest) -> Bool {
        (a.w0, a.w1, a.w2, a.w3) < (b.w0, b.w1, b.w2, b.w3)
    }
}
