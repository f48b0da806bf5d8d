import Testing

@testable import PrakerjaKit

// MARK: - Text

@Suite("Text")
struct ValidationTextTests {
    @Test(arguments: [
        ("  Budi  ", "Budi"),
        ("\t Budi Santoso \t", "Budi Santoso"),
        ("Budi", "Budi"),
        ("", ""),
        (" \t ", ""),
        ("\nBudi\n", "\nBudi\n"),  // only spaces and tabs are trimmed
        ("\u{00A0}Budi", "\u{00A0}Budi"),
    ])
    func trim(input: String, expected: String) {
        #expect(Text.trim(input) == expected)
        #expect(Text.trim(Substring(input)) == expected)
    }

    @Test func trimSubstringOfLargerString() {
        let line = "x,  Siti Aminah ,y"
        let field = line.split(separator: ",")[1]
        #expect(Text.trim(field) == "Siti Aminah")
    }

    @Test(arguments: [
        ("Budi   Santoso", "Budi Santoso"),
        ("a  b   c    d", "a b c d"),
        ("  a  ", " a "),
        ("a\t\tb", "a\t\tb"),
        ("abc", "abc"),
    ])
    func collapseSpaces(input: String, expected: String) {
        #expect(Text.collapseSpaces(input) == expected)
    }
}

// MARK: - Phone

