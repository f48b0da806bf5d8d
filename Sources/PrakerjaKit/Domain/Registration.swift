/// A registrant column of §4.1, in table order (the order `invalid_data`'s detail follows).
public enum Field: Int, CaseIterable, Sendable, Comparable {
    case registrationID, nik, kk, fullName, birthDate, gender, email, phone, provinceCode, occupation, registeredAt

    /// The column name in the CSV header.
    public var column: String {
        switch self {
        case .registrationID: "registration_id"
        case .nik: "nik"
        case .kk: "kk"
        case .fullName: "full_name"
        case .birthDate: "birth_date"
        case .gender: "gender"
        case .email: "email"
        case .phone: "phone"
        case .provinceCode: "province_code"
        case .occupation: "occupation"
        case .registeredAt: "registered_at"
        }
    }

    public static func < (a: Field, b: Field) -> Bool { a.rawValue < b.rawValue }
}

/// One registration row that could be tied to a person (§4.2): it will get exactly one outcome.
///
/// Fields hold their normal form when valid and `nil` when invalid; `firstInvalid` names the first
/// invalid field in table order. Text kept for the reports is trimmed (names also collapsed).
public struct Registration: Sendable {
    /// Index of the input file in file order.
    public var file: Int32
    /// Physical line where the record starts.
    public var line: Int32
    /// Trimmed registration id (may be invalid, never empty).
    public var registrationID: String
    /// The NIK (always 16 digits here; its structure is check 3).
    public var nik: UInt64
    public var kk: UInt64?
    /// Trimmed, inner spaces collapsed: written to outcomes.csv whether valid or not.
    public var displayName: String
    public var nameValid: Bool
    public var birthDate: CivilDate?
    public var gender: Gender?
    public var email: String?
    public var phone: String?
    /// Trimmed province code as written.
    public var provinceCode: String
    public var provinceValid: Bool
    public var occupation: Occupation?
    /// Microseconds since the epoch; `nil` when unparsable.
    public var registeredAt: Int64?
    public var firstInvalid: Field?

    /// Orders registrations by (`registered_at` as an instant, unparsable last, then id in byte order).
    @inlinable
    public static func precedes(_ a: Registration, _ b: Registration) -> Bool {
        switch (a.registeredAt, b.registeredAt) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return String.bytewiseLess(a.registrationID, b.registrationID)
        }
    }
}

/// A data row that got no outcome, listed in rejected_rows.csv.
public struct RejectedRow: Sendable, Hashable {
    /// File path relative to the wave folder (`registrants/a.csv`).
    public var file: String
    public var line: Int
    public var reason: RejectReason
    public var detail: String
}
