import GRDB

/// Versioned migrations. Each table states its invariants; history look-ups are indexed.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (
                      key TEXT PRIMARY KEY NOT NULL,
                      value TEXT NOT NULL
                    );
                    CREATE TABLE waves (
                      wave INTEGER PRIMARY KEY CHECK (wave > 0),
                      state TEXT NOT NULL CHECK (state IN ('selected', 'published', 'imported')),
                      config_sha256 TEXT,
                      seed TEXT,
                      closes TEXT,
                      announce TEXT,
                      notice_date TEXT,
                      purchase_days INTEGER NOT NULL DEFAULT 30 CHECK (purchase_days >= 1),
                      training_fund INTEGER NOT NULL DEFAULT 1000000 CHECK (training_fund >= 1),
                      card_base INTEGER,
                      inputs TEXT,
                      manifest TEXT,
                      import_epoch INTEGER NOT NULL DEFAULT 0,
                      selected_at TEXT,
                      published_at TEXT
                    );
                    CREATE TABLE outcomes (
                      wave INTEGER NOT NULL REFERENCES waves(wave),
                      registration_id TEXT NOT NULL,
                      nik INTEGER NOT NULL,
                      kk INTEGER,
                      full_name TEXT NOT NULL,
                      province_code TEXT NOT NULL,
                      status TEXT NOT NULL CHECK (status IN ('Lulus', 'Gagal')),
                      reason INTEGER CHECK (reason BETWEEN 1 AND 12),
                      failed INTEGER NOT NULL DEFAULT 0,
                      detail TEXT NOT NULL DEFAULT '',
                      tier INTEGER,
                      lottery_rank INTEGER,
                      lottery_key TEXT,
                      card_number INTEGER,
                      registration_day INTEGER,
                      phone TEXT,
                      email TEXT,
                      PRIMARY KEY (wave, registration_id),
                      CHECK ((status = 'Lulus') = (reason IS NULL)),
                      CHECK ((status = 'Lulus') = (card_number IS NOT NULL))
                    ) WITHOUT ROWID;
                    CREATE INDEX outcomes_nik ON outcomes(nik);
                    CREATE TABLE rejected_rows (
                      wave INTEGER NOT NULL REFERENCES waves(wave),
                      seq INTEGER NOT NULL,
                      file TEXT NOT NULL,
                      line INTEGER NOT NULL,
                      reason TEXT NOT NULL,
                      detail TEXT NOT NULL DEFAULT '',
                      PRIMARY KEY (wave, seq)
                    ) WITHOUT ROWID;
                    CREATE TABLE cards (
                      card_number INTEGER PRIMARY KEY CHECK (card_number BETWEEN 0 AND 9999999999999999),
                      wave INTEGER NOT NULL,
                      nik INTEGER NOT NULL,
                      counter INTEGER UNIQUE,
                      final INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX cards_wave ON cards(wave);
                    CREATE TABLE participants (
                      nik INTEGER PRIMARY KEY,
                      kk INTEGER NOT NULL,
                      wave INTEGER NOT NULL,
                      registration_id TEXT,
                      status TEXT NOT NULL CHECK (status IN ('Lulus', 'Dicabut')),
                      card_number INTEGER NOT NULL UNIQUE REFERENCES cards(card_number),
                      notice_date TEXT NOT NULL,
                      deadline TEXT NOT NULL,
                      fund INTEGER NOT NULL,
                      spent INTEGER NOT NULL DEFAULT 0 CHECK (spent >= 0 AND spent <= fund),
                      hangus INTEGER NOT NULL DEFAULT 0,
                      imported INTEGER NOT NULL DEFAULT 0,
                      revoked_on TEXT,
                      reinstated_on TEXT
                    );
                    CREATE INDEX participants_kk ON participants(kk, status);
                    CREATE INDEX participants_wave ON participants(wave, status);
                    CREATE INDEX participants_deadline ON participants(status, deadline);
                    -- What a sweep looks at: current, not imported, nothing bought yet. Buyers and Dicabut
                    -- leave the index, so a sweep's cost follows the undecided participants, not the history.
                    CREATE INDEX participants_due ON participants(deadline) WHERE status = 'Lulus' AND imported = 0 AND spent = 0;
                    CREATE TABLE contacts (
                      contact TEXT PRIMARY KEY NOT NULL,
                      nik INTEGER NOT NULL,
                      wave INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE review_items (
                      wave INTEGER NOT NULL REFERENCES waves(wave),
                      item TEXT NOT NULL,
                      registration_id TEXT NOT NULL,
                      other_registration_id TEXT NOT NULL,
                      score REAL,
                      detail TEXT NOT NULL DEFAULT '',
                      PRIMARY KEY (wave, item, registration_id, other_registration_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE decisions (
                      wave INTEGER NOT NULL,
                      item TEXT NOT NULL,
                      registration_id TEXT NOT NULL,
                      other_registration_id TEXT NOT NULL,
                      decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject')),
                      PRIMARY KEY (wave, item, registration_id, other_registration_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE exclusions_used (
                      wave INTEGER NOT NULL,
                      nik INTEGER NOT NULL,
                      programs TEXT NOT NULL,
                      PRIMARY KEY (wave, nik)
                    ) WITHOUT ROWID;
                    CREATE TABLE imported_files (
                      sha256 TEXT PRIMARY KEY NOT NULL,
                      kind TEXT NOT NULL CHECK (kind IN ('participants', 'purchases')),
                      path TEXT NOT NULL,
                      rows INTEGER NOT NULL,
                      imported_at TEXT NOT NULL,
                      -- purchases: the report name (file name without .csv), size and mtime, so nightly
                      -- recognises a known file without hashing it again
                      name TEXT,
                      size INTEGER,
                      mtime_ns INTEGER
                    );
                    CREATE INDEX imported_files_name ON imported_files(name) WHERE name IS NOT NULL;
                    -- Every line of every imported purchases file (§4.4), so a file's rejected report can be
                    -- written again whenever its lines are judged. A line holds its order identity
                    -- (platform, order_id) once it is readable and its platform known; a later line with the
                    -- same identity is 'ignored'.
                    CREATE TABLE purchases (
                      file TEXT NOT NULL,
                      line INTEGER NOT NULL CHECK (line >= 2),
                      platform TEXT NOT NULL,
                      order_id TEXT NOT NULL,
                      holds_order INTEGER NOT NULL CHECK (holds_order IN (0, 1)),
                      card_number INTEGER,
                      training_id TEXT NOT NULL,
                      purchased_at INTEGER,
                      purchased_at_text TEXT NOT NULL,
                      amount INTEGER,
                      state TEXT NOT NULL CHECK (state IN ('accepted', 'pending', 'rejected', 'ignored')),
                      reason TEXT NOT NULL DEFAULT '',
                      detail TEXT NOT NULL DEFAULT '',
                      nik INTEGER,
                      judged_at TEXT,
                      PRIMARY KEY (file, line),
                      CHECK (state != 'accepted' OR (nik IS NOT NULL AND amount > 0 AND holds_order = 1)),
                      CHECK (state != 'pending' OR (holds_order = 1 AND purchased_at IS NOT NULL AND card_number IS NOT NULL AND amount > 0))
                    ) WITHOUT ROWID;
                    CREATE UNIQUE INDEX purchases_order ON purchases(platform, order_id) WHERE holds_order = 1;
                    CREATE INDEX purchases_card ON purchases(card_number, state);
                    CREATE INDEX purchases_pending ON purchases(purchased_at, platform, order_id) WHERE state = 'pending';
                    -- Messages to send, one per (NIK, wave, template, channel); on_date is the notice or sweep date.
                    CREATE TABLE outbox (
                      nik INTEGER NOT NULL,
                      wave INTEGER NOT NULL,
                      template TEXT NOT NULL CHECK (template IN ('lulus', 'dicabut')),
                      channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
                      recipient TEXT NOT NULL,
                      message TEXT NOT NULL,
                      on_date TEXT NOT NULL,
                      PRIMARY KEY (nik, wave, template, channel)
                    ) WITHOUT ROWID;
                    CREATE INDEX outbox_wave ON outbox(wave, template);
                    CREATE INDEX outbox_date ON outbox(template, on_date);
                    CREATE TABLE events (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      nik INTEGER NOT NULL,
                      wave INTEGER NOT NULL,
                      kind TEXT NOT NULL CHECK (kind IN ('dicabut', 'reinstated')),
                      on_date TEXT NOT NULL,
                      amount INTEGER NOT NULL DEFAULT 0,
                      detail TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX events_nik ON events(nik);
                    CREATE INDEX events_date ON events(kind, on_date);
                    CREATE TABLE sweeps (
                      as_of TEXT PRIMARY KEY NOT NULL,
                      revoked INTEGER NOT NULL DEFAULT 0,
                      swept_at TEXT NOT NULL
                    );
                    CREATE TABLE runs (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      command TEXT NOT NULL,
                      started_at TEXT NOT NULL,
                      finished_at TEXT NOT NULL,
                      inputs TEXT NOT NULL DEFAULT '[]',
                      config_sha256 TEXT,
                      counts TEXT NOT NULL DEFAULT '{}',
                      result TEXT NOT NULL
                    );
                    """)
        }
        // v2: a participant's card is unique through a named index instead of a column constraint,
        // so a bulk import into an empty history can drop it and build it once after loading.
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    \(participantsTable("participants_v2", cardColumn: "card_number INTEGER NOT NULL REFERENCES cards(card_number)"));
                    \(copyParticipants(into: "participants_v2"))
                    """)
            try createParticipantIndexes(db)
        }
        // v3: outcomes by NIK live in a table of their own, written in NIK order with each wave,
        // instead of an index on `outcomes` written at random pages (1M rows: 1.6 s of 3.1 s).
        migrator.registerMigration("v3") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outcome_niks (
                      wave INTEGER NOT NULL,
                      nik INTEGER NOT NULL,
                      registration_id TEXT NOT NULL,
                      PRIMARY KEY (wave, nik, registration_id)
                    ) WITHOUT ROWID;
                    INSERT INTO outcome_niks SELECT wave, nik, registration_id FROM outcomes ORDER BY wave, nik, registration_id;
                    DROP INDEX outcomes_nik;
                    """)
        }
        // v4: the contacts of imported participants live in a table of their own. Nothing but an
        // import writes it, so a wave's claims go into `contacts`, which holds the claims of waves
        // run here only, instead of among the imported history's (34 million at 17 million
        // participants), where they landed on nearly every page and the run rewrote the whole
        // B-tree. Imported contacts are claimed before any wave run here (§8), so a look-up asks
        // `imported_contacts` first.
        migrator.registerMigration("v4") { db in
            try db.execute(
                sql: """
                    CREATE TABLE imported_contacts (
                      contact TEXT PRIMARY KEY NOT NULL,
                      nik INTEGER NOT NULL,
                      wave INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    INSERT INTO imported_contacts
                      SELECT contact, nik, wave FROM contacts WHERE wave IN (SELECT wave FROM waves WHERE state = 'imported')
                      ORDER BY contact;
                    CREATE TABLE contacts_v4 (
                      contact TEXT PRIMARY KEY NOT NULL,
                      nik INTEGER NOT NULL,
                      wave INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    INSERT INTO contacts_v4
                      SELECT contact, nik, wave FROM contacts WHERE wave NOT IN (SELECT wave FROM waves WHERE state = 'imported')
                      ORDER BY contact;
                    DROP TABLE contacts;
                    ALTER TABLE contacts_v4 RENAME TO contacts;
                    """)
        }
        // v5: an issue counter is unique among issued (published) cards, through a partial index,
        // instead of among every card. A run inserts its provisional cards in number order, which
        // put them at random places of the counter index: 1.6 µs a card at 7M (4.4 s, on the
        // run's critical path), a third of it for that index. The counters of a run are its own,
        // consecutive from the next counter, and a card number is unique in every case (the key);
        // publishing a wave adds its counters to the index, which checks them then.
        migrator.registerMigration("v5") { db in
            try db.execute(
                sql: """
                    \(cardsTable("cards_v5"));
                    INSERT INTO cards_v5 SELECT card_number, wave, nik, counter, final FROM cards ORDER BY card_number;
                    DROP TABLE cards;
                    ALTER TABLE cards_v5 RENAME TO cards;
                    \(cardIndexes)
                    """)
        }
        // v6: the cards of imported participants live in a table of their own too, for the reason
        // of v4: a wave's cards, in number order, landed on nearly every page of the 17 million
        // imported ones (437 MB rewritten and checkpointed by each run). Both tables key on the
        // number. A participant's card is then in either table, so `participants` loses its
        // reference to `cards`; its card stays unique through `participants_card`, an import
        // checks its cards against both tables, and a run against both before it issues one.
        migrator.registerMigration("v6") { db in
            try db.execute(
                sql: """
                    CREATE TABLE imported_cards (
                      card_number INTEGER PRIMARY KEY CHECK (card_number BETWEEN 0 AND 9999999999999999),
                      wave INTEGER NOT NULL,
                      nik INTEGER NOT NULL
                    );
                    INSERT INTO imported_cards
                      SELECT card_number, wave, nik FROM cards WHERE wave IN (SELECT wave FROM waves WHERE state = 'imported')
                      ORDER BY card_number;
                    \(cardsTable("cards_v6"));
                    INSERT INTO cards_v6
                      SELECT card_number, wave, nik, counter, final FROM cards
                      WHERE wave NOT IN (SELECT wave FROM waves WHERE state = 'imported') ORDER BY card_number;
                    \(participantsTable("participants_v6", cardColumn: "card_number INTEGER NOT NULL"));
                    \(copyParticipants(into: "participants_v6"))
                    DROP TABLE cards;
                    ALTER TABLE cards_v6 RENAME TO cards;
                    \(cardIndexes)
                    """)
            try createParticipantIndexes(db)
        }
        return migrator
    }

    /// `participants` as v2 rebuilt it (v6 again, without the reference to `cards`), under `name`.
    private static func participantsTable(_ name: String, cardColumn: String) -> String {
        """
        CREATE TABLE \(name) (
          nik INTEGER PRIMARY KEY,
          kk INTEGER NOT NULL,
          wave INTEGER NOT NULL,
          registration_id TEXT,
          status TEXT NOT NULL CHECK (status IN ('Lulus', 'Dicabut')),
          \(cardColumn),
          notice_date TEXT NOT NULL,
          deadline TEXT NOT NULL,
          fund INTEGER NOT NULL,
          spent INTEGER NOT NULL DEFAULT 0 CHECK (spent >= 0 AND spent <= fund),
          hangus INTEGER NOT NULL DEFAULT 0,
          imported INTEGER NOT NULL DEFAULT 0,
          revoked_on TEXT,
          reinstated_on TEXT
        )
        """
    }

    /// Moves every participant into the rebuilt table `name`, in NIK order, and gives it the name.
    private static func copyParticipants(into name: String) -> String {
        """
        INSERT INTO \(name)
          SELECT nik, kk, wave, registration_id, status, card_number, notice_date, deadline, fund, spent, hangus,
            imported, revoked_on, reinstated_on
          FROM participants ORDER BY nik;
        DROP TABLE participants;
        ALTER TABLE \(name) RENAME TO participants;
        """
    }

    /// `cards` as v5 rebuilt it (and v6 again), under `name`: no unique counter among every card.
    private static func cardsTable(_ name: String) -> String {
        """
        CREATE TABLE \(name) (
          card_number INTEGER PRIMARY KEY CHECK (card_number BETWEEN 0 AND 9999999999999999),
          wave INTEGER NOT NULL,
          nik INTEGER NOT NULL,
          counter INTEGER,
          final INTEGER NOT NULL DEFAULT 0
        )
        """
    }

    /// The indexes of `cards` since v5.
    private static let cardIndexes = """
        CREATE INDEX cards_wave ON cards(wave);
        CREATE UNIQUE INDEX cards_counter ON cards(counter) WHERE final = 1;
        """

    /// Every index of a rebuilt `participants`.
    private static func createParticipantIndexes(_ db: Database) throws {
        for index in participantIndexes { try db.execute(sql: index.sql) }
        try db.execute(
            sql: "CREATE INDEX participants_due ON participants(deadline) WHERE status = 'Lulus' AND imported = 0 AND spent = 0")
    }

    /// The indexes of `participants` that a bulk import into an empty history builds once, after loading.
    static let participantIndexes: [(name: String, sql: String)] = [
        ("participants_card", "CREATE UNIQUE INDEX participants_card ON participants(card_number)"),
        ("participants_kk", "CREATE INDEX participants_kk ON participants(kk, status)"),
        ("participants_wave", "CREATE INDEX participants_wave ON participants(wave, status)"),
        ("participants_deadline", "CREATE INDEX participants_deadline ON participants(status, deadline)"),
    ]
}
