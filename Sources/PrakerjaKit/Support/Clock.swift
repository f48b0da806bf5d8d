import Foundation

/// Wall-clock helpers. "Today" is never read here: commands take it as a parameter.
public enum Clock {
    /// The current time as ISO 8601 UTC with milliseconds, for ledgers and manifests.
    public static func isoNow() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = time_t(ts.tv_sec)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(ts.tv_nsec / 1_000_000))
    }

    /// Today's WIB calendar date.
    public static func todayWIB() -> CivilDate {
        Timestamp.wibDate(Int64(Date().timeIntervalSince1970 * 1_000_000))
    }
}
