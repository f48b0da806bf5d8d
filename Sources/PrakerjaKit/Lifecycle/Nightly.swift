import Foundation
import GRDB

/// `prakerja nightly DATA_DIR [--as-of DATE]` (§8): the unattended catch-up run.
///
/// It imports the new files of `DATA_DIR/purchases/`, then, for each due date `d` in order:
/// 1. sweeps as of `d`;
/// 2. until nothing more is due: runs, in wave order, every wave of `DATA_DIR/waves/` with
///    `closes` < `d` that needs a run — never run, or its inputs or decisions changed (the file
///    hashes of `WaveInputs.hashInputs` against those stored at its run), or its selection is stale
///    (participants imported, or an earlier wave published, after it ran) — and is not published;
///    then publishes every selected wave with `announce` ≤ `d`, on `announce`.
///    A wave waits while an earlier wave is selected but not yet published (a run would be refused).
/// 3. records `d` as done.
///
/// **Due dates.** The due dates of a nightly as of `D` are every day from the first due date to `D`.
/// The first due date is the day after the last due date an earlier nightly completed (kept in the
/// database); on the first nightly of a database it is the earliest `closes + 1` over the waves of
/// the data folder and of the database — before that day no sweep, run or publish can have anything
/// to do. When there is no wave anywhere, nothing is due. Hence nightly once at `D` walks the same
/// days, in the same order, with the same steps as nightly on every day up to `D`, and gives the
/// same database and outputs (given the same data folder); a second nightly at `D` finds nothing
/// due and changes nothing.
///
/// Each step commits on its own; the nightly stops at the first failure with that failure's exit
/// code, and what was committed stays: the next nightly starts again at the day that failed, and
/// first writes again any feed or report a step committed but did not rename into place.
public enum Nightly {
    /// What a nightly did.
    public struct Summary: Sendable {
        public var asOf: CivilDate
        /// The due dates walked, if any.
        public var due: ClosedRange<CivilDate>?
        public var purchases: Purchases.Summary?
        /// Purchase lines by state once every due day is done (lines wait for their wave's publication).
        public var purchaseStates: [String: Int] = [:]
        public var ran: [Int] = []
        public var published: [Int] = []
        public var revoked = 0
        public var hangus: Int64 = 0

        /// One line for cron's mail.
        public var line: String {
            var parts: [String] = []
            if let due {
                let days = Int(due.upperBound.dayNumber - due.lowerBound.dayNumber) + 1
                parts.append(days == 1 ? "due \(due.lowerBound)" : "due \(due.lowerBound)..\(due.upperBound) (\(days) days)")
            } else {
                parts.append("nothing due")
            }
            if let p = purchases, !p.files.isEmpty {
                let st = purchaseStates
                parts.append(
                    "purchases: \(p.files.count) new file(s); lines now \(st["accepted", default: 0]) accepted, \(st["rejected", default: 0]) rejected, \(st["pending", default: 0]) pending"
                )
            }
            if !ran.isEmpty { parts.append("ran wave " + ran.map(String.init).joined(separator: ", ")) }
            if !published.isEmpty { parts.append("published wave " + published.map(String.init).joined(separator: ", ")) }
            if due != nil { parts.append("\(revoked) Dicabut (hangus \(IndonesianDate.rupiah(Int(hangus))))") }
            return "nightly \(asOf): " + parts.joined(separator: "; ")
        }
    }

