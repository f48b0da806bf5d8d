/// A Gagal reason of §5, in precedence order (the raw value is the check's number).
public enum Reason: Int, CaseIterable, Sendable, Comparable, Codable {
    case duplicateRegistration = 1
    case invalidData
    case invalidNIKStructure
    case revoked
    case alreadyParticipant
    case ageOutOfRange
    case excludedOccupation
    case otherProgram
    case sharedContact
    case rejectedByReview
    case familyLimit
    case quotaFull

    /// The name written in reports.
    public var name: String {
        switch self {
        case .duplicateRegistration: "duplicate_registration"
        case .invalidData: "invalid_data"
        case .invalidNIKStructure: "invalid_nik_structure"
        case .revoked: "revoked"
        case .alreadyParticipant: "already_participant"
        case .ageOutOfRange: "age_out_of_range"
        case .excludedOccupation: "excluded_occupation"
        case .otherProgram: "other_program"
        case .sharedContact: "shared_contact"
        case .rejectedByReview: "rejected_by_review"
        case .familyLimit: "family_limit"
        case .quotaFull: "quota_full"
        }
    }

    /// Looks a reason up by its report name.
    public init?(name: String) {
        guard let r = Reason.allCases.first(where: { $0.name == name }) else { return nil }
        self = r
    }

    public static func < (a: Reason, b: Reason) -> Bool { a.rawValue < b.rawValue }
}

/// Why a data row got no outcome (§4.2), in precedence order.
public enum RejectReason: Int, CaseIterable, Sendable, Codable {
    case malformedCSV = 1
    case invalidEncoding
    case missingRegistrationID
    case duplicateRegistrationID
    case invalidNIK

    /// The name written in rejected_rows.csv.
    public var name: String {
        switch self {
        case .malformedCSV: "malformed_csv"
        case .invalidEncoding: "invalid_encoding"
        case .missingRegistrationID: "missing_registration_id"
        case .duplicateRegistrationID: "duplicate_registration_id"
        case .invalidNIK: "invalid_nik"
        }
    }

    /// Looks a reason up by its report name.
    public init?(name: String) {
        guard let r = RejectReason.allCases.first(where: { $0.name == name }) else { return nil }
        self = r
    }
}
