import Foundation
import GRDB

/// `prakerja import-participants FILE…` (§8): participants of waves run before the tool become history.
///
/// Streams each file, validates rows on every core, stages them on disk and loads them sorted by
/// key, in the command's one transaction; any bad row stops the call with nothing imported.
public enum ImportParticipants {
    /// What the import did.
    public struct Summary: Sendable {
        public var files: Int
        public var skipped: [String]
        public var participants: Int
        public var line: String {
            var s = "imported \(participants) participants from \(files - skipped.count) file(s)"
            if !skipped.isEmpty { s += "; already imported, skipped: \(skipped.joined(separator: ", "))" }
            return s
        }
    }

    static let columns = ["nik", "kk", "wave", "status", "card_number", "notice_date", "phone", "email"]

    struct Row: Sendable {
        var nik: UInt64, kk: UInt64, wave: Int, dicabut: Bool, card: UInt64, notice: CivilDate, phone: String?, email: String?, line: Int
    }

    public static func run(files rawFiles: [String], context: CommandContext) throws -> Summary {
        for f in rawFiles where !FileManager.default.fileExists(atPath: f) {
            throw PrakerjaError.missingInput("\(f): no such file")
        }
        let files = rawFiles.sorted {
            ($0 as NSString).lastPathComponent.utf8.lexicographicallyPrecedes(($1 as NSString).lastPathComponent.utf8)
        }
        return try Store.command(path: context.dbPath) { store in
            try run(files: files, store: store, context: context)
        }
    }

    static func run(files: [String], store: Store, context: CommandContext) throws -> Summary {
        let startedAt = Clock.isoNow()
        let progress = Progress(label: "importing participants:", enabled: !context.quiet)
        defer { progress.finish() }
        let phases = PhaseLogger(logger: context.logger, command: "import-participants")
        return try store.write(command: "prakerja import-participants", scratchOnDisk: true) { db in
            var summary = Summary(files: files.count, skipped: [], participants: 0)
            var inputs: [InputFile] = []
            let minToolWave = try Int.fetchOne(db, sql: "SELECT min(wave) FROM waves WHERE state != 'imported'")
            // Streams every file into scratch tables, in file order; validation runs on every core.
            let staging = try ParticipantStaging(db)
            var displays: [String] = []
            var importedWaves = Set<Int>()
            for path in files {
                let display = path
                let sha = try FileHash.sha256(path: path, display: display)
                if try Int.fetchOne(db, sql: "SELECT 1 FROM imported_files WHERE sha256 = ?", arguments: [sha]) != nil {
                    summary.skipped.append(display)
                    continue
                }
                let fileIndex = displays.count
                displays.append(display)
                let reader = try CSVReader(path: path, displayPath: display, required: columns)
                let idx = columns.map { reader.header.index(of: $0)! }
                var count = 0
                while true {
                    let batch = try reader.nextBatch(max: 65_536)
                    if batch.isEmpty { break }
                    let parsed = batch.parallelMap(jobs: context.jobs) { parse($0, idx: idx, display: display) }
                    progress.advance(by: batch.count)
                    for p in parsed {
                        let row = try p.get()
                        if let minToolWave, row.wave >= minToolWave {
                            throw PrakerjaError.badInput(
                                "\(display): line \(row.line): wave: \(row.wave) is not below wave \(minToolWave) run by this tool")
                        }
                        try staging.append(row, file: fileIndex)
                        importedWaves.insert(row.wave)
                        count += 1
                    }
                }
                try db.execute(
                    sql: "INSERT INTO imported_files(sha256, kind, path, rows, imported_at) VALUES (?, 'participants', ?, ?, ?)",
                    arguments: [sha, display, count, Clock.isoNow()])
                inputs.append(InputFile(path: display, sha256: sha, rows: count))
                summary.participants += count
            }
            phases.phase("read and validate", rows: summary.participants)

            // Into an empty history the indexes of `participants` are built once, after the load.
            progress.stage("importing participants: writing")
            let wasEmpty = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM participants LIMIT 1)") == 0
            if wasEmpty {
                for index in Schema.participantIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
            }
            try staging.load(displays: displays, jobs: context.jobs)
            phases.phase("sorted load")
            if wasEmpty {
                for index in Schema.participantIndexes { try db.execute(sql: index.sql) }
                phases.phase("indexes")
            }
            for wave in importedWaves.sorted() {
                if let existing = try Store.waveRecord(db, wave), existing.state != .imported {
                    throw PrakerjaError.badInput("wave \(wave): was run by this tool; participants of it cannot be imported")
                }
                try db.execute(sql: "INSERT INTO waves(wave, state) VALUES (?, 'imported') ON CONFLICT(wave) DO NOTHING", arguments: [wave])
            }
            if summary.participants > 0 {
                try Store.setMeta(db, "import_epoch", String(try Store.importEpoch(db) + 1))
            }
            try PurchaseJudge.judgeAfterImport(db, outDir: context.outDir)  // §8: pending purchases are judged again after an import
            try Store.appendLedger(
                db, command: "import-participants", startedAt: startedAt, inputs: inputs, configSHA256: nil,
                counts: ["participants": summary.participants, "files": inputs.count], result: "imported")
            return summary
        }
    }

    static func parse(_ record: CSVRecord, idx: [Int], display: String) -> Result<Row, PrakerjaError> {
        func bad(_ field: String, _ why: String) -> Result<Row, PrakerjaError> {
            .failure(.badInput("\(display): line \(record.line): \(field): \(why)"))
        }
        if let problem = record.problem {
            return .failure(
                .badInput("\(display): line \(record.line): \(problem == .invalidEncoding ? "not valid UTF-8" : "malformed CSV row")"))
        }
        let f = idx.map { Text.trim(record.fields[$0]) }
        guard let nik = SixteenDigits.parse(f[0]) else { return bad("nik", "must be exactly 16 digits") }
        guard let kk = SixteenDigits.parse(f[1]), Province.isValid(SixteenDigits.prefix2(kk)) else {
            return bad("kk", "must be 16 digits starting with a province code")
        }
        guard let wave = Int(f[2]), wave > 0, f[2].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return bad("wave", "must be a positive integer")
        }
        guard f[3] == "Lulus" || f[3] == "Dicabut" else { return bad("status", "must be Lulus or Dicabut") }
        guard let card = SixteenDigits.parse(f[4]), CardNumberGenerator.isLuhnValid(card) else {
            return bad("card_number", "must be 16 digits with a valid Luhn check digit")
        }
        guard let notice = CivilDate.parseISO(f[5]) else { return bad("notice_date", "must be a date YYYY-MM-DD") }
        var phone: String?
        if !f[6].isEmpty {
            guard let p = Phone.normalize(f[6]) else { return bad("phone", "not a valid Indonesian mobile number") }
            phone = p
        }
        var email: String?
        if !f[7].isEmpty {
            guard let e = Email.normalize(f[7]) else { return bad("email", "not a valid e-mail address") }
            email = e
        }
        return .success(
            Row(
                nik: nik, kk: kk, wave: wave, dicabut: f[3] == "Dicabut", card: card, notice: notice, phone: phone, email: email,
                line: record.line))
    }
}
