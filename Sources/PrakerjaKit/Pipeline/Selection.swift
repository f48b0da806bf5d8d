import GRDB

/// The selection of one wave: check → match → draw → cards, over ingested registrations.
///
/// Each stage is a function from values to values. The database is read here (card collisions
/// on the calling thread, history look-ups there too or, with `databasePath`, on read-only
/// connections of their own, ``HistoryReader``), and written once: the contact claims, by
/// ``Store/ClaimsWriter`` while the matcher runs.
struct Selection {
    let config: WaveConfig
    let jobs: Int
    let logger: PhaseLogger
    /// The database file, for history look-ups on read-only connections (nil: on `db` only).
    var databasePath: String? = nil

    struct Output {
        var outcomes: Outcomes
        var reviewItems: [ReviewItem]
        /// (card number, NIK, issue counter) of every Lulus.
        var issued: [(UInt64, UInt64, Int64)]
        var poolSHA256: String
        var places: Int
        var warnings: [String]
    }

    /// Sets an absent owner (`.max`) to `nik` and calls `claimed`.
    @inline(__always) private static func takeIfFree(_ owner: inout UInt64, _ nik: UInt64, _ claimed: () -> Void) {
        if owner == .max {
            owner = nik
            claimed()
        }
    }

    func run(
        _ db: Database, registrations regs: inout [Registration], exclusions: Exclusions, decisions: [ReviewKey: Decision],
        cardKey: [UInt8], cardBase: Int64, claimsWriter: Store.ClaimsWriter
    ) throws -> Output {
        let wave = config.wave
        let jobs = self.jobs
        let history = HistoryReader(db, path: databasePath, jobs: jobs)

        // Check 1: the earliest registration of each NIK is kept.
        var kept: [UInt64: Int] = [:]
        kept.reserveCapacity(regs.count)
        for i in regs.indices {
            if let j = kept[regs[i].nik] {
                if Registration.precedes(regs[i], regs[j]) { kept[regs[i].nik] = i }
            } else {
                kept[regs[i].nik] = i
            }
        }
        let isDuplicate = regs.indices.map { kept[regs[$0].nik] != $0 }
        // Freed once the NIK flags are made (48 bytes a row).
        var structures = regs.parallelMap(jobs: jobs) { NIKStructure.parse(SixteenDigits.format($0.nik)) }

        // History as it stands, for this wave's NIKs and contacts only; the look-up tables are
        // scoped so they are freed as soon as the checks are done.
        var claims: [(contact: String, nik: UInt64)] = []
        var verdicts: [CheckVerdict]
        do {
            let status = try Store.participantStatus(history, niks: Array(kept.keys).sorted(), before: wave)
            kept = [:]
            var owners: [String: UInt64]
            do {
                // The distinct contacts in byte order: sorted with their repeats (on every core),
                // then the repeats dropped, which costs less than hashing every contact into a set.
                var contacts: [String] = []
                contacts.reserveCapacity(regs.count * 2)
                for i in regs.indices where !isDuplicate[i] {
                    if let p = regs[i].phone { contacts.append(p) }
                    if let e = regs[i].email { contacts.append(e) }
                }
                let all = contacts
                var sorted: [String] = []
                sorted.reserveCapacity(all.count)
                for k in ByteOrder.permutation(count: all.count, jobs: jobs, { all[$0] }) where sorted.last != all[k] {
                    sorted.append(all[k])
                }
                contacts = []
                owners = try Store.contactOwners(history, contacts: sorted, before: wave)
            }
            logger.phase("history")

            // §6.3: registrations passing checks 1–3 claim their contacts in (registered_at, id) order.
            var claimers = regs.indices.filter { !isDuplicate[$0] && regs[$0].firstInvalid == nil && structures[$0] != nil }
            claimers.sort { Registration.precedes(regs[$0], regs[$1]) }
            // One hash per contact: the slot is found (made, if new) once, and the claim is taken
            // when the slot is new (no NIK is UInt64.max).
            owners.reserveCapacity(owners.count + 2 * claimers.count)
            claims.reserveCapacity(2 * claimers.count)
            func claim(_ contact: String, _ nik: UInt64) {
                Self.takeIfFree(&owners[contact, default: .max], nik) { claims.append((contact, nik)) }
            }
            for i in claimers {
                if let phone = regs[i].phone { claim(phone, regs[i].nik) }
                if let email = regs[i].email { claim(email, regs[i].nik) }
            }

            // Checks 2–9 on every core.
            let context = CheckContext(
                config: config, revoked: status.revoked, participants: status.current,
                exclusions: exclusions.programs, contactOwners: owners)
            let all = regs
            verdicts = all.parallelMap(jobs: jobs) { CheckVerdict.evaluate($0, in: context) }
        }
        // Sorted by contact (bytes) for the store, on every core.
        let unsortedClaims = claims
        claims = ByteOrder.permutation(count: unsortedClaims.count, jobs: jobs) { unsortedClaims[$0].contact }.map { unsortedClaims[$0] }
        logger.phase("checks")
        // The claims are written while the matcher runs; `db` is not used again until they are.
        claimsWriter.start(claims)

        // Review items: NIK flags and possible same person.
        // (Copies of `regs` are scoped: the registrations are moved in place at the end, which a
        // copy still alive would turn into a second array of them.)
        var items: [ReviewItem]
        do {
            let view = regs
            items = ReviewItems.nikFlags(view, structures: structures, isDuplicate: isDuplicate, jobs: jobs)
            structures = []
            items += ReviewItems.samePerson(view, isDuplicate: isDuplicate, threshold: config.rules.fuzzyThreshold, jobs: jobs)
        }
        items.sort { $0.key < $1.key }
        try claimsWriter.wait()
        claims = []
        logger.phase("matching")

        // Check 10: a reviewer's reject on an existing item.
        let itemKeys = Set(items.map(\.key))
        var rejectedByReview = Set<String>()
        var warnings: [String] = []
        for (key, decision) in decisions.sorted(by: { $0.key < $1.key }) {
            guard itemKeys.contains(key) else {
                warnings.append(
                    "decision for a review item that no longer exists: \(key.item) \(key.registrationID) \(key.otherRegistrationID)")
                continue
            }
            if decision == .reject { rejectedByReview.insert(key.registrationID) }
        }

        // The draw (§6.4).
        var pool: [PoolEntry] = []
        for i in regs.indices where !isDuplicate[i] && verdicts[i].failed == 0 && !rejectedByReview.contains(regs[i].registrationID) {
            pool.append(
                PoolEntry(
                    index: i, tier: config.tier(of: regs[i].occupation!), key: LotteryDigest(bytes: []), kk: regs[i].kk!,
                    province: regs[i].provinceCode))
        }
        let seed = config.seed
        do {
            let digests = pool.map { regs[$0.index].nik }.parallelMap(jobs: jobs) { Lottery.digest(seed: seed, nik: $0) }
            for k in pool.indices { pool[k].key = digests[k] }
        }
        Draw.sort(&pool, jobs: jobs)
        var kks = pool.map(\.kk)
        kks.parallelSort(jobs: jobs) { $0 < $1 }
        kks = kks.enumerated().compactMap { k, kk in k == 0 || kks[k - 1] != kk ? kk : nil }
        let families = try Store.familyCounts(history, kks: kks, before: wave)
        let places = config.quota + (try Store.revokedCount(db, waves: config.recycleRevokedFrom))
        let draw = Draw(places: places, provincePlaces: config.provinceQuota, familyLimit: config.rules.familyLimit)
        let results = draw.walk(pool, familyCounts: families)
        logger.phase("draw")

        // Cards for Lulus in lottery_rank order.
        let winners = pool.indices.filter { results[$0] == .lulus }
        let cards = try CardIssuer(key: cardKey, base: cardBase, jobs: jobs).issue(db, count: winners.count)
        logger.phase("cards")

        // What was decided for each registration, in registration order.
        var decided = [Outcomes.Decision](repeating: Outcomes.Decision(), count: regs.count)
        var details = [""]
        for i in regs.indices {
            if isDuplicate[i] {
                decided[i].reason = UInt8(Reason.duplicateRegistration.rawValue)
            } else if let primary = verdicts[i].primary {
                decided[i].reason = UInt8(primary.rawValue)
                decided[i].failed = verdicts[i].failed
                if !verdicts[i].detail.isEmpty {
                    decided[i].detail = Int32(details.count)
                    details.append(verdicts[i].detail)
                }
            } else if rejectedByReview.contains(regs[i].registrationID) {
                decided[i].reason = UInt8(Reason.rejectedByReview.rawValue)
            }
        }
        verdicts = []
        var winnerIndex = 0
        var issued: [(UInt64, UInt64, Int64)] = []
        issued.reserveCapacity(cards.count)
        for (rank, entry) in pool.enumerated() {
            decided[entry.index].tier = Int32(entry.tier)
            decided[entry.index].rank = Int32(rank + 1)
            switch results[rank] {
            case .lulus:
                decided[entry.index].card = cards[winnerIndex].number
                issued.append((cards[winnerIndex].number, regs[entry.index].nik, cards[winnerIndex].counter))
                winnerIndex += 1
            case .familyLimit: decided[entry.index].reason = UInt8(Reason.familyLimit.rawValue)
            case .quotaFull: decided[entry.index].reason = UInt8(Reason.quotaFull.rawValue)
            }
        }
        // Everything but the registrations and their decisions is freed before they move: this is
        // where a run holds the most.
        let poolHash = Lottery.poolHash(pool.map { ($0.tier, $0.key) })
        let keysByRank = pool.map(\.key)
        pool = []
        // The registrations and their decisions move, in place, into registration_id (byte) order;
        // the outcomes are made from them when read.
        let order: [Int]
        do {
            let view = regs
            order = ByteOrder.permutation(count: view.count, jobs: jobs) { view[$0].registrationID }
        }
        regs.permute(by: order)
        decided.permute(by: order)
        let outcomes = Outcomes(
            selected: Outcomes.Selected(registrations: regs, decisions: decided, details: details, keys: keysByRank))
        // The outcomes hold the only reference to the registrations now.
        regs = []
        logger.phase("outcomes")
        return Output(
            outcomes: outcomes, reviewItems: items, issued: issued, poolSHA256: poolHash, places: places, warnings: warnings
        )
    }
}
