import Foundation
import GRDB

/// `prakerja sweep [--as-of DATE]` (§8, §7.4): every current participant whose purchase deadline is
/// before DATE and who has bought nothing becomes Dicabut; the unspent fund is hangus.
///
/// Participants imported with import-participants are never swept (their purchases were not
/// migrated). The sweep's files list the participants it revoked as of DATE (its `dicabut` events),
/// so a second sweep as of the same date writes the same files and changes nothing: idempotent.
/// Files: OUT/sweeps/<DATE>/revocations.csv (masked), feeds/revocations.csv and
/// feeds/notifications.csv (full values, mode 0600), by NIK; an empty sweep writes headers only.
public enum Sweep {
    /// What a sweep did.
    public struct Summary: Sendable, Hashable {
        public var asOf: CivilDate
        /// Participants revoked by this call.
        public var revoked: Int
        /// Their hangus, in rupiah.
        public var hangus: Int64
        /// Participants listed in the sweep's files (revoked as of the date, by this call or before).
        public var listed: Int

        /// One line for the operator.
        public var line: String {
            var s = "sweep \(asOf): \(revoked) Dicabut, hangus \(IndonesianDate.rupiah(Int(hangus)))"
            if listed != revoked { s += " (\(listed) revoked as of this date in all)" }
            return s
        }
    }

    /// Sweeps in its own command (opens the database, one transaction). `asOf` is a WIB date; the
    /// command line passes today.
    public static func run(asOf: CivilDate, context: CommandContext) throws -> Summary {
        return try Store.command(path: context.dbPath) { store in
            try run(asOf: asOf, store: store, context: context)
        }
    }

    /// Sweeps on an open store (used by `nightly` too).
    static func run(asOf: CivilDate, store: Store, context: CommandContext) throws -> Summary {
        let startedAt = Clock.isoNow()
        var staged: [PendingFile] = []
        do {
            let summary: Summary = try store.write(command: "prakerja sweep --as-of \(asOf)") { db in
                let result = try Store.sweep(db, asOf: asOf)
                let hangus = result.revoked.reduce(Int64(0)) { $0 + $1.hangus }
                if !result.revoked.isEmpty || result.new {
                    try Store.appendLedger(
                        db, command: "sweep \(asOf)", startedAt: startedAt, inputs: [], configSHA256: nil,
                        counts: ["dicabut": result.revoked.count, "hangus": Int(hangus)], result: "swept")
                }
                let files = try stageFiles(db, asOf: asOf, outDir: context.outDir)
                staged = files.staged
                return Summary(asOf: asOf, revoked: result.revoked.count, hangus: hangus, listed: files.listed)
            }
            try OutputWriter.commit(staged)
            return summary
        } catch {
            OutputWriter.discard(staged)
            throw error
        }
    }

    /// Stages the three files of the sweep as of `asOf`.
    static func stageFiles(_ db: Database, asOf: CivilDate, outDir: String) throws -> (staged: [PendingFile], listed: Int) {
        let dir = outDir + "/sweeps/\(asOf)"
        let listed =
            try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE kind = 'dicabut' AND on_date = ?", arguments: [asOf.description])
            ?? 0
        var staged: [PendingFile] = []
        do {
            staged += try Feeds.stageRevocations(db, asOf: asOf, feed: dir + "/feeds/revocations.csv", masked: dir + "/revocations.csv")
            staged.append(
                try Feeds.stageNotifications(
                    db, template: .dicabut, filter: "on_date = ?", arguments: [asOf.description], to: dir + "/feeds/notifications.csv"))
            return (staged, listed)
        } catch {
            OutputWriter.discard(staged)
            throw error
        }
    }
}
