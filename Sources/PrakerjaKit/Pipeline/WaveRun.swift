import Foundation
import GRDB
import Synchronization

/// `prakerja run WAVE_DIR` (§8): ingest → check → match → draw → store → report.
public enum WaveRun {
    /// What a run did, for the summary line and the ledger.
    public struct Summary: Sendable {
        public var wave: Int
        public var rowsRead: Int
        public var outcomes: Int
        public var rejected: Int
        public var lulus: Int
        public var gagal: Int
        /// True when a published wave's reports were only rewritten from the database.
        public var reportsOnly: Bool
        public var warnings: [String]
        /// Registrant files with their row accounting.
        public var files: [InputFile] = []

        /// One line for the operator.
        public var line: String {
            if reportsOnly {
                return "wave \(wave): published; reports rewritten from the database (\(outcomes) outcomes, \(rejected) rejected rows)"
            }
            return "wave \(wave): \(rowsRead) rows read = \(outcomes) outcomes + \(rejected) rejected; \(lulus) Lulus, \(gagal) Gagal"
        }

        /// The summary line followed by one line per registrant file.
        public var report: String {
            ([line] + files.map { "  \($0.path): \($0.rows) rows = \($0.outcomes ?? 0) outcomes + \($0.rejected) rejected" }).joined(
                separator: "\n")
        }
    }

    /// Runs the wave in its own command (opens the database, one transaction).
    public static func run(waveDir: String, context: CommandContext) throws -> Summary {
        let loaded = try WaveInputs.loadConfig(waveDir: waveDir)
        return try Store.command(path: context.dbPath) { store in
            try run(loaded, store: store, context: context)
        }
    }

