import Crypto

/// The verifiable lottery key (§6.4): lowercase hex SHA-256 of `seed + "|" + nik`.
public enum Lottery {
    /// Anyone with the seed and their NIK can recompute this.
    public static func key(seed: String, nik: UInt64) -> String {
        FileHash.sha256(Array((seed + "|" + SixteenDigits.format(nik)).utf8))
    }

    /// The same key as 32 bytes, for sorting a pool of millions.
    public static func digest(seed: String, nik: UInt64) -> LotteryDigest {
        Digester(seed: seed).digest(nik: nik)
    }

    /// Lottery keys of one seed, as 32 bytes, made without allocating: the message `seed|NIK` is
    /// written on the stack and hashed by ``SHA256Words``, the seed's whole blocks absorbed once.
    struct Digester: Sendable {
        /// The state after the seed's whole 64-byte blocks.
        private let prefixState: SHA256Words
        private let prefixLength: Int
        /// The seed's bytes after those blocks.
        private let seedTail: [UInt8]

        init(seed: String) {
            let bytes = Array(seed.utf8)
            let whole = bytes.count / 64 * 64
            var state = SHA256Words.initial
            bytes.withUnsafeBytes { state.compress(UnsafeRawBufferPointer(rebasing: $0[0..<whole])) }
            prefixState = state
            prefixLength = whole
            seedTail = Array(bytes[whole...])
        }

        func digest(nik: UInt64) -> LotteryDigest {
            let count = seedTail.count + 17
            return withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) { message in
                seedTail.withUnsafeBytes { message.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: seedTail.count) }
                message[seedTail.count] = UInt8(ascii: "|")
                // The NIK as 16 digits, zero-padded (as `SixteenDigits.format`).
                SixteenDigits.write(nik, to: UnsafeMutableRawBufferPointer(rebasing: message[(count - 16)...]))
                return prefixState.finishing(UnsafeRawBufferPointer(message), prefixLength: prefixLength).lotteryDigest
            }
        }
    }

    /// SHA-256 of the pool lines `lottery_rank,tier,lottery_key` in rank order, LF-terminated.
    public static func poolHash<Pool: Sequence>(_ pool: Pool) -> String where Pool.Element == (Int, LotteryDigest) {
        var lines = PoolLines()
        for (tier, key) in pool { lines.append(tier: tier) { key.appendHex(to: &$0) } }
        return lines.finish()
    }

    /// The same hash over keys given as hex text (`verify` recomputes them independently).
    public static func poolHash(hexPool pool: [(tier: Int, key: String)]) -> String {
        var lines = PoolLines()
        for entry in pool { lines.append(tier: entry.tier) { $0.append(contentsOf: entry.key.utf8) } }
        return lines.finish()
    }

    /// The pool lines, hashed as they are written in 64 KiB pieces: a pool of millions is never
    /// held as text.
    private struct PoolLines {
        var hasher = SHA256()
        var bytes: [UInt8] = []
        var rank = 0

        init() { bytes.reserveCapacity(1 << 16) }

        mutating func append(tier: Int, key: (inout [UInt8]) -> Void) {
            rank += 1
            bytes.append(contentsOf: String(rank).utf8)
            bytes.append(UInt8(ascii: ","))
            bytes.append(contentsOf: String(tier).utf8)
            bytes.append(UInt8(ascii: ","))
            key(&bytes)
            bytes.append(UInt8(ascii: "\n"))
            if bytes.count >= (1 << 16) - 128 {
                hasher.update(data: bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }

        mutating func finish() -> String {
            hasher.update(data: bytes)
            return FileHash.hex(hasher.finalize())
        }
    }
}
