import Dispatch
import GRDB

/// The selection of one wave: check → draw → cards over ingested registrations, with the matcher
/// beside them (``Review``).
///
/// Each stage is a function from values to values. The database is read here (history look-ups
/// and card collisions on the calling thread or, with `databasePath`, on read-only connections of
/// their own, ``HistoryReader``). The parts of the selection that are final early are written
/// here, by ``Store/BackgroundWriter`` while the selection goes on: the NIK look-up table once
/// check 1 is done, the contact claims once they are made (before checks 2–9), and the cards once
/// they are issued.
struct Selection {
    let config: WaveConfig
    let jobs: Int
    let logger: PhaseLogger
    /// The database file, for history look-ups on read-only connections (nil: on `db` only).
    var databasePath: String? = nil

    struct Output {
        var outcomes: Outcomes
        /// The review items, found meanwhile, and the warnings about decisions.
        var review: Review
        /// The pool's SHA-256, made meanwhile.
        var poolSHA256: Pending<String>
        var places: Int
    }

    /// The contact named by `ref`: registration `ref >> 1`'s phone when `ref` is even, else its e-mail.
    /// (As kept: an e-mail is not made into a `String`, which for most is a heap object.)
    private static func contact(_ ref: UInt32, in regs: [Registration]) -> CompactText {
        ref & 1 == 0
            ? regs.read(Int(ref >> 1)) { CompactText($0.pointee.phone!) } : regs.read(Int(ref >> 1)) { $0.pointee.compactEmail! }
    }

