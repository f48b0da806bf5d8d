import Foundation
import GRDB

/// `prakerja verify --wave N` (§8): recomputes the draw from the pool stored at the run and the seed,
/// and checks it against the stored outcomes and the manifest's hashes of the report files.
///
/// What is recomputed, by anyone with the seed and the NIKs:
/// - every pool member's `lottery_key` = SHA-256(seed | nik), and its `lottery_rank` from the sort
///   by (tier, key), hence the pool SHA-256 (stored at the run and written in manifest.json);
/// - the walk's bookkeeping: pool members are Lulus, `family_limit` or `quota_full`, others are none
///   of these and have no rank; no more Lulus than the places; Lulus cards are Luhn-valid and were
///   issued in rank order.
/// - the reports: every file listed in manifest.json has the SHA-256 written there, and the same
///   bytes come out of the stored results.
/// Province places and the families' earlier participants are inputs of the walk that the database
/// does not keep as they were at the run, so the walk itself is checked through these invariants.
public enum Verify {
    /// The outcome of a verification.
    public struct Report: Sendable, Hashable {
        public var wave: Int
        public var outcomes: Int
        public var pool: Int
        public var reports: Int
        /// One line per difference; empty when everything matches.
        public var differences: [String]

        public var matches: Bool { differences.isEmpty }

        /// One line for the operator.
        public var line: String {
            if matches {
                return "wave \(wave): verified: \(outcomes) outcomes, pool of \(pool), \(reports) report files match the manifest"
            }
            return "wave \(wave): \(differences.count) difference(s) found"
        }
    }

    /// Verifies a wave read-only (never blocked by a writer). Unknown wave 66; an imported wave has
    /// no draw (65).
    public static func run(wave: Int, context: CommandContext) throws -> Report {
        let store = try Store.openForReading(path: context.dbPath)
        defer { store.close() }
        return try store.read { db in
            guard let record = try Store.waveRecord(db, wave) else { throw PrakerjaError.missingInput("wave \(wave): unknown") }
            if record.state == .imported {
                throw PrakerjaError.badInput("wave \(wave): imported with import-participants; it has no draw to verify")
            }
            let result = try Store.loadResult(db, wave: wave)
            var differences = checkDraw(result, jobs: context.jobs)
            differences += try checkCards(db, result)
            let reports = checkReports(result, outDir: context.outDir)
            differences += reports.differences
            return Report(
                wave: wave, outcomes: result.outcomes.count, pool: result.outcomes.filter { $0.tier != nil }.count,
                reports: reports.checked, differences: differences)
        }
    }

    /// Keys, ranks, pool hash and the walk's bookkeeping.
    static func checkDraw(_ result: WaveResult, jobs: Int) -> [String] {
        var out: [String] = []
        let seed = result.seed
        let pool = result.outcomes.filter { $0.tier != nil || $0.lotteryRank != nil || $0.lotteryKey != nil }
        let keys = pool.parallelMap(jobs: jobs) { Lottery.key(seed: seed, nik: $0.nik) }
        for (o, key) in zip(pool, keys) {
            if o.tier == nil || o.lotteryRank == nil || o.lotteryKey == nil {
                out.append("registration \(o.registrationID): tier, lottery_key and lottery_rank must all be set for a pool member")
            }
            if let stored = o.lotteryKey?.hex, stored != key {
                out.append("registration \(o.registrationID): lottery_key \(stored) differs from SHA-256(seed|nik) \(key)")
            }
        }
        var order = Array(pool.indices)
        order.sort { a, b in
            let (x, y) = (pool[a].tier ?? Int.max, pool[b].tier ?? Int.max)
            return x != y ? x < y : keys[a].utf8.lexicographicallyPrecedes(keys[b].utf8)
        }
        for (rank, i) in order.enumerated() where pool[i].lotteryRank != rank + 1 {
            out.append(
                "registration \(pool[i].registrationID): lottery_rank \(pool[i].lotteryRank.map(String.init) ?? "empty") differs from the recomputed \(rank + 1)"
            )
        }
        let poolHash = Lottery.poolHash(hexPool: order.map { (pool[$0].tier ?? 0, keys[$0]) })
        if poolHash != result.poolSHA256 {
            out.append("pool: SHA-256 \(poolHash) recomputed, \(result.poolSHA256) stored at the run")
        }
        var lulus = 0
        for i in order {
            let o = pool[i]
            switch o.reason {
            case nil: lulus += 1
            case .familyLimit?, .quotaFull?: break
            case let reason?: out.append("registration \(o.registrationID): in the pool but Gagal \(reason.name)")
            }
        }
        if lulus > result.places { out.append("draw: \(lulus) Lulus for \(result.places) places") }
        for o in result.outcomes where o.tier == nil && o.lotteryRank == nil && o.lotteryKey == nil {
            if o.isLulus || o.reason == .familyLimit || o.reason == .quotaFull {
                out.append("registration \(o.registrationID): \(o.reason?.name ?? "Lulus") but not in the pool")
            }
        }
        return out
    }

