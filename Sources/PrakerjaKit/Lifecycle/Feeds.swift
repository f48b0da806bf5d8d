import Foundation
import GRDB

/// The machine feeds of §7.1 and §7.4, built from the database only, so that writing them again (an
/// interrupted command run once more, a publish repeated) gives the same bytes.
///
/// Feeds carry full NIKs and card numbers for the dashboard and the message gateway: they are
/// written with mode 0600 and never go to reviewers.
enum Feeds {
    /// File mode of every feed.
    static let mode: mode_t = 0o600

    static let dashboardColumns = ["nik", "registration_id", "status", "reason", "card_number", "purchase_deadline"]
    static let notificationColumns = ["notification_id", "nik", "channel", "recipient", "template", "message"]
    static let revocationColumns = ["nik", "wave", "card_number", "deadline", "hangus"]
    static let maskedRevocationColumns = ["nik_masked", "wave", "card_masked", "deadline", "hangus"]

    /// Stages feeds/dashboard.csv: one row per registration that is not `duplicate_registration`, by
    /// NIK; the purchase deadline for Lulus.
    static func stageDashboard(_ db: Database, record: WaveRecord, notice: CivilDate, to path: String) throws -> PendingFile {
        let deadline = notice.adding(days: record.purchaseDays - 1).description
        let out = try CSVOutput(path: path, mode: mode)
        try out.row(dashboardColumns)
        // A NIK keeps one registration per wave (check 1), so ordering by NIK is a total order;
        // NIKs are fixed-width, so numeric order is their text order.
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT o.nik, o.registration_id, o.reason, o.card_number
                FROM outcome_niks n JOIN outcomes o ON o.wave = n.wave AND o.registration_id = n.registration_id
                WHERE n.wave = ? AND (o.reason IS NULL OR o.reason != ?) ORDER BY n.nik
                """, arguments: [record.wave, Reason.duplicateRegistration.rawValue])
        while let row = try cursor.next() {
            let nik: Int64 = row["nik"]
            let registrationID: String = row["registration_id"]
            let reason: Int? = row["reason"]
            let card: Int64? = row["card_number"]
            try out.row([
                SixteenDigits.format(UInt64(nik)), registrationID, reason == nil ? "Lulus" : "Gagal",
                reason.flatMap { Reason(rawValue: $0)?.name } ?? "", card.map { SixteenDigits.format(UInt64($0)) } ?? "",
                reason == nil ? deadline : "",
            ])
        }
        return try out.finish()
    }

    /// Stages a notifications.csv of the outbox rows of `template` selected by `filter`, by NIK then channel.
    static func stageNotifications(
        _ db: Database, template: Messages.Template, filter: String, arguments: StatementArguments, to path: String
    ) throws -> PendingFile {
        let out = try CSVOutput(path: path, mode: mode)
        try out.row(notificationColumns)
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT nik, wave, channel, recipient, message FROM outbox WHERE template = ? AND \(filter) ORDER BY nik, channel
                """, arguments: [template.rawValue] + arguments)
        while let row = try cursor.next() {
            let nik = SixteenDigits.format(UInt64(row["nik"] as Int64))
            let wave: Int = row["wave"]
            let channel: String = row["channel"]
            let recipient: String = row["recipient"]
            let message: String = row["message"]
            try out.row(["\(wave)-\(nik)-\(template.rawValue)-\(channel)", nik, channel, recipient, template.rawValue, message])
        }
        return try out.finish()
    }

    /// Stages the revocations of the sweep as of `asOf` (its `dicabut` events), by NIK: the feed with
    /// full values and the masked review file.
    static func stageRevocations(_ db: Database, asOf: CivilDate, feed feedPath: String, masked maskedPath: String) throws -> [PendingFile]
    {
        let feed = try CSVOutput(path: feedPath, mode: mode)
        let masked = try CSVOutput(path: maskedPath)
        try feed.row(revocationColumns)
        try masked.row(maskedRevocationColumns)
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.nik, e.wave, p.card_number, p.deadline, e.amount FROM events e JOIN participants p ON p.nik = e.nik
                WHERE e.kind = 'dicabut' AND e.on_date = ? ORDER BY e.nik, e.id
                """, arguments: [asOf.description])
        while let row = try cursor.next() {
            let nik = UInt64(row["nik"] as Int64)
            let card = UInt64(row["card_number"] as Int64)
            let wave = String(row["wave"] as Int)
            let deadline: String = row["deadline"]
            let hangus = String(row["amount"] as Int64)
            try feed.row([SixteenDigits.format(nik), wave, SixteenDigits.format(card), deadline, hangus])
            try masked.row([SixteenDigits.maskNIK(nik), wave, SixteenDigits.maskCard(card), deadline, hangus])
        }
        return [try masked.finish(), try feed.finish()]
    }
}
