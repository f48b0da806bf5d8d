import GRDB

/// The selection of one wave: check → match → draw → cards, over ingested registrations.
///
/// Each stage is a function from values to values; the database is only read here (history
/// look-ups, card collisions), on the calling thread, never inside workers.
struct Selection {
    let config: WaveConfig
    let jobs: Int
    let logger: PhaseLogger

    struct Output {
        var outcomes: [Outcome]
        var reviewItems: [ReviewItem]
        /// New contact claims of this wave, sorted by contact in byte order.
        var claims: [(contact: String, nik: UInt64)]
        /// (card number, NIK, issue counter) of every Lulus.
        var issued: [(UInt64, UInt64, Int64)]
        var poolSHA256: String
        var places: Int
        var warnings: [String]
    }

    func run(
        _ db: Database, registrations regs: inout [Registration], exclusions: Exclusions, decisions: [ReviewKey: Decision],
        cardKey: [UInt8], cardBase: Int64
    ) throws -> Output {
        let wave = config.wave
        let jobs = self.jobs

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
        let structures = regs.parallelMap(jobs: jobs) { NIKStructure.parse(SixteenDigits.format($0.nik)) }

        // History as it stands, for this wave's NIKs and contacts only; the look-up tables are
        // scoped so they are freed as soon as the checks are done.
        var claims: [(contact: String, nik: UInt64)] = []
        let verdicts: [CheckVerdict]
        do {
            let history = try Store.participantStatus(db, niks: Array(kept.keys).sorted(), before: wave)
            kept = [:]
            var owners: [String: UInt64]
            do {
                var contactSet = Set<String>()
                for i in regs.indices where !isDuplicate[i] {
                    if let p = regs[i].phone { contactSet.insert(p) }
                    if let e = regs[i].email { contactSet.insert(e) }
                }
                let contacts = Array(contactSet)
                contactSet = []
                let sorted = ByteOrder.permutation(count: contacts.count, jobs: jobs) { contacts[$0] }.map { contacts[$0] }
                owners = try Store.contactOwners(db, contacts: sorted, before: wave)
            }
            logger.phase("history")

            // §6.3: registrations passing checks 1–3 claim their contacts in (registered_at, id) order.
            var claimers = regs.indices.filter { !isDuplicate[$0] && regs[$0].firstInvalid == nil && structures[$0] != nil }
            claimers.sort { Registration.precedes(regs[$0], regs[$1]) }
            for i in claimers {
                for contact in [regs[i].phone, regs[i].email].compactMap({ $0 }) where owners[contact] == nil {
                    owners[contact] = regs[i].nik
                    claims.append((contact, regs[i].nik))
                }
            }

            // Checks 2–9 on every core.
            let context = CheckContext(
                config: config, revoked: history.revoked, participants: history.current,
                exclusions: exclusions.programs, contactOwners: owners)
            let all = regs
            verdicts = all.parallelMap(jobs: jobs) { CheckVerdict.evaluate($0, in: context) }
        }
        // Sorted by contact (bytes) for the store, on every core.
        let unsortedClaims = claims
        claims = ByteOrder.permutation(count: unsortedClaims.count, jobs: jobs) { unsortedClaims[$0].contact }.map { unsortedClaims[$0] }
        logger.phase("checks")

        // Review items: NIK flags and possible same person.
        let regsView = regs
        var items = ReviewItems.nikFlags(regsView, structures: structures, isDuplicate: isDuplicate, jobs: jobs)
        items += ReviewItems.samePerson(regsView, isDuplicate: isDuplicate, threshold: config.rules.fuzzyThreshold, jobs: jobs)
        items.sort { $0.key < $1.key }
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
        let keys = pool.parallelMap(jobs: jobs) { Lottery.digest(seed: seed, nik: regsView[$0.index].nik) }
        for k in pool.indices { pool[k].key = keys[k] }
        Draw.sort(&pool)
        let families = try Store.familyCounts(db, kks: Array(Set(pool.map(\.kk))).sorted(), before: wave)
        let places = config.quota + (try Store.revokedCount(db, waves: config.recycleRevokedFrom))
        let draw = Draw(places: places, provincePlaces: config.provinceQuota, familyLimit: config.rules.familyLimit)
        let results = draw.walk(pool, familyCounts: families)
        logger.phase("draw")

        // Cards for Lulus in lottery_rank order.
        let winners = pool.indices.filter { results[$0] == .lulus }
        let cards = try CardIssuer(key: cardKey, base: cardBase, jobs: jobs).issue(db, count: winners.count)
        logger.phase("cards")

        // Outcomes.
        var outcomes = regs.map { r in
            Outcome(
                registrationID: r.registrationID, nik: r.nik, kk: r.kk, fullName: r.displayName, provinceCode: r.provinceCode,
                reason: nil, failed: 0, detail: "", tier: nil, lotteryRank: nil, lotteryKey: nil, card: nil,
                registrationDay: r.registeredAt.map { Timestamp.wibDate($0).dayNumber }, phone: r.phone, email: r.email)
        }
        for i in regs.indices {
            if isDuplicate[i] {
                outcomes[i].reason = .duplicateRegistration
            } else if let primary = verdicts[i].primary {
                outcomes[i].reason = primary
                outcomes[i].failed = verdicts[i].failed
                outcomes[i].detail = verdicts[i].detail
            } else if rejectedByReview.contains(regs[i].registrationID) {
                outcomes[i].reason = .rejectedByReview
            }
        }
        var winnerIndex = 0
        var issued: [(UInt64, UInt64, Int64)] = []
        issued.reserveCapacity(cards.count)
        for (rank, entry) in pool.enumerated() {
            let i = entry.index
            outcomes[i].tier = entry.tier
            outcomes[i].lotteryRank = rank + 1
            outcomes[i].lotteryKey = entry.key
            switch results[rank] {
            case .lulus:
                outcomes[i].card = cards[winnerIndex].number
                issued.append((cards[winnerIndex].number, regs[i].nik, cards[winnerIndex].counter))
                winnerIndex += 1
            case .familyLimit: outcomes[i].reason = .familyLimit
            case .quotaFull: outcomes[i].reason = .quotaFull
            }
        }
        // The registrations are no longer needed: free them before the sort and the store.
        regs = []
        let unsorted = outcomes
        outcomes = ByteOrder.permutation(count: unsorted.count, jobs: jobs) { unsorted[$0].registrationID }.map { unsorted[$0] }
        let poolHash = Lottery.poolHash(pool.map { ($0.tier, $0.key) })
        return Output(
            outcomes: outcomes, reviewItems: items, claims: claims, issued: issued, poolSHA256: poolHash, places: places, warnings: warnings
        )
    }
}
