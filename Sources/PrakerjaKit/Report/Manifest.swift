import Foundation

/// manifest.json (§7.1): what went in, what came out, and their hashes.
struct Manifest: Encodable {
    struct Output: Encodable { var file: String; var sha256: String }
    struct PValue: Encodable {
        var tier: Int
        var dimension: String
        var pValue: Double?
        enum CodingKeys: String, CodingKey { case tier, dimension, pValue = "p_value" }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(tier, forKey: .tier)
            try c.encode(dimension, forKey: .dimension)
            try c.encode(pValue, forKey: .pValue)
        }
    }
    var wave: Int
    var toolVersion: String
    var configSHA256: String
    var seed: String
    var inputs: [InputFile]
    var rowsRead: Int
    var outcomeRows: Int
    var rejectedRows: Int
    var counts: [String: Int]
    var reasons: [String: Int]
    var rejectedByReason: [String: Int]
    var poolSHA256: String
    var poolSize: Int
    var places: Int
    var fairness: [PValue]
    var outputs: [Output]
    var warnings: [String]
    var startedAt: String
    var finishedAt: String

    enum CodingKeys: String, CodingKey {
        case wave, toolVersion = "tool_version", configSHA256 = "config_sha256", seed, inputs, rowsRead = "rows_read"
        case outcomeRows = "outcome_rows", rejectedRows = "rejected_rows", counts, reasons
        case rejectedByReason = "rejected_by_reason", poolSHA256 = "pool_sha256", poolSize = "pool_size", places
        case fairness, outputs, warnings, startedAt = "started_at", finishedAt = "finished_at"
    }

    /// How many outcomes have each reason (index 0: Lulus) and how many were in the pool: counted
    /// with the reports that do not need the review items, so the manifest, written last, does not
    /// walk the outcomes again.
    struct Counts: Sendable {
        var byReason: [Int]
        var poolSize = 0

        init(_ outcomes: Outcomes) {
            byReason = [Int](repeating: 0, count: (Reason.allCases.map(\.rawValue).max() ?? 0) + 1)
            for k in outcomes.indices {
                let o = outcomes.brief(at: k)
                byReason[o.reason?.rawValue ?? 0] += 1
                if o.tier != nil { poolSize += 1 }
            }
        }
    }

    init(result: WaveResult, counts outcomeCounts: Counts, fairness: Fairness, outputs: [Output], startedAt: String) {
        wave = result.wave
        toolVersion = PrakerjaKit.version
        configSHA256 = result.configSHA256
        seed = result.seed
        inputs = result.inputs
        outcomeRows = result.outcomes.count
        rejectedRows = result.rejected.count
        rowsRead = outcomeRows + rejectedRows
        var counts = ["Lulus": 0, "Gagal": 0]
        var reasons = Dictionary(uniqueKeysWithValues: Reason.allCases.map { ($0.name, 0) })
        let byReason = outcomeCounts.byReason
        counts["Lulus"] = byReason[0]
        counts["Gagal"] = result.outcomes.count - byReason[0]
        for reason in Reason.allCases { reasons[reason.name] = byReason[reason.rawValue] }
        self.counts = counts
        self.reasons = reasons
        var rejected = Dictionary(uniqueKeysWithValues: RejectReason.allCases.map { ($0.name, 0) })
        for r in result.rejected { rejected[r.reason.name, default: 0] += 1 }
        rejectedByReason = rejected
        poolSHA256 = result.poolSHA256
        poolSize = outcomeCounts.poolSize
        places = result.places
        self.fairness = fairness.tests.map { PValue(tier: $0.tier, dimension: $0.dimension, pValue: $0.pValue) }
        self.outputs = outputs
        warnings = result.warnings + fairness.warnings
        self.startedAt = startedAt
        finishedAt = Clock.isoNow()
    }

    func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data()) + [10]
    }
}

/// Stages the §7.1 reports of a wave for an atomic rename after commit.
enum WaveReportWriter {
    /// The reports that do not depend on the review items, staged.
    struct Staged: Sendable {
        /// outcomes.csv, rejected_rows.csv, summary.csv, fairness.csv.
        var files: [PendingFile]
        var fairness: Fairness
        var counts: Manifest.Counts
    }

    static func stage(_ result: WaveResult, outDir: String, startedAt: String, jobs: Int = 1) throws -> (
        files: [PendingFile], warnings: [String]
    ) {
        try stageReview(result, after: try stageOutcomes(result, outDir: outDir, jobs: jobs), outDir: outDir, startedAt: startedAt)
    }

    /// outcomes.csv, rejected_rows.csv, summary.csv and fairness.csv: everything but the review
    /// items, so they can be written while the matcher is still running.
    static func stageOutcomes(_ result: WaveResult, outDir: String, jobs: Int = 1) throws -> Staged {
        let dir = outDir + "/waves/\(result.wave)"
        let fairness = Fairness(outcomes: result.outcomes)
        var staged: [PendingFile] = []
        do {
            staged.append(
                try OutputWriter.stage(to: dir + "/outcomes.csv") { sink in
                    try WaveReports.writeOutcomes(result, jobs: jobs) { try sink.write($0) }
                })
            let parts: [(String, [UInt8])] = [
                ("rejected_rows.csv", WaveReports.rejectedRows(result.rejected)),
                ("summary.csv", WaveReports.summary(result)),
                ("fairness.csv", fairness.csv()),
            ]
            for (name, bytes) in parts { staged.append(try OutputWriter.stage(bytes, to: dir + "/" + name)) }
            return Staged(files: staged, fairness: fairness, counts: Manifest.Counts(result.outcomes))
        } catch {
            OutputWriter.discard(staged)
            throw error
        }
    }

    /// review.csv and manifest.json, once `result` has its review items and warnings; returns every
    /// staged file (those of `staged` too) and the fairness warnings.
    static func stageReview(_ result: WaveResult, after staged: Staged, outDir: String, startedAt: String) throws -> (
        files: [PendingFile], warnings: [String]
    ) {
        let dir = outDir + "/waves/\(result.wave)"
        var files = staged.files
        do {
            files.append(try OutputWriter.stage(WaveReports.review(result), to: dir + "/review.csv"))
            // The manifest lists the files in this order.
            let named = Dictionary(uniqueKeysWithValues: files.map { (($0.finalPath as NSString).lastPathComponent, $0) })
            let outputs = ["outcomes.csv", "rejected_rows.csv", "review.csv", "summary.csv", "fairness.csv"].map {
                Manifest.Output(file: $0, sha256: named[$0]!.sha256)
            }
            let manifest = Manifest(
                result: result, counts: staged.counts, fairness: staged.fairness, outputs: outputs, startedAt: startedAt)
            files.append(try OutputWriter.stage(manifest.json(), to: dir + "/manifest.json"))
            return (files, staged.fairness.warnings)
        } catch {
            OutputWriter.discard(files)
            throw error
        }
    }
}
