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
        if failed == 0 { return reason.name }
        return (2...9).compactMap { failed & (1 << UInt16($0)) != 0 ? Reason(rawValue: $0)?.name : nil }
            .joined(separator: ";")
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