    func run(
        _ db: Database, registrations regs: inout [Registration], exclusions: Exclusions, decisions: [ReviewKey: Decision],
        cardKey: [UInt8], cardBase: Int64, writer: Store.BackgroundWriter
    ) throws -> Output {
        let wave = config.wave
        let jobs = self.jobs
        let history = HistoryReader(db, path: databasePath, jobs: jobs, writer: writer)
        // The places, read first: from check 1 on, the writing connection is busy writing what is
        // final early (look-ups through `history` wait for it when they would use it).
        let places = config.quota + (try Store.revokedCount(db, waves: config.recycleRevokedFrom))

        // The registrations come from ingest in registration_id (byte) order, the order of the
        // outcomes. Nothing below depends on their order but the outcomes (registration ids are
        // unique, so `Registration.precedes` is a total order). Ingest sorts them; checked in tests.
        assert(
            regs.indices.dropFirst().allSatisfy { k in
                String.bytewiseLess(regs.read(k - 1) { $0.pointee.registrationID }, regs.read(k) { $0.pointee.registrationID })
            }, "registrations must arrive in registration_id order")

        // Check 1: the earliest registration of each NIK is kept. (NIK, index) pairs sorted on every
        // core put each NIK's registrations side by side, in index order (the first of equals stays).
        var isDuplicate = [Bool](repeating: true, count: regs.count)
        var niks: [UInt64] = []
        do {
            var byNIK = regs.indices.map { i in (regs.read(i) { $0.pointee.nik }, Int32(i)) }
            byNIK.parallelSort(jobs: jobs) { $0 < $1 }
            var k = 0
            while k < byNIK.count {
                let nik = byNIK[k].0
                var first = Int(byNIK[k].1)
                k += 1
                while k < byNIK.count, byNIK[k].0 == nik {
                    let j = Int(byNIK[k].1)
                    if Registration.precedes(regs[j], regs[first]) { first = j }
                    k += 1
                }
                isDuplicate[first] = false
                niks.append(nik)
            }
            // Every registration gets an outcome: the NIK look-up table is written now, in
            // (NIK, registration_id) order, while the history is looked up.
            let view = regs, order = byNIK.map(\.1)
            byNIK = []
            try writer.start(Store.outcomeNIKsInsert) { statement in
                try Store.saveOutcomeNIKs(statement, wave: wave, count: order.count, jobs: jobs) { k in
                    view.read(Int(order[k])) { ($0.pointee.nik, $0.pointee.registrationID) }
                }
            }
        }

        // Check 3's NIK structures give the NIK review flags now, and then only whether they are valid.
        let flags: [ReviewItem]
        let structureValid: [Bool]
        do {
            let view = regs, duplicate = isDuplicate
            let structures = view.indices.parallelMap(jobs: jobs) { i in NIKStructure.parse(number: view.read(i) { $0.pointee.nik }) }
            flags = ReviewItems.nikFlags(view, structures: structures, isDuplicate: duplicate, jobs: jobs)
            structureValid = structures.map { $0 != nil }
        }

        // Review items: the NIK flags and possible same person (the matcher), which needs only the
        // registrations and check 1. Check 10 needs them before the draw only when a reviewer
        // rejected something; otherwise the matcher runs on low-priority threads of its own from
        // now until the store needs its items, in the time the run leaves a core idle (``Review``).
        let reviewed = decisions.values.contains(.reject)
        let review: Review
        do {
            let view = regs, duplicate = isDuplicate, threshold = config.rules.fuzzyThreshold, background = !reviewed
            review = Review(decisions: decisions, jobs: jobs, background: background) {
                var all =
                    flags
                    + ReviewItems.samePerson(view, isDuplicate: duplicate, threshold: threshold, jobs: jobs, background: background)
                all.sort { $0.key < $1.key }
                return all
            }
        }

        // History as it stands, for this wave's NIKs and contacts only; the look-up tables are
        // scoped so they are freed as soon as the checks are done.
        var decided: [Outcomes.Decision] = []
        var details = [""]
        do {
            let status = try Store.participantStatus(history, niks: niks, before: wave)
            niks = []

            // The wave's distinct contacts: the phones in byte order, then the e-mails in byte order
            // (no phone, `+62…`, is an e-mail, which has an `@`; each kind is sorted on its own, so
            // the sort holds half the keys). A contact is named by a reference, 2i for registration
            // i's phone and 2i + 1 for its e-mail; each registration's phone and e-mail get the slot
            // of their text among the distinct ones. Slots name texts exactly; their order only
            // makes the look-ups and the claims' writes walk the index front to back.
            precondition(regs.count < Int(Int32.max), "a wave of \(regs.count) registrations is too large")
            let view = regs
            let text: @Sendable (UInt32) -> CompactText = { Self.contact($0, in: view) }
            var phoneSlot = [Int32](repeating: -1, count: view.count)
            var emailSlot = [Int32](repeating: -1, count: view.count)
            var distinct: [UInt32] = []
            for kind in [UInt32(0), UInt32(1)] {
                var refs: [UInt32] = []
                refs.reserveCapacity(view.count)
                for i in view.indices where !isDuplicate[i] && view.read(i, { kind == 0 ? $0.pointee.phone != nil : $0.pointee.hasEmail }) {
                    refs.append(UInt32(2 * i) | kind)
                }
                let all = refs
                var last: ByteOrder.Key? = nil
                for key in ByteOrder.sortedKeys(count: all.count, jobs: jobs, compact: { text(all[$0]) }) {
                    let ref = all[Int(key.index)]
                    // The same text as the last: the same 16-byte prefix and length, and for a
                    // longer text the same bytes (the only case that reads the registrations).
                    let same =
                        last.map { l in
                            l.hi == key.hi && l.lo == key.lo && l.length == key.length
                                && (key.length <= 16 || text(all[Int(l.index)]) == text(ref))
                        } ?? false
                    if !same { distinct.append(ref) }
                    last = key
                    let slot = Int32(distinct.count - 1)
                    if kind == 0 { phoneSlot[Int(ref >> 1)] = slot } else { emailSlot[Int(ref >> 1)] = slot }
                }
            }
            let contacts = distinct
            var owners = try Store.contactOwners(history, count: contacts.count, before: wave) { text(contacts[$0]) }
            logger.phase("history")

            // §6.3: registrations passing checks 1–3 claim their contacts in (registered_at, id) order;
            // a claim takes a slot nobody owns.
            // `Registration.precedes` on integers: the registrations are in registration_id order and
            // their ids are unique, so (registered_at, unparsable last; then index) is the same order.
            var claimers: [(at: Int64, index: Int32)] = []
            for i in regs.indices where !isDuplicate[i] && structureValid[i] {
                let (valid, at) = regs.read(i) { ($0.pointee.firstInvalid == nil, $0.pointee.registeredAt ?? .max) }
                if valid { claimers.append((at, Int32(i))) }
            }
            claimers.parallelSort(jobs: jobs) { $0 < $1 }
            // (slot << 32 | contact reference): sorted, the claims come in slot order.
            var claimed: [UInt64] = []
            claimed.reserveCapacity(2 * claimers.count)
            for (_, index) in claimers {
                let i = Int(index)
                let nik = regs.read(i) { $0.pointee.nik }
                let phone = phoneSlot[i], email = emailSlot[i]
                if phone >= 0, owners[Int(phone)] == .max {
                    owners[Int(phone)] = nik
                    claimed.append(UInt64(phone) << 32 | UInt64(2 * i))
                }
                if email >= 0, owners[Int(email)] == .max {
                    owners[Int(email)] = nik
                    claimed.append(UInt64(email) << 32 | UInt64(2 * i + 1))
                }
            }
            claimers = []
            // In slot order: phones, then e-mails, each in byte order, for the store.
            claimed.parallelSort(jobs: jobs) { $0 < $1 }
            do {
                // Final now: written while the checks, the draw and the cards go on.
                let refs = claimed.map { UInt32(truncatingIfNeeded: $0) }
                claimed = []
                try writer.start(Store.claimsInsert) { statement in
                    try Store.saveClaims(statement, wave: wave, count: refs.count, jobs: jobs) { k in
                        let ref = refs[k]
                        return (Self.contact(ref, in: view), view.read(Int(ref >> 1)) { $0.pointee.nik })
                    }
                }
            }

            // Checks 2–9 on every core.
            let context = CheckContext(
                config: config, revoked: status.revoked, participants: status.current, exclusions: exclusions.programs,
                contactOwners: ContactOwners(phoneSlot: phoneSlot, emailSlot: emailSlot, owners: owners))
            // What was decided for each registration so far (registration_id order): checks 1–9,
            // evaluated on every core a piece at a time, so the verdicts of the whole wave are never
            // held beside the decisions. The review, the draw and the cards decide the rest.
            decided = [Outcomes.Decision](repeating: Outcomes.Decision(), count: view.count)
            let piece = 1 << 16
            for lo in stride(from: 0, to: view.count, by: piece) {
                let hi = Swift.min(view.count, lo + piece)
                let verdicts = (lo..<hi).parallelMap(jobs: jobs) { CheckVerdict.evaluate(view[$0], at: $0, in: context) }
                for i in lo..<hi {
                    let verdict = verdicts[i - lo]
                    if isDuplicate[i] {
                        decided[i].reason = UInt8(Reason.duplicateRegistration.rawValue)
                    } else if let primary = verdict.primary {
                        decided[i].reason = UInt8(primary.rawValue)
                        decided[i].failed = verdict.failed
                        if !verdict.detail.isEmpty {
                            decided[i].detail = Int32(details.count)
                            details.append(verdict.detail)
                        }
                    }
                }
            }
        }
        logger.phase("checks")

        // Check 10: a reviewer's reject on an existing item.
        var rejectedByReview = Set<String>()
        if reviewed {
            rejectedByReview = review.rejected()
            try writer.wait()
            logger.phase("matching")
        }

        // The draw (§6.4).
        var pool: [PoolEntry]
        do {
            var members: [Int32] = []
            for i in regs.indices where decided[i].reason == 0 {
                // Check 10 (checks 1–9 passed).
                if !rejectedByReview.isEmpty, rejectedByReview.contains(regs.read(i) { $0.pointee.registrationID }) {
                    decided[i].reason = UInt8(Reason.rejectedByReview.rawValue)
                } else {
                    members.append(Int32(i))
                }
            }
            // Each member's lottery key made in place, on every core.
            let view = regs, config = self.config, lottery = Lottery.Digester(seed: config.seed)
            pool = members.parallelMap(jobs: jobs) { i in
                let (nik, occupation) = view.read(Int(i)) { ($0.pointee.nik, $0.pointee.occupation!) }
                return PoolEntry(key: lottery.digest(nik: nik), index: i, tier: Int32(config.tier(of: occupation)))
            }
        }
        Draw.sort(&pool, jobs: jobs)
        let draw = Draw(places: places, provincePlaces: config.provinceQuota, familyLimit: config.rules.familyLimit)
        // Each member's family and province as numbers, gathered in pool order on every core, so
        // the walk (one thread, in rank order) reads two arrays instead of the registrations at random.
        let results: [Draw.Result]
        do {
            let view = regs, rankOrder = pool
            let memberKKs = rankOrder.parallelMap(jobs: jobs) { e in view.read(Int(e.index)) { $0.pointee.kk! } }
            let (family, kks) = Draw.families(of: consume memberKKs, jobs: jobs)
            let counts = try Store.familyCounts(history, kks: kks, before: wave)
            var province: [Int32]? = nil
            if draw.provincePlaces != nil {
                let index = Dictionary(uniqueKeysWithValues: draw.provinceCodes.enumerated().map { ($1, Int32($0)) })
                province = rankOrder.parallelMap(jobs: jobs) { e in view.read(Int(e.index)) { index[$0.pointee.provinceCode] ?? -1 } }
            }
            results = draw.walk(family: family, current: kks.map { counts[$0] ?? 0 }, province: province)
        }
        logger.phase("draw")

        // Cards for Lulus in lottery_rank order.
        let winners = results.reduce(0) { $0 + ($1 == .lulus ? 1 : 0) }
        var cards = try CardIssuer(key: cardKey, base: cardBase, jobs: jobs).issue(history, wave: wave, count: winners)
        logger.phase("cards")

        var winnerIndex = 0
        var issued: [(UInt64, UInt64, Int64)] = []
        issued.reserveCapacity(cards.count)
        for (rank, entry) in pool.enumerated() {
            decided[Int(entry.index)].tier = entry.tier
            decided[Int(entry.index)].rank = Int32(rank + 1)
            switch results[rank] {
            case .lulus:
                decided[Int(entry.index)].card = cards[winnerIndex].number
                issued.append((cards[winnerIndex].number, regs.read(Int(entry.index)) { $0.pointee.nik }, cards[winnerIndex].counter))
                winnerIndex += 1
            case .familyLimit: decided[Int(entry.index)].reason = UInt8(Reason.familyLimit.rawValue)
            case .quotaFull: decided[Int(entry.index)].reason = UInt8(Reason.quotaFull.rawValue)
            }
        }
        // The cards are written now, while the outcomes are put together.
        do {
            // Sorted in place and handed over: a 7M wave's peak is here, beside the pool.
            cards = []
            issued.parallelSort(jobs: jobs) { $0.0 < $1.0 }
            let sorted = issued
            issued = []
            try writer.start(Store.cardsInsert) { statement in try Store.saveCards(statement, wave: wave, cards: sorted) }
        }
        // The pool hash is wanted only by the manifest: it is made on another thread meanwhile.
        let poolHash: Pending<String>
        do {
            let ranked = pool
            poolHash = Pending(jobs: jobs) { Lottery.poolHash(ranked.lazy.map { (Int($0.tier), $0.key) }) }
        }
        // The outcomes are made from the registrations, their decisions and the pool when read.
        let outcomes = Outcomes(
            selected: Outcomes.Selected(
                registrations: regs, decisions: decided, details: details, lottery: Lottery.Digester(seed: config.seed)))
        pool = []
        decided = []
        // The outcomes hold the only reference to the registrations now.
        regs = []
        logger.phase("outcomes")
        return Output(outcomes: outcomes, review: review, poolSHA256: poolHash, places: places)
    }
}