@Suite("Phone")
struct ValidationPhoneTests {
    @Test(arguments: [
        ("+62 812-3456-7890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("0062812345678", "+62812345678"),
        ("00 62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("(0812) 3456.7890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("  0812 3456 7890\t", "+6281234567890"),
        ("0812345678", "+62812345678"),  // 9-digit national number, the shortest
        ("0812345678901", "+62812345678901"),  // 12 digits, the longest
        ("0851 2345 678", "+628512345678"),
        ("0831234567", "+62831234567"),
        ("0891234567", "+62891234567"),
    ])
    func valid(input: String, expected: String) {
        #expect(Phone.normalize(input) == expected)
    }

    @Test(arguments: [
        "081234567",  // 8 national digits: too short
        "08123456789012",  // 13: too long
        "+62812345678901234",
        "0841234567",  // second digit 4
        "0801234567",  // second digit 0
        "0712345678",  // not 8
        "8123456789",  // no prefix
        "0812ABC45678",  // letters
        "0812-3456-789O",  // letter O
        "+0812345678",
        "62+812345678",
        "+6208123456789",  // prefix +62 then 0
        "0812\t3456789",  // inner tab
        "0812/3456789",
        "",
        "   ",
        "+62",
        "0",
        "+62 812 3456 7890 ext 1",
        "０８１２３４５６７８９",  // full-width digits
    ])
    func invalid(input: String) {
        #expect(Phone.normalize(input) == nil)
    }
}

// MARK: - Email

@Suite("Email")
struct ValidationEmailTests {
    @Test(arguments: [
        ("budi@example.com", "budi@example.com"),
        ("Budi.Santoso@Example.CO.ID", "budi.santoso@example.co.id"),
        ("a@b.c", "a@b.c"),
        (" \tsiti+daftar@mail.go.id\t ", "siti+daftar@mail.go.id"),
        ("a..b@c.d", "a..b@c.d"),  // the contract puts no rule on the local part
        ("ÜSER@Beispiel.de", "üser@beispiel.de"),
        ("用户@例子.中国", "用户@例子.中国"),
    ])
    func valid(input: String, expected: String) {
        #expect(Email.normalize(input) == expected)
    }

    @Test(arguments: [
        "budi@@example.com",
        "budi@ex@ample.com",
        "budi@localhost",  // no dot in the domain
        "budi@example..com",  // empty label
        "budi@.example.com",
        "budi@example.com.",
        "@example.com",
        "budi@",
        "budi",
        "",
        "bu di@example.com",
        "budi@exa mple.com",
        "budi@example.com\nx",
        "budi\u{00A0}@example.com",  // no-break space
        "budi@example.com\u{3000}x",  // ideographic space
        "budi\u{2003}x@example.com",  // em space
        "budi\u{0001}@example.com",  // control character
    ])
    func invalid(input: String) {
        #expect(Email.normalize(input) == nil)
    }

    @Test func lengthLimit() {
        let domain = "@b.c"  // 4 characters
        let ok = String(repeating: "a", count: 250) + domain
        let long = String(repeating: "a", count: 251) + domain
        #expect(ok.count == 254 && long.count == 255)
        #expect(Email.normalize(ok) == ok)
        #expect(Email.normalize(long) == nil)
        #expect(Email.normalize("  " + ok + "\t") == ok)  // trimming happens before counting
    }

    @Test func lengthCountsUnicodeScalarsNotBytes() {
        let ok = String(repeating: "ü", count: 250) + "@b.c"  // 254 scalars, 504 bytes
        #expect(Email.normalize(ok) == ok)
        #expect(Email.normalize("ü" + ok) == nil)
    }
}

// MARK: - Names

@Suite("PersonName")
struct ValidationPersonNameTests {
    @Test(arguments: [
        ("Budi Santoso", "Budi Santoso"),
        ("  Budi   Santoso  ", "Budi Santoso"),
        ("\tSiti  Nurhaliza\t", "Siti Nurhaliza"),
        ("O'Neil-Smith, Jr.", "O'Neil-Smith, Jr."),
        ("H. Muhammad Ali, S.E.", "H. Muhammad Ali, S.E."),
        ("A", "A"),
        ("李小龍", "李小龍"),
        ("محمد علي", "محمد علي"),
        ("Ni Luh Putu Ayu", "Ni Luh Putu Ayu"),
        ("José", "José"),
        ("Jose\u{301}", "Jose\u{301}"),  // combining acute after a letter
        ("देवी", "देवी"),  // Devanagari with a vowel sign (Mc)
        ("Ａｈｍａｄ", "Ａｈｍａｄ"),  // full-width Latin letters are letters
        ("- Budi", "- Budi"),
    ])
    func valid(input: String, expected: String) {
        #expect(PersonName.normalize(input) == expected)
    }

    @Test(arguments: [
        "",
        "   ",
        "\t",
        "Budi 2",
        "Budi1",
        "Budi 😀",
        "😀",
        ".,'-",
        "- . ,",
        "Budi\tSantoso",  // inner tab is not a space
        "Budi\u{00A0}Santoso",
        "Budi\nSantoso",
        "Budi’s",  // typographic apostrophe
        "Budi_Santoso",
        "Budi (Ucok)",
        "Budi@Santoso",
        "\u{301}Budi",  // mark at the start
        "Budi \u{301}",  // mark after a space
        "Budi-\u{301}",
        "Budi\u{200D}Santoso",  // zero-width joiner (Cf)
        "١٢٣",  // Arabic-Indic digits (Nd)
    ])
    func invalid(input: String) {
        #expect(PersonName.normalize(input) == nil)
    }

    @Test func lengthLimit() {
        let hundred = String(repeating: "a", count: 100)
        #expect(PersonName.normalize(hundred) == hundred)
        #expect(PersonName.normalize(hundred + "a") == nil)
        #expect(PersonName.normalize("  " + hundred + "\t") == hundred)
        // 101 characters before collapsing, 100 after.
        let spaced = String(repeating: "a", count: 49) + "  " + String(repeating: "b", count: 50)
        #expect(PersonName.normalize(spaced)?.count == 100)
        // Characters, not bytes: 100 CJK letters (300 bytes) are fine, 101 are not.
        let cjk = String(repeating: "龍", count: 100)
        #expect(PersonName.normalize(cjk) == cjk)
        #expect(PersonName.normalize(cjk + "龍") == nil)
        // A combining mark is part of its letter.
        let accented = String(repeating: "e\u{301}", count: 100)
        #expect(PersonName.normalize(accented) == accented)
        #expect(PersonName.normalize(accented + "e") == nil)
    }
}

// MARK: - Dates

@Suite("CivilDate")
struct ValidationCivilDateTests {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day)! }

