import GRDB

/// Purchase lines and the participants they are judged against (§4.4, §8 `purchases`).
extension Store {
    /// A participant as a purchase sees it.
    struct ParticipantAccount: Sendable, Hashable {
        var nik: UInt64
        var wave: Int
        var dicabut: Bool
        var notice: CivilDate
        var deadline: CivilDate
        var fund: Int64
        var spent: Int64
        var hangus: Int64
        var remaining: Int64 { fund - spent }
    }

    /// A pending line, as judging needs it.
    struct PendingPurchase: Sendable, Hashable {
        var file: String
        var line: Int
        var platform: String
        var orderID: String
        var card: UInt64
        var purchasedAt: Int64
        var amount: Int64
    }

    /// Where a purchases file of this name was imported before, if it was: (sha256, path, imported_at).
    static func importedPurchaseFile(_ db: Database, name: String) throws -> (sha256: String, path: String, importedAt: String)? {
        try Row.fetchOne(
            db, sql: "SELECT sha256, path, imported_at FROM imported_files WHERE kind = 'purchases' AND name = ?", arguments: [name]
        )
        .map { ($0["sha256"], $0["path"], $0["imported_at"]) }
    }

    /// Whether a purchases file of this name, size and modification time is already imported.
    static func isKnownPurchaseFile(_ db: Database, name: String, size: Int64, mtimeNs: Int64) throws -> Bool {
        try Int.fetchOne(
            db, sql: "SELECT 1 FROM imported_files WHERE kind = 'purchases' AND name = ? AND size = ? AND mtime_ns = ?",
            arguments: [name, size, mtimeNs]) != nil
    }

    /// The report name under which content `sha256` was imported, if it was.
    static func importedFileName(_ db: Database, sha256: String) throws -> (kind: String, name: String?)? {
        try Row.fetchOne(db, sql: "SELECT kind, name FROM imported_files WHERE sha256 = ?", arguments: [sha256]).map {
            ($0["kind"], $0["name"])
        }
    }

    /// Remembers the size and modification time of an imported purchases file, so nightly need not hash it again.
    static func touchPurchaseFile(_ db: Database, sha256: String, name: String, size: Int64, mtimeNs: Int64) throws {
        try db.execute(
            sql: "UPDATE imported_files SET size = ?, mtime_ns = ? WHERE sha256 = ? AND name = ? AND (size IS NOT ? OR mtime_ns IS NOT ?)",
            arguments: [size, mtimeNs, sha256, name, size, mtimeNs])
    }

    /// Records an imported purchases file.
    static func recordPurchaseFile(_ db: Database, sha256: String, path: String, name: String, rows: Int, size: Int64, mtimeNs: Int64)
        throws
    {
        try db.execute(
            sql: """
                INSERT INTO imported_files(sha256, kind, path, rows, imported_at, name, size, mtime_ns) VALUES (?, 'purchases', ?, ?, ?, ?, ?, ?)
                """, arguments: [sha256, path, rows, Clock.isoNow(), name, size, mtimeNs])
    }

    /// The line already holding an order identity, if any: (file, line).
    static func orderHolder(_ db: Database, platform: String, orderID: String) throws -> (file: String, line: Int)? {
        let statement = try db.cachedStatement(
            sql: "SELECT file, line FROM purchases WHERE platform = ? AND order_id = ? AND holds_order = 1")
        statement.setUncheckedArguments([platform, orderID])
        return try Row.fetchOne(statement).map { ($0["file"], $0["line"]) }
    }

    /// Stores one line of a purchases file in the given state.
    static func insertPurchaseLine(
        _ db: Database, file: String, _ p: PurchaseLine, state: String, holdsOrder: Bool, reason: String, detail: String
    ) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO purchases(file, line, platform, order_id, holds_order, card_number, training_id, purchased_at, purchased_at_text,
                  amount, state, reason, detail, judged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        statement.setUncheckedArguments([
            file, p.line, p.platform, p.orderID, holdsOrder ? 1 : 0, p.card.map { Int64($0) }, p.trainingID, p.purchasedAt,
            p.purchasedAtText, p.amount, state, reason, detail, state == "pending" ? nil : Clock.isoNow(),
        ])
        try statement.execute()
    }

