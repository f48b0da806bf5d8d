import GRDB

/// Publishing a wave (§8 `publish`): the wave is frozen, its Lulus become participants with a
/// purchase deadline and a training fund, and their notifications are queued in the outbox.
extension Store {
    /// Why a selected wave must be run again before it is published, or nil when its selection still
    /// stands on the history as it is now.
    static func staleSelection(_ db: Database, wave: Int) throws -> String? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT import_epoch, selected_at FROM waves WHERE wave = ? AND state = 'selected'", arguments: [wave])
        else { return nil }
        let epoch: Int = row["import_epoch"]
        if epoch < (try importEpoch(db)) { return "participants were imported after it was run" }
        if let selectedAt: String = row["selected_at"],
            let earlier = try Int.fetchOne(
                db, sql: "SELECT min(wave) FROM waves WHERE wave < ? AND state = 'published' AND published_at > ?",
                arguments: [wave, selectedAt])
        {
            return "earlier wave \(earlier) was published after it was run"
        }
        return nil
    }

    /// The smallest wave before `wave` that is selected but not published, if any.
    static func earlierUnpublished(_ db: Database, before wave: Int) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT min(wave) FROM waves WHERE wave < ? AND state = 'selected'", arguments: [wave])
    }

    /// Freezes a selected wave on `notice`: state `published`, cards final, its Lulus inserted as
    /// participants (deadline = notice + purchase_days − 1, fund = training_fund) and an SMS and an
    /// e-mail queued for each. Returns the number of new participants.
    static func publish(_ db: Database, record: WaveRecord, notice: CivilDate) throws -> Int {
        let wave = record.wave
        let deadline = notice.adding(days: record.purchaseDays - 1)
        try db.execute(
            sql: "UPDATE waves SET state = 'published', notice_date = ?, published_at = ? WHERE wave = ? AND state = 'selected'",
            arguments: [notice.description, Clock.isoNow(), wave])
        guard db.changesCount == 1 else { throw PrakerjaError.internalError("wave \(wave): not in state selected") }
        try db.execute(sql: "UPDATE cards SET final = 1 WHERE wave = ?", arguments: [wave])
        let taken =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM outcomes o JOIN participants p ON p.nik = o.nik WHERE o.wave = ? AND o.status = 'Lulus'
                    """, arguments: [wave]) ?? 0
        if taken > 0 {
            throw PrakerjaError.badInput(
                "wave \(wave): \(taken) Lulus are already participants of another wave; run the wave again before publishing it")
        }
        try db.execute(
            sql: """
                INSERT INTO participants(nik, kk, wave, registration_id, status, card_number, notice_date, deadline, fund)
                SELECT nik, kk, wave, registration_id, 'Lulus', card_number, ?, ?, ? FROM outcomes WHERE wave = ? AND status = 'Lulus'
                """,
            arguments: [notice.description, deadline.description, record.trainingFund, wave])
        let lulus = db.changesCount
        let queue = try db.makeStatement(
            sql: """
                INSERT INTO outbox(nik, wave, template, channel, recipient, message, on_date) VALUES (?, ?, 'lulus', ?, ?, ?, ?)
                ON CONFLICT(nik, wave, template, channel) DO NOTHING
                """)
        let sms = Messages.lulus(channel: .sms, wave: wave, deadline: deadline, fund: record.trainingFund)
        let email = Messages.lulus(channel: .email, wave: wave, deadline: deadline, fund: record.trainingFund)
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT nik, phone, email FROM outcomes WHERE wave = ? AND status = 'Lulus'", arguments: [wave])
        while let row = try cursor.next() {
            let nik: Int64 = row["nik"]
            if let phone: String = row["phone"] {
                queue.setUncheckedArguments([nik, wave, Messages.Channel.sms.rawValue, phone, sms, notice.description])
                try queue.execute()
            }
            if let address: String = row["email"] {
                queue.setUncheckedArguments([nik, wave, Messages.Channel.email.rawValue, address, email, notice.description])
                try queue.execute()
            }
        }
        return lulus
    }

    /// The last due date a nightly completed (§8 catch-up), if any.
    static func nightlyThrough(_ db: Database) throws -> CivilDate? {
        try meta(db, "nightly_through").flatMap(CivilDate.parseISO)
    }

    /// Records that a nightly completed every step due on `date`.
    static func setNightlyThrough(_ db: Database, _ date: CivilDate) throws {
        try setMeta(db, "nightly_through", date.description)
    }
}
