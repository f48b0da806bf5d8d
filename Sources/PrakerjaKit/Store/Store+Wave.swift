import Foundation
import GRDB

extension Store {
    /// Removes what a previous run of a selected wave stored: outcomes, rejected rows, review items,
    /// contact claims, exclusions used and provisional cards. Decisions stay.
    ///
    /// The claims have no index by wave, so their delete reads every claim of the waves run here
    /// (imported contacts are in a table of their own); a first run of a wave has nothing to
    /// remove and does not call this.
    static func clearSelection(_ db: Database, wave: Int) throws {
        for table in ["outcomes", "outcome_niks", "rejected_rows", "review_items", "contacts", "exclusions_used"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE wave = ?", arguments: [wave])
        }
        try db.execute(sql: "DELETE FROM cards WHERE wave = ? AND final = 0", arguments: [wave])
    }

    /// Stores a wave's selection as `selected` (its NIK look-up table, contact claims and cards went
    /// in earlier: ``saveOutcomeNIKs(_:wave:count:jobs:entry:)``, ``saveClaims(_:wave:count:jobs:claim:)``,
    /// ``saveCards(_:wave:cards:)``).
    ///
    /// The review items and the final warnings may not be known yet: the run stores them with
    /// ``saveReview(_:result:)`` once the matcher is done.
    static func saveSelection(
        _ db: Database, result: WaveResult, config: WaveConfig, exclusions: Exclusions,
        cardBase: Int64, storedDecisions: [ReviewKey: Decision], jobs: Int
    ) throws {
        let wave = result.wave
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let inputsJSON = String(decoding: try encoder.encode(result.inputs), as: UTF8.self)
        let stored = StoredWave(poolSHA256: result.poolSHA256, places: result.places, warnings: result.warnings)
        let manifestJSON = String(decoding: try encoder.encode(stored), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO waves(wave, state, config_sha256, seed, closes, announce, purchase_days, training_fund, card_base, inputs, manifest, import_epoch, selected_at)
                VALUES (?, 'selected', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(wave) DO UPDATE SET state = 'selected', config_sha256 = excluded.config_sha256, seed = excluded.seed,
                  closes = excluded.closes, announce = excluded.announce, purchase_days = excluded.purchase_days,
                  training_fund = excluded.training_fund, card_base = excluded.card_base, inputs = excluded.inputs,
                  manifest = excluded.manifest, import_epoch = excluded.import_epoch, selected_at = excluded.selected_at
                """,
            arguments: [
                wave, result.configSHA256, config.seed, config.closes.description, config.announce.description,
                config.rules.purchaseDays, config.rules.trainingFund, cardBase, inputsJSON, manifestJSON,
                try importEpoch(db), Clock.isoNow(),
            ])
        let outcome = try MultiRowInsert(
            db, into: "outcomes",
            columns: [
                "registration_id", "nik", "kk", "full_name", "province_code", "status", "reason", "failed", "detail", "tier",
                "lottery_rank", "lottery_key", "card_number", "registration_day", "phone", "email",
            ], constants: ["wave"])
        outcome.bindConstant(0, Int64(wave))
        let outcomes = result.outcomes
        try outcome.insert(count: outcomes.count, jobs: jobs) { range, rows in
            for k in range {
                // Read in parts (no `Outcome`, no e-mail or key made into a `String`).
                let row = outcomes.stored(at: k), o = row.shown
                rows.text(o.registrationID)
                rows.int(Int64(o.nik))
                rows.int(row.kk.map { Int64($0) })
                rows.text(o.fullName)
                rows.text(o.provinceCode)
                rows.text(o.reason == nil ? "Lulus" : "Gagal")
                rows.int(o.reason?.rawValue)
                rows.int(Int64(o.failed))
                rows.text(o.detail)
                rows.int(o.tier)
                rows.int(o.lotteryRank)
                if let key = row.lotteryKey { key.withHex { rows.text(utf8: $0) } } else { rows.null() }
                rows.int(o.card.map { Int64($0) })
                rows.int(row.registrationDay.map { Int64($0) })
                // Contacts are kept for Lulus only (`stored(at:)` gives no others): messages go to
                // them and to nobody else, and a Gagal person's contact details are not kept beyond
                // what the wave needs.
                rows.text(row.phone)
                rows.text(row.email)
            }
        }
        let rejected = try FastStatement(
            db, sql: "INSERT INTO rejected_rows(wave, seq, file, line, reason, detail) VALUES (?, ?, ?, ?, ?, ?)")
        rejected.bind(1, wave)
        for (seq, r) in result.rejected.enumerated() {
            rejected.bind(2, seq)
            rejected.bind(3, r.file)
            rejected.bind(4, r.line)
            rejected.bind(5, r.reason.name)
            rejected.bind(6, r.detail)
            try rejected.execute()
        }
        let decision = try db.makeStatement(
            sql: """
                INSERT INTO decisions(wave, item, registration_id, other_registration_id, decision) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(wave, item, registration_id, other_registration_id) DO UPDATE SET decision = excluded.decision
                """)
        for (key, d) in storedDecisions.sorted(by: { $0.key < $1.key }) {
            decision.setUncheckedArguments([wave, key.item, key.registrationID, key.otherRegistrationID, d.rawValue])
            try decision.execute()
        }
        let excluded = try FastStatement(db, sql: "INSERT INTO exclusions_used(wave, nik, programs) VALUES (?, ?, ?)")
        excluded.bind(1, wave)
        var niks = Set<UInt64>()
        for k in result.outcomes.indices where exclusions.programs[result.outcomes.nik(at: k)] != nil {
            niks.insert(result.outcomes.nik(at: k))
        }
        for (nik, programs) in exclusions.programs.sorted(by: { $0.key < $1.key }) where niks.contains(nik) {
            excluded.bind(2, Int64(nik))
            excluded.bind(3, programs.joined(separator: ";"))
            try excluded.execute()
        }
    }

    /// A selected wave's review items, and its stored manifest with the final warnings.
    static func saveReview(_ db: Database, result: WaveResult) throws {
        let item = try FastStatement(
            db, sql: "INSERT INTO review_items(wave, item, registration_id, other_registration_id, score, detail) VALUES (?, ?, ?, ?, ?, ?)"
        )
        item.bind(1, result.wave)
        for i in result.reviewItems {
            item.bind(2, i.key.item)
            item.bind(3, i.key.registrationID)
            item.bind(4, i.key.otherRegistrationID)
            item.bind(5, i.score)
            item.bind(6, i.detail)
            try item.execute()
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let stored = StoredWave(poolSHA256: result.poolSHA256, places: result.places, warnings: result.warnings)
        try db.execute(
            sql: "UPDATE waves SET manifest = ? WHERE wave = ?",
            arguments: [String(decoding: try encoder.encode(stored), as: UTF8.self), result.wave])
    }

    /// The decisions stored for a wave.
    static func decisions(_ db: Database, wave: Int) throws -> [ReviewKey: Decision] {
        var out: [ReviewKey: Decision] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT item, registration_id, other_registration_id, decision FROM decisions WHERE wave = ?", arguments: [wave])
        {
            out[ReviewKey(item: row[0], registrationID: row[1], otherRegistrationID: row[2])] = Decision(rawValue: row[3])
        }
        return out
    }

    /// Loads a stored wave's results back, to rewrite its reports.
    static func loadResult(_ db: Database, wave: Int) throws -> WaveResult {
        guard let record = try waveRecord(db, wave), let inputsJSON = record.inputs,
            let manifestJSON = try String.fetchOne(db, sql: "SELECT manifest FROM waves WHERE wave = ?", arguments: [wave])
        else {
            throw PrakerjaError.internalError("wave \(wave): no stored results")
        }
        let decoder = JSONDecoder()
        let inputs = try decoder.decode([InputFile].self, from: Data(inputsJSON.utf8))
        let stored = try decoder.decode(StoredWave.self, from: Data(manifestJSON.utf8))
        var outcomes: [Outcome] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM outcomes WHERE wave = ? ORDER BY registration_id", arguments: [wave])
        while let row = try cursor.next() {
            let nik: Int64 = row["nik"]
            let kk: Int64? = row["kk"]
            let card: Int64? = row["card_number"]
            let reason: Int? = row["reason"]
            let failed: Int = row["failed"]
            let day: Int? = row["registration_day"]
            outcomes.append(
                Outcome(
                    registrationID: row["registration_id"], nik: UInt64(nik), kk: kk.map { UInt64($0) }, fullName: row["full_name"],
                    provinceCode: row["province_code"], reason: reason.flatMap { Reason(rawValue: $0) }, failed: UInt16(failed),
                    detail: row["detail"], tier: row["tier"], lotteryRank: row["lottery_rank"],
                    lotteryKey: (row["lottery_key"] as String?).flatMap(LotteryDigest.init(hex:)),
                    card: card.map { UInt64($0) }, registrationDay: day.map { Int32($0) }, phone: row["phone"], email: row["email"]))
        }
        // SQLite's default collation is binary, so ORDER BY matches byte order; sort again to be sure.
        outcomes.sort { String.bytewiseLess($0.registrationID, $1.registrationID) }
        let rejected = try Row.fetchAll(
            db, sql: "SELECT file, line, reason, detail FROM rejected_rows WHERE wave = ? ORDER BY seq", arguments: [wave]
        ).map { row in
            RejectedRow(file: row[0], line: row[1], reason: RejectReason(name: row[2]) ?? .malformedCSV, detail: row[3])
        }
        var items = try Row.fetchAll(
            db, sql: "SELECT item, registration_id, other_registration_id, score, detail FROM review_items WHERE wave = ?",
            arguments: [wave]
        ).map { row in
            ReviewItem(key: ReviewKey(item: row[0], registrationID: row[1], otherRegistrationID: row[2]), score: row[3], detail: row[4])
        }
        items.sort { $0.key < $1.key }
        return WaveResult(
            wave: wave, seed: record.seed ?? "", configSHA256: record.configSHA256 ?? "", inputs: inputs, outcomes: Outcomes(outcomes),
            rejected: rejected, reviewItems: items, decisions: try decisions(db, wave: wave), poolSHA256: stored.poolSHA256,
            places: stored.places, warnings: stored.warnings)
    }
}

/// The parts of a wave's manifest kept in the database, so reports can be rewritten byte for byte.
struct StoredWave: Codable {
    var poolSHA256: String
    var places: Int
    var warnings: [String]
}

extension Store {
    /// The wave's NIK look-up table (`outcome_niks`), through `insert` (``outcomeNIKsInsert(_:)``):
    /// `count` entries given in (NIK, registration_id) order, so the B-tree is written front to back.
    static func saveOutcomeNIKs(
        _ insert: MultiRowInsert, wave: Int, count: Int, jobs: Int, entry: @escaping @Sendable (Int) -> (nik: UInt64, id: String)
    ) throws {
        insert.bindConstant(0, Int64(wave))
        try insert.insert(count: count, jobs: jobs) { range, rows in
            for k in range {
                let e = entry(k)
                rows.int(Int64(e.nik))
                rows.text(e.id)
            }
        }
    }

    static func outcomeNIKsInsert(_ db: Database) throws -> MultiRowInsert {
        try MultiRowInsert(db, into: "outcome_niks", columns: ["nik", "registration_id"], constants: ["wave"])
    }

    /// A wave's new contact claims (§6.3), through `insert` (``claimsInsert(_:)``): `count` claims
    /// given in runs sorted by contact (the phones, then the e-mails), so the B-tree is written front
    /// to back.
    static func saveClaims(
        _ insert: MultiRowInsert, wave: Int, count: Int, jobs: Int,
        claim: @escaping @Sendable (Int) -> (contact: CompactText, nik: UInt64)
    ) throws {
        insert.bindConstant(0, Int64(wave))
        try insert.insert(count: count, jobs: jobs) { range, rows in
            for k in range {
                let c = claim(k)
                rows.text(c.contact)
                rows.int(Int64(c.nik))
            }
        }
    }

    static func claimsInsert(_ db: Database) throws -> MultiRowInsert {
        try MultiRowInsert(db, into: "contacts", columns: ["contact", "nik"], constants: ["wave"], conflicts: .ignore)
    }

    /// The wave's provisional cards, (number, NIK, issue counter), through `insert`
    /// (``cardsInsert(_:)``), given in number order.
    static func saveCards(_ insert: MultiRowInsert, wave: Int, cards: [(UInt64, UInt64, Int64)]) throws {
        insert.bindConstant(0, Int64(wave))
        insert.bindConstant(1, 0)
        try insert.insert(count: cards.count, jobs: 1) { range, rows in
            for (number, nik, counter) in cards[range] {
                rows.int(Int64(number))
                rows.int(Int64(nik))
                rows.int(counter)
            }
        }
    }

    static func cardsInsert(_ db: Database) throws -> MultiRowInsert {
        try MultiRowInsert(db, into: "cards", columns: ["card_number", "nik", "counter"], constants: ["wave", "final"])
    }

    /// Writes on the writing connection from another thread while the caller goes on computing:
    /// the parts of a wave's selection that are final before the rest (the NIK look-up table after
    /// check 1, the contact claims after the checks) go in while the history is looked up and the
    /// matcher runs, which leave a core free. Writes run one after the other, in the order given.
    /// Between `start` and `wait` the caller must not use the connection; SQLite allows one
    /// connection to be used by different threads one at a time (``HistoryReader`` waits before it
    /// looks up on the writing connection). With one job, each write runs at once on the calling thread.
    final class BackgroundWriter: @unchecked Sendable {
        private let db: Database
        private let jobs: Int
        /// Prepared on the connection's thread (GRDB requires it) and finalised there with the writer.
        private var statements: [MultiRowInsert] = []
        private let queue = DispatchQueue(label: "prakerja.store.writer")
        private let group = DispatchGroup()
        /// The first error of a write; the writes after it are skipped. Set on `queue`, read after `group.wait()`.
        private var failure: (any Error)?

        init(_ db: Database, jobs: Int) {
            self.db = db
            self.jobs = jobs
        }

        /// Prepares an insert with `prepare` and runs `write` with it, after the writes started before
        /// it. Call it on the connection's thread, when the connection is not in use elsewhere.
        func start(
            _ prepare: (Database) throws -> MultiRowInsert, _ write: @escaping @Sendable (MultiRowInsert) throws -> Void
        ) throws {
            let statement = try prepare(db)
            statements.append(statement)
            if jobs <= 1 {
                try write(statement)
                return
            }
            nonisolated(unsafe) let prepared = statement
            queue.async(group: group) { [self] in
                guard failure == nil else { return }
                do { try WriterPriority.raised { try write(prepared) } } catch { failure = error }
            }
        }

        /// Waits until the writes started so far are done, whatever their result.
        func drain() {
            group.wait()
        }

        /// Waits until the writes started so far are done; rethrows what stopped them.
        func wait() throws {
            group.wait()
            if let failure { throw failure }
        }
    }
}
