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
    public static func poolHash(_ pool: [(tier: Int, key: LotteryDigest)]) -> String {
        poolHash(hexPool: pool.map { ($0.tier, $0.key.hex) })
    }

    /// The same hash over keys given as hex text (`verify` recomputes them independently).
    public static func poolHash(hexPool pool: [(tier: Int, key: String)]) -> String {
        var hasher = SHA256()
        for (i, entry) in pool.enumerated() {
            hasher.update(data: Array("\(i + 1),\(entry.tier),\(entry.key)\n".utf8))
        }
        return FileHash.hex(hasher.finalize())
    }
}
