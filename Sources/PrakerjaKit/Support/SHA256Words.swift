import CSHA256Blocks

/// SHA-256 as its eight state words, for hashing millions of short messages: the lottery keys of a
/// pool and the card numbers' Feistel rounds. A swift-crypto hash object costs an allocation (and
/// a copy of its context when a precomputed state is reused) per message, which was most of the
/// time of both; this runs the compression function on stack buffers (`Sources/CSHA256Blocks`, with
/// the x86 SHA extensions when the CPU has them). Tests hold it to swift-crypto's results.
struct SHA256Words: Sendable, Equatable {
    var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// The initial hash value (FIPS 180-4 §5.3.3).
    static let initial = SHA256Words(
        h: (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19))

    /// Whether the compression runs on the CPU's SHA extensions.
    static let usesExtensions = prakerja_sha256_has_extensions() != 0

    static func == (a: SHA256Words, b: SHA256Words) -> Bool {
        a.h.0 == b.h.0 && a.h.1 == b.h.1 && a.h.2 == b.h.2 && a.h.3 == b.h.3 && a.h.4 == b.h.4 && a.h.5 == b.h.5
            && a.h.6 == b.h.6 && a.h.7 == b.h.7
    }

    /// Runs the compression function over whole 64-byte blocks.
    mutating func compress(_ blocks: UnsafeRawBufferPointer, portable: Bool = false) {
        precondition(blocks.count % 64 == 0, "SHA-256 blocks are 64 bytes")
        guard let data = blocks.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        withUnsafeMutableBytes(of: &h) { raw in
            let words = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            if Self.usesExtensions, !portable {
                prakerja_sha256_blocks_extensions(words, data, blocks.count / 64)
            } else {
                prakerja_sha256_blocks_portable(words, data, blocks.count / 64)
            }
        }
    }

    /// The hash of a message whose first `prefixLength` bytes (a multiple of 64) this state has
    /// absorbed already and whose remaining bytes are `rest`: the rest's whole blocks, then the
    /// padding (FIPS 180-4 §5.1.1).
    func finishing(_ rest: UnsafeRawBufferPointer, prefixLength: Int = 0, portable: Bool = false) -> SHA256Words {
        var state = self
        let whole = rest.count / 64 * 64
        if whole > 0 { state.compress(UnsafeRawBufferPointer(rebasing: rest[0..<whole]), portable: portable) }
        let tail = rest.count - whole
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { pad in
            pad.initializeMemory(as: UInt8.self, repeating: 0)
            if tail > 0 { pad.baseAddress!.copyMemory(from: rest.baseAddress! + whole, byteCount: tail) }
            pad[tail] = 0x80
            let length = tail + 9 <= 64 ? 64 : 128
            let bits = UInt64(prefixLength + rest.count) &* 8
            for i in 0..<8 { pad[length - 1 - i] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i))) }
            state.compress(UnsafeRawBufferPointer(rebasing: pad[0..<length]), portable: portable)
        }
        return state
    }

    /// The digest's 32 bytes, big-endian words in order.
    var bytes: [UInt8] {
        withUnsafeBytes(of: h) { raw in
            (0..<8).flatMap { i -> [UInt8] in
                let word = raw.load(fromByteOffset: 4 * i, as: UInt32.self)
                return [
                    UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
                    UInt8(truncatingIfNeeded: word),
                ]
            }
        }
    }

    /// The digest as a lottery key (its bytes read as four big-endian 64-bit words).
    var lotteryDigest: LotteryDigest {
        LotteryDigest(
            w0: UInt64(h.0) << 32 | UInt64(h.1), w1: UInt64(h.2) << 32 | UInt64(h.3), w2: UInt64(h.4) << 32 | UInt64(h.5),
            w3: UInt64(h.6) << 32 | UInt64(h.7))
    }
}