    @Test(arguments: [
        ("1990-05-17", d(1990, 5, 17)),
        ("17-05-1990", d(1990, 5, 17)),
        ("17/05/1990", d(1990, 5, 17)),
        (" 17/05/1990\t", d(1990, 5, 17)),
        ("29-02-2000", d(2000, 2, 29)),
        ("2000-02-29", d(2000, 2, 29)),
        ("01-01-1900", d(1900, 1, 1)),
        ("31/12/2021", d(2021, 12, 31)),
    ])
    func birthDateValid(input: String, expected: CivilDate) {
        #expect(CivilDate.parseBirthDate(input) == expected)
    }

    @Test(arguments: [
        "30-02-1990",
        "29-02-2001",
        "2001-02-29",
        "29-02-1900",  // 1900 is not a leap year
        "1899-12-31",
        "31-12-1899",
        "7-05-1990",  // two-digit day required
        "17-5-1990",
        "1990-5-17",
        "17-05-90",
        "17-05/1990",  // mixed separators
        "17/05-1990",
        "1990/05/17",
        "17.05.1990",
        "32-01-1990",
        "00-01-1990",
        "01-13-1990",
        "01-00-1990",
        "1990-05-17T00:00:00",
        "",
        "1990-05-1a",
        "+990-05-17",
    ])
    func birthDateInvalid(input: String) {
        #expect(CivilDate.parseBirthDate(input) == nil)
    }

    @Test func parseISO() {
        #expect(CivilDate.parseISO("2021-10-25") == Self.d(2021, 10, 25))
        #expect(CivilDate.parseISO("0001-01-01") == Self.d(1, 1, 1))
        #expect(CivilDate.parseISO("0000-01-01") == nil)
        #expect(CivilDate.parseISO("25-10-2021") == nil)
        #expect(CivilDate.parseISO("2021-10-25T00:00:00") == nil)
        #expect(CivilDate.parseISO("2021-02-29") == nil)
        #expect(CivilDate.parseISO("2021-1-25") == nil)
    }

    @Test func initRejectsUnrealDates() {
        #expect(CivilDate(year: 2021, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2020, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2021, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2021, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2021, month: 0, day: 1) == nil)
        #expect(CivilDate(year: 2021, month: 1, day: 0) == nil)
        #expect(CivilDate(year: 0, month: 1, day: 1) == nil)
        #expect(CivilDate(year: 10000, month: 1, day: 1) == nil)
    }

    @Test(arguments: [
        (d(1970, 1, 1), Int32(0)),
        (d(1969, 12, 31), Int32(-1)),
        (d(2000, 3, 1), Int32(11017)),
        (d(2021, 10, 25), Int32(18925)),
        (d(1, 1, 1), Int32(-719_162)),
        (d(9999, 12, 31), Int32(2_932_896)),
    ])
    func dayNumber(date: CivilDate, number: Int32) {
        #expect(date.dayNumber == number)
        #expect(CivilDate(dayNumber: number) == date)
    }

    @Test func dayNumberRoundTripsAndIsConsecutive() {
        var previous = CivilDate(dayNumber: -800_000)
        for n in Int32(-799_999)...Int32(2_932_896) where n % 7 == 0 || n < -790_000 || n > 2_900_000 {
            let date = CivilDate(dayNumber: n)
            #expect(date.dayNumber == n)
            #expect(previous < date)
            previous = date
        }
        // Every day of 1900–2100 follows its predecessor.
        var date = Self.d(1900, 1, 1)
        for _ in 0..<73_000 {
            let next = date.adding(days: 1)
            let expected =
                CivilDate(year: date.year, month: date.month, day: date.day + 1)
                ?? CivilDate(year: date.year, month: date.month + 1, day: 1)
                ?? CivilDate(year: date.year + 1, month: 1, day: 1)!
            #expect(next == expected)
            date = next
        }
    }