    /// Lulus cards: Luhn-valid, held by this wave, issued in lottery_rank order.
    static func checkCards(_ db: Database, _ result: WaveResult) throws -> [String] {
        var out: [String] = []
        let lulus = result.outcomes.filter(\.isLulus).sorted { ($0.lotteryRank ?? 0) < ($1.lotteryRank ?? 0) }
        let counter = try db.makeStatement(sql: "SELECT counter FROM cards WHERE card_number = ? AND wave = ? AND nik = ?")
        var previous: Int64 = -1
        for o in lulus {
            guard let card = o.card, CardNumberGenerator.isLuhnValid(card) else {
                out.append("registration \(o.registrationID): Lulus without a valid card number")
                continue
            }
            counter.setUncheckedArguments([Int64(card), result.wave, Int64(o.nik)])
            guard let value = try Int64.fetchOne(counter) else {
                out.append("registration \(o.registrationID): card \(SixteenDigits.maskCard(card)) is not issued to it")
                continue
            }
            if value <= previous {
                out.append("registration \(o.registrationID): card \(SixteenDigits.maskCard(card)) not issued in lottery_rank order")
            }
            previous = value
        }
        return out
    }

    /// The manifest's report hashes against the files and against the stored results.
    static func checkReports(_ result: WaveResult, outDir: String) -> (checked: Int, differences: [String]) {
        let dir = outDir + "/waves/\(result.wave)"
        guard let data = FileManager.default.contents(atPath: dir + "/manifest.json") else {
            return (0, ["manifest.json: missing in \(dir)"])
        }
        struct Listed: Decodable { var file: String; var sha256: String }
        struct Written: Decodable {
            var wave: Int?
            var seed: String?
            var poolSHA256: String?
            var outputs: [Listed]?
            enum CodingKeys: String, CodingKey { case wave, seed, poolSHA256 = "pool_sha256", outputs }
        }
        guard let manifest = try? JSONDecoder().decode(Written.self, from: data), let outputs = manifest.outputs else {
            return (0, ["manifest.json: not a manifest (no outputs list)"])
        }
        var out: [String] = []
        if manifest.wave != result.wave {
            out.append("manifest.json: wave \(manifest.wave.map(String.init) ?? "missing"), expected \(result.wave)")
        }
        if manifest.seed != result.seed { out.append("manifest.json: seed differs from the seed stored at the run") }
        if manifest.poolSHA256 != result.poolSHA256 {
            out.append("manifest.json: pool_sha256 \(manifest.poolSHA256 ?? "missing"), stored at the run \(result.poolSHA256)")
        }
        let regenerated: [String: [UInt8]] = [
            "outcomes.csv": WaveReports.outcomes(result),
            "rejected_rows.csv": WaveReports.rejectedRows(result.rejected),
            "review.csv": WaveReports.review(result),
            "summary.csv": WaveReports.summary(result),
            "fairness.csv": Fairness(outcomes: result.outcomes).csv(),
        ]
        for name in regenerated.keys.sorted() where !outputs.contains(where: { $0.file == name }) {
            out.append("manifest.json: \(name) is not listed")
        }
        for listed in outputs {
            let path = dir + "/" + listed.file
            if let bytes = FileManager.default.contents(atPath: path) {
                let sha = FileHash.sha256(bytes)
                if sha != listed.sha256 { out.append("\(listed.file): SHA-256 \(sha) differs from the manifest's \(listed.sha256)") }
            } else {
                out.append("\(listed.file): missing in \(dir)")
            }
            if let bytes = regenerated[listed.file] {
                let sha = FileHash.sha256(bytes)
                if sha != listed.sha256 {
                    out.append("\(listed.file): the stored results give SHA-256 \(sha), the manifest says \(listed.sha256)")
                }
            }
        }
        return (outputs.count, out)
    }
}
