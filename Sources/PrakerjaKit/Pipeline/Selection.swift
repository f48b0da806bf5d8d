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
        var outcomes: [Outcome]
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
        let verdicts: [CheckVerdict]
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
        let regsView = regs
        var items = ReviewItems.nikFlags(regsView, structures: structures, isDuplicate: isDuplicate, jobs: jobs)
        structures = []
        items += ReviewItems.samePerson(regsView, isDuplicate: isDuplicate, threshold: config.rules.fuzzyThreshold, jobs: jobs)
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
        let keys = pool.parallelMap(jobs: jobs) { Lottery.digest(seed: seed, nik: regsView[$0.index].nik) }
        for k in pool.indices { pool[k].key = keys[k] }
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

        // Outcomes, built directly in registration_id (byte) order: slot[i] is where registration i goes.
        var outcomes: [Outcome]
        var slot: [Int32]
        do {
            let view = regs
            let order = ByteOrder.permutation(count: view.count, jobs: jobs) { view[$0].registrationID }
            slot = [Int32](repeating: 0, count: order.count)
            for (k, i) in order.enumerated() { slot[i] = Int32(k) }
            outcomes = order.parallelMap(jobs: jobs) { i in
                let r = view[i]
                return Outcome(
                    registrationID: r.registrationID, nik: r.nik, kk: r.kk, fullName: r.displayName, provinceCode: r.provinceCode,
                    reason: nil, failed: 0, detail: "", tier: nil, lotteryRank: nil, lotteryKey: nil, card: nil,
                    registrationDay: r.registeredAt.map { Timestamp.wibDate($0).dayNumber }, phone: r.phone, email: r.email)
            }
        }
        for i in regs.indices {
            let o = Int(slot[i])
            if isDuplicate[i] {
                outcomes[o].reason = .duplicateRegistration
            } else if let primary = verdicts[i].primary {
                outcomes[o].reason = primary
                outcomes[o].failed = verdicts[i].failed
                outcomes[o].detail = verdicts[i].detail
            } else if rejectedByReview.contains(regs[i].registrationID) {
                outcomes[o].reason = .rejectedByReview
            }
        }
        var winnerIndex = 0
        var issued: [(UInt64, UInt64, Int64)] = []
        issued.reserveCapacity(cards.count)
        for (rank, entry) in pool.enumerated() {
            let o = Int(slot[entry.index])
            outcomes[o].tier = entry.tier
            outcomes[o].lotteryRank = rank + 1
            outcomes[o].lotteryKey = entry.key
            switch results[rank] {
            case .lulus:
                outcomes[o].card = cards[winnerIndex].number
                issued.append((cards[winnerIndex].number, regs[entry.index].nik, cards[winnerIndex].counter))
                winnerIndex += 1
            case .familyLimit: outcomes[o].reason = .familyLimit
            case .quotaFull: outcomes[o].reason = .quotaFull
            }
        }
        // The registrations are no longer needed: free them before the store.
        regs = []
        let poolHash = Lottery.poolHash(pool.map { ($0.tier, $0.key) })
        return Output(
            outcomes: outcomes, reviewItems: items, issued: issued, poolSHA256: poolHash, places: places, warnings: warnings
        )
    }
}
