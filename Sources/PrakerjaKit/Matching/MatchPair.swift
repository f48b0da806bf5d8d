/// One `possible_same_person` pair found by ``SamePersonMatcher``.
public struct MatchPair: Sendable, Hashable {
    /// The index of the first registration in the matcher's input; always below `b`.
    public var a: Int
    /// The index of the second registration in the matcher's input.
    public var b: Int
    /// The name similarity in 0...1 (see ``NameSimilarity``).
    public var score: Double

    /// Creates a pair; the caller keeps `a < b`.
    public init(a: Int, b: Int, score: Double) {
        self.a = a
        self.b = b
        self.score = score
    }
}

/// What two registrations share besides the name, birth date and gender: the corroboration that
/// ``SamePersonMatcher/ListingRule`` weighs against how common the name is.
public struct MatchEvidence: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The same valid domicile province.
    public static let sameProvince = MatchEvidence(rawValue: 1)
    /// Two valid domicile provinces that differ: evidence against one person.
    public static let otherProvince = MatchEvidence(rawValue: 16)
    /// The same valid KK: a relative's NIK on one family card.
    public static let sameKK = MatchEvidence(rawValue: 2)
    /// The same valid phone (normal form).
    public static let samePhone = MatchEvidence(rawValue: 4)
    /// The same valid e-mail (lower-cased).
    public static let sameEmail = MatchEvidence(rawValue: 8)

    /// Same KK or a shared contact: what a coincidence of names practically never has.
    public static let strong: MatchEvidence = [.sameKK, .samePhone, .sameEmail]

    /// The evidence of two inputs (their names, dates and genders aside).
    public init(_ x: MatchInput, _ y: MatchInput) {
        var evidence: MatchEvidence = []
        if !x.province.isEmpty, !y.province.isEmpty {
            evidence.insert(x.province == y.province ? .sameProvince : .otherProvince)
        }
        if let kk = x.kk, kk == y.kk { evidence.insert(.sameKK) }
        if let phone = x.phone, phone == y.phone { evidence.insert(.samePhone) }
        if let email = x.email, email == y.email { evidence.insert(.sameEmail) }
        self = evidence
    }

    /// `province`, `other_province`, `kk`, `phone`, `email` joined by `;` in that order (empty when
    /// none), for a review item's detail.
    public var description: String {
        let names: [(MatchEvidence, String)] = [
            (.sameProvince, "province"), (.otherProvince, "other_province"), (.sameKK, "kk"), (.samePhone, "phone"),
            (.sameEmail, "email"),
        ]
        return names.filter { contains($0.0) }.map(\.1).joined(separator: ";")
    }
}

/// A pair whose names score at or above the threshold, with what decides whether it is listed
/// (see ``SamePersonMatcher/ListingRule``).
public struct MatchCandidate: Sendable, Hashable {
    /// The pair and its name score.
    public var pair: MatchPair
    /// What the two registrations share besides name, birth date and gender.
    public var evidence: MatchEvidence
    /// E, the expected coincidences in the whole wave: how many registrants carrying the commoner of
    /// the two folded names, other than the pair's own, one expects by chance in the pair's (birth
    /// date, gender) block (defined precisely in ``SamePersonMatcher/ListingRule``).
    public var coincidences: Double
    /// E_p, the same counted among the registrants of the pair's domicile province; nil unless both
    /// registrations have the same valid province.
    public var coincidencesInProvince: Double?
    /// Whether the listing rule lists the pair.
    public var listed: Bool

    public init(
        pair: MatchPair, evidence: MatchEvidence, coincidences: Double, coincidencesInProvince: Double?, listed: Bool
    ) {
        self.pair = pair
        self.evidence = evidence
        self.coincidences = coincidences
        self.coincidencesInProvince = coincidencesInProvince
        self.listed = listed
    }
}