    /// Every pending line in judging order: (purchased_at, platform, order_id).
    static func pendingPurchases(_ db: Database) throws -> [PendingPurchase] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT file, line, platform, order_id, card_number, purchased_at, amount FROM purchases
                WHERE state = 'pending' ORDER BY purchased_at, platform, order_id
                """
        ).map { row in
            PendingPurchase(
                file: row["file"], line: row["line"], platform: row["platform"], orderID: row["order_id"],
                card: UInt64(row["card_number"] as Int64), purchasedAt: row["purchased_at"], amount: row["amount"])
        }
    }

    /// The participant holding a card (a participant of a published or imported wave), if any.
    static func participantAccount(_ db: Database, card: UInt64) throws -> ParticipantAccount? {
        let statement = try db.cachedStatement(
            sql: """
                SELECT nik, wave, status, notice_date, deadline, fund, spent, hangus FROM participants WHERE card_number = ?
                """)
        statement.setUncheckedArguments([Int64(card)])
        guard let row = try Row.fetchOne(statement) else { return nil }
        guard let notice = CivilDate.parseISO(row["notice_date"]), let deadline = CivilDate.parseISO(row["deadline"]) else {
            throw PrakerjaError.internalError("participant of card \(SixteenDigits.maskCard(card)): stored without its dates")
        }
        return ParticipantAccount(
            nik: UInt64(row["nik"] as Int64), wave: row["wave"], dicabut: (row["status"] as String) == "Dicabut",
            notice: notice, deadline: deadline, fund: row["fund"], spent: row["spent"], hangus: row["hangus"])
    }

    /// Records the verdict on a pending line: `accepted`, `rejected` (with reason and detail) or still
    /// `pending` (unknown card). Returns whether anything changed.
    @discardableResult
    static func judgePurchase(_ db: Database, _ p: PendingPurchase, state: String, reason: String, detail: String, nik: UInt64?) throws
        -> Bool
    {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE purchases SET state = ?, reason = ?, detail = ?, nik = ?, judged_at = ?
                WHERE file = ? AND line = ? AND (state IS NOT ? OR reason IS NOT ? OR detail IS NOT ?)
                """)
        statement.setUncheckedArguments([
            state, reason, detail, nik.map { Int64($0) }, Clock.isoNow(), p.file, p.line, state, reason, detail,
        ])
        try statement.execute()
        return db.changesCount > 0
    }

    /// Adds an accepted purchase to what the participant has spent.
    static func spend(_ db: Database, nik: UInt64, amount: Int64) throws {
        let statement = try db.cachedStatement(sql: "UPDATE participants SET spent = spent + ? WHERE nik = ?")
        statement.setUncheckedArguments([amount, Int64(nik)])
        try statement.execute()
    }

    /// Makes a Dicabut participant Lulus again: the hangus is given back and the event noted.
    static func reinstate(_ db: Database, _ account: ParticipantAccount, on date: CivilDate, detail: String) throws {
        try db.execute(
            sql: "UPDATE participants SET status = 'Lulus', hangus = 0, reinstated_on = ? WHERE nik = ? AND status = 'Dicabut'",
            arguments: [date.description, Int64(account.nik)])
        try db.execute(
            sql: "INSERT INTO events(nik, wave, kind, on_date, amount, detail) VALUES (?, ?, 'reinstated', ?, ?, ?)",
            arguments: [Int64(account.nik), account.wave, date.description, account.hangus, detail])
    }

    /// The lines of a file that are not accepted (rejected, or pending on an unknown card), by line.
    static func unacceptedLines(_ db: Database, file: String) throws -> [(line: Int, reason: String, detail: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT line, reason, detail FROM purchases WHERE file = ? AND state IN ('rejected', 'pending') ORDER BY line
                """, arguments: [file]
        ).map { ($0["line"], $0["reason"], $0["detail"]) }
    }
}
