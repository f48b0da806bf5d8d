/// Turns one CSV record of a registrant file into a `Registration` or a row-level rejection.
///
/// Pure and thread-safe: it runs on every core. The id-uniqueness rule needs file order, so
/// `duplicate_registration_id` is decided afterwards by the sequential ingest loop.
struct RegistrationParser: Sendable {
    /// Column index of each `Field` in the file's header.
    let columns: [Int]
    let closes: CivilDate

    init(header: CSVHeader, closes: CivilDate) {
        columns = Field.allCases.map { header.index(of: $0.column) ?? -1 }
        self.closes = closes
    }

    enum Parsed: Sendable {
        case rejected(RejectReason, String)
        /// A row whose NIK is not 16 digits still holds its id for the duplicate-id rule.
        case invalidNIK(id: String)
        case registration(Registration)
    }

    func parse(_ record: CSVRecord) -> Parsed {
        if let problem = record.problem {
            switch problem {
            case .malformed(let detail): return .rejected(.malformedCSV, detail)
            case .invalidEncoding: return .rejected(.invalidEncoding, "")
            }
        }
        let f = record.fields
        @inline(__always) func raw(_ field: Field) -> String { f[columns[field.rawValue]] }
        let id = Text.trim(raw(.registrationID))
        if id.isEmpty { return .rejected(.missingRegistrationID, "") }
        guard let nik = SixteenDigits.parse(Text.trim(raw(.nik))) else { return .invalidNIK(id: id) }

        var firstInvalid: Field?
        @inline(__always) func invalid(_ field: Field) {
            if firstInvalid == nil || field < firstInvalid! { firstInvalid = field }
        }
        if !Self.isValidID(id) { invalid(.registrationID) }
        var kk = SixteenDigits.parse(Text.trim(raw(.kk)))
        if let k = kk, !Province.isValid(SixteenDigits.prefix2(k)) { kk = nil }
        if kk == nil { invalid(.kk) }
        let collapsed = Text.collapseSpaces(Text.trim(raw(.fullName)))
        let name = PersonName.normalize(collapsed)
        if name == nil { invalid(.fullName) }
        var birth = CivilDate.parseBirthDate(Text.trim(raw(.birthDate)))
        if let b = birth, b > closes { birth = nil }
        if birth == nil { invalid(.birthDate) }
        let gender = Gender.parse(Text.trim(raw(.gender)))
        if gender == nil { invalid(.gender) }
        let email = Email.normalize(Text.trim(raw(.email)))
        if email == nil { invalid(.email) }
        let phone = Phone.normalize(Text.trim(raw(.phone)))
        if phone == nil { invalid(.phone) }
        let province = Text.trim(raw(.provinceCode))
        let provinceValid = Province.isValid(province)
        if !provinceValid { invalid(.provinceCode) }
        let occupation = Occupation.parse(Text.trim(raw(.occupation)))
        if occupation == nil { invalid(.occupation) }
        let registeredAt = Timestamp.parse(Text.trim(raw(.registeredAt)))
        if registeredAt == nil { invalid(.registeredAt) }

        return .registration(
            Registration(
                registrationID: id, nik: nik, kk: kk,
                displayName: name ?? collapsed, nameValid: name != nil, birthDate: birth, gender: gender,
                email: email, phone: phone, provinceCode: province, provinceValid: provinceValid,
                occupation: occupation, registeredAt: registeredAt, firstInvalid: firstInvalid))
    }

    /// 1–64 visible ASCII characters (0x21–0x7E).
    static func isValidID(_ id: String) -> Bool {
        var n = 0
        for b in id.utf8 {
            guard b >= 0x21, b <= 0x7E else { return false }
            n += 1
        }
        return n >= 1 && n <= 64
    }
}