/// A wave's review items, found on another thread from check 1 on (with one job, at
/// once), and what the stored decisions say about them: check 10 and the warnings for decisions on
/// items that no longer exist. Whoever needs them waits.
final class Review: @unchecked Sendable {
    private let decisions: [ReviewKey: Decision]
    private let group = DispatchGroup()
    /// Written once by the finding thread; read only after `group.wait()`.
    private var found: [ReviewItem] = []

    /// With `background`, on a low-priority thread of its own (``BackgroundThreads``), for when
    /// nothing waits for the items until the store.
    init(decisions: [ReviewKey: Decision], jobs: Int, background: Bool, find: @escaping @Sendable () -> [ReviewItem]) {
        self.decisions = decisions
        if jobs <= 1 {
            found = find()
        } else if background {
            BackgroundThreads.start(group: group) { [self] in found = find() }
        } else {
            DispatchQueue.global().async(group: group) { [self] in found = find() }
        }
    }

    /// The items, sorted by key.
    var items: [ReviewItem] {
        group.wait()
        return found
    }

    /// The registration ids a reviewer rejected on an item that still exists (check 10).
    func rejected() -> Set<String> {
        let keys = Set(items.map(\.key))
        return Set(decisions.filter { $0.value == .reject && keys.contains($0.key) }.map(\.key.registrationID))
    }

    /// A warning for each decision on an item that no longer exists, in key order.
    func warnings() -> [String] {
        let keys = Set(items.map(\.key))
        return decisions.keys.sorted().filter { !keys.contains($0) }.map { key in
            "decision for a review item that no longer exists: \(key.item) \(key.registrationID) \(key.otherRegistrationID)"
        }
    }
}