    /// Runs the nightly for `dataDir` as of `asOf` (the command line passes today, WIB).
    public static func run(dataDir rawDir: String, asOf: CivilDate, context: CommandContext) throws -> Summary {
        var dataDir = rawDir
        while dataDir.count > 1 && dataDir.hasSuffix("/") { dataDir.removeLast() }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dataDir, isDirectory: &isDir), isDir.boolValue else {
            throw PrakerjaError.missingInput("\(dataDir): no such data folder")
        }
        let waves = try loadWaves(dataDir: dataDir, context: context)
        let purchaseFiles = try InputFiles.list(waveDir: dataDir, folder: "purchases").map { dataDir + "/" + $0 }
        let store = try Store.openForWriting(path: context.dbPath)
        defer { store.close() }
        var committed = false
        do {
            return try run(waves: waves, purchaseFiles: purchaseFiles, asOf: asOf, store: store, context: context, committed: &committed)
        } catch {
            if !committed { store.discardIfCreated() }
            throw error
        }
    }

    /// The wave folders of the data folder (`waves/<N>`), configs loaded (78 on a config error), by wave.
    static func loadWaves(dataDir: String, context: CommandContext) throws -> [WaveInputs.Config] {
        let dir = dataDir + "/waves"
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { return [] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
            throw PrakerjaError.badInput("\(dir): cannot read the folder")
        }
        var waves: [WaveInputs.Config] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            var d: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &d), d.boolValue else { continue }
            guard !name.isEmpty, name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                context.logger.warning("\(dir)/\(name): not a wave folder (waves are named by their number), ignored")
                continue
            }
            waves.append(try WaveInputs.loadConfig(waveDir: dir + "/" + name))
        }
        return waves.sorted { $0.config.wave < $1.config.wave }
    }

    /// The first due date: the day after the last completed due date, and never before the earliest
    /// `closes + 1` of the known waves; nil when no wave is known.
    public static func firstDueDate(lastDone: CivilDate?, closes: [CivilDate]) -> CivilDate? {
        guard let earliest = closes.min() else { return nil }
        let start = earliest.adding(days: 1)
        guard let lastDone else { return start }
        return max(lastDone.adding(days: 1), start)
    }

    static func run(
        waves: [WaveInputs.Config], purchaseFiles: [String], asOf: CivilDate, store: Store, context: CommandContext, committed: inout Bool
    ) throws -> Summary {
        let startedAt = Clock.isoNow()
        var summary = Summary(asOf: asOf)
        if !purchaseFiles.isEmpty {
            let p = try PrakerjaError.step("nightly \(asOf): purchases") {
                try Purchases.run(files: purchaseFiles, store: store, context: context, nightly: true)
            }
            if !p.files.isEmpty { summary.purchases = p }
            committed = true
        }
        try PrakerjaError.step("nightly \(asOf): completing outputs") { try completeOutputs(store: store, context: context) }
        let (lastDone, storedCloses) = try store.read { db in
            (try Store.nightlyThrough(db), try Store.waveRecords(db).compactMap { $0.closes.flatMap(CivilDate.parseISO) })
        }
        guard let first = firstDueDate(lastDone: lastDone, closes: waves.map(\.config.closes) + storedCloses), first <= asOf else {
            return summary
        }
        summary.due = first...asOf
        var inputsCache: [String: [InputFile]] = [:]
        var d = first
        while d <= asOf {
            let sweep = try PrakerjaError.step("nightly \(d): sweep") { try Sweep.run(asOf: d, store: store, context: context) }
            committed = true
            summary.revoked += sweep.revoked
            summary.hangus += sweep.hangus
            var rounds = 0
            while true {
                var acted = false
                for wave in waves {
                    guard try needsRun(wave, on: d, store: store, cache: &inputsCache, context: context) else { continue }
                    _ = try PrakerjaError.step("nightly \(d): run wave \(wave.config.wave)") {
                        try WaveRun.run(wave, store: store, context: context)
                    }
                    summary.ran.append(wave.config.wave)
                    acted = true
                }
                for (wave, announce) in try publishable(on: d, store: store) {
                    _ = try PrakerjaError.step("nightly \(d): publish wave \(wave)") {
                        try Publish.run(wave: wave, on: announce, store: store, context: context)
                    }
                    summary.published.append(wave)
                    acted = true
                }
                if !acted { break }
                rounds += 1
                if rounds > 2 * waves.count + 4 {
                    throw PrakerjaError.internalError(
                        "nightly \(d): waves keep needing a run (do their input files change while nightly runs?)")
                }
            }
            let isLast = d == asOf
            let done = summary
            try PrakerjaError.step("nightly \(d)") {
                try store.write(command: "prakerja nightly --as-of \(asOf)") { db in
                    try Store.setNightlyThrough(db, d)
                    if isLast {
                        try Store.appendLedger(
                            db, command: "nightly \(asOf)", startedAt: startedAt, inputs: [], configSHA256: nil,
                            counts: [
                                "due_days": Int(asOf.dayNumber - first.dayNumber) + 1, "runs": done.ran.count,
                                "published": done.published.count, "dicabut": done.revoked,
                            ],
                            result: "done through \(asOf)")
                    }
                }
            }
            d = d.adding(days: 1)
        }
        if summary.purchases != nil {
            summary.purchaseStates = try store.read { db in
                var states: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT state, count(*) FROM purchases GROUP BY state") { states[row[0]] = row[1] }
                return states
            }
        }
        return summary
    }

    /// Writes again, from the database, outputs an earlier command committed but did not rename into
    /// place (it died in between): the feeds of a published wave, the reports of a wave without a
    /// manifest. Sweeps need nothing here: the day that failed is swept again.
    static func completeOutputs(store: Store, context: CommandContext) throws {
        let records = try store.read { db in try Store.waveRecords(db) }
        let exists = { (path: String) in FileManager.default.fileExists(atPath: context.outDir + "/" + path) }
        for record in records where record.state != .imported {
            let dir = "waves/\(record.wave)"
            if !exists(dir + "/manifest.json") {
                let staged = try store.read { db in
                    try WaveReportWriter.stage(
                        try Store.loadResult(db, wave: record.wave), outDir: context.outDir, startedAt: Clock.isoNow()
                    ).files
                }
                try OutputWriter.commit(staged)
                context.logger.warning("wave \(record.wave): reports were missing; written again from the database")
            }
            if record.state == .published, !exists(dir + "/feeds/dashboard.csv") || !exists(dir + "/feeds/notifications.csv") {
                _ = try Publish.run(wave: record.wave, on: nil, store: store, context: context)
                context.logger.warning("wave \(record.wave): feeds were missing; written again from the database")
            }
        }
    }

    /// Whether a wave of the data folder is due for a run on `d`.
    static func needsRun(
        _ wave: WaveInputs.Config, on d: CivilDate, store: Store, cache: inout [String: [InputFile]], context: CommandContext
    ) throws -> Bool {
        let number = wave.config.wave
        guard wave.config.closes < d else { return false }
        let state = try store.read { db -> (record: WaveRecord?, blocked: Bool, stale: Bool) in
            let record = try Store.waveRecord(db, number)
            let earlier = try Store.earlierUnpublished(db, before: number)
            let later = try Int.fetchOne(
                db, sql: "SELECT 1 FROM waves WHERE wave > ? AND state IN ('published', 'imported')", arguments: [number])
            return (record, earlier != nil || later != nil, try Store.staleSelection(db, wave: number) != nil)
        }
        guard let record = state.record else { return !state.blocked }
        switch record.state {
        case .imported: return false
        case .published:
            if try !changedInputs(wave, record: record, cache: &cache).isEmpty {
                context.logger.warning("wave \(number): published, but its input files changed; they are not run again")
            }
            return false
        case .selected:
            if state.blocked { return false }
            return try state.stale || !changedInputs(wave, record: record, cache: &cache).isEmpty
        }
    }

    /// Input files of a wave that differ from those of its last run.
    static func changedInputs(_ wave: WaveInputs.Config, record: WaveRecord, cache: inout [String: [InputFile]]) throws -> [String] {
        let current: [InputFile]
        if let cached = cache[wave.waveDir] {
            current = cached
        } else {
            current = try WaveInputs.hashInputs(waveDir: wave.waveDir, configSHA256: wave.configSHA256)
            cache[wave.waveDir] = current
        }
        let stored = (try? JSONDecoder().decode([InputFile].self, from: Data((record.inputs ?? "[]").utf8))) ?? []
        return WaveInputs.changedFiles(stored: stored, current: current)
    }

    /// The selected wave that can be published on `d`, if any: the first selected wave (a later one
    /// waits for it), when its `announce` ≤ `d`.
    static func publishable(on d: CivilDate, store: Store) throws -> [(Int, CivilDate)] {
        try store.read { db in
            guard let record = try Store.waveRecords(db).first(where: { $0.state == .selected }),
                let announce = record.announce.flatMap(CivilDate.parseISO), announce <= d
            else { return [] }
            return [(record.wave, announce)]
        }
    }
}
