import Foundation

/// One input file as the manifest and the ledger record it.
public struct InputFile: Sendable, Hashable, Codable {
    /// Path relative to the wave folder (`registrants/a.csv`).
    public var path: String
    public var sha256: String
    /// Data rows read (registrant files) or rows (other files).
    public var rows: Int
    public var rejected: Int
    /// Outcome rows (registrant files only): rows = outcomes + rejected.
    public var outcomes: Int?

    public init(path: String, sha256: String, rows: Int, rejected: Int = 0, outcomes: Int? = nil) {
        self.path = path
        self.sha256 = sha256
        self.rows = rows
        self.rejected = rejected
        self.outcomes = outcomes
    }
}

/// What ingest hands to the checks: every data row is either a registration or a rejected row.
public struct Ingested: Sendable {
    public var files: [InputFile]
    /// In registration_id (byte) order; each id once.
    public var registrations: [Registration]
    /// In file order.
    public var rejected: [RejectedRow]
    public var warnings: [String]
}

/// Reads a wave's registrants/*.csv in file order, in parallel batches (§4, §4.2).
enum RegistrantIngest {
    static let batchSize = 65_536

    static func ingest(waveDir: String, closes: CivilDate, jobs: Int, progress: Progress?) throws -> Ingested {
        let files = try InputFiles.list(waveDir: waveDir, folder: "registrants")
        if files.isEmpty {
            throw PrakerjaError.missingInput("\(waveDir)/registrants: no *.csv registrant files")
        }
        var result = Ingested(files: [], registrations: [], rejected: [], warnings: [])
        // Room for every row at once, from the files' sizes (a registrant row takes well over 100
        // bytes): growing a 5-million array copies it at the last doubling, with both copies alive.
        // Room never written is never in memory.
        let bytes = files.reduce(0) { total, rel in
            total + ((try? FileManager.default.attributesOfItem(atPath: waveDir + "/" + rel)[.size] as? Int) ?? 0)
        }
        result.registrations.reserveCapacity(bytes / 100)
        // Where each registration was read, (file index << 32 | line), and the rows with an invalid
        // NIK, which hold their id too: duplicate ids are found once everything is read.
        var origins: [UInt64] = []
        origins.reserveCapacity(bytes / 100)
        var invalidNIKRows: [(id: String, origin: UInt64, rejected: Int)] = []
        var counts: [(rows: Int, rejected: Int, sha256: String)] = []
        // The files' SHA-256, one after the other on another thread while they are parsed: the
        // parse leaves part of a core idle, and hashing them after each was read took the main
        // thread 0.1 s a million rows.
        let hashes = Pending(jobs: jobs) {
            files.map { rel in Result { try FileHash.sha256(path: waveDir + "/" + rel, display: rel) } }
        }
        for (fileIndex, rel) in files.enumerated() {
            let path = waveDir + "/" + rel
            let reader = try CSVReader(path: path, displayPath: rel, required: Field.allCases.map(\.column))
            if !reader.unknownColumns.isEmpty {
                result.warnings.append("\(rel): unknown columns ignored: \(reader.unknownColumns.joined(separator: ", "))")
            }
            let parser = RegistrationParser(header: reader.header, closes: closes)
            var rows = 0
            var rejected = 0
            let tokenizer = Tokenizer(reader: reader)
            var batch = try reader.nextRawBatch(max: batchSize)
            while !batch.isEmpty {
                rows += batch.count
                // The tokenizer finds the next batch's records on its own thread while this one is
                // decoded and parsed on every core, a range of records per task; with one job, one
                // after the other. The main thread only joins the tasks' results in order.
                if jobs > 1 { tokenizer.start() }
                let parts = Self.parse(batch, parser: parser, jobs: jobs)
                let next = jobs > 1 ? try tokenizer.wait() : try reader.nextRawBatch(max: batchSize)
                for part in parts {
                    result.registrations.append(contentsOf: part.registrations)
                    origins.append(contentsOf: part.lines.lazy.map { UInt64(fileIndex) << 32 | UInt64($0) })
                    for row in part.rejected {
                        if let id = row.invalidNIKID {
                            // `invalid_nik` unless an earlier row holds the id (decided below).
                            invalidNIKRows.append((id, UInt64(fileIndex) << 32 | UInt64(row.line), result.rejected.count))
                        }
                        result.rejected.append(RejectedRow(file: rel, line: row.line, reason: row.reason, detail: row.detail))
                    }
                    rejected += part.rejected.count
                }
                progress?.advance(by: batch.count)
                batch = next
            }
            counts.append((rows, rejected, ""))
        }
        for (k, hash) in hashes.value.enumerated() { counts[k].sha256 = try hash.get() }
        try Self.rejectDuplicateIDs(&result, origins: &origins, invalidNIKRows: invalidNIKRows, files: files, counts: &counts, jobs: jobs)
        result.files = zip(files, counts).map { rel, count in
            InputFile(path: rel, sha256: count.sha256, rows: count.rows, rejected: count.rejected, outcomes: count.rows - count.rejected)
        }
        return result
    }

