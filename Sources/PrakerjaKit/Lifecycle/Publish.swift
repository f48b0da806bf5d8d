import Foundation
import GRDB

/// `prakerja publish --wave N [--on DATE]` (§8): freezes a selected wave on its notice date.
///
/// In one transaction: the wave becomes `published` with its notice date, its cards final, its Lulus
/// participants (deadline = notice + purchase_days − 1, fund = training_fund), an SMS and an e-mail
/// per Lulus queued in the outbox, and pending purchase lines judged again (their cards may be known
/// now). Then feeds/dashboard.csv and feeds/notifications.csv (mode 0600) are renamed into place.
/// Publishing a published wave changes nothing in the database and writes the same feeds again, so
/// a publish interrupted between commit and rename is completed by running it again.
public enum Publish {
    /// What a publish did.
    public struct Summary: Sendable, Hashable {
        /// What publish found: a wave it published now, one published before, or an imported wave.
        public enum Kind: Sendable, Hashable {
            case published, alreadyPublished, imported
        }
        public var wave: Int
        public var kind: Kind
        public var notice: CivilDate?
        public var deadline: CivilDate?
        public var lulus: Int
        public var notifications: Int
        public var purchases: PurchaseJudge.Tally

        /// One line for the operator.
        public var line: String {
            switch kind {
            case .imported:
                return "wave \(wave): imported with import-participants; nothing to publish"
            case .alreadyPublished:
                return "wave \(wave): already published on \(notice?.description ?? "?"); nothing changed (feeds written again)"
            case .published:
                var s =
                    "wave \(wave): published on \(notice?.description ?? "?"): \(lulus) Lulus, purchase deadline "
                    + "\(deadline?.description ?? "?"); \(notifications) notifications queued"
                if purchases.judged > 0 { s += "; pending purchases judged again: \(purchases.summary)" }
                return s
            }
        }
    }

    /// Publishes in its own command (opens the database, one transaction). `on` is the notice date;
    /// nil means the wave's `announce`.
    public static func run(wave: Int, on notice: CivilDate?, context: CommandContext) throws -> Summary {
        return try Store.command(path: context.dbPath) { store in
            try run(wave: wave, on: notice, store: store, context: context)
        }
    }

    /// Publishes on an open store (used by `nightly` too).
    static func run(wave: Int, on requested: CivilDate?, store: Store, context: CommandContext) throws -> Summary {
        let startedAt = Clock.isoNow()
        var staged: [PendingFile] = []
        do {
            let summary: Summary = try store.write(command: "prakerja publish --wave \(wave)") { db in
                guard let record = try Store.waveRecord(db, wave) else {
                    throw PrakerjaError.missingInput("wave \(wave): unknown; run it first (prakerja run DATA_DIR/waves/\(wave))")
                }
                var summary = Summary(
                    wave: wave, kind: .published, notice: nil, deadline: nil, lulus: 0, notifications: 0, purchases: .init())
                switch record.state {
                case .imported:
                    summary.kind = .imported
                    return summary
                case .published:
                    guard let notice = record.noticeDate.flatMap(CivilDate.parseISO) else {
                        throw PrakerjaError.internalError("wave \(wave): published without a notice date")
                    }
                    summary.kind = .alreadyPublished
                    summary.notice = notice
                    summary.deadline = notice.adding(days: record.purchaseDays - 1)
                    staged = try stageFeeds(db, record: record, notice: notice, outDir: context.outDir)
                    return summary
                case .selected:
                    break
                }
                if let earlier = try Store.earlierUnpublished(db, before: wave) {
                    throw PrakerjaError.badInput(
                        "wave \(wave): refused: earlier wave \(earlier) is not published yet (publish it first: prakerja publish --wave \(earlier))"
                    )
                }
                if let why = try Store.staleSelection(db, wave: wave) {
                    throw PrakerjaError.badInput(
                        "wave \(wave): must be run again before it is published: \(why) (prakerja run DATA_DIR/waves/\(wave))")
                }
                guard let announce = record.announce.flatMap(CivilDate.parseISO), let closes = record.closes.flatMap(CivilDate.parseISO)
                else {
                    throw PrakerjaError.internalError("wave \(wave): stored without its dates")
                }
                let notice = requested ?? announce
                if notice < closes {
                    throw PrakerjaError.badInput("wave \(wave): notice date \(notice) is before the wave closes (\(closes))")
                }
                summary.notice = notice
                summary.deadline = notice.adding(days: record.purchaseDays - 1)
                summary.lulus = try Store.publish(db, record: record, notice: notice)
                summary.notifications =
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE wave = ? AND template = 'lulus'", arguments: [wave]) ?? 0
                let judged = try PurchaseJudge.judgePending(db)
                summary.purchases = judged.tally
                try Store.appendLedger(
                    db, command: "publish \(wave)", startedAt: startedAt, inputs: [], configSHA256: record.configSHA256,
                    counts: ["lulus": summary.lulus, "notifications": summary.notifications].merging(judged.tally.counts) { a, _ in a },
                    result: "published \(notice)")
                guard let published = try Store.waveRecord(db, wave) else { throw PrakerjaError.internalError("wave \(wave): vanished") }
                staged = try stageFeeds(db, record: published, notice: notice, outDir: context.outDir)
                staged += try PurchaseJudge.stageReports(db, files: judged.files, outDir: context.outDir)
                return summary
            }
            try OutputWriter.commit(staged)
            return summary
        } catch {
            OutputWriter.discard(staged)
            throw error
        }
    }

    /// Stages feeds/dashboard.csv and feeds/notifications.csv of a published wave.
    static func stageFeeds(_ db: Database, record: WaveRecord, notice: CivilDate, outDir: String) throws -> [PendingFile] {
        let dir = outDir + "/waves/\(record.wave)/feeds"
        var staged: [PendingFile] = []
        do {
            staged.append(try Feeds.stageDashboard(db, record: record, notice: notice, to: dir + "/dashboard.csv"))
            staged.append(
                try Feeds.stageNotifications(
                    db, template: .lulus, filter: "wave = ?", arguments: [record.wave], to: dir + "/notifications.csv"))
            return staged
        } catch {
            OutputWriter.discard(staged)
            throw error
        }
    }
}
