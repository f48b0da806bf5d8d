/// A wave's configuration, `waves/<N>/wave.toml` (§3), with every default resolved.
///
/// Built by `WaveConfig.load(path:displayPath:folderName:)` / `parse(toml:displayPath:folderName:)`
/// (see `WaveConfig+TOML.swift` for the rules and the order of the checks) or, in tests, by `init`.
public struct WaveConfig: Sendable, Equatable {
    /// The wave number, ≥ 1, equal to the wave folder's name.
    public var wave: Int
    /// First day of registration (WIB).
    public var opens: CivilDate
    /// Last day of registration (WIB); ages are computed on this date; `opens <= closes`.
    public var closes: CivilDate
    /// The default notice date; `closes <= announce`.
    public var announce: CivilDate
    /// The public lottery seed, non-empty, exactly as written (no trimming).
    public var seed: String
    /// Total Lulus places, ≥ 0, before recycled places are added.
    public var quota: Int
    /// Earlier waves whose current Dicabut count is added to `quota`; as written, each ≥ 1, below
    /// `wave`, no repeats. Empty when the key is absent.
    public var recycleRevokedFrom: [Int]
    /// Places per domicile province code; nil when `[province_quota]` is absent. When present, a
    /// province not listed has quota 0 (see `provinceQuota(for:)`).
    public var provinceQuota: [String: Int]?
    /// `[rules]` with defaults.
    public var rules: Rules
    /// Tier per occupation (`[priority]`); the defaults when the table is absent, exactly the table
    /// (possibly empty) when present.
    public var priority: [Occupation: Int]

    /// The `[priority]` default: laid_off 1, micro_business 2, job_seeker 2, worker 3.
    public static let defaultPriority: [Occupation: Int] = [
        .laidOff: 1, .microBusiness: 2, .jobSeeker: 2, .worker: 3,
    ]

    /// A configuration from its parts; optional parts default as in §3.
    public init(
        wave: Int, opens: CivilDate, closes: CivilDate, announce: CivilDate, seed: String, quota: Int,
        recycleRevokedFrom: [Int] = [], provinceQuota: [String: Int]? = nil, rules: Rules = Rules(),
        priority: [Occupation: Int] = WaveConfig.defaultPriority
    ) {
        self.wave = wave
        self.opens = opens
        self.closes = closes
        self.announce = announce
        self.seed = seed
        self.quota = quota
        self.recycleRevokedFrom = recycleRevokedFrom
        self.provinceQuota = provinceQuota
        self.rules = rules
        self.priority = priority
    }

    /// The draw tier of an occupation (lower is drawn first): its `[priority]` value, or — when not
    /// listed — the highest tier number + 1 (1 when the table is empty).
    public func tier(of occupation: Occupation) -> Int {
        if let t = priority[occupation] { return t }
        return (priority.values.max() ?? 0) + 1
    }

    /// Places of a domicile province: nil when there is no `[province_quota]` (no per-province
    /// limit), else its listed value or 0.
    public func provinceQuota(for code: String) -> Int? {
        guard let provinceQuota else { return nil }
        return provinceQuota[code] ?? 0
    }

    /// The last day of the purchase window for a notice date: notice + (purchase_days − 1); purchases
    /// are on time until 23:59:59 WIB of that day.
    public func purchaseDeadline(notice: CivilDate) -> CivilDate {
        notice.adding(days: rules.purchaseDays - 1)
    }

    /// The `[rules]` table of §3, defaults included.
    public struct Rules: Sendable, Equatable {
        /// Minimum age in whole years on `closes` (default 18).
        public var minAge: Int
        /// Maximum age in whole years on `closes`; 0 = no upper limit (default 64).
        public var maxAge: Int
        /// Maximum current participants per KK (default 2).
        public var familyLimit: Int
        /// Length of the purchase window in days, notice date included (default 30).
        public var purchaseDays: Int
        /// Training fund per participant in rupiah (default 1 000 000).
        public var trainingFund: Int
        /// Occupations that fail check 7, without repeats, in the order written (default: student,
        /// civil_servant, military, police, village_official, legislator, soe_executive).
        public var excludedOccupations: [Occupation]
        /// Abort the run when rejected rows / data rows is above this (0...1, default 0.20).
        public var maxRejectShare: Double
        /// `possible_same_person` score cut (0...1, default 0.90).
        public var fuzzyThreshold: Double

        /// The default `excluded_occupations`.
        public static let defaultExcludedOccupations: [Occupation] = [
            .student, .civilServant, .military, .police, .villageOfficial, .legislator, .soeExecutive,
        ]

        /// Rules with the given values; every omitted one is the default of §3.
        public init(
            minAge: Int = 18, maxAge: Int = 64, familyLimit: Int = 2, purchaseDays: Int = 30,
            trainingFund: Int = 1_000_000,
            excludedOccupations: [Occupation] = Rules.defaultExcludedOccupations,
            maxRejectShare: Double = 0.20, fuzzyThreshold: Double = 0.90
        ) {
            self.minAge = minAge
            self.maxAge = maxAge
            self.familyLimit = familyLimit
            self.purchaseDays = purchaseDays
            self.trainingFund = trainingFund
            self.excludedOccupations = excludedOccupations
            self.maxRejectShare = maxRejectShare
            self.fuzzyThreshold = fuzzyThreshold
        }

        /// Whether an age passes check 6: `minAge <= age` and, when `maxAge > 0`, `age <= maxAge`.
        public func isAgeInRange(_ age: Int) -> Bool {
            age >= minAge && (maxAge == 0 || age <= maxAge)
        }

        /// Whether an occupation fails check 7.
        public func isExcluded(_ occupation: Occupation) -> Bool {
            excludedOccupations.contains(occupation)
        }
    }
}
