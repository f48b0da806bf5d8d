import GRDB

/// A NIK's "Riwayat Gelombang" (§8 `history`): its registrations and participations over published
/// and imported waves, read with indexed look-ups (outcomes_nik, the participants key, events_nik,
/// purchases_card).
extension Store {
    /// The history of a NIK, by wave.
    static func history(_ db: Database, nik: UInt64) throws -> [HistoryEntry] {
        var entries: [HistoryEntry] = []
        let key = Int64(nik)
        let participation = try Row.fetchOne(db, sql: "SELECT * FROM participants WHERE nik = ?", arguments: [key])
        let outcomes = try Row.fetchAll(
            db,
            sql: """
                SELECT o.* FROM waves w
                  JOIN outcome_niks n ON n.wave = w.wave
                  JOIN outcomes o ON o.wave = n.wave AND o.registration_id = n.registration_id
                WHERE n.nik = ? AND w.state = 'published' AND (o.reason IS NULL OR o.reason != ?)
                ORDER BY o.wave, o.registration_id
                """, arguments: [key, Reason.duplicateRegistration.rawValue])
        for row in outcomes {
            let wave: Int = row["wave"]
            let reasonNumber: Int? = row["reason"]
            let failed: Int = row["failed"]
            let reason = reasonNumber.flatMap(Reason.init(rawValue:))
            var entry = HistoryEntry(wave: wave, imported: false, status: reason == nil ? "Lulus" : "Gagal")
            entry.registrationID = row["registration_id"]
            entry.reason = reason?.name
            if let reason {
                let outcome = Outcome(
                    registrationID: "", nik: nik, kk: nil, fullName: "", provinceCode: "", reason: reason, failed: UInt16(failed),
                    detail: "", tier: nil, lotteryRank: nil, lotteryKey: nil, card: nil, registrationDay: nil, phone: nil, email: nil)
                entry.reasons = outcome.reasonsText
            }
            entry.message = reason == nil ? Messages.lolos : Messages.belumBerhasil
            entry.tier = row["tier"]
            entry.lotteryKey = row["lottery_key"]
            entry.lotteryRank = row["lottery_rank"]
            if let card: Int64 = row["card_number"] { entry.cardMasked = SixteenDigits.maskCard(UInt64(card)) }
            if reason == nil, let p = participation, (p["wave"] as Int) == wave {
                try fillParticipation(db, &entry, p)
            }
            entries.append(entry)
        }
        if let p = participation, (p["imported"] as Int) == 1 {
            var entry = HistoryEntry(wave: p["wave"], imported: true, status: "Lulus")
            entry.cardMasked = SixteenDigits.maskCard(UInt64(p["card_number"] as Int64))
            try fillParticipation(db, &entry, p)
            entries.append(entry)
        }
        entries.sort { $0.wave < $1.wave }
        return entries
    }

    /// Adds the participation: current status, dates, fund, events and purchases.
    private static func fillParticipation(_ db: Database, _ entry: inout HistoryEntry, _ p: Row) throws {
        let dicabut = (p["status"] as String) == "Dicabut"
        let reinstatedOn: String? = p["reinstated_on"]
        entry.status = dicabut ? "Dicabut" : "Lulus"
        entry.reinstated = !dicabut && reinstatedOn != nil
        entry.message = dicabut ? Messages.dicabut : (entry.reinstated ? Messages.dipulihkan : Messages.lolos)
        entry.noticeDate = p["notice_date"]
        entry.purchaseDeadline = p["deadline"]
        entry.fund = p["fund"]
        entry.spent = p["spent"]
        entry.hangus = p["hangus"]
        entry.events = try Row.fetchAll(
            db, sql: "SELECT kind, on_date, amount, detail FROM events WHERE nik = ? AND wave = ? ORDER BY id",
            arguments: [p["nik"] as Int64, p["wave"] as Int]
        ).map {
            HistoryEntry.Event(kind: $0["kind"], date: $0["on_date"], amount: $0["amount"], detail: $0["detail"])
        }
        entry.purchases = try Row.fetchAll(
            db,
            sql: """
                SELECT platform, order_id, training_id, purchased_at_text, amount, state, reason, detail FROM purchases
                WHERE card_number = ? AND state != 'ignored' ORDER BY purchased_at, platform, order_id
                """, arguments: [p["card_number"] as Int64]
        ).map {
            HistoryEntry.Purchase(
                platform: $0["platform"], orderID: $0["order_id"], trainingID: $0["training_id"], purchasedAt: $0["purchased_at_text"],
                amount: $0["amount"], state: $0["state"], reason: $0["reason"])
        }
    }
}
