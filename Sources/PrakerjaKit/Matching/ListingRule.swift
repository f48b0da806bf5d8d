extension SamePersonMatcher {
    /// Decides which candidate pairs (names scored at or above the threshold, same birth date and
    /// gender, different NIKs) are listed as `possible_same_person`: the evidence a reviewer would
    /// use, weighed against how likely the name is to coincide by chance.
    ///
    /// **Expected coincidences.** For a pair of registrants of gender g, let *c* be the number of
    /// registrants of gender g in the wave whose folded name (``NameFolding``, tokens in order) is
    /// the commoner of the pair's two names, not counting the pair's own two registrations (so
    /// *c* = carriers − 2 for identical folded names, carriers − 1 otherwise), and let *q* be the
    /// chance that two registrants of gender g share a birth date, measured on the wave:
    /// *q* = Σ n(n − 1) over the wave's (birth date, gender g) blocks of n registrants, divided by
    /// N(N − 1) for the N registrants of gender g (1/*q* is the effective number of birth dates:
    /// about 13 000 on generated waves of 50 000 and of 1 million alike). Then **E = c · q** is the number of namesakes one expects, by chance
    /// alone, in the pair's block. **E_p** is the same with *c* counted only among the registrants
    /// of the pair's domicile province, defined when both registrations give the same valid province.
    /// E is a number of namesakes per block, not a raw count, so a limit on it means the same at
    /// 50 000, 1 million or 7 million registrations: a name carried by a fixed share of the people
    /// has an E that grows with the people per block, because a bigger wave really does hold more
    /// namesakes per block, and the rule then asks more of the same name.
    ///
    /// **The rule**, first match decides:
    /// 1. The same valid KK, or the same valid phone, or the same valid e-mail → **listed**, however
    ///    common the name (strong corroboration: a coincidence of names practically never has it,
    ///    while a person using a relative's NIK often stays on the family card or keeps a contact).
    /// 2. The same valid domicile province → listed when **E_p ≤ 0.008** (``sameProvinceLimit``).
    /// 3. Two valid provinces that differ → listed when **E ≤ 0.001** (``otherProvinceLimit``): only
    ///    names that are rare in the whole wave, since a second registration rarely moves domicile.
    /// 4. A province missing or invalid on either side → listed when **E ≤ 0.008**
    ///    (``sameProvinceLimit`` against the whole wave: no evidence either way).
    ///
    /// So a rare name is listed on the name alone, a common one needs the same province (being
    /// common *in that province*), and a very common one (`SITI AMINAH` in Jawa Barat,
    /// `MUHAMMAD RIZKY`, `SUPARMAN`) needs the same KK or a shared phone or e-mail.
    ///
    /// **Why these limits.** Read as Bayes: if a registrant has on average *d* second registrations
    /// without a shared KK or contact, the odds that a same-province candidate is one person are
    /// about *d* / E_p. F1 is highest when pairs are listed down to a posterior of about F1/2, so
    /// the limit is of the order of *d*. On generated waves (Scripts/generate.py, 1% same-person
    /// pairs, realistic name frequencies per province) F1 is flat for limits 0.005–0.008 at one and
    /// three million registrations; 0.008 is the end that keeps more recall. The other-province limit
    /// is eight times stricter: the generator never moves a second registration to another province,
    /// and real data rarely should. Scores are untouched: `score` stays the name similarity.
    public struct ListingRule: Sendable, Hashable {
        /// The most expected coincidences E_p (in the province) at which a pair in one province
        /// is listed without a shared KK or contact; also the limit on E when a province is unknown.
        public var sameProvinceLimit: Double
        /// The most expected coincidences E (in the whole wave) at which a pair in two different
        /// provinces is listed without a shared KK or contact.
        public var otherProvinceLimit: Double

        public init(sameProvinceLimit: Double, otherProvinceLimit: Double) {
            self.sameProvinceLimit = sameProvinceLimit
            self.otherProvinceLimit = otherProvinceLimit
        }

        /// The rule ``SamePersonMatcher/findPairs(in:threshold:jobs:)`` uses.
        public static let standard = ListingRule(sameProvinceLimit: 0.008, otherProvinceLimit: 0.001)
        /// Lists every candidate: the name score alone decides (the matcher before the rule).
        public static let everything = ListingRule(sameProvinceLimit: .infinity, otherProvinceLimit: .infinity)

        /// Whether a pair with this evidence is listed, given its expected coincidences E in the
        /// wave and E_p in its province (nil unless both registrations have the same valid province).
        public func lists(_ evidence: MatchEvidence, coincidences: Double, inProvince: Double?) -> Bool {
            if !evidence.isDisjoint(with: .strong) { return true }
            if evidence.contains(.sameProvince), let inProvince { return inProvince <= sameProvinceLimit }
            if evidence.contains(.otherProvince) { return coincidences <= otherProvinceLimit }
            return coincidences <= sameProvinceLimit
        }
    }
}