    @Test func descriptionAndOrder() {
        #expect(Self.d(2021, 1, 5).description == "2021-01-05")
        #expect(Self.d(1, 1, 1).description == "0001-01-01")
        #expect("\(Self.d(1990, 12, 31))" == "1990-12-31")
        #expect(Self.d(2021, 1, 31) < Self.d(2021, 2, 1))
        #expect(Self.d(2020, 12, 31) < Self.d(2021, 1, 1))
        #expect(!(Self.d(2021, 1, 1) < Self.d(2021, 1, 1)))
        #expect(Self.d(2021, 10, 25).adding(days: 29) == Self.d(2021, 11, 23))
        #expect(Self.d(2020, 2, 28).adding(days: 1) == Self.d(2020, 2, 29))
        #expect(Self.d(2021, 3, 1).adding(days: -1) == Self.d(2021, 2, 28))
    }

    @Test(arguments: [
        (d(2000, 2, 29), d(2021, 3, 1), 21),
        (d(2000, 2, 29), d(2021, 2, 28), 20),
        (d(2000, 2, 29), d(2020, 2, 29), 20),
        (d(2000, 2, 29), d(2020, 2, 28), 19),
        (d(1990, 10, 27), d(2021, 10, 27), 31),
        (d(1990, 10, 27), d(2021, 10, 26), 30),
        (d(2003, 10, 28), d(2021, 10, 27), 17),
        (d(2003, 10, 27), d(2021, 10, 27), 18),
        (d(1957, 10, 27), d(2021, 10, 27), 64),
        (d(1956, 10, 27), d(2021, 10, 27), 65),
        (d(2021, 10, 27), d(2021, 10, 27), 0),
        (d(2021, 10, 28), d(2021, 10, 27), -1),
    ])
    func age(birth: CivilDate, on date: CivilDate, expected: Int) {
        #expect(birth.age(on: date) == expected)
    }
}

// MARK: - Timestamps

@Suite("Timestamp")
struct ValidationTimestampTests {
    static let second: Int64 = 1_000_000
    static let day20211025: Int64 = Int64(18925) * 86_400 * second

    static let noon20200229: Int64 = Int64(18321) * 86_400 * second + 12 * 3600 * second
    static let lastSecond20211025: Int64 = day20211025 + (16 * 3600 + 59 * 60 + 59) * second
    static let validCases: [(String, Int64)] = [
        // WIB 07:00 on 25 October == 00:00Z, written three ways.
        ("2021-10-25T07:00:00", day20211025),
        ("2021-10-25T00:00:00Z", day20211025),
        ("2021-10-25T07:00:00+07:00", day20211025),
        ("2021-10-24T19:00:00-05:00", day20211025),
        ("2021-10-24T18:30:00-05:30", day20211025),
        ("2021-10-25T05:30:00+05:30", day20211025),
        ("2021-10-25T00:00:00-00:00", day20211025),
        ("2021-10-25T00:00:00+00:00", day20211025),
        ("  2021-10-25T07:00:00\t", day20211025),
        ("1970-01-01T00:00:00Z", 0),
        ("1970-01-01T07:00:00", 0),
        ("1970-01-01T00:00:00.5Z", 500_000),
        ("1970-01-01T00:00:00.000001Z", 1),
        ("1970-01-01T00:00:00.123456789Z", 123_456),  // beyond microseconds: truncated
        ("1970-01-01T00:00:00.9999999Z", 999_999),
        ("1970-01-01T00:00:01.25+00:00", 1_250_000),
        ("1969-12-31T23:59:59.5Z", -500_000),
        ("2020-02-29T12:00:00Z", noon20200229),
        ("2021-10-25T23:59:59", lastSecond20211025),
    ]

    @Test(arguments: validCases)
    func valid(input: String, expected: Int64) {
        #expect(Timestamp.parse(input) == expected)
    }

