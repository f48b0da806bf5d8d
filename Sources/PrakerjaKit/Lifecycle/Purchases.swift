import Foundation
import GRDB

/// `prakerja purchases FILE…` (§4.4, §8): imports the training purchases reported by the platforms.
///
/// Files are taken in byte order of their names. A file-level error in any of them stops the call
/// with nothing imported (65). Each file is imported once, by content hash; a file whose name was
/// used by a different file before is refused (its report would be overwritten), so a corrected
/// export needs a new name. A line whose (platform, order_id) was sent before is ignored. New lines
/// and the lines still pending are then judged (`PurchaseJudge`), and the rejected report of every
/// file whose lines were judged is written again.
public enum Purchases {
    /// What an import did.
    public struct Summary: Sendable, Hashable {
        /// Files imported by this call.
        public var files: [String] = []
        /// Files whose content was imported before.
        public var skipped: [String] = []
        /// Data lines of the imported files.
        public var lines = 0
        /// Lines repeating an order sent before.
        public var ignored = 0
        /// Lines rejected as `invalid_data` or `unknown_platform`.
        public var unreadable = 0
        /// How the judged lines ended (new lines and lines that were pending).
        public var judged = PurchaseJudge.Tally()

        /// One line for the operator.
        public var line: String {
            var s = "purchases: \(files.count) file(s) imported, \(lines) lines"
            if !files.isEmpty || judged.judged > 0 {
                s += ": \(judged.accepted) accepted, \(judged.rejected + unreadable) rejected, \(judged.pending) pending (unknown card)"
                if ignored > 0 { s += ", \(ignored) sent before (ignored)" }
                if judged.reinstated > 0 { s += "; \(judged.reinstated) Dicabut reinstated" }
            }
            if !skipped.isEmpty { s += "; already imported, skipped: \(skipped.joined(separator: ", "))" }
            return s
        }
    }

