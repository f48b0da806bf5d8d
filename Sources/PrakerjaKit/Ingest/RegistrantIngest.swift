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
    public var registrations: [Registration]
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
        var seenIDs = Set<String>()
        // Room for every row at once, from the files' sizes (a registrant row takes well over 100
        // bytes): growing a 5-million array copies it at the last doubling, with both copies alive.
        // Room never written is never in memory.
        let bytes = files.reduce(0) { total, rel in
            total + ((try? FileManager.default.attributesOfItem(atPath: waveDir + "/" + rel)[.size] as? Int) ?? 0)
        }
        result.registrations.reserveCapacity(bytes / 100)
        for rel in files {
            let path = waveDir + "/" + rel
            let reader = try CSVReader(path: path, displayPath: rel, required: Field.allCases.map(\.column))
            if !reader.unknownColumns.isEmpty {
                result.warnings.append("\(rel): unknown columns ignored: \(reader.unknownColumns.joined(separator: ", "))")
            }
            let parser = RegistrationParser(header: reader.header, closes: closes)
            var rows = 0
            var rejected = 0
            let tokenizer = Tokenizer(reader: reader)
            var batch = try reader.nextBatch(max: batchSize)
            while !batch.isEmpty {
                rows += batch.count
                // The tokenizer reads the next batch on its own thread while this one is parsed on
                // every core; with one job, one after the other.
                if jobs > 1 { tokenizer.start() }
                let parsed = batch.parallelMap(jobs: jobs) { parser.parse($0) }
                let next = jobs > 1 ? try tokenizer.wait() : try reader.nextBatch(max: batchSize)
                for (record, p) in zip(batch, parsed) {
                    switch p {
                    case .rejected(let reason, let detail):
                        result.rejected.append(RejectedRow(file: rel, line: record.line, reason: reason, detail: detail))
                        rejected += 1
                    case .invalidNIK(let id):
                        let reason: RejectReason = seenIDs.insert(id).inserted ? .invalidNIK : .duplicateRegistrationID
                        result.rejected.append(
                            RejectedRow(
                                file: rel, line: record.line, reason: reason, detail: reason == .invalidNIK ? "nik" : "registration_id"))
                        rejected += 1
                    case .registration(let r):
                        if seenIDs.insert(r.registrationID).inserted {
                            result.registrations.append(r)
                        } else {
                            result.rejected.append(
                                RejectedRow(file: rel, line: record.line, reason: .duplicateRegistrationID, detail: "registration_id"))
                            rejected += 1
                        }
                    }
                }
                progress?.advance(by: batch.count)
                batch = next
            }
            result.files.append(
                InputFile(
                    path: rel, sha256: try FileHash.sha256(path: path, display: rel), rows: rows, rejected: rejected,
                    outcomes: rows - rejected))
        }
        return result
    }

    /// Reads the next batch of a file on a background thread.
    ///
    /// The reader is used by one thread at a time: `start()` hands it to the background thread and
    /// `wait()` takes it back (the dispatch group orders the two), hence `@unchecked Sendable`.
    final class Tokenizer: @unchecked Sendable {
        private let reader: CSVReader
        private let group = DispatchGroup()
        private var result: Result<[CSVRecord], any Error> = .success([])

        init(reader: CSVReader) { self.reader = reader }

        func start() {
            DispatchQueue.global().async(group: group) { [self] in
                result = Result { try reader.nextBatch(max: RegistrantIngest.batchSize) }
            }
        }

        func wait() throws -> [CSVRecord] {
            group.wait()
            return try result.get()
        }
    }
}