    /// What one task made of a range of a batch's records, in record order.
    struct ParsedPart: Sendable {
        var registrations: [Registration] = []
        /// The line of each registration.
        var lines: [Int] = []
        var rejected: [(line: Int, reason: RejectReason, detail: String, invalidNIKID: String?)] = []
    }

    /// Decodes and parses `batch` on `jobs` threads, in contiguous ranges of records.
    static func parse(_ batch: CSVRawBatch, parser: RegistrationParser, jobs: Int) -> [ParsedPart] {
        let n = batch.count
        let tasks = jobs <= 1 ? 1 : Swift.min(n, jobs * 4)
        return (0..<tasks).parallelMap(jobs: jobs, sequentialBelow: 2) { task in
            var part = ParsedPart()
            let range = (n * task / tasks)..<(n * (task + 1) / tasks)
            part.registrations.reserveCapacity(range.count)
            part.lines.reserveCapacity(range.count)
            for k in range {
                let record = batch.record(k)
                switch parser.parse(record) {
                case .rejected(let reason, let detail):
                    part.rejected.append((record.line, reason, detail, nil))
                case .invalidNIK(let id):
                    part.rejected.append((record.line, .invalidNIK, "nik", id))
                case .registration(let r):
                    part.registrations.append(r)
                    part.lines.append(record.line)
                }
            }
            return part
        }
    }

    /// `duplicate_registration_id` (§4.2): of the rows holding one id, with a valid NIK or not, the
    /// first in file order keeps it and every later one is rejected. The registrations are sorted
    /// by id (in byte order, on every core; equal ids stay in file order), which puts the holders
    /// of an id side by side, and they stay in that order: it is the order of the outcomes, which
    /// the selection relies on. Rejected rows end in file order.
    private static func rejectDuplicateIDs(
        _ result: inout Ingested, origins: inout [UInt64], invalidNIKRows: [(id: String, origin: UInt64, rejected: Int)],
        files: [String], counts: inout [(rows: Int, rejected: Int, sha256: String)], jobs: Int
    ) throws {
        do {
            let order: [Int]
            do {
                let view = result.registrations
                order = ByteOrder.permutation(count: view.count, jobs: jobs) { view.read($0) { $0.pointee.registrationID } }
            }
            result.registrations.permute(by: order)
            origins.permute(by: order)
        }
        // The first invalid-NIK row of each id (they were met in file order).
        var firstInvalid: [String: UInt64] = [:]
        for row in invalidNIKRows where firstInvalid[row.id] == nil { firstInvalid[row.id] = row.origin }
        // The first registration of each id that an invalid-NIK row holds too.
        var firstRegistration: [String: UInt64] = [:]
        let count = result.registrations.count
        var keep = [Bool](repeating: true, count: count)
        var duplicates = 0
        var k = 0
        while k < count {
            let id = result.registrations.read(k) { $0.pointee.registrationID }
            var m = k + 1
            while m < count, result.registrations.read(m, { $0.pointee.registrationID == id }) { m += 1 }
            var firstKept = k
            if !firstInvalid.isEmpty, let invalid = firstInvalid[id] {
                firstRegistration[id] = origins[k]
                if invalid < origins[k] { firstKept = m }
            }
            for j in k..<m where j != firstKept {
                keep[j] = false
                duplicates += 1
            }
            k = m
        }
        guard duplicates > 0 || !invalidNIKRows.isEmpty else { return }

        for row in invalidNIKRows {
            let first = min(firstInvalid[row.id]!, firstRegistration[row.id] ?? .max)
            if row.origin != first {
                result.rejected[row.rejected].reason = .duplicateRegistrationID
                result.rejected[row.rejected].detail = "registration_id"
            }
        }
        guard duplicates > 0 else { return }
        // The kept registrations close up in place (a second array would double the wave).
        var next = 0
        for j in 0..<count {
            if keep[j] {
                if next != j { result.registrations.swapAt(next, j) }
                next += 1
            } else {
                let file = Int(origins[j] >> 32), line = Int(origins[j] & 0xFFFF_FFFF)
                result.rejected.append(
                    RejectedRow(file: files[file], line: line, reason: .duplicateRegistrationID, detail: "registration_id"))
                counts[file].rejected += 1
            }
        }
        result.registrations.removeLast(count - next)
        // Rejected rows in file order again.
        let fileIndex = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        result.rejected.sort { (fileIndex[$0.file]!, $0.line) < (fileIndex[$1.file]!, $1.line) }
    }

    /// Reads the next batch of a file on a background thread.
    ///
    /// The reader is used by one thread at a time: `start()` hands it to the background thread and
    /// `wait()` takes it back (the dispatch group orders the two), hence `@unchecked Sendable`.
    final class Tokenizer: @unchecked Sendable {
        private let reader: CSVReader
        private let group = DispatchGroup()
        private var result: Result<CSVRawBatch, any Error> = .success(CSVRawBatch(expectedFields: 0))

        init(reader: CSVReader) { self.reader = reader }

        func start() {
            DispatchQueue.global().async(group: group) { [self] in
                result = Result { try reader.nextRawBatch(max: RegistrantIngest.batchSize) }
            }
        }

        func wait() throws -> CSVRawBatch {
            group.wait()
            return try result.get()
        }
    }
}
