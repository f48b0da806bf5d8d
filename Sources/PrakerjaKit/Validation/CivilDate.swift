/// A calendar date of the proleptic Gregorian calendar; in this project always a WIB (UTC+7) date.
///
/// Years 1–9999 only, so that every date has the `YYYY-MM-DD` form. Ordering is chronological.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    // Stored in 6 bytes (8 with its alignment), not three `Int`s: a wave holds millions of birth dates.
    private let storedYear: Int32
    private let storedMonth: UInt8
    private let storedDay: UInt8

    /// The year, 1–9999.
    public var year: Int { Int(storedYear) }
    /// The month, 1–12.
    public var month: Int { Int(storedMonth) }
    /// The day of the month, 1–28/29/30/31.
    public var day: Int { Int(storedDay) }

    /// The date, or nil unless it is a real date with a year of 1–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
            day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        storedYear = Int32(year)
        storedMonth = UInt8(month)
        storedDay = UInt8(day)
    }

    /// The date `dayNumber` days after 1970-01-01 (negative: before). Outside years 1–9999 the
    /// components follow the same arithmetic but `description` is no longer `YYYY-MM-DD`.
    public init(dayNumber: Int32) {
        let (y, m, d) = CivilDate.civil(fromDays: Int(dayNumber))
        storedYear = Int32(y)
        storedMonth = UInt8(m)
        storedDay = UInt8(d)
    }

    /// Days since 1970-01-01 (1970-01-01 is 0).
    public var dayNumber: Int32 {
        Int32(truncatingIfNeeded: CivilDate.days(fromCivil: year, month, day))
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { out in
            var y = year
            for i in stride(from: 3, through: 0, by: -1) {
                out[i] = UInt8(0x30 + (y % 10 + 10) % 10)
                y /= 10
            }
            out[4] = UInt8(ascii: "-")
            out[5] = UInt8(0x30 + month / 10)
            out[6] = UInt8(0x30 + month % 10)
            out[7] = UInt8(ascii: "-")
            out[8] = UInt8(0x30 + day / 10)
            out[9] = UInt8(0x30 + day % 10)
            return 10
        }
    }

    /// Chronological order.
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        if lhs.year != rhs.year { return lhs.year < rhs.year }
        if lhs.month != rhs.month { return lhs.month < rhs.month }
        return lhs.day < rhs.day
    }

    /// Parses exactly `YYYY-MM-DD` (after trimming spaces and tabs) as a real date; nil otherwise.
    public static func parseISO(_ s: String) -> CivilDate? {
        Text.withTrimmedUTF8(s) { buf in
            buf.count == 10 ? parseISO(buf, at: 0) : nil
        }
    }

    /// Parses a `birth_date` (§4.1) after trimming spaces and tabs: `YYYY-MM-DD`, `DD-MM-YYYY` or
    /// `DD/MM/YYYY` with a two-digit day and month and a four-digit year, a real date, year ≥ 1900.
    /// Mixed separators (`DD-MM/YYYY`, `YYYY/MM/DD`) are invalid. "Not after `closes`" is the
    /// caller's check. No allocation.
    public static func parseBirthDate(_ s: String) -> CivilDate? {
        Text.withTrimmedUTF8(s) { buf -> CivilDate? in
            guard buf.count == 10 else { return nil }
            let date: CivilDate?
            if buf[4] == UInt8(ascii: "-") {
                date = parseISO(buf, at: 0)
            } else {
                let sep = buf[2]
                guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/"), buf[5] == sep,
                    let d = Text.number(buf, 0, 2), let m = Text.number(buf, 3, 2),
                    let y = Text.number(buf, 6, 4)
                else { return nil }
                date = CivilDate(year: y, month: m, day: d)
            }
            guard let date, date.year >= 1900 else { return nil }
            return date
        }
    }

    /// `YYYY-MM-DD` at `offset` of `buf` (10 bytes must be available).
    @inline(__always)
    static func parseISO(_ buf: UnsafeBufferPointer<UInt8>, at o: Int) -> CivilDate? {
        guard buf[o + 4] == UInt8(ascii: "-"), buf[o + 7] == UInt8(ascii: "-"),
            let y = Text.number(buf, o, 4), let m = Text.number(buf, o + 5, 2),
            let d = Text.number(buf, o + 8, 2)
        else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: Int32(CivilDate.days(fromCivil: year, month, day) + days))
    }

    /// Whole years of age on `date` of a person born on `self`; a 29 February birthday is reached on
    /// 1 March in non-leap years. Negative (−1 or less) when `date` precedes `self`.
    public func age(on date: CivilDate) -> Int {
        var years = date.year - year
        if date.month < month || (date.month == month && date.day < day) { years -= 1 }
        return years
    }

    /// Whether `year` is a Gregorian leap year.
    @inline(__always)
    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days of a month (1–12) in a year.
    @inline(__always)
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`).
    @inline(__always)
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number (H. Hinnant's `civil_from_days`).
    @inline(__always)
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
