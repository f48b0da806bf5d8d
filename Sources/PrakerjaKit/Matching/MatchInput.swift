/// A registration as the same-person matcher sees it: the name and blocking fields, the NIK, and
/// the fields a reviewer would use to corroborate a name match (see ``SamePersonMatcher``).
public struct MatchInput: Sendable, Hashable {
    // Declared widest first, with the KK's absence as `UInt64.max` instead of an optional, so a
    // wave's millions of inputs take 88 bytes each instead of 96.

    /// The full name, already trimmed with inner spaces collapsed and valid per §4.1.
    public var fullName: String
    /// The 2-digit domicile province code (§6.2); empty when invalid or unknown, which never
    /// corroborates anything.
    public var province: String
    /// The phone in its normal form `+628…` when valid, else nil.
    public var phone: String?
    /// The e-mail, lower-cased, when valid, else nil.
    public var email: String?
    /// The 16-digit NIK as a number; two registrations with the same NIK are never a pair.
    /// (A number, not text: 16 digits do not fit a small string, and a wave holds millions of these.)
    public var nik: UInt64
    private var kkValue: UInt64
    /// The birth date as a day number (days since 1970-01-01, or any other consistent numbering).
    public var birthDay: Int32
    /// Whether the gender is `P` (perempuan).
    public var female: Bool

    /// The KK (family card number, 16 digits) when valid, else nil.
    public var kk: UInt64? {
        get { kkValue == .max ? nil : kkValue }
        set { kkValue = newValue ?? .max }
    }

    /// Creates a matcher input from the validated fields of one registration; invalid fields are
    /// passed as `""` (province) or nil.
    public init(
        fullName: String, birthDay: Int32, female: Bool, nik: UInt64,
        province: String = "", kk: UInt64? = nil, phone: String? = nil, email: String? = nil
    ) {
        self.fullName = fullName
        self.birthDay = birthDay
        self.female = female
        self.nik = nik
        self.province = province
        self.kkValue = kk ?? .max
        self.phone = phone
        self.email = email
    }
}

/// The matcher's inputs, each made when it is read: a wave's registrations are already in memory,
/// and an array of their 5 million inputs would hold another 88 bytes each while the matcher runs.
/// What every input is read for (its block, its name) is at hand without making the input.
struct MatchInputs: RandomAccessCollection, Sendable {
    let count: Int
    /// Each input's birth day and gender, which make its block.
    let birthDays: [Int32]
    let females: [Bool]
    private let name: @Sendable (Int) -> String
    private let nikOf: @Sendable (Int) -> UInt64
    private let make: @Sendable (Int) -> MatchInput

    init(
        birthDays: [Int32], females: [Bool], name: @escaping @Sendable (Int) -> String, nik: @escaping @Sendable (Int) -> UInt64,
        make: @escaping @Sendable (Int) -> MatchInput
    ) {
        precondition(birthDays.count == females.count)
        count = birthDays.count
        self.birthDays = birthDays
        self.females = females
        self.name = name
        self.nikOf = nik
        self.make = make
    }

    init(_ inputs: [MatchInput]) {
        self.init(
            birthDays: inputs.map(\.birthDay), females: inputs.map(\.female), name: { inputs[$0].fullName }, nik: { inputs[$0].nik }
        ) { inputs[$0] }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(position: Int) -> MatchInput { make(position) }

    /// The full name of input `position`.
    func fullName(_ position: Int) -> String { name(position) }

    /// The NIK of input `position`.
    func nik(_ position: Int) -> UInt64 { nikOf(position) }
}