    /// Runs the wave on an open store (used by `nightly` too).
    static func run(_ loaded: WaveInputs.Config, store: Store, context: CommandContext) throws -> Summary {
        let config = loaded.config
        let wave = config.wave
        let phases = PhaseLogger(logger: context.logger, command: "run \(wave)")
        let progress = Progress(label: "wave \(wave): reading", enabled: !context.quiet)
        defer { progress.finish() }
        let startedAt = Clock.isoNow()
        var staged: [PendingFile] = []
        let summary: Summary = try store.write(command: "prakerja run \(loaded.waveDir)") { db in
            let record = try Store.waveRecord(db, wave)
            try refuseIfNotRunnable(db, wave: wave, record: record)

            if record?.state == .published {
                let current = try WaveInputs.hashInputs(waveDir: loaded.waveDir, configSHA256: loaded.configSHA256)
                let storedInputs = try JSONDecoder().decode([InputFile].self, from: Data((record?.inputs ?? "[]").utf8))
                let changed = WaveInputs.changedFiles(stored: storedInputs, current: current)
                if !changed.isEmpty {
                    throw PrakerjaError.badInput(
                        "wave \(wave): published, and its inputs changed: \(changed.joined(separator: ", ")); a published wave cannot be run again"
                    )
                }
                let result = try Store.loadResult(db, wave: wave)
                staged = try WaveReportWriter.stage(result, outDir: context.outDir, startedAt: startedAt).files
                try Store.appendLedger(
                    db, command: "run \(wave)", startedAt: startedAt, inputs: result.inputs, configSHA256: loaded.configSHA256,
                    counts: ["outcomes": result.outcomes.count], result: "reports rewritten")
                return Summary(
                    wave: wave, rowsRead: result.outcomes.count + result.rejected.count, outcomes: result.outcomes.count,
                    rejected: result.rejected.count, lulus: result.outcomes.lulusCount,
                    gagal: result.outcomes.count - result.outcomes.lulusCount, reportsOnly: true, warnings: [])
            }

            let cardKey = try Store.cardKey(db, source: context.cardKey)
            var ingested = try RegistrantIngest.ingest(
                waveDir: loaded.waveDir, closes: config.closes, jobs: context.jobs, progress: progress)
            phases.phase("ingest", rows: ingested.registrations.count + ingested.rejected.count)
            for warning in ingested.warnings { context.logger.warning("wave \(wave): \(warning)") }
            let rowsRead = ingested.registrations.count + ingested.rejected.count
            if rowsRead > 0, Double(ingested.rejected.count) / Double(rowsRead) > config.rules.maxRejectShare {
                let file = try OutputWriter.stage(
                    WaveReports.rejectedRows(ingested.rejected), to: context.outDir + "/waves/\(wave)/rejected_rows.csv")
                try OutputWriter.commit([file])
                throw PrakerjaError.badInput(
                    "wave \(wave): \(ingested.rejected.count) of \(rowsRead) rows rejected, more than max_reject_share \(config.rules.maxRejectShare); see \(context.outDir)/waves/\(wave)/rejected_rows.csv; nothing stored"
                )
            }
            let exclusions = try Exclusions.load(waveDir: loaded.waveDir)
            let decisionFiles = try DecisionFiles.load(waveDir: loaded.waveDir)
            var decisions = try Store.decisions(db, wave: wave)
            for (key, d) in decisionFiles.decisions { decisions[key] = d }

            // A wave without a row has stored nothing (its rows and its `waves` row commit together).
            if record != nil { try Store.clearSelection(db, wave: wave) }
            let cardBase = try Store.nextCardCounter(db)
            progress.stage("wave \(wave): selecting")
            let writer = Store.BackgroundWriter(db, jobs: context.jobs)
            // However the selection ends, nothing may still write when the transaction ends.
            defer { writer.drain() }
            let selection = try Selection(config: config, jobs: context.jobs, logger: phases, databasePath: store.path).run(
                db, registrations: &ingested.registrations, exclusions: exclusions, decisions: decisions, cardKey: cardKey,
                cardBase: cardBase, writer: writer)

            let inputs = [loaded.configFile] + ingested.files + exclusions.files + decisionFiles.files
            var result = WaveResult(
                wave: wave, seed: config.seed, configSHA256: loaded.configSHA256, inputs: inputs, outcomes: selection.outcomes,
                rejected: ingested.rejected, reviewItems: [], decisions: decisions, poolSHA256: "",
                places: selection.places, warnings: ingested.warnings.sorted())
            // Three threads from here: the reports that do not need the review items are written to
            // temporary files on one; this one stores the selection in SQLite (one writer); the
            // matcher may still be finding the review items (``Review``). Then the review items and
            // the pool hash (made meanwhile too) are stored, and review.csv and the manifest
            // written. Files are renamed only after the commit.
            let reportsDone = DispatchGroup()
            let reportsResult = Mutex<Result<WaveReportWriter.Staged, any Error>?>(nil)
            let outDir = context.outDir
            let jobs = context.jobs
            do {
                let partial = result
                DispatchQueue.global().async(group: reportsDone) {
                    let r = Result { try WaveReportWriter.stageOutcomes(partial, outDir: outDir, jobs: jobs) }
                    reportsResult.withLock { $0 = r }
                }
            }
            let stored = Result {
                try writer.wait()
                try Store.saveSelection(
                    db, result: result, config: config, exclusions: exclusions,
                    cardBase: cardBase, storedDecisions: decisions, jobs: context.jobs)
                result.poolSHA256 = selection.poolSHA256.value
                result.reviewItems = selection.review.items
                let reviewWarnings = selection.review.warnings()
                for w in reviewWarnings { context.logger.warning("wave \(wave): \(w)") }
                result.warnings = (result.warnings + reviewWarnings).sorted()
                try Store.saveReview(db, result: result)
            }
            reportsDone.wait()
            let reportsOutcome = reportsResult.withLock { $0 }!
            if case .failure = stored, case .success(let r) = reportsOutcome { OutputWriter.discard(r.files) }
            try stored.get()
            let reports = try WaveReportWriter.stageReview(
                result, after: try reportsOutcome.get(), outDir: outDir, startedAt: startedAt)
            let warnings = result.warnings
            phases.phase("store and reports")
            let lulus = result.outcomes.lulusCount
            try Store.appendLedger(
                db, command: "run \(wave)", startedAt: startedAt, inputs: inputs, configSHA256: loaded.configSHA256,
                counts: [
                    "rows": rowsRead, "outcomes": result.outcomes.count, "rejected": result.rejected.count, "lulus": lulus,
                    "gagal": result.outcomes.count - lulus,
                ],
                result: "selected")
            staged = reports.files
            for w in reports.warnings { context.logger.warning("wave \(wave): \(w)") }
            return Summary(
                wave: wave, rowsRead: rowsRead, outcomes: result.outcomes.count, rejected: result.rejected.count,
                lulus: lulus, gagal: result.outcomes.count - lulus, reportsOnly: false, warnings: warnings + reports.warnings,
                files: ingested.files)
        }
        // The transaction's commit, which checkpoints the WAL into the database file.
        phases.phase("commit")
        try OutputWriter.commit(staged)
        return summary
    }

    /// §8: refused while an earlier wave is unpublished or a later wave is published; imported waves are never run.
    static func refuseIfNotRunnable(_ db: Database, wave: Int, record: WaveRecord?) throws {
        if record?.state == .imported {
            throw PrakerjaError.badInput("wave \(wave): imported with import-participants; an imported wave cannot be run")
        }
        if let earlier = try Int.fetchOne(db, sql: "SELECT min(wave) FROM waves WHERE wave < ? AND state = 'selected'", arguments: [wave]) {
            throw PrakerjaError.badInput(
                "wave \(wave): refused: earlier wave \(earlier) is not published yet (publish it first: prakerja publish --wave \(earlier))"
            )
        }
        if let later = try Int.fetchOne(
            db, sql: "SELECT max(wave) FROM waves WHERE wave > ? AND state IN ('published', 'imported')", arguments: [wave])
        {
            throw PrakerjaError.badInput("wave \(wave): refused: a later wave (\(later)) is already published")
        }
    }
}
