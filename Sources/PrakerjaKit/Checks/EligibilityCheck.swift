/// What the per-registration checks 2–9 may consult: all of it precomputed before the parallel pass.
struct CheckContext: Sendable {
    let config: WaveConfig
    /// NIKs of this wave that are Dicabut in an earlier wave.
    let revoked: Set<UInt64>
    /// NIKs of this wave that are current participants of an earlier wave.
    let participants: Set<UInt64>
    /// NIK → programmes of the exclusion files.
    let exclusions: [UInt64: [String]]
    /// Contact (normal form) → owning NIK after every claim (§6.3).
    let contactOwners: [String: UInt64]
}

/// One eligibility check of §5 (checks 2–9), evaluated wherever its own inputs are valid.
protocol EligibilityCheck: Sendable {
    /// The reason a failing registration gets.
    var reason: Reason { get }
    /// `nil` when the registration passes; otherwise the detail to show when this is the primary reason.
    func failure(of registration: Registration, in context: CheckContext) -> String?
}

/// The per-registration checks, once, in precedence order.
enum EligibilityChecks {
    static let all: [any EligibilityCheck] = [
        InvalidDataCheck(),
        NIKStructureCheck(),
        RevokedCheck(),
        AlreadyParticipantCheck(),
        AgeCheck(),
        ExcludedOccupationCheck(),
        OtherProgramCheck(),
        SharedContactCheck(),
    ]
}

/// The result of checks 2–9 on one registration.
struct CheckVerdict: Sendable {
    /// Bit `n` set when check `n` failed.
    var failed: UInt16 = 0
    /// Detail of the first failing check.
    var detail: String = ""

    var primary: Reason? {
        guard failed != 0 else { return nil }
        return Reason(rawValue: failed.trailingZeroBitCount)
    }

    static func evaluate(_ r: Registration, in context: CheckContext) -> CheckVerdict {
        var verdict = CheckVerdict()
        for check in EligibilityChecks.all {
            if let detail = check.failure(of: r, in: context) {
                if verdict.failed == 0 { verdict.detail = detail }
                verdict.failed |= 1 << UInt16(check.reason.rawValue)
            }
        }
        return verdict
    }
}
