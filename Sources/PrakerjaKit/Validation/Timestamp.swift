/// Instants written as `registered_at` / `purchased_at` (§4.1, §4.4).
///
/// Accepted form, after trimming spaces and tabs: `YYYY-MM-DDTHH:MM:SS`, then optionally `.` and 1–9
/// fraction digits, then optionally `Z` or `+HH:MM` / `-HH:MM`; without a zone the time is WIB (UTC+7).
/// The date must be real (years 1–9999), hours 00–23, minutes and seconds 00–59 (no leap second),
/// offset hours 00–23 and offset minutes 00–59 (the RFC 3339 grammar; `-00:00` is UTC). `T` and `Z`
/// are upper case only; a space instead of `T` is invalid. Fraction digits beyond microseconds are
/// truncated.
public enum Timestamp {
    /// WIB's offset from UTC in seconds.
    public static let wibOffsetSeconds: Int64 = 7 * 3600

    /// Microseconds since the Unix epoch (UTC), or nil when `s` is not a valid timestamp. No allocation.
    public static func parse(_ s: String) -> Int64? {
        Text.withTrimmedUTF8(s) { buf in parse(buf) }
    }

    /// `parse` on UTF-8 bytes that are already trimmed.
    static func parse(_ buf: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = buf.count
        guard n >= 19, buf[10] == UInt8(ascii: "T"), buf[13] == UInt8(ascii: ":"),
            buf[16] == UInt8(ascii: ":"),
            let date = CivilDate.parseISO(buf, at: 0),
            let hh = Text.number(buf, 11, 2), hh <= 23,
            let mi = Text.number(buf, 14, 2), mi <= 59,
            let ss = Text.number(buf, 17, 2), ss <= 59
        else { return nil }
        var i = 19
        var micros: Int64 = 0
        if i < n && buf[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < n, let d = Text.digit(buf[i]) {
                if digits < 6 { micros = micros * 10 + Int64(d) }
                digits += 1
                i += 1
            }
            guard digits >= 1, digits <= 9 else { return nil }
            if digits < 6 { for _ in digits..<6 { micros *= 10 } }
        }
        var offset = wibOffsetSeconds
        if i < n {
            switch buf[i] {
            case UInt8(ascii: "Z"):
                offset = 0
                i += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard n - i >= 6, buf[i + 3] == UInt8(ascii: ":"),
                    let oh = Text.number(buf, i + 1, 2), oh <= 23,
                    let om = Text.number(buf, i + 4, 2), om <= 59
                else { return nil }
                offset = Int64(oh * 3600 + om * 60)
                if buf[i] == UInt8(ascii: "-") { offset = -offset }
                i += 6
            default:
                return nil
            }
        }
        guard i == n else { return nil }
        let seconds = Int64(date.dayNumber) * 86_400 + Int64(hh * 3600 + mi * 60 + ss) - offset
        return seconds * 1_000_000 + micros
    }

    /// The WIB calendar date of an instant given in microseconds since the Unix epoch.
    public static func wibDate(_ micros: Int64) -> CivilDate {
        let local = micros + wibOffsetSeconds * 1_000_000
        let perDay: Int64 = 86_400 * 1_000_000
        var day = local / perDay
        if local % perDay < 0 { day -= 1 }
        return CivilDate(dayNumber: Int32(truncatingIfNeeded: day))
    }

    /// The instant (microseconds since the Unix epoch) of 00:00:00 WIB on `date`.
    public static func startOfWIBDay(_ date: CivilDate) -> Int64 {
        (Int64(date.dayNumber) * 86_400 - wibOffsetSeconds) * 1_000_000
    }

    /// The last microsecond (23:59:59.999999 WIB) of `date`: purchases up to and including it are on time.
    public static func endOfWIBDay(_ date: CivilDate) -> Int64 {
        startOfWIBDay(date) + 86_400 * 1_000_000 - 1
    }
}