    @Test(arguments: [
        "2021-10-25T24:00:00",
        "2021-10-25T23:60:00",
        "2021-10-25T23:59:60",  // no leap seconds
        "2021-02-29T10:00:00",
        "2021-13-01T10:00:00",
        "2021-10-25 07:00:00",  // space instead of T
        "2021-10-25t07:00:00",
        "2021-10-25T07:00",
        "2021-10-25T7:00:00",
        "2021-10-25",
        "2021-10-25T07:00:00.",  // fraction without digits
        "2021-10-25T07:00:00.1234567890",  // ten fraction digits
        "2021-10-25T07:00:00z",
        "2021-10-25T07:00:00ZZ",
        "2021-10-25T07:00:00+0700",
        "2021-10-25T07:00:00+07",
        "2021-10-25T07:00:00+24:00",
        "2021-10-25T07:00:00+07:60",
        "2021-10-25T07:00:00 WIB",
        "2021-10-25T07:00:00+07:00x",
        "25-10-2021T07:00:00",
        "0000-01-01T00:00:00Z",
        "",
    ])
    func invalid(input: String) {
        #expect(Timestamp.parse(input) == nil)
    }

    @Test(arguments: [
        ("2021-10-24T17:00:00Z", "2021-10-25"),  // WIB midnight
        ("2021-10-24T16:59:59.999999Z", "2021-10-24"),
        ("2021-10-25T00:00:00", "2021-10-25"),
        ("2021-10-25T23:59:59", "2021-10-25"),
        ("1969-12-31T17:00:00Z", "1970-01-01"),
        ("1969-12-31T16:59:59Z", "1969-12-31"),
        ("1900-01-01T00:00:00", "1900-01-01"),
    ])
    func wibDate(input: String, expected: String) throws {
        let micros = try #require(Timestamp.parse(input))
        #expect(Timestamp.wibDate(micros).description == expected)
    }

    @Test func wibDayBounds() throws {
        let date = try #require(CivilDate.parseISO("2021-11-30"))
        #expect(Timestamp.startOfWIBDay(date) == Timestamp.parse("2021-11-30T00:00:00"))
        #expect(Timestamp.endOfWIBDay(date) == Timestamp.parse("2021-11-30T23:59:59.999999"))
        #expect(Timestamp.wibDate(Timestamp.endOfWIBDay(date)) == date)
        #expect(Timestamp.wibDate(Timestamp.endOfWIBDay(date) + 1) == date.adding(days: 1))
    }
}

// MARK: - Codes

@Suite("Codes")
struct ValidationCodeTests {
    @Test func provinces() {
        #expect(Province.names.count == 38)
        #expect(Province.codes.count == 38)
        #expect(Province.codes.first == "11" && Province.codes.last == "96")
        for n in 0...99 {
            let code = n < 10 ? "0\(n)" : "\(n)"
            #expect(Province.isValid(code) == (Province.names[code] != nil), "\(code)")
            #expect(Province.isValid(number: n) == (Province.names[code] != nil), "\(code)")
        }
        #expect(Province.name("31") == "DKI Jakarta")
        #expect(Province.name("96") == "Papua Barat Daya")
        #expect(Province.name(" 11 ") == "Aceh")
        #expect(Province.name("20") == nil)
    }

    @Test(arguments: ["11", "21", "31", "36", "51", "65", "76", "81", "82", "96", " 31\t"])
    func provinceValid(code: String) {
        #expect(Province.isValid(code))
    }

    @Test(arguments: ["00", "10", "20", "22", "37", "41", "66", "83", "97", "99", "3", "031", "3a", "", "٣١"])
    func provinceInvalid(code: String) {
        #expect(!Province.isValid(code))
    }

    @Test(arguments: [
        ("3201011705900001", 16, true),
        (" 3201011705900001 ", 16, true),
        ("320101170590000", 16, false),
        ("32010117059000012", 16, false),
        ("32010117059000a1", 16, false),
        ("3201-11705900001", 16, false),
        ("١٢٣٤", 4, false),  // Arabic-Indic digits are not ASCII digits
        ("1234", 4, true),
        ("", 0, true),
    ])
    func digits(input: String, count: Int, expected: Bool) {
        #expect(Digits.isDigits(input, count: count) == expected)
    }

    @Test(arguments: [
        ("L", Gender.male), ("l", .male), ("P", .female), ("p", .female), (" P\t", .female),
    ])
    func genderValid(input: String, expected: Gender) {
        #expect(Gender.parse(input) == expected)
    }

    @Test(arguments: ["", "M", "F", "LP", "Laki-laki", "W", "1"])
    func genderInvalid(input: String) {
        #expect(Gender.parse(input) == nil)
    }