    /// Imports in its own command (opens the database, one transaction).
    public static func run(files: [String], context: CommandContext) throws -> Summary {
        guard !files.isEmpty else { throw PrakerjaError.usage("purchases: name at least one purchases file") }
        for f in files {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: f, isDirectory: &isDir), !isDir.boolValue else {
                throw PrakerjaError.missingInput("\(f): no such file")
            }
        }
        return try Store.command(path: context.dbPath) { store in
            try run(files: files, store: store, context: context, nightly: false)
        }
    }

    /// The report name of a purchases file: its file name without `.csv`.
    static func reportName(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return name.hasSuffix(".csv") ? String(name.dropLast(4)) : name
    }

    /// Size and modification time (ns) of a file.
    static func fileStat(_ path: String) throws -> (size: Int64, mtimeNs: Int64) {
        var st = stat()
        guard stat(path, &st) == 0 else { throw PrakerjaError.missingInput("\(path): cannot read: \(String(cString: strerror(errno)))") }
        return (Int64(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    /// Imports on an open store. With `nightly`, a file already imported under the same name, size
    /// and modification time is passed over without hashing, and reports of already imported files
    /// are written again only when missing; otherwise they are always written again (so running an
    /// interrupted import again completes it). Nothing is written to the database when no file is new.
    static func run(files rawFiles: [String], store: Store, context: CommandContext, nightly: Bool) throws -> Summary {
        let files = rawFiles.sorted { a, b in
            let (x, y) = ((a as NSString).lastPathComponent, (b as NSString).lastPathComponent)
            return x == y ? a.utf8.lexicographicallyPrecedes(b.utf8) : x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        let startedAt = Clock.isoNow()
        var staged: [PendingFile] = []
        do {
            let summary: Summary = try store.write(command: "prakerja purchases") { db in
                var summary = Summary()
                var reports = Set<String>()
                var fresh: [(path: String, name: String, sha: String, stat: (size: Int64, mtimeNs: Int64), lines: [PurchaseLine])] = []
                var namesInCall: [String: String] = [:]
                for path in files {
                    let name = reportName(path)
                    let st = try fileStat(path)
                    if nightly, try Store.isKnownPurchaseFile(db, name: name, size: st.size, mtimeNs: st.mtimeNs) {
                        if !FileManager.default.fileExists(atPath: PurchaseJudge.reportPath(outDir: context.outDir, file: name)) {
                            reports.insert(name)
                        }
                        continue
                    }
                    let sha = try FileHash.sha256(path: path, display: path)
                    if let known = try Store.importedFileName(db, sha256: sha) {
                        summary.skipped.append(path)
                        if let knownName = known.name {
                            if knownName == name {
                                try Store.touchPurchaseFile(db, sha256: sha, name: name, size: st.size, mtimeNs: st.mtimeNs)
                            }
                            let missing = !FileManager.default.fileExists(
                                atPath: PurchaseJudge.reportPath(outDir: context.outDir, file: knownName))
                            if !nightly || missing { reports.insert(knownName) }
                        }
                        continue
                    }
                    if let other = namesInCall[name] {
                        throw PrakerjaError.badInput(
                            "\(path): has the same file name as \(other) but another content; give each purchases file its own name")
                    }
                    if let before = try Store.importedPurchaseFile(db, name: name) {
                        throw PrakerjaError.badInput(
                            "\(path): a different file named \(name).csv was imported before (\(before.path), \(before.importedAt)); a corrected export needs a new file name"
                        )
                    }
                    namesInCall[name] = path
                    fresh.append((path, name, sha, st, try read(path: path, context: context)))
                }
                for file in fresh {
                    for p in file.lines {
                        if let problem = p.problem {
                            summary.unreadable += 1
                            try Store.insertPurchaseLine(
                                db, file: file.name, p, state: "rejected", holdsOrder: false, reason: problem.reason, detail: problem.detail
                            )
                        } else if let holder = try Store.orderHolder(db, platform: p.platform, orderID: p.orderID) {
                            summary.ignored += 1
                            try Store.insertPurchaseLine(
                                db, file: file.name, p, state: "ignored", holdsOrder: false, reason: "",
                                detail: "sent before: \(holder.file).csv line \(holder.line)")
                        } else {
                            try Store.insertPurchaseLine(db, file: file.name, p, state: "pending", holdsOrder: true, reason: "", detail: "")
                        }
                    }
                    try Store.recordPurchaseFile(
                        db, sha256: file.sha, path: file.path, name: file.name, rows: file.lines.count,
                        size: file.stat.size, mtimeNs: file.stat.mtimeNs)
                    summary.files.append(file.path)
                    summary.lines += file.lines.count
                    reports.insert(file.name)
                }
                if !fresh.isEmpty {
                    let judged = try PurchaseJudge.judgePending(db)
                    summary.judged = judged.tally
                    reports.formUnion(judged.files)
                    var counts = judged.tally.counts
                    counts["files"] = fresh.count
                    counts["lines"] = summary.lines
                    counts["ignored"] = summary.ignored
                    counts["unreadable"] = summary.unreadable
                    try Store.appendLedger(
                        db, command: "purchases", startedAt: startedAt,
                        inputs: fresh.map { InputFile(path: $0.path, sha256: $0.sha, rows: $0.lines.count) }, configSHA256: nil,
                        counts: counts, result: "imported")
                }
                staged = try PurchaseJudge.stageReports(db, files: reports, outDir: context.outDir)
                return summary
            }
            try OutputWriter.commit(staged)
            return summary
        } catch {
            OutputWriter.discard(staged)
            throw error
        }
    }

    /// Reads a purchases file; a file-level error (§4) throws 65.
    static func read(path: String, context: CommandContext) throws -> [PurchaseLine] {
        let reader = try CSVReader(path: path, displayPath: path, required: PurchaseLine.columns)
        if !reader.unknownColumns.isEmpty {
            context.logger.warning("\(path): unknown columns ignored: \(reader.unknownColumns.joined(separator: ", "))")
        }
        let jobs = context.jobs
        let idx = PurchaseLine.columns.map { reader.header.index(of: $0)! }
        var lines: [PurchaseLine] = []
        while true {
            let batch = try reader.nextBatch(max: 65_536)
            if batch.isEmpty { break }
            lines += batch.parallelMap(jobs: jobs) { PurchaseLine.parse($0, idx: idx) }
        }
        return lines
    }
}
