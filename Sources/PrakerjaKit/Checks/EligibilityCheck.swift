/// What the per-registration checks 2–9 may consult: all of it precomputed before the parallel pass.
struct CheckContext: Sendable {
    let config: WaveConfig
    /// NIKs of this wave that are Dicabut in an earlier wave.
    let revoked: Set<UInt64>
    /// NIKs of this wave that are current participants of an earlier wave.
    let participants: Set<UInt64>
    /// NIK → programmes of the exclusion files.
    let exclusions: [UInt64: [String]]
    /// Who owns each registration's contacts after every claim (§6.3).
    let contactOwners: ContactOwners
}

/// The owners of a wave's contacts (§6.3), by registration index: each registration's phone and
/// e-mail name a slot among the wave's distinct contacts, and each slot its owning NIK. Integers
/// instead of a table keyed by text: a 5-million wave has some 10 million contacts.
struct ContactOwners: Sendable {
    /// The slot of registration `i`'s phone, -1 when it has none or is a duplicate (check 1).
    var phoneSlot: [Int32]
    /// The slot of registration `i`'s e-mail, likewise.
    var emailSlot: [Int32]
    /// The owning NIK of each slot; `UInt64.max` when nobody owns it.
    var owners: [UInt64]

    /// The owner of registration `index`'s phone, if anybody owns it.
    func phoneOwner(_ index: Int) -> UInt64? { owner(phoneSlot[index]) }

    /// The owner of registration `index`'s e-mail, if anybody owns it.
    func emailOwner(_ index: Int) -> UInt64? { owner(emailSlot[index]) }

    private func owner(_ slot: Int32) -> UInt64? {
        guard slot >= 0 else { return nil }
        let nik = owners[Int(slot)]
        return nik == .max ? nil : nik
    }
}

/// One eligibility check of §5 (checks 2–9), evaluated wherever its own inputs are valid.
protocol EligibilityCheck: Sendable {
    /// The reason a failing registration gets.
    var reason: Reason { get }
    /// `nil` when the registration passes; otherwise the detail to show when this is the primary reason.
    /// `index` is the registration's place in the wave (for ``ContactOwners``).
    func failure(of registration: Registration, at index: Int, in context: CheckContext) -> String?
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

    static func evaluate(_ r: Registration, at index: Int, in context: CheckContext) -> CheckVerdict {
        var verdict = CheckVerdict()
        for check in EligibilityChecks.all {
            if let detail = check.failure(of: r, at: index, in: context) {
                if verdict.failed == 0 { verdict.detail = detail }
                verdict.failed |= 1 << UInt16(check.reason.rawValue)
            }
        }
        return verdict
    }
}
