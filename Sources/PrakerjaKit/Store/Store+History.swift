import Dispatch
import GRDB
import Synchronization

/// Look-ups of the history a wave runs against (§5 checks 4, 5, 9, 11; `recycle_revoked_from`).
/// Each walks an index forward through the wave's sorted keys (``ForwardLookUp``): a key costs
/// at most 16 steps and one seek, so the cost follows the wave, not the history.
extension Store {
    /// Of the given NIKs: which are Dicabut and which are current participants, in waves before `wave`.
    static func participantStatus(
        _ reader: HistoryReader, niks: [UInt64], before wave: Int
    ) throws -> (revoked: Set<UInt64>, current: Set<UInt64>) {
        let found = try valuesOfFound(
            reader, keys: niks, cursor: HistoryCursor.participants,
            point: "SELECT status = 'Dicabut' FROM participants WHERE nik = ?1 AND wave < ?2", before: wave)
        return (Set(found.filter { $0.value != 0 }.map(\.key)), Set(found.filter { $0.value == 0 }.map(\.key)))
    }

    /// Current participants per KK in waves before `wave`, for the given KKs (absent = 0).
    static func familyCounts(_ reader: HistoryReader, kks: [UInt64], before wave: Int) throws -> [UInt64: Int] {
        let found = try valuesOfFound(
            reader, keys: kks, cursor: HistoryCursor.families,
            point: "SELECT count(*) FROM participants WHERE kk = ?1 AND status = 'Lulus' AND wave < ?2", before: wave)
        return Dictionary(uniqueKeysWithValues: found.filter { $0.value > 0 }.map { ($0.key, Int($0.value)) })
    }

    /// The keys `cursor` finds among `keys`, walking forward (``ForwardLookUp``; keys in ascending
    /// order walk front to back), each with the first column of `point` for it (`?1` the key,
    /// `?2` the wave), where `point` returns a row; in the order of `keys`.
    private static func valuesOfFound(
        _ reader: HistoryReader, keys: [UInt64], cursor: String, point: String, before wave: Int
    ) throws -> [(key: UInt64, value: Int64)] {
        let parts = try reader.lookUp(keys.count, sql: [cursor, point]) { statements, range in
            var walk = ForwardLookUp<Int64>(statements[0])
            defer { walk.finish() }
            let point = statements[1]
            point.bind(2, wave)
            var found: [(key: UInt64, value: Int64)] = []
            for key in keys[range] where try walk.find(Int64(key)) {
                point.bind(1, Int64(key))
                if let value = try point.fetchInt64() { found.append((key, value)) }
            }
            return found
        }
        return Array(parts.joined())
    }

    /// Owners of `count` contacts claimed by earlier waves (imported first, then waves in order):
    /// `UInt64.max` where nobody owns `contact(k)`. Contacts given in byte order are looked up
    /// walking forward through the indexes (``ForwardLookUp``).
    static func contactOwners(
        _ reader: HistoryReader, count: Int, before wave: Int, contact: @Sendable (Int) -> CompactText
    ) throws -> [UInt64] {
        // Imported claims come before any wave run here (§8), so `imported_contacts` answers first;
        // `contacts` is asked only when a wave run here has claimed anything.
        let sql = [
            HistoryCursor.importedContacts,
            HistoryCursor.contacts,
            "SELECT EXISTS (SELECT 1 FROM contacts WHERE wave < ?)",
        ]
        let parts = try reader.lookUp(count, sql: sql) { statements, range in
            var imported = ForwardLookUp<CompactText>(statements[0])
            var tool = ForwardLookUp<CompactText>(statements[1])
            defer {
                imported.finish()
                tool.finish()
            }
            let anyTool = statements[2]
            tool.cursor.bind(2, wave)
            anyTool.bind(1, wave)
            let askTool = try anyTool.fetchInt64() == 1
            var owners = [UInt64](repeating: .max, count: range.count)
            // The texts a block at a time, then their look-ups: given in byte order, the contacts
            // are read from the registrations at random, and a loop of reads alone keeps many of
            // them in flight (measured: the reads between look-ups were 4% of a 1M run's time).
            var texts: [CompactText] = []
            texts.reserveCapacity(256)
            for block in stride(from: range.lowerBound, to: range.upperBound, by: 256) {
                let end = Swift.min(block + 256, range.upperBound)
                texts.removeAll(keepingCapacity: true)
                for k in block..<end { texts.append(contact(k)) }
                for (offset, text) in texts.enumerated() {
                    var owner: Int64? = nil
                    if try imported.find(text) {
                        owner = imported.int64(1)
                    } else if askTool, try tool.find(text) {
                        owner = tool.int64(1)
                    }
                    if let owner { owners[block + offset - range.lowerBound] = UInt64(owner) }
                }
            }
            return owners
        }
        return Array(parts.joined())
    }

    /// Owners of the given contacts claimed by earlier waves, as a table (for tools and tests).
    static func contactOwners(_ reader: HistoryReader, contacts: [String], before wave: Int) throws -> [String: UInt64] {
        let owners = try contactOwners(reader, count: contacts.count, before: wave) { CompactText(contacts[$0]) }
        var table: [String: UInt64] = [:]
        for (contact, nik) in zip(contacts, owners) where nik != .max { table[contact] = nik }
        return table
    }

