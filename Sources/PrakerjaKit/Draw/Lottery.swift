import Crypto

/// The verifiable lottery key (§6.4): lowercase hex SHA-256 of `seed + "|" + nik`.
public enum Lottery {
    /// Anyone with the seed and their NIK can recompute this.
    public static func key(seed: String, nik: UInt64) -> String {
        FileHash.sha256(Array((seed + "|" + SixteenDigits.format(nik)).utf8))
    }

    /// The same key as 32 bytes, for sorting a pool of millions.
    public static func digest(seed: String, nik: UInt64) -> LotteryDigest {
        LotteryDigest(bytes: SHA256.hash(data: Array((seed + "|" + SixteenDigits.format(nik)).utf8)))
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
