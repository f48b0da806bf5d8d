import Foundation
import GRDB
import Testing

@testable import PrakerjaKit

/// `import-participants` loads through scratch tables sorted by key; these pin down what the
/// sorted load must keep from a row-by-row load: the first clashing line in file order, contact
/// claims in file order, and nothing stored on failure.
@Suite struct ImportParticipantsTests {
    static let header = "nik,kk,wave,status,card_number,notice_date,phone,email\n"

    /// A participants line with NIK serial `n` and card payload `card`.
    static func line(_ n: Int, card: Int, wave: Int = 1, phone: String = "", email: String = "") -> String {
        "\(Lifecycle.nik(n)),\(Lifecycle.kk(n)),\(wave),Lulus,\(WaveRunTests.luhn(String(400_000_000_000_000 + card))),2021-03-01,\(phone),\(email)\n"
    }

    func counts(_ env: TestEnvironment) throws -> [Int] {
        guard FileManager.default.fileExists(atPath: env.dbPath) else { return [] }
        let store = try Store.openForReading(path: env.dbPath)
        defer { store.close() }
        return try store.read { db in
            try ["participants", "imported_cards", "imported_contacts", "imported_files"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)")!
            }
        }
    }

    func importing(_ env: TestEnvironment, _ names: [String]) throws -> ImportParticipants.Summary {
        try ImportParticipants.run(files: names.map { env.root + "/" + $0 }, context: env.context())
    }

    @Test func theFirstClashingLineInFileOrderIsNamedAndNothingIsStored() throws {
        let env = try TestEnvironment()
        try env.write(Self.header + Self.line(1, card: 1) + Self.line(2, card: 2), to: "base.csv")
        _ = try importing(env, ["base.csv"])
        let before = try counts(env)

        // Line 3 repeats the NIK of line 2; line 4 repeats a card: the NIK clash comes first.
        try env.write(
            Self.header + Self.line(3, card: 3) + Self.line(3, card: 4) + Self.line(5, card: 3), to: "nik-first.csv")
        #expect(throws: PrakerjaError.badInput("\(env.root)/nik-first.csv: line 3: nik: appears more than once among participants")) {
            try importing(env, ["nik-first.csv"])
        }
        // A card issued by an earlier import, on a later line than a NIK repeated from it.
        try env.write(Self.header + Self.line(6, card: 6) + Self.line(7, card: 7) + Self.line(8, card: 1), to: "card.csv")
        #expect(throws: PrakerjaError.badInput("\(env.root)/card.csv: line 4: card_number: clashes with a card already issued")) {
            try importing(env, ["card.csv"])
        }
        // On one line, the card is checked before the NIK.
        try env.write(Self.header + Self.line(1, card: 2), to: "both.csv")
        #expect(throws: PrakerjaError.badInput("\(env.root)/both.csv: line 2: card_number: clashes with a card already issued")) {
            try importing(env, ["both.csv"])
        }
        // Across the files of one call: the second file repeats a NIK of the first.
        try env.write(Self.header + Self.line(10, card: 10), to: "a.csv")
        try env.write(Self.header + Self.line(11, card: 11) + Self.line(10, card: 12), to: "b.csv")
        #expect(throws: PrakerjaError.badInput("\(env.root)/b.csv: line 3: nik: appears more than once among participants")) {
            try importing(env, ["a.csv", "b.csv"])
        }
        #expect(try counts(env) == before)
        #expect(try importing(env, ["a.csv"]).participants == 1)
    }

    @Test func aClashIntoAnEmptyHistoryLeavesNoDatabase() throws {
        let env = try TestEnvironment()
        try env.write(Self.header + Self.line(1, card: 1) + Self.line(2, card: 1), to: "p.csv")
        #expect(throws: PrakerjaError.badInput("\(env.root)/p.csv: line 3: card_number: clashes with a card already issued")) {
            try importing(env, ["p.csv"])
        }
        #expect(!FileManager.default.fileExists(atPath: env.dbPath))
    }

    /// Imported cards live apart from the cards of waves run here (v6); a clash with one of those
    /// is still a bad line, and nothing is imported.
    @Test func aCardOfAToolWaveClashes() throws {
        let env = try TestEnvironment()
        _ = try WaveRun.run(waveDir: try Lifecycle.smallWave(2).write(in: env), context: env.context())
        let toolCard = try {
            let store = try Store.openForReading(path: env.dbPath)
            defer { store.close() }
            return try store.read { db in try Int64.fetchOne(db, sql: "SELECT card_number FROM cards ORDER BY card_number LIMIT 1") }
        }()
        let card = try #require(toolCard)
        let before = try counts(env)
        try env.write(
            Self.header + Self.line(60, card: 60, wave: 3)
                + "\(Lifecycle.nik(61)),\(Lifecycle.kk(61)),3,Lulus,\(card),2021-03-01,,\n",
            to: "legacy.csv")
        #expect(throws: PrakerjaError.badInput("\(env.root)/legacy.csv: line 3: card_number: clashes with a card already issued")) {
            try importing(env, ["legacy.csv"])
        }
        #expect(try counts(env) == before)
    }

    @Test func contactsGoToTheirFirstLineAndTakeOverToolWaveClaims() throws {
        let env = try TestEnvironment()
        // A tool wave 7 claims two contacts.
        var wave = Lifecycle.smallWave(2)
        wave.rows[0] = WaveBuilder.row("R01", nik: Lifecycle.nik(1), kk: Lifecycle.kk(1), phone: "081234500001")
        wave.rows[1] = WaveBuilder.row("R02", nik: Lifecycle.nik(2), kk: Lifecycle.kk(2), email: "two@example.com")
        _ = try WaveRun.run(waveDir: try wave.write(in: env), context: env.context())

        // Participants of wave 3: line 2 and line 3 share a phone; line 4 shares the wave-7 e-mail.
        try env.write(
            Self.header + Self.line(50, card: 50, wave: 3, phone: "081234500001")
                + Self.line(51, card: 51, wave: 3, phone: "+6281234500001", email: "shared@example.com")
                + Self.line(52, card: 52, wave: 3, email: "Two@Example.com")
                + Self.line(53, card: 53, wave: 3, email: "shared@example.com"),
            to: "legacy.csv")
        #expect(try importing(env, ["legacy.csv"]).participants == 4)
        let store = try Store.openForReading(path: env.dbPath)
        defer { store.close() }
        let imported = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT contact, nik, wave FROM imported_contacts ORDER BY contact").map {
                "\($0[0] as String) \($0[1] as Int64) \($0[2] as Int)"
            }
        }
        #expect(
            imported == [
                "+6281234500001 \(Lifecycle.nik(50)) 3",
                "shared@example.com \(Lifecycle.nik(51)) 3",
                "two@example.com \(Lifecycle.nik(52)) 3",
            ])
        // The tool wave's claims stay where they are, and the look-ups of a later wave see the
        // imported owners first.
        let toolClaims = try store.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM contacts WHERE wave = 7 AND contact IN ('+6281234500001', 'two@example.com')")
        }
        #expect(toolClaims == 2)
        let owners = try store.read { db in
            try Store.contactOwners(
                HistoryReader(db, path: nil, jobs: 1), contacts: ["+6281234500001", "two@example.com", "x@example.com"], before: 8)
        }
        #expect(owners == ["+6281234500001": UInt64(Lifecycle.nik(50))!, "two@example.com": UInt64(Lifecycle.nik(52))!])
        // The sorted load built the indexes once and the history reads through them.
        let indexes = try store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'participants' ORDER BY name")
        }
        #expect(indexes == ["participants_card", "participants_deadline", "participants_due", "participants_kk", "participants_wave"])
    }

    @Test func migrationsKeepTheHistory() throws {
        let env = try TestEnvironment()
        do {
            let queue = try DatabaseQueue(path: env.dbPath)
            try Schema.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO cards(card_number, wave, nik, final) VALUES (4000000000000017, 1, 3201014101900001, 1)")
                try db.execute(
                    sql: """
                        INSERT INTO participants(nik, kk, wave, status, card_number, notice_date, deadline, fund, spent, imported)
                        VALUES (3201014101900001, 3201010000000001, 1, 'Lulus', 4000000000000017, '2021-03-01', '2021-03-30', 1000000, 5, 1)
                        """)
                try db.execute(sql: "INSERT INTO waves(wave, state) VALUES (1, 'imported')")
                try db.execute(sql: "INSERT INTO waves(wave, state) VALUES (2, 'selected')")
                try db.execute(sql: "INSERT INTO contacts(contact, nik, wave) VALUES ('+6281234500001', 3201014101900001, 1)")
                try db.execute(sql: "INSERT INTO contacts(contact, nik, wave) VALUES ('siti@example.com', 3201014101900009, 2)")
                try db.execute(
                    sql: """
                        INSERT INTO outcomes(wave, registration_id, nik, full_name, province_code, status, reason)
                        VALUES (2, 'R1', 3201014101900009, 'SITI', '32', 'Gagal', 12)
                        """)
            }
            try queue.close()
        }
        let store = try Store.openForWriting(path: env.dbPath)
        defer { store.close() }
        let row = try store.read { db in
            try Row.fetchOne(db, sql: "SELECT nik, card_number, spent, imported FROM participants")
        }
        #expect(row?[0] as Int64? == 3_201_014_101_900_001)
        #expect(row?[1] as Int64? == 4_000_000_000_000_017)
        #expect(row?[2] as Int? == 5)
        #expect(row?[3] as Int? == 1)
        // v3: outcomes by NIK moved from an index to a table of their own.
        let byNIK = try store.read { db in try Row.fetchAll(db, sql: "SELECT wave, nik, registration_id FROM outcome_niks") }
        #expect(byNIK.map { "\($0[0] as Int) \($0[1] as Int64) \($0[2] as String)" } == ["2 3201014101900009 R1"])
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'outcomes_nik'") } == 0)
        // v4: the imported wave's contacts moved to `imported_contacts`; the tool wave's stayed.
        let claims = try store.read { db in
            try ["imported_contacts", "contacts"].map { table in
                try Row.fetchAll(db, sql: "SELECT contact, wave FROM \(table)").map { "\($0[0] as String) \($0[1] as Int)" }
            }
        }
        #expect(claims == [["+6281234500001 1"], ["siti@example.com 2"]])
        // v5: issue counters unique among issued cards only, through a partial index.
        let cardIndexes = try store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cards' ORDER BY name")
        }
        #expect(cardIndexes == ["cards_counter", "cards_wave"])
        // v6: the imported wave's card moved to `imported_cards`, and the participant keeps it.
        let cardRows = try store.read { db in
            try ["imported_cards", "cards"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0) WHERE card_number = 4000000000000017")
            }
        }
        #expect(cardRows == [1, 0])
        try store.write(command: "test") { db in
            try db.execute(sql: "INSERT INTO cards(card_number, wave, nik, counter, final) VALUES (4000000000000025, 2, 1, 7, 0)")
            try db.execute(sql: "INSERT INTO cards(card_number, wave, nik, counter, final) VALUES (4000000000000033, 2, 2, 7, 0)")
            try db.execute(sql: "DELETE FROM cards WHERE wave = 2")
        }
        #expect(throws: PrakerjaError.self) {
            try store.write(command: "test") { db in
                try db.execute(sql: "INSERT INTO cards(card_number, wave, nik, counter, final) VALUES (4000000000000025, 2, 1, 7, 1)")
                try db.execute(sql: "INSERT INTO cards(card_number, wave, nik, counter, final) VALUES (4000000000000033, 2, 2, 7, 1)")
            }
        }
        // The card stays unique, now through the named index.
        #expect(throws: PrakerjaError.self) {
            try store.write(command: "test") { db in
                try db.execute(
                    sql: """
                        INSERT INTO participants(nik, kk, wave, status, card_number, notice_date, deadline, fund)
                        VALUES (3201014101900002, 3201010000000001, 1, 'Lulus', 4000000000000017, '2021-03-01', '2021-03-30', 1000000)
                        """)
            }
        }
    }
}

