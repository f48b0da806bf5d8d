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
    // A 5-million wave holds them all at once. The stored properties are ordered so the struct
    // packs into 136 bytes; absent KK and time are sentinels rather than optionals (8 bytes
    // instead of 16 once aligned); the e-mail is kept inline (``CompactText``: 40 bytes instead of
    // a string's 16 plus its 64 to 96 on the heap). The initialiser keeps the reading order.

    /// Trimmed registration id (may be invalid, never empty).
    public var registrationID: String
    /// Trimmed, inner spaces collapsed: written to outcomes.csv whether valid or not.
    public var displayName: String
    public var phone: String?
    /// Trimmed province code as written.
    public var provinceCode: String
    private var emailText: CompactText?
    public var nameValid: Bool
    public var gender: Gender?
    public var provinceValid: Bool
    public var occupation: Occupation?
    public var firstInvalid: Field?
    public var birthDate: CivilDate?
    /// The NIK (always 16 digits here; its structure is check 3).
    public var nik: UInt64
    /// `kk`, with `UInt64.max` for none.
    private var kkValue: UInt64
    /// `registeredAt`, with `Int64.min` for none.
    private var registeredAtValue: Int64

    /// The e-mail in its normal form; made as a `String` on each read.
    public var email: String? {
        @inline(__always) get { emailText?.string }
        set { emailText = newValue.map(CompactText.init) }
    }

    /// The e-mail in its normal form, as kept (no `String` is made).
    var compactEmail: CompactText? {
        @inline(__always) get { emailText }
    }

    /// Whether there is a valid e-mail, without making it.
    public var hasEmail: Bool {
        @inline(__always) get { emailText != nil }
    }

    public var kk: UInt64? {
        @inline(__always) get { kkValue == .max ? nil : kkValue }
        set { kkValue = newValue ?? .max }
    }

    /// Microseconds since the epoch; `nil` when unparsable.
    public var registeredAt: Int64? {
        @inline(__always) get { registeredAtValue == .min ? nil : registeredAtValue }
        set { registeredAtValue = newValue ?? .min }
    }

    init(
        registrationID: String, nik: UInt64, kk: UInt64?, displayName: String, nameValid: Bool,
        birthDate: CivilDate?, gender: Gender?, email: String?, phone: String?, provinceCode: String, provinceValid: Bool,
        occupation: Occupation?, registeredAt: Int64?, firstInvalid: Field?
    ) {
        self.registrationID = registrationID
        self.nik = nik
        self.kkValue = kk ?? .max
        self.displayName = displayName
        self.nameValid = nameValid
        self.birthDate = birthDate
        self.gender = gender
        self.emailText = email.map(CompactText.init)
        self.phone = phone
        self.provinceCode = provinceCode
        self.provinceValid = provinceValid
        self.occupation = occupation
        self.registeredAtValue = registeredAt ?? .min
        self.firstInvalid = firstInvalid
    }

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
