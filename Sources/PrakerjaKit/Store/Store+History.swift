import GRDB

/// Look-ups of the history a wave runs against (§5 checks 4, 5, 9, 11; `recycle_revoked_from`).
/// Every one is an indexed point query, so the cost follows the wave, not the history.
extension Store {
    /// Of the given NIKs: which are Dicabut and which are current participants, in waves before `wave`.
    static func participantStatus(_ db: Database, niks: [UInt64], before wave: Int) throws -> (revoked: Set<UInt64>, current: Set<UInt64>) {
        let statement = try FastStatement(db, sql: "SELECT status = 'Dicabut' FROM participants WHERE nik = ? AND wave < ?")
        statement.bind(2, wave)
        var revoked = Set<UInt64>()
        var current = Set<UInt64>()
        for nik in niks {
            statement.bind(1, Int64(nik))
            if let dicabut = try statement.fetchInt64() {
                if dicabut != 0 { revoked.insert(nik) } else { current.insert(nik) }
            }
        }
        return (revoked, current)
    }

    /// Current participants per KK in waves before `wave`, for the given KKs (absent = 0).
    static func familyCounts(_ db: Database, kks: [UInt64], before wave: Int) throws -> [UInt64: Int] {
        let statement = try FastStatement(db, sql: "SELECT count(*) FROM participants WHERE kk = ? AND status = 'Lulus' AND wave < ?")
        statement.bind(2, wave)
        var counts: [UInt64: Int] = [:]
        for kk in kks {
            statement.bind(1, Int64(kk))
            let n = try statement.fetchInt64() ?? 0
            if n > 0 { counts[kk] = Int(n) }
        }
        return counts
    }

    /// Owners of the given contacts claimed by earlier waves (imported first, then waves in order).
    static func contactOwners(_ db: Database, contacts: [String], before wave: Int) throws -> [String: UInt64] {
        let statement = try FastStatement(db, sql: "SELECT nik FROM contacts WHERE contact = ? AND wave < ?")
        statement.bind(2, wave)
        var owners: [String: UInt64] = [:]
        for contact in contacts {
            statement.bind(1, contact)
            if let nik = try statement.fetchInt64() { owners[contact] = UInt64(nik) }
        }
        return owners
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