/// The history look-ups give the same answers on the writing connection and on read-only ones.
@Suite struct HistoryReaderTests {
    @Test func readOnlyConnectionsAnswerLikeTheWritingOne() throws {
        let env = try TestEnvironment()
        var lines = ImportParticipantsTests.header
        for n in 1...40 {
            let status = n % 3 == 0 ? "Dicabut" : "Lulus"
            let kk = Lifecycle.kk(n % 7)
            lines +=
                "\(Lifecycle.nik(n)),\(kk),\(1 + n % 2),\(status),\(WaveRunTests.luhn(String(400_000_000_000_000 + n))),2021-03-01,0812345\(String(format: "%05d", n)),p\(n)@example.com\n"
        }
        try env.write(lines, to: "p.csv")
        _ = try ImportParticipants.run(files: [env.root + "/p.csv"], context: env.context())
        let niks = (1...60).map { UInt64(Lifecycle.nik($0))! }
        let kks = (0...9).map { UInt64(Lifecycle.kk($0))! }
        let contacts = (1...60).flatMap { ["+62812345\(String(format: "%05d", $0))", "p\($0)@example.com"] }.sorted()
        let store = try Store.openForWriting(path: env.dbPath)
        defer { store.close() }
        try store.write(command: "test") { db in
            // Like a run: this transaction writes rows of its own wave only, which no look-up reads.
            try db.execute(sql: "INSERT INTO contacts(contact, nik, wave) VALUES ('+6281234500055', 1, 3)")
            let one = HistoryReader(db, path: nil, jobs: 1)
            for jobs in [2, 3] {
                let many = HistoryReader(db, path: store.path, jobs: jobs, minimumKeys: 1)
                for wave in [2, 3] {
                    let a = try Store.participantStatus(one, niks: niks, before: wave)
                    let b = try Store.participantStatus(many, niks: niks, before: wave)
                    #expect(a.revoked == b.revoked && a.current == b.current)
                    #expect(!a.revoked.isEmpty && !a.current.isEmpty)
                    #expect(try Store.familyCounts(one, kks: kks, before: wave) == Store.familyCounts(many, kks: kks, before: wave))
                    let owners = try Store.contactOwners(one, contacts: contacts, before: wave)
                    #expect(owners.count > 10)
                    #expect(try Store.contactOwners(many, contacts: contacts, before: wave) == owners)
                }
            }
        }
    }
}
