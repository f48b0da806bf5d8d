import Foundation

/// One wave of a NIK's "Riwayat Gelombang" (§8 `history`). Never holds a full card number.
public struct HistoryEntry: Sendable, Hashable, Encodable {
    /// A `dicabut` or `reinstated` event.
    public struct Event: Sendable, Hashable, Encodable {
        public var kind: String
        public var date: String
        /// Hangus forfeited (`dicabut`) or given back (`reinstated`), in rupiah.
        public var amount: Int64
        public var detail: String
    }

    /// A purchase line reported for the participant's card.
    public struct Purchase: Sendable, Hashable, Encodable {
        public var platform: String
        public var orderID: String
        public var trainingID: String
        public var purchasedAt: String
        public var amount: Int64?
        /// accepted, rejected or pending.
        public var state: String
        public var reason: String

        enum CodingKeys: String, CodingKey {
            case platform, orderID = "order_id", trainingID = "training_id", purchasedAt = "purchased_at", amount, state, reason
        }

        /// Every key is written, `null` where there is no value.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(platform, forKey: .platform)
            try c.encode(orderID, forKey: .orderID)
            try c.encode(trainingID, forKey: .trainingID)
            try c.encode(purchasedAt, forKey: .purchasedAt)
            try c.encode(amount, forKey: .amount)
            try c.encode(state, forKey: .state)
            try c.encode(reason, forKey: .reason)
        }
    }

    public var wave: Int
    /// A participation loaded with import-participants (no registration, no draw).
    public var imported: Bool
    /// Lulus, Gagal or Dicabut (the current status of a participation).
    public var status: String
    /// Lulus again after a Dicabut, by an on-time purchase reported late.
    public var reinstated = false
    public var registrationID: String?
    public var reason: String?
    public var reasons: String?
    /// What the dashboard shows (`Kamu Belum Berhasil` for Gagal).
    public var message = ""
    public var tier: Int?
    public var lotteryKey: String?
    public var lotteryRank: Int?
    public var cardMasked: String?
    public var noticeDate: String?
    public var purchaseDeadline: String?
    public var fund: Int64?
    public var spent: Int64?
    public var hangus: Int64?
    public var events: [Event] = []
    public var purchases: [Purchase] = []

    init(wave: Int, imported: Bool, status: String) {
        self.wave = wave
        self.imported = imported
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case wave, imported, status, reinstated, registrationID = "registration_id", reason, reasons, message, tier
        case lotteryKey = "lottery_key", lotteryRank = "lottery_rank", cardMasked = "card_masked", noticeDate = "notice_date"
        case purchaseDeadline = "purchase_deadline", fund, spent, hangus, events, purchases
    }

    /// Every key is written, `null` where there is no value, so consumers see one shape.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(wave, forKey: .wave)
        try c.encode(imported, forKey: .imported)
        try c.encode(status, forKey: .status)
        try c.encode(reinstated, forKey: .reinstated)
        try c.encode(registrationID, forKey: .registrationID)
        try c.encode(reason, forKey: .reason)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(message, forKey: .message)
        try c.encode(tier, forKey: .tier)
        try c.encode(lotteryKey, forKey: .lotteryKey)
        try c.encode(lotteryRank, forKey: .lotteryRank)
        try c.encode(cardMasked, forKey: .cardMasked)
        try c.encode(noticeDate, forKey: .noticeDate)
        try c.encode(purchaseDeadline, forKey: .purchaseDeadline)
        try c.encode(fund, forKey: .fund)
        try c.encode(spent, forKey: .spent)
        try c.encode(hangus, forKey: .hangus)
        try c.encode(events, forKey: .events)
        try c.encode(purchases, forKey: .purchases)
    }
}

/// `prakerja history NIK [--json]` (§8): read-only, never blocked by a writer.
public enum History {
    /// The history of `nik` (16 digits, else 64); a NIK with no history gives an empty list.
    public static func run(nik text: String, context: CommandContext) throws -> [HistoryEntry] {
        guard let nik = SixteenDigits.parse(text) else {
            throw PrakerjaError.usage("history: NIK must be exactly 16 digits")
        }
        let store = try Store.openForReading(path: context.dbPath)
        defer { store.close() }
        return try store.read { db in try Store.history(db, nik: nik) }
    }

    /// The entries as a JSON array (one line, keys sorted).
    public static func json(_ entries: [HistoryEntry]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// The entries as text for an operator: one line per wave, then its events and purchases.
    public static func text(_ entries: [HistoryEntry], nik: String) -> String {
        let masked = SixteenDigits.parse(nik).map(SixteenDigits.maskNIK) ?? nik
        guard !entries.isEmpty else { return "Riwayat Gelombang \(masked): no published wave" }
        var lines = ["Riwayat Gelombang \(masked):"]
        for e in entries {
            var s = "wave \(e.wave)"
            if e.imported { s += " (imported)" }
            if let id = e.registrationID { s += ", registration \(id)" }
            s += ": \(e.status)"
            if e.reinstated { s += " (reinstated)" }
            if let reason = e.reason { s += " \(reason)" }
            if let reasons = e.reasons, reasons != e.reason { s += " [\(reasons)]" }
            s += " — \(e.message)"
            if !e.imported { s += "; lottery key \(e.lotteryKey ?? "-"), rank \(e.lotteryRank.map(String.init) ?? "-")" }
            if let card = e.cardMasked { s += "; card \(card)" }
            if let notice = e.noticeDate, let deadline = e.purchaseDeadline { s += "; notice \(notice), purchase deadline \(deadline)" }
            if let fund = e.fund, let spent = e.spent, let hangus = e.hangus {
                s +=
                    "; fund \(IndonesianDate.rupiah(Int(fund))), spent \(IndonesianDate.rupiah(Int(spent))), hangus \(IndonesianDate.rupiah(Int(hangus)))"
            }
            lines.append(s)
            for ev in e.events {
                var t = "  \(ev.date) \(ev.kind)"
                if ev.amount > 0 {
                    t +=
                        ev.kind == "dicabut"
                        ? ": hangus \(IndonesianDate.rupiah(Int(ev.amount)))"
                        : ": hangus given back \(IndonesianDate.rupiah(Int(ev.amount)))"
                }
                if !ev.detail.isEmpty { t += " (\(ev.detail))" }
                lines.append(t)
            }
            for p in e.purchases {
                var t = "  purchase \(p.platform) order \(p.orderID), training \(p.trainingID), \(p.purchasedAt)"
                if let amount = p.amount { t += ", \(IndonesianDate.rupiah(Int(amount)))" }
                t += ": \(p.state)"
                if !p.reason.isEmpty { t += " \(p.reason)" }
                lines.append(t)
            }
        }
        return lines.joined(separator: "\n")
    }
}
