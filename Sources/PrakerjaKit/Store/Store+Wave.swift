import Foundation
import GRDB

extension Store {
    /// Removes what a previous run of a selected wave stored: outcomes, rejected rows, review items,
    /// contact claims, exclusions used and provisional cards. Decisions stay.
    static func clearSelection(_ db: Database, wave: Int) throws {
        for table in ["outcomes", "rejected_rows", "review_items", "contacts", "exclusions_used"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE wave = ?", arguments: [wave])
        }
        try db.execute(sql: "DELETE FROM cards WHERE wave = ? AND final = 0", arguments: [wave])
    }

    /// Stores a wave's selection as `selected`.
    static func saveSelection(_ db: Database, result: WaveResult, config: WaveConfig, claims: [(contact: String, nik: UInt64)], exclusions: Exclusions, cards: [(UInt64, UInt64, Int64)], cardBase: Int64, storedDecisions: [ReviewKey: Decision]) throws {
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
        let outcome = try db.makeStatement(sql: """
            INSERT INTO outcomes(wave, registration_id, nik, kk, full_name, province_code, status, reason, failed, detail,
              tier, lottery_rank, lottery_key, card_number, registration_day, phone, email)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for o in result.outcomes {
            outcome.setUncheckedArguments([
                wave, o.registrationID, Int64(o.nik), o.kk.map { Int64($0) }, o.fullName, o.provinceCode, o.status,
                o.reason?.rawValue, Int(o.failed), o.detail, o.tier, o.lotteryRank, o.lotteryKey, o.card.map { Int64($0) },
                o.registrationDay.map { Int($0) }, o.phone, o.email,
            ])
            try outcome.execute()
        }
        let rejected = try db.makeStatement(sql: "INSERT INTO rejected_rows(wave, seq, file, line, reason, detail) VALUES (?, ?, ?, ?, ?, ?)")
        for (seq, r) in result.rejected.enumerated() {
            rejected.setUncheckedArguments([wave, seq, r.file, r.line, r.reason.name, r.detail])
            try rejected.execute()
        }
        let item = try db.makeStatement(sql: "INSERT INTO review_items(wave, item, registration_id, other_registration_id, score, detail) VALUES (?, ?, ?, ?, ?, ?)")
        for i in result.reviewItems {
            item.setUncheckedArguments([wave, i.key.item, i.key.registrationID, i.key.otherRegistrationID, i.score, i.detail])
            try item.execute()
        }
        let decision = try db.makeStatement(sql: """
            INSERT INTO decisions(wave, item, registration_id, other_registration_id, decision) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(wave, item, registration_id, other_registration_id) DO UPDATE SET decision = excluded.decision
            """)
        for (key, d) in storedDecisions {
            decision.setUncheckedArguments([wave, key.item, key.registrationID, key.otherRegistrationID, d.rawValue])
            try decision.execute()
        }
        let claim = try db.makeStatement(sql: "INSERT OR IGNORE INTO contacts(contact, nik, wave) VALUES (?, ?, ?)")
        for c in claims {
            claim.setUncheckedArguments([c.contact, Int64(c.nik), wave])
            try claim.execute()
        }
        let excluded = try db.makeStatement(sql: "INSERT INTO exclusions_used(wave, nik, programs) VALUES (?, ?, ?)")
        let niks = Set(result.outcomes.map(\.nik))
        for (nik, programs) in exclusions.programs where niks.contains(nik) {
            excluded.setUncheckedArguments([wave, Int64(nik), programs.joined(separator: ";")])
            try excluded.execute()
        }
        let card = try db.makeStatement(sql: "INSERT INTO cards(card_number, wave, nik, counter, final) VALUES (?, ?, ?, ?, 0)")
        for (number, nik, counter) in cards {
            card.setUncheckedArguments([Int64(number), wave, Int64(nik), counter])
            try card.execute()
        }
    }

    /// The decisions stored for a wave.
    static func decisions(_ db: Database, wave: Int) throws -> [ReviewKey: Decision] {
        var out: [ReviewKey: Decision] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT item, registration_id, other_registration_id, decision FROM decisions WHERE wave = ?", arguments: [wave]) {
            out[ReviewKey(item: row[0], registrationID: row[1], otherRegistrationID: row[2])] = Decision(rawValue: row[3])
        }
        return out
    }

    /// Loads a stored wave's results back, to rewrite its reports.
    static func loadResult(_ db: Database, wave: Int) throws -> WaveResult {
        guard let record = try waveRecord(db, wave), let inputsJSON = record.inputs, let manifestJSON = try String.fetchOne(db, sql: "SELECT manifest FROM waves WHERE wave = ?", arguments: [wave]) else {
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
            outcomes.append(Outcome(
                registrationID: row["registration_id"], nik: UInt64(nik), kk: kk.map { UInt64($0) }, fullName: row["full_name"],
                provinceCode: row["province_code"], reason: reason.flatMap { Reason(rawValue: $0) }, failed: UInt16(failed),
                detail: row["detail"], tier: row["tier"], lotteryRank: row["lottery_rank"], lotteryKey: row["lottery_key"],
                card: card.map { UInt64($0) }, registrationDay: day.map { Int32($0) }, phone: row["phone"], email: row["email"]))
        }
        // SQLite's default collation is binary, so ORDER BY matches byte order; sort again to be sure.
        outcomes.sort { $0.registrationID.utf8.lexicographicallyPrecedes($1.registrationID.utf8) }
        let rejected = try Row.fetchAll(db, sql: "SELECT file, line, reason, detail FROM rejected_rows WHERE wave = ? ORDER BY seq", arguments: [wave]).map { row in
            RejectedRow(file: row[0], line: row[1], reason: RejectReason(name: row[2]) ?? .malformedCSV, detail: row[3])
        }
        var items = try Row.fetchAll(db, sql: "SELECT item, registration_id, other_registration_id, score, detail FROM review_items WHERE wave = ?", arguments: [wave]).map { row in
            ReviewItem(key: ReviewKey(item: row[0], registrationID: row[1], otherRegistrationID: row[2]), score: row[3], detail: row[4])
        }
        items.sort { $0.key < $1.key }
        return WaveResult(
            wave: wave, seed: record.seed ?? "", configSHA256: record.configSHA256 ?? "", inputs: inputs, outcomes: outcomes,
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
