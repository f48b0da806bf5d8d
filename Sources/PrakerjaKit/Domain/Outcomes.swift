/// A wave's outcomes in registration_id (byte) order.
///
/// A run holds one outcome per registration, millions at once, next to everything else the
/// selection keeps. So a selected wave keeps its registrations (moved, already in registration_id
/// order) and 24 bytes of decision each, and makes each ``Outcome`` when it is read; an
/// ``Outcome`` would take 224 bytes a row more. A wave loaded from the database keeps the rows as
/// read. Both read the same: contacts are given for Lulus only, as the database keeps them.
public struct Outcomes: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    /// What the selection decided for one registration.
    struct Decision: Sendable {
        /// The card number; `.max` for none.
        var card: UInt64 = .max
        /// 1-based lottery rank; 0 outside the pool.
        var rank: Int32 = 0
        /// Index in `details`; 0 is the empty detail.
        var detail: Int32 = 0
        /// The tier; `Int32.min` outside the pool.
        var tier: Int32 = .min
        /// Bit `n` set when check `n` (2–9) failed.
        var failed: UInt16 = 0
        /// `Reason` raw value; 0 for Lulus.
        var reason: UInt8 = 0
    }

    /// A selected wave's outcomes, column by column.
    struct Selected: Sendable {
        /// In registration_id order.
        var registrations: [Registration]
        /// `decisions[i]` is for `registrations[i]`.
        var decisions: [Decision]
        /// The non-empty details, after the empty one at 0.
        var details: [String]
        /// Makes a pool member's lottery key from its NIK when it is read (SHA-256 on the stack,
        /// about 0.1 µs): keeping the keys took 32 bytes a member beside the pool at the run's
        /// peak, and only the store reads them.
        var lottery: Lottery.Digester
    }

    // Stored properties, not an enum with payloads: reading an element then borrows the arrays
    // instead of copying (and retaining) every one on each read, which two threads reading side by
    // side (the store and the reports) would make contend.
    private let rows: [Outcome]
    /// True when `columns` holds the outcomes (and `rows` is empty).
    private let isSelection: Bool
    private let columns: Selected

    /// Outcomes as they are, already in registration_id order.
    public init(_ rows: [Outcome]) {
        self.rows = rows
        isSelection = false
        columns = Selected(registrations: [], decisions: [], details: [], lottery: Lottery.Digester(seed: ""))
    }

    public init(arrayLiteral elements: Outcome...) { self.init(elements) }

    init(selected: Selected) {
        precondition(selected.registrations.count == selected.decisions.count)
        rows = []
        isSelection = true
        columns = selected
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int { isSelection ? columns.registrations.count : rows.count }

    public subscript(position: Int) -> Outcome {
        guard isSelection else { return rows[position] }
        let d = columns.decisions[position]
        return columns.registrations.read(position) {
            $0.pointee.outcome(
                reason: d.reason, failed: d.failed, detail: columns.details[Int(d.detail)],
                tier: d.tier == .min ? nil : Int(d.tier), lotteryRank: d.rank == 0 ? nil : Int(d.rank),
                lotteryKey: d.rank == 0 ? nil : columns.lottery.digest(nik: $0.pointee.nik), card: d.card == .max ? nil : d.card)
        }
    }

    /// The parts of an outcome that the counting reports (summary, fairness, manifest) read.
    struct Brief {
        var reason: Reason?
        var provinceCode: String
        /// The tier; nil outside the pool.
        var tier: Int?
        /// WIB date of `registered_at` (day number).
        var registrationDay: Int32?

        var isLulus: Bool { reason == nil }
    }

    /// The counted parts of the outcome at `position`, without making the outcome: the reports
    /// count every row while the store writes them on another thread, and each string an
    /// ``Outcome`` holds is a reference count both threads would change.
    func brief(at position: Int) -> Brief {
        guard isSelection else {
            let o = rows[position]
            return Brief(reason: o.reason, provinceCode: o.provinceCode, tier: o.tier, registrationDay: o.registrationDay)
        }
        let d = columns.decisions[position]
        return columns.registrations.read(position) { r in
            Brief(
                reason: d.reason == 0 ? nil : Reason(rawValue: Int(d.reason)), provinceCode: r.pointee.provinceCode,
                tier: d.tier == .min ? nil : Int(d.tier), registrationDay: r.pointee.registrationDay)
        }
    }

    /// The parts of an outcome that outcomes.csv shows.
    struct Shown {
        var registrationID: String
        var nik: UInt64
        var fullName: String
        var provinceCode: String
        var reason: Reason?
        var failed: UInt16
        var detail: String
        var tier: Int?
        var lotteryRank: Int?
        var card: UInt64?
    }

    /// The shown parts of the outcome at `position`, without making the outcome (its contacts and
    /// lottery key are not read).
    func shown(at position: Int) -> Shown {
        guard isSelection else {
            let o = rows[position]
            return Shown(
                registrationID: o.registrationID, nik: o.nik, fullName: o.fullName, provinceCode: o.provinceCode, reason: o.reason,
                failed: o.failed, detail: o.detail, tier: o.tier, lotteryRank: o.lotteryRank, card: o.card)
        }
        let d = columns.decisions[position]
        return columns.registrations.read(position) { r in
            Shown(
                registrationID: r.pointee.registrationID, nik: r.pointee.nik, fullName: r.pointee.displayName,
                provinceCode: r.pointee.provinceCode, reason: d.reason == 0 ? nil : Reason(rawValue: Int(d.reason)), failed: d.failed,
                detail: columns.details[Int(d.detail)], tier: d.tier == .min ? nil : Int(d.tier),
                lotteryRank: d.rank == 0 ? nil : Int(d.rank), card: d.card == .max ? nil : d.card)
        }
    }

    /// The parts of an outcome the store writes: the shown ones and the rest.
    struct Stored {
        var shown: Shown
        var kk: UInt64?
        var lotteryKey: LotteryDigest?
        var registrationDay: Int32?
        /// Lulus only, as kept (``Outcome`` gives contacts for Lulus only).
        var phone: String?
        var email: CompactText?
    }

    /// The stored parts of the outcome at `position`, without making the outcome (an e-mail is not
    /// made into a `String`).
    func stored(at position: Int) -> Stored {
        guard isSelection else {
            let o = rows[position]
            return Stored(
                shown: shown(at: position), kk: o.kk, lotteryKey: o.lotteryKey, registrationDay: o.registrationDay,
                phone: o.isLulus ? o.phone : nil, email: o.isLulus ? o.email.map(CompactText.init) : nil)
        }
        let d = columns.decisions[position]
        let lulus = d.reason == 0
        return columns.registrations.read(position) { r in
            Stored(
                shown: shown(at: position), kk: r.pointee.kk, lotteryKey: d.rank == 0 ? nil : columns.lottery.digest(nik: r.pointee.nik),
                registrationDay: r.pointee.registrationDay, phone: lulus ? r.pointee.phone : nil,
                email: lulus ? r.pointee.compactEmail : nil)
        }
    }

    /// How many are Lulus, without making the outcomes.
    var lulusCount: Int {
        isSelection ? columns.decisions.reduce(0) { $0 + ($1.reason == 0 ? 1 : 0) } : rows.reduce(0) { $0 + ($1.isLulus ? 1 : 0) }
    }

    /// The registration id of each outcome, without making the outcomes.
    func registrationID(at position: Int) -> String {
        isSelection ? columns.registrations.read(position) { $0.pointee.registrationID } : rows[position].registrationID
    }

    /// The NIK of each outcome, without making the outcomes.
    func nik(at position: Int) -> UInt64 {
        isSelection ? columns.registrations.read(position) { $0.pointee.nik } : rows[position].nik
    }
}

extension Registration {
    /// WIB date of `registered_at` (day number), for fairness.csv.
    fileprivate var registrationDay: Int32? { registeredAt.map { Timestamp.wibDate($0).dayNumber } }

    /// This registration's outcome; contacts are given for Lulus only.
    fileprivate func outcome(
        reason: UInt8, failed: UInt16, detail: String, tier: Int?, lotteryRank: Int?, lotteryKey: LotteryDigest?, card: UInt64?
    ) -> Outcome {
        let lulus = reason == 0
        return Outcome(
            registrationID: registrationID, nik: nik, kk: kk, fullName: displayName, provinceCode: provinceCode,
            reason: Reason(rawValue: Int(reason)), failed: failed, detail: detail, tier: tier, lotteryRank: lotteryRank,
            lotteryKey: lotteryKey, card: card, registrationDay: registrationDay,
            phone: lulus ? phone : nil, email: lulus ? email : nil)
    }
}