    @Test func occupationsAllNames() {
        #expect(Occupation.allCases.count == 11)
        for o in Occupation.allCases {
            #expect(Occupation.parse(o.rawValue) == o)
            #expect(Occupation.parse(o.rawValue.uppercased()) == o)
            #expect(Occupation.parse(" \(o.rawValue)\t") == o)
        }
    }

    @Test(arguments: [
        ("job_seeker", Occupation.jobSeeker), ("Laid_Off", .laidOff), ("MICRO_BUSINESS", .microBusiness),
        ("soe_executive", .soeExecutive), ("Village_Official", .villageOfficial),
    ])
    func occupationValid(input: String, expected: Occupation) {
        #expect(Occupation.parse(input) == expected)
    }

    @Test(arguments: ["", "astronaut", "laid off", "laid-off", "jobseeker", "workers", "student " + "x"])
    func occupationInvalid(input: String) {
        #expect(Occupation.parse(input) == nil)
    }
}

// MARK: - NIK

@Suite("NIKStructure")
struct ValidationNIKStructureTests {
    @Test(arguments: [
        ("3201011705900001", "32", 17, 5, 90, false),
        ("3201015705900001", "32", 17, 5, 90, true),  // women: day + 40
        ("1101010101000001", "11", 1, 1, 0, false),
        ("9601013112999999", "96", 31, 12, 99, false),
        ("3171014101850002", "31", 1, 1, 85, true),  // day 41
        ("3171017112850002", "31", 31, 12, 85, true),  // day 71
        ("3171013102850002", "31", 31, 2, 85, false),  // 31 February passes check 3
        (" 3201011705900001\t", "32", 17, 5, 90, false),
    ])
    func valid(nik: String, province: String, day: Int, month: Int, year: Int, female: Bool) throws {
        let s = try #require(NIKStructure.parse(nik))
        #expect(s.province == province)
        #expect(s.day == day)
        #expect(s.month == month)
        #expect(s.yearTwoDigits == year)
        #expect(s.female == female)
    }

    @Test(arguments: [
        "3201013205900001",  // day 32
        "3201014005900001",  // day 40
        "3201017205900001",  // day 72
        "3201010005900001",  // day 00
        "3201011700900001",  // month 00
        "3201011713900001",  // month 13
        "3201011705900000",  // serial 0000
        "0001011705900001",  // province 00
        "2001011705900001",  // province 20
        "9901011705900001",  // province 99
        "320101170590001",  // 15 digits
        "32010117059000011",  // 17 digits
        "32010117059000a1",
        "",
    ])
    func invalid(nik: String) {
        #expect(NIKStructure.parse(nik) == nil)
    }

    /// A NIK held as a number reads as its 16 digits do (the run keeps NIKs as numbers).
    @Test func numbersReadLikeTheirDigits() {
        var rng = CSVTestSupport.SeededRandom(seed: 16)
        var values: [UInt64] = [0, 1, 3_201_011_705_900_001, 3_201_015_705_900_001, 1_101_010_101_000_001, 9_999_999_999_999_999]
        for _ in 0..<20_000 {
            // Valid-looking parts mostly, so both answers occur.
            let p = rng.next() % 100, r = rng.next() % 10_000, day = rng.next() % 80, month = rng.next() % 14
            let year = rng.next() % 100, serial = rng.next() % 3 == 0 ? 0 : rng.next() % 10_000
            values.append(((((p * 10_000 + r) * 100 + day) * 100 + month) * 100 + year) * 10_000 + serial)
        }
        for value in values {
            #expect(NIKStructure.parse(number: value) == NIKStructure.parse(SixteenDigits.format(value)), "\(value)")
        }
    }

    static func d(_ s: String) -> CivilDate { CivilDate.parseISO(s)! }