    /// Current Dicabut count of the listed waves (imported or swept).
    static func revokedCount(_ db: Database, waves: [Int]) throws -> Int {
        guard !waves.isEmpty else { return 0 }
        let list = waves.map(String.init).joined(separator: ",")
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM participants WHERE status = 'Dicabut' AND wave IN (\(list))") ?? 0
    }

    /// The wave's row, if any.
    static func waveRecord(_ db: Database, _ wave: Int) throws -> WaveRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM waves WHERE wave = ?", arguments: [wave]) else { return nil }
        return WaveRecord(
            wave: row["wave"], state: WaveRecord.State(rawValue: row["state"]) ?? .selected,
            configSHA256: row["config_sha256"], seed: row["seed"], closes: row["closes"], announce: row["announce"],
            noticeDate: row["notice_date"], purchaseDays: row["purchase_days"], trainingFund: row["training_fund"],
            cardBase: row["card_base"], inputs: row["inputs"], importEpoch: row["import_epoch"])
    }

    /// Every wave row in wave order.
    static func waveRecords(_ db: Database) throws -> [WaveRecord] {
        let numbers = try Int.fetchAll(db, sql: "SELECT wave FROM waves ORDER BY wave")
        return try numbers.compactMap { try waveRecord(db, $0) }
    }

    /// A meta value.
    static func meta(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    /// Sets a meta value.
    static func setMeta(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(
            sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }

    /// The import epoch: bumped by every import-participants call, so a wave selected before it is run again.
    static func importEpoch(_ db: Database) throws -> Int {
        Int(try meta(db, "import_epoch") ?? "0") ?? 0
    }
}

/// The cursors of the history's look-ups, each walked forward by a ``ForwardLookUp``: the key
/// first, then what a look-up reads of the row it finds; further parameters from `?2` on.
enum HistoryCursor {
    static let participants = "SELECT nik FROM participants WHERE nik >= ? ORDER BY nik"
    static let families = "SELECT kk FROM participants WHERE kk >= ? ORDER BY kk"
    static let importedContacts = "SELECT contact, nik FROM imported_contacts WHERE contact >= ? ORDER BY contact"
    static let contacts = "SELECT contact, nik FROM contacts WHERE contact >= ?1 AND wave < ?2 ORDER BY contact"
    static let importedCards = "SELECT card_number FROM imported_cards WHERE card_number >= ? ORDER BY card_number"
    /// The cards issued, but the given wave's provisional ones.
    static let cards = "SELECT card_number FROM cards WHERE card_number >= ?1 AND NOT (wave = ?2 AND final = 0) ORDER BY card_number"

    static let all = [participants, families, importedContacts, contacts, importedCards, cards]
}

/// Where a wave's history look-ups run: on the writing connection, or split over `jobs` read-only
/// connections to the same database.
///
/// The look-ups of a wave run read only rows of earlier waves (`wave < ?`), or, for the card numbers
/// already issued, every card but the wave's own provisional ones. The run's transaction changes
/// only rows of its own wave (it deletes those provisional cards first), and every earlier command
/// committed before it began (nightly runs each step in its own transaction), so a read-only
/// connection, which sees the last commit (WAL), answers exactly as the writing connection would. Each connection takes one contiguous
/// part of the keys, and the parts are joined in order, so the result does not depend on `jobs`.
struct HistoryReader {
    let db: Database
    /// The database file, or nil to look up on `db` only.
    let path: String?
    let jobs: Int
    /// Fewer keys than this are looked up on `db`: opening connections costs more than it saves.
    let minimumKeys: Int
    /// Writes that may be running on `db`: waited for before a look-up uses `db`.
    let writer: Store.BackgroundWriter?

    init(_ db: Database, path: String?, jobs: Int, minimumKeys: Int = 10_000, writer: Store.BackgroundWriter? = nil) {
        self.db = db
        self.path = path
        self.jobs = jobs
        self.minimumKeys = minimumKeys
        self.writer = writer
    }

    /// Runs `body` over `0..<count`: whole on `db`, or in `jobs` parts on read-only connections.
    func lookUp<T: Sendable>(
        _ count: Int, sql: String, _ body: @Sendable (FastStatement, Range<Int>) throws -> T
    ) throws -> [T] {
        try lookUp(count, sql: [sql]) { statements, range in try body(statements[0], range) }
    }

    /// Runs `body` over `0..<count` with one prepared statement for each of `sql`: whole on `db`,
    /// or in `jobs` parts on read-only connections.
    func lookUp<T: Sendable>(
        _ count: Int, sql: [String], _ body: @Sendable ([FastStatement], Range<Int>) throws -> T
    ) throws -> [T] {
        guard let path, jobs > 1, count >= max(1, minimumKeys) else {
            try writer?.wait()
            return [try body(try sql.map { try FastStatement(db, sql: $0) }, 0..<count)]
        }
        let parts = jobs
        let results = Mutex<[Int: Result<T, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (count * part / parts)..<(count * (part + 1) / parts)
            let result = Result<T, any Error> {
                var configuration = Configuration()
                configuration.readonly = true
                configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -65536") }
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                defer { try? queue.close() }
                return try queue.read { db in try body(try sql.map { try FastStatement(db, sql: $0) }, range) }
            }
            results.withLock { $0[part] = result }
        }
        let done = results.withLock { $0 }
        return try (0..<parts).map { try done[$0]!.get() }
    }
}
