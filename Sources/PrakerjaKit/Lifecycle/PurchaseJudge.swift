import Foundation
import GRDB

/// Judges pending purchase lines against the participants (§8 `purchases`), and writes the
/// per-file rejected reports (§7.4).
///
/// A pending line is judged in (`purchased_at`, platform, order_id) order; the first reason that
/// applies wins: `unknown_card` (it stays pending and is judged again on each publish and after each
/// import of participants), `before_announce`, `after_deadline`, `insufficient_funds`. Accepted and
/// rejected lines are final. An on-time purchase of a Dicabut participant reinstates them.
public enum PurchaseJudge {
    /// How the lines judged by one command ended.
    public struct Tally: Sendable, Hashable {
        public var accepted = 0
        public var rejected = 0
        public var pending = 0
        public var reinstated = 0

        /// Nothing judged yet.
        public init() {}

        /// Lines judged.
        public var judged: Int { accepted + rejected + pending }

        /// `12 accepted, 1 rejected, 0 pending; 1 reinstated`.
        public var summary: String {
            var s = "\(accepted) accepted, \(rejected) rejected, \(pending) pending (unknown card)"
            if reinstated > 0 { s += "; \(reinstated) Dicabut reinstated" }
            return s
        }

        /// For the ledger.
        var counts: [String: Int] {
            ["purchases_accepted": accepted, "purchases_rejected": rejected, "purchases_pending": pending, "reinstated": reinstated]
        }
    }

    /// Rejection reasons of §7.4, first that applies.
    enum Reason {
        static let unknownCard = "unknown_card"
        static let beforeAnnounce = "before_announce"
        static let afterDeadline = "after_deadline"
        static let insufficientFunds = "insufficient_funds"
    }

    /// Judges every pending line. Returns the tally and the report names of the files whose lines changed.
    ///
    /// A reinstatement is dated by the purchase's WIB date, not by the day the report arrived: the
    /// database then does not depend on which night a file was picked up (§8 catch-up).
    static func judgePending(_ db: Database) throws -> (tally: Tally, files: Set<String>) {
        var tally = Tally()
        var files = Set<String>()
        for p in try Store.pendingPurchases(db) {
            guard let account = try Store.participantAccount(db, card: p.card) else {
                tally.pending += 1
                if try Store.judgePurchase(db, p, state: "pending", reason: Reason.unknownCard, detail: "pending", nik: nil) {
                    files.insert(p.file)
                }
                continue
            }
            files.insert(p.file)
            let rejection: (String, String)?
            if p.purchasedAt < Timestamp.startOfWIBDay(account.notice) {
                rejection = (Reason.beforeAnnounce, "notice date \(account.notice)")
            } else if p.purchasedAt > Timestamp.endOfWIBDay(account.deadline) {
                rejection = (Reason.afterDeadline, "deadline \(account.deadline)")
            } else if p.amount > account.remaining {
                rejection = (Reason.insufficientFunds, "remaining \(account.remaining)")
            } else {
                rejection = nil
            }
            if let rejection {
                tally.rejected += 1
                try Store.judgePurchase(db, p, state: "rejected", reason: rejection.0, detail: rejection.1, nik: account.nik)
                continue
            }
            tally.accepted += 1
            try Store.judgePurchase(db, p, state: "accepted", reason: "", detail: "", nik: account.nik)
            try Store.spend(db, nik: account.nik, amount: p.amount)
            if account.dicabut {
                tally.reinstated += 1
                try Store.reinstate(
                    db, account, on: Timestamp.wibDate(p.purchasedAt),
                    detail: "on-time purchase reported late: \(p.platform) order \(p.orderID)")
            }
        }
        return (tally, files)
    }

    /// `OUT/purchases/<name>.rejected.csv`: `line,reason,detail` for every line of the file that is not
    /// accepted (ignored repeats of an order already sent are not listed), by line.
    static func report(_ db: Database, file: String) throws -> [UInt8] {
        var w = CSVWriter()
        w.writeRow(["line", "reason", "detail"])
        for row in try Store.unacceptedLines(db, file: file) {
            w.writeRow([String(row.line), row.reason, Cell.safe(row.detail)])
        }
        return w.bytes
    }

    /// Stages the rejected reports of the given files.
    static func stageReports(_ db: Database, files: some Sequence<String>, outDir: String) throws -> [PendingFile] {
        var staged: [PendingFile] = []
        do {
            for file in files.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                staged.append(try OutputWriter.stage(try report(db, file: file), to: reportPath(outDir: outDir, file: file)))
            }
            return staged
        } catch {
            OutputWriter.discard(staged)
            throw error
        }
    }

    /// Where a file's rejected report goes.
    static func reportPath(outDir: String, file: String) -> String {
        outDir + "/purchases/" + file + ".rejected.csv"
    }

    /// For `import-participants` (§8: pending lines are judged again after an import): judges the
    /// pending lines inside the import's transaction and renames their reports once it commits.
    static func judgeAfterImport(_ db: Database, outDir: String) throws {
        let judged = try judgePending(db)
        guard !judged.files.isEmpty else { return }
        let staged = try stageReports(db, files: judged.files, outDir: outDir)
        db.afterNextTransaction(
            onCommit: { _ in
                do {
                    try OutputWriter.commit(staged)
                } catch {
                    FileHandle.standardError.write(Data("prakerja: warning: \(error)\n".utf8))
                }
            },
            onRollback: { _ in OutputWriter.discard(staged) })
    }
}