    @Test(arguments: [
        ("3201011705900001", "1990-05-17", Gender.male, [String](), false),
        ("3201011705900001", "1990-05-17", Gender.female, [], true),
        ("3201015705900001", "1990-05-17", Gender.female, [], false),
        ("3201015705900001", "1990-05-17", Gender.male, [], true),
        ("3201011705900001", "1991-06-18", Gender.male, ["day", "month", "year"], false),
        ("3201011705900001", "1990-05-18", Gender.male, ["day"], false),
        ("3201011705900001", "1990-06-17", Gender.male, ["month"], false),
        ("3201011705900001", "1890-05-17", Gender.male, [], false),  // two-digit year only
        ("3201011705900001", "2090-05-17", Gender.female, [], true),
        ("3201011705000001", "2000-05-17", Gender.male, [], false),
        ("3201011705000001", "1999-05-17", Gender.male, ["year"], false),
        ("3201015805010001", "2001-05-17", Gender.female, ["day"], false),
    ])
    func mismatches(nik: String, birth: String, gender: Gender, parts: [String], genderDiffers: Bool) throws {
        let s = try #require(NIKStructure.parse(nik))
        let m = s.mismatches(birthDate: Self.d(birth), gender: gender)
        #expect(m.dateParts == parts)
        #expect(m.gender == genderDiffers)
        #expect(s.birthDateMismatchDetail(Self.d(birth)) == parts.joined(separator: ";"))
    }

    @Test func mismatchesSkipInvalidFields() throws {
        let s = try #require(NIKStructure.parse("3201015705900001"))
        let m = s.mismatches(birthDate: nil, gender: nil)
        #expect(m.dateParts.isEmpty)
        #expect(!m.gender)
        #expect(s.mismatches(birthDate: nil, gender: .male).gender)
        #expect(s.mismatches(birthDate: Self.d("1991-05-17"), gender: nil) == (["year"], false))
    }
}

// MARK: - Luhn

@Suite("Luhn")
struct ValidationLuhnTests {
    @Test(arguments: ["79927398713", "4539578763621486", "4111111111111111", "5500000000000004", "00", "18", " 79927398713 "])
    func valid(number: String) {
        #expect(Luhn.isValid(number))
    }

    @Test(arguments: ["79927398710", "4539578763621487", "4111111111111112", "0", "", "7992739871a", "7992 7398 713", "-79927398713"])
    func invalid(number: String) {
        #expect(!Luhn.isValid(number))
    }

    @Test func checkDigit() {
        #expect(Luhn.checkDigit(for: [7, 9, 9, 2, 7, 3, 9, 8, 7, 1]) == 3)
        #expect(Luhn.checkDigit(for: [4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]) == 1)
        #expect(Luhn.checkDigit(for: []) == 0)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var payload: [UInt8] = (0..<15).map { _ in UInt8.random(in: 0...9, using: &generator) }
            let check = Luhn.checkDigit(for: payload)
            payload.append(check)
            let text = String(payload.map { Character(String($0)) })
            #expect(Luhn.isValid(text))
            // Any single-digit change is caught.
            var changed = payload
            changed[Int.random(in: 0..<16, using: &generator)] ^= 1
            #expect(!Luhn.isValid(String(changed.map { Character(String($0 % 10)) })) || changed == payload)
        }
    }
}

// MARK: - Concurrency

@Suite("Concurrency")
struct ValidationConcurrencyTests {
    /// The validators are pure functions on values: running them from many tasks gives the same results.
    @Test func concurrentUse() async {
        let inputs = (0..<2000).map { i in
            ("0812\(String(padded7: i))", "User\(i)@Mail.com", "Nama \(String(repeating: "a", count: i % 5))")
        }
        let expected = inputs.map { (Phone.normalize($0.0), Email.normalize($0.1), PersonName.normalize($0.2)) }
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    inputs.map { (Phone.normalize($0.0), Email.normalize($0.1), PersonName.normalize($0.2)) }
                        .elementsEqual(expected, by: { $0 == $1 })
                }
            }
            for await ok in group { #expect(ok) }
        }
    }
}

extension String {
    /// Seven digits of `n`, zero-padded (test helper; no Foundation).
    fileprivate init(padded7 n: Int) {
        let s = String(n)
        self = String(repeating: "0", count: Swift.max(0, 7 - s.count)) + s
    }
}
