import GRDB

/// The bulk load behind `import-participants`.
///
/// Rows are appended to scratch tables in file order (a temporary file, not memory, so memory
/// stays flat however large the files are). Then `imported_cards`, `participants` and `imported_contacts` are each
/// written with one `INSERT … SELECT … ORDER BY` their key, so every B-tree is filled front to
/// back instead of at random pages. Inserting 17 million rows in file order took 17.5 minutes;
/// see BENCHMARKS.md for the sorted load.
struct ParticipantStaging {
    private let db: Database
    private let row: FastStatement
    private let contact: FastStatement

    init(_ db: Database) throws {
        self.db = db
        try db.execute(
            sql: """
                DROP TABLE IF EXISTS temp.import_rows;
                DROP TABLE IF EXISTS temp.import_contacts;
                CREATE TEMP TABLE import_rows (
                  seq INTEGER PRIMARY KEY,
                  file INTEGER NOT NULL,
                  line INTEGER NOT NULL,
                  nik INTEGER NOT NULL,
                  kk INTEGER NOT NULL,
                  wave INTEGER NOT NULL,
                  status TEXT NOT NULL,
                  card INTEGER NOT NULL,
                  notice TEXT NOT NULL,
                  deadline TEXT NOT NULL
                );
                CREATE TEMP TABLE import_contacts (
                  seq INTEGER PRIMARY KEY,
                  contact TEXT NOT NULL,
                  nik INTEGER NOT NULL,
                  wave INTEGER NOT NULL
                );
                """)
        row = try FastStatement(
            db,
            sql: "INSERT INTO import_rows(file, line, nik, kk, wave, status, card, notice, deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        contact = try FastStatement(db, sql: "INSERT INTO import_contacts(contact, nik, wave) VALUES (?, ?, ?)")
    }

    /// Appends one validated row of file number `file` (an index into the `displays` given to `load`).
    func append(_ r: ImportParticipants.Row, file: Int) throws {
        row.bind(1, file)
        row.bind(2, r.line)
        row.bind(3, Int64(r.nik))
        row.bind(4, Int64(r.kk))
        row.bind(5, r.wave)
        row.bind(6, r.dicabut ? "Dicabut" : "Lulus")
        row.bind(7, Int64(r.card))
        row.bind(8, r.notice.description)
        row.bind(9, r.notice.adding(days: 29).description)
        try row.execute()
        for c in [r.phone, r.email].compactMap({ $0 }) {
            contact.bind(1, c)
            contact.bind(2, Int64(r.nik))
            contact.bind(3, r.wave)
            try contact.execute()
        }
    }

    /// Writes the staged rows in key order, then drops the scratch tables.
    ///
    /// A card already issued (or staged twice) or a NIK already a participant (or staged twice)
    /// stops the import, naming the first such line in file order; the card is checked before
    /// the NIK on the same line.
    func load(displays: [String], jobs: Int) throws {
        // SQLite's external sorter may use `jobs` threads for the ORDER BYs below.
        try db.execute(sql: "PRAGMA threads = \(max(0, min(jobs, 8) - 1))")
        defer { try? db.execute(sql: "PRAGMA threads = 0") }
        do {
            try db.inSavepoint {
                try db.execute(
                    sql: """
                        INSERT INTO imported_cards(card_number, wave, nik)
                          SELECT card, wave, nik FROM import_rows ORDER BY card
                        """)
                // A card of a wave run here (issued or provisional) is in the other table.
                let clash = try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM main.cards c WHERE EXISTS (
                          SELECT 1 FROM main.imported_cards i WHERE i.card_number = c.card_number))
                        """)
                if clash == true { throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "imported card clashes") }
                try db.execute(
                    sql: """
                        INSERT INTO participants(nik, kk, wave, status, card_number, notice_date, deadline, fund, imported)
                          SELECT nik, kk, wave, status, card, notice, deadline, 1000000, 1 FROM import_rows ORDER BY nik
                        """)
                return .commit
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw try firstClash(displays: displays) ?? PrakerjaError.internalError("import: \(error.message ?? "\(error)")")
        }
        // Imported contacts are claimed before any wave run here (§8), so they go into a table of
        // their own that look-ups ask first: the first line of this import with a contact claims
        // it, unless an earlier import did; a claim of a tool wave on it (in `contacts`) no longer
        // counts. `WHERE true` lets SQLite parse the upsert after a SELECT.
        try db.execute(
            sql: """
                INSERT INTO imported_contacts(contact, nik, wave)
                  SELECT contact, nik, wave FROM import_contacts WHERE true ORDER BY contact, seq
                  ON CONFLICT(contact) DO NOTHING
                """)
        try db.execute(sql: "DROP TABLE temp.import_rows; DROP TABLE temp.import_contacts")
    }

    /// The first staged line, in file order, whose card or NIK clashes; nil when none does.
    private func firstClash(displays: [String]) throws -> PrakerjaError? {
        try db.execute(
            sql: """
                CREATE INDEX temp.import_rows_card ON import_rows(card, seq);
                CREATE INDEX temp.import_rows_nik ON import_rows(nik, seq);
                """)
        let card = try Int64.fetchOne(
            db,
            sql: """
                SELECT min(seq) FROM import_rows r
                WHERE EXISTS (SELECT 1 FROM main.cards c WHERE c.card_number = r.card)
                   OR EXISTS (SELECT 1 FROM main.imported_cards c WHERE c.card_number = r.card)
                   OR EXISTS (SELECT 1 FROM import_rows o WHERE o.card = r.card AND o.seq < r.seq)
                """)
        let nik = try Int64.fetchOne(
            db,
            sql: """
                SELECT min(seq) FROM import_rows r
                WHERE EXISTS (SELECT 1 FROM main.participants p WHERE p.nik = r.nik)
                   OR EXISTS (SELECT 1 FROM import_rows o WHERE o.nik = r.nik AND o.seq < r.seq)
                """)
        let (seq, message): (Int64, String)
        switch (card, nik) {
        case (let c?, let n?): (seq, message) = c <= n ? (c, Self.cardClash) : (n, Self.nikClash)
        case (let c?, nil): (seq, message) = (c, Self.cardClash)
        case (nil, let n?): (seq, message) = (n, Self.nikClash)
        case (nil, nil): return nil
        }
        guard let at = try Row.fetchOne(db, sql: "SELECT file, line FROM import_rows WHERE seq = ?", arguments: [seq]) else { return nil }
        let file: Int = at[0]
        let line: Int = at[1]
        return .badInput("\(displays[file]): line \(line): \(message)")
    }

    static let cardClash = "card_number: clashes with a card already issued"
    static let nikClash = "nik: appears more than once among participants"
}
