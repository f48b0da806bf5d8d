import GRDB

/// The 30-day sweep (§8 `sweep`): current participants past their deadline who bought nothing
/// become Dicabut.
extension Store {
    /// A participant revoked by a sweep.
    struct Revocation: Sendable, Hashable {
        var nik: UInt64
        var wave: Int
        var hangus: Int64
    }

    /// Revokes every current participant of a wave run here (not imported) whose deadline is before
    /// `asOf` and who has no accepted purchase: status Dicabut, hangus = fund − spent, a `dicabut`
    /// event on `asOf`, and an SMS and an e-mail queued. Records the sweep. Returns those revoked, by NIK.
    static func sweep(_ db: Database, asOf: CivilDate) throws -> (revoked: [Revocation], new: Bool) {
        // The WHERE repeats the partial index's condition (participants_due), so only undecided
        // participants are read, however long the history.
        let due = try Row.fetchAll(
            db,
            sql: """
                SELECT p.nik, p.wave, p.registration_id, p.deadline, p.fund, p.spent FROM participants p
                WHERE p.status = 'Lulus' AND p.imported = 0 AND p.spent = 0 AND p.deadline < ?
                  AND NOT EXISTS (SELECT 1 FROM purchases b WHERE b.card_number = p.card_number AND b.state = 'accepted')
                ORDER BY p.nik
                """, arguments: [asOf.description])
        let revoke = try db.makeStatement(
            sql: """
                UPDATE participants SET status = 'Dicabut', hangus = fund - spent, revoked_on = ? WHERE nik = ? AND status = 'Lulus'
                """)
        let event = try db.makeStatement(sql: "INSERT INTO events(nik, wave, kind, on_date, amount) VALUES (?, ?, 'dicabut', ?, ?)")
        let contact = try db.makeStatement(sql: "SELECT phone, email FROM outcomes WHERE wave = ? AND registration_id = ?")
        let queue = try db.makeStatement(
            sql: """
                INSERT INTO outbox(nik, wave, template, channel, recipient, message, on_date) VALUES (?, ?, 'dicabut', ?, ?, ?, ?)
                ON CONFLICT(nik, wave, template, channel) DO NOTHING
                """)
        var revoked: [Revocation] = []
        revoked.reserveCapacity(due.count)
        for row in due {
            let nik: Int64 = row["nik"]
            let wave: Int = row["wave"]
            let fund: Int64 = row["fund"]
            let spent: Int64 = row["spent"]
            let hangus = fund - spent
            guard let deadline = CivilDate.parseISO(row["deadline"]) else {
                throw PrakerjaError.internalError("participant \(SixteenDigits.maskNIK(UInt64(nik))): stored without a deadline")
            }
            revoke.setUncheckedArguments([asOf.description, nik])
            try revoke.execute()
            event.setUncheckedArguments([nik, wave, asOf.description, hangus])
            try event.execute()
            if let registrationID: String = row["registration_id"] {
                contact.setUncheckedArguments([wave, registrationID])
                if let c = try Row.fetchOne(contact) {
                    for (channel, recipient) in [(Messages.Channel.sms, c["phone"] as String?), (.email, c["email"] as String?)] {
                        guard let recipient else { continue }
                        let message = Messages.dicabut(channel: channel, wave: wave, deadline: deadline, hangus: Int(hangus))
                        queue.setUncheckedArguments([nik, wave, channel.rawValue, recipient, message, asOf.description])
                        try queue.execute()
                    }
                }
            }
            revoked.append(Revocation(nik: UInt64(nik), wave: wave, hangus: hangus))
        }
        try db.execute(
            sql: """
                INSERT INTO sweeps(as_of, revoked, swept_at) VALUES (?, ?, ?)
                ON CONFLICT(as_of) DO UPDATE SET revoked = revoked + excluded.revoked WHERE excluded.revoked > 0
                """,
            arguments: [asOf.description, revoked.count, Clock.isoNow()])
        let new = db.changesCount > 0
        return (revoked, new)
    }
}
