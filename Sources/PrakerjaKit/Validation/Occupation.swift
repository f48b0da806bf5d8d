/// The `occupation` column of §4.1; raw values are the contract's names.
public enum Occupation: String, CaseIterable, Sendable, Hashable {
    /// Looking for work.
    case jobSeeker = "job_seeker"
    /// Employed.
    case worker
    /// Laid off (PHK).
    case laidOff = "laid_off"
    /// Runs a micro business (UMKM).
    case microBusiness = "micro_business"
    /// Student (excluded by default).
    case student
    /// Civil servant, PNS (excluded by default).
    case civilServant = "civil_servant"
    /// TNI (excluded by default).
    case military
    /// Polri (excluded by default).
    case police
    /// Village official (excluded by default).
    case villageOfficial = "village_official"
    /// Member of a legislature (excluded by default).
    case legislator
    /// Director or commissioner of a state-owned enterprise (excluded by default).
    case soeExecutive = "soe_executive"

    /// Reads an occupation name after trimming spaces and tabs, ignoring ASCII case
    /// (`Laid_Off` is `.laidOff`); nil for anything else. No allocation.
    public static func parse(_ s: String) -> Occupation? {
        Text.withTrimmedUTF8(s) { buf -> Occupation? in
            // Dispatch on the length first: most lengths have one candidate.
            switch buf.count {
            case 6: return matches(buf, "worker") ? .worker : matches(buf, "police") ? .police : nil
            case 7: return matches(buf, "student") ? .student : nil
            case 8: return matches(buf, "laid_off") ? .laidOff : matches(buf, "military") ? .military : nil
            case 10:
                return matches(buf, "job_seeker") ? .jobSeeker : matches(buf, "legislator") ? .legislator : nil
            case 13:
                return matches(buf, "civil_servant") ? .civilServant : matches(buf, "soe_executive") ? .soeExecutive : nil
            case 14: return matches(buf, "micro_business") ? .microBusiness : nil
            case 16: return matches(buf, "village_official") ? .villageOfficial : nil
            default: return nil
            }
        }
    }

    /// ASCII case-insensitive equality of `buf` with a lower-case ASCII `name`.
    @inline(__always)
    private static func matches(_ buf: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard buf.count == name.utf8CodeUnitCount else { return false }
        let p = name.utf8Start
        for i in 0..<buf.count {
            var b = buf[i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != p[i] { return false }
        }
        return true
    }
}
