/// A registration as the same-person matcher sees it: the name, the blocking fields and the NIK.
public struct MatchInput: Sendable, Hashable {
    /// The full name, already trimmed with inner spaces collapsed and valid per §4.1.
    public var fullName: String
    /// The birth date as a day number (days since 1970-01-01, or any other consistent numbering).
    public var birthDay: Int32
    /// Whether the gender is `P` (perempuan).
    public var female: Bool
    /// The 16-digit NIK; two registrations with the same NIK are never a pair.
    public var nik: String

    /// Creates a matcher input from the validated fields of one registration.
    public init(fullName: String, birthDay: Int32, female: Bool, nik: String) {
        self.fullName = fullName
        self.birthDay = birthDay
        self.female = female
        self.nik = nik
    }
}
