/// The inner structure of a NIK (§6.1): `PP RR CC DDMMYY SSSS` — province, regency, district, day of
/// birth (women: day + 40), month, last two digits of the birth year, serial.
public struct NIKStructure: Sendable, Hashable {
    /// The province code (first two digits), a code of §6.2.
    public let province: String
    /// The day of birth, 1–31, without the +40 of women.
    public let day: Int
    /// The month of birth, 1–12.
    public let month: Int
    /// The last two digits of the birth year, 0–99.
    public let yearTwoDigits: Int
    /// Whether the day carries the +40 of women.
    public let female: Bool

    /// The structure of a 16-digit NIK (trimmed of spaces and tabs), or nil when it is not 16 digits
    /// or fails check 3 (§5): unknown province code, day not in 01–31 or 41–71, month not in 01–12,
    /// or serial 0000. The day is not checked against the month (a NIK "31-02" passes check 3; the
    /// birth-date comparison then reports it). No heap allocation.
    public static func parse(_ nik: String) -> NIKStructure? {
        Text.withTrimmedUTF8(nik) { buf -> NIKStructure? in
            guard Digits.isDigits(buf, count: 16) else { return nil }
            return parse(number: UInt64(Text.number(buf, 0, 16)!))
        }
    }

    /// The same for a NIK held as a number (its 16 digits, zero-padded, as `SixteenDigits.format`
    /// writes it), read by arithmetic instead of from text.
    public static func parse(number: UInt64) -> NIKStructure? {
        let nik = number % 10_000_000_000_000_000
        let p = Int(nik / 100_000_000_000_000)
        var d = Int(nik / 100_000_000 % 100)
        let m = Int(nik / 1_000_000 % 100)
        let y = Int(nik / 10_000 % 100)
        let serial = nik % 10_000
        guard Province.isValid(number: p), (1...12).contains(m), serial != 0 else { return nil }
        let female: Bool
        switch d {
        case 1...31: female = false
        case 41...71:
            female = true
            d -= 40
        default: return nil
        }
        let province = String(decoding: [UInt8(48 + p / 10), UInt8(48 + p % 10)], as: UTF8.self)
        return NIKStructure(province: province, day: d, month: m, yearTwoDigits: y, female: female)
    }

    /// The parts that differ from a valid birth date and gender, for the review items
    /// `nik_birthdate_mismatch` (`dateParts`, in the order `day`, `month`, `year` — the two-digit year
    /// against birth year % 100) and `nik_gender_mismatch` (`gender`). A nil (invalid) field is not
    /// compared: its parts never differ.
    public func mismatches(birthDate: CivilDate?, gender: Gender?) -> (dateParts: [String], gender: Bool) {
        var parts: [String] = []
        if let b = birthDate {
            if b.day != day { parts.append("day") }
            if b.month != month { parts.append("month") }
            if b.year % 100 != yearTwoDigits { parts.append("year") }
        }
        let genderDiffers = gender.map { ($0 == .female) != female } ?? false
        return (parts, genderDiffers)
    }

    /// `mismatches(...).dateParts` joined with `;` as the review item's `detail` (e.g. `day;year`),
    /// empty when the date agrees.
    public func birthDateMismatchDetail(_ birthDate: CivilDate?) -> String {
        mismatches(birthDate: birthDate, gender: nil).dateParts.joined(separator: ";")
    }
}
