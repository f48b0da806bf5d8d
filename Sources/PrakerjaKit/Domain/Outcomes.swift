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
        /// Distinct non-empty details, after the empty one at 0.
        var details: [String]
        /// The lottery key of rank `r` at `r - 1`.
        var keys: [LotteryDigest]
    }

    private enum Storage: Sendable {
        case rows([Outcome])
        case selected(Selected)
    }

    private let storage: Storage

    /// Outcomes as they are, already in registration_id order.
    public init(_ rows: [Outcome]) { storage = .rows(rows) }

    public init(arrayLiteral elements: Outcome...) { self.init(elements) }

    init(selected: Selected) {
        precondition(selected.registrations.count == selected.decisions.count)
        storage = .selected(selected)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .rows(let rows): rows.count
        case .selected(let s): s.registrations.count
        }
    }

    public subscript(position: Int) -> Outcome {
        switch storage {
        case .rows(let rows):
            return rows[position]
        case .selected(let s):
            let r = s.registrations[position]
            let d = s.decisions[position]
            let lulus = d.reason == 0
            return Outcome(
                registrationID: r.registrationID, nik: r.nik, kk: r.kk, fullName: r.displayName, provinceCode: r.provinceCode,
                reason: Reason(rawValue: Int(d.reason)), failed: d.failed, detail: s.details[Int(d.detail)],
                tier: d.tier == .min ? nil : Int(d.tier), lotteryRank: d.rank == 0 ? nil : Int(d.rank),
                lotteryKey: d.rank == 0 ? nil : s.keys[Int(d.rank) - 1], card: d.card == .max ? nil : d.card,
                registrationDay: r.registeredAt.map { Timestamp.wibDate($0).dayNumber }, phone: lulus ? r.phone : nil,
                email: lulus ? r.email : nil)
        }
    }

    /// How many are Lulus, without making the outcomes.
    var lulusCount: Int {
        switch storage {
        case .rows(let rows): rows.reduce(0) { $0 + ($1.isLulus ? 1 : 0) }
        case .selected(let s): s.decisions.reduce(0) { $0 + ($1.reason == 0 ? 1 : 0) }
        }
    }

    /// The NIK of each outcome, without making the outcomes.
    func nik(at position: Int) -> UInt64 {
        switch storage {
        case .rows(let rows): rows[position].nik
        case .selected(let s): s.registrations[position].nik
        }
    }
}
