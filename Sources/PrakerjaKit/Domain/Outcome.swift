/// The selection result of one registration (§5), as stored and reported.
public struct Outcome: Sendable, Hashable {
    public var registrationID: String
    public var nik: UInt64
    public var kk: UInt64?
    /// Trimmed, inner spaces collapsed.
    public var fullName: String
    public var provinceCode: String
    /// `nil` for Lulus.
    public var reason: Reason?
    /// Bit `n` set when check `n` (2–9) failed.
    public var failed: UInt16
    public var detail: String
    public var tier: Int?
    public var lotteryRank: Int?
    public var lotteryKey: LotteryDigest?
    public var card: UInt64?
    /// WIB date of `registered_at` (day number), for fairness.csv.
    public var registrationDay: Int32?
    public var phone: String?
    public var email: String?

    public var isLulus: Bool { reason == nil }
    public var status: String { reason == nil ? "Lulus" : "Gagal" }

    /// `reasons` (§5): every failing check among 2–9; for reasons 1 and 10–12 it equals `reason`.
    public var reasonsText: String {
        guard let reason else { return "" }
        var names: [String] = []
        Self.forEachReason(reason, failed: failed) { names.append($0.name) }
        return names.joined(separator: ";")
    }

    /// The `reasons` of a Gagal outcome with primary `reason` and the failing checks `failed`
    /// (bit n for check n), in order.
    static func forEachReason(_ reason: Reason, failed: UInt16, _ body: (Reason) -> Void) {
        if failed == 0 { return body(reason) }
        for n in 2...9 where failed & (1 << UInt16(n)) != 0 { body(Reason(rawValue: n)!) }
    }
}

/// A row of review.csv (§7.2).
public struct ReviewItem: Sendable, Hashable {
    public var key: ReviewKey
    /// Similarity for `possible_same_person`; `nil` for the NIK flags.
    public var score: Double?
    public var detail: String
}

/// Review item kinds.
public enum ReviewItemKind {
    public static let samePerson = "possible_same_person"
    public static let birthdateMismatch = "nik_birthdate_mismatch"
    public static let genderMismatch = "nik_gender_mismatch"
}
