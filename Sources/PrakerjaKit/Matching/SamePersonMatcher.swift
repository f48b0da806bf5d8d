import Dispatch

/// Finds the `possible_same_person` pairs of a wave (§7.2): different NIKs, the same birth date and
/// gender, names that ``NameSimilarity`` scores at or above the threshold, judged within the wave,
/// and enough corroboration for how common the name is (``ListingRule``): different people who
/// merely share a birth date and a common name must not flood the list.
///
/// The work grows about linearly with the wave, in three parallel passes:
/// - **Fold and count.** Every name is folded (``NameFolding``) and the wave's words are counted,
///   so that a typing error between two words that are both established in the wave reads as two
///   names (``NameSimilarity/WordCounts``): at a million people that removes nine in ten fuzzy false
///   pairs (`SUTARJO`/`SUTARNO`) for one true pair in two thousand. Every folded name gets a 64-bit
///   key (with the gender) so that the carriers of the candidates' names, in the wave and in each
///   province, can be counted in one more pass (``Commonness``).
/// - **Blocking.** Only registrations with the same (birth day, gender) can pair, so the input is sorted
///   once by that key and each block is matched on its own (a 7-million wave has ~200 per block).
/// - **Keys, not all pairs.** Within a block every name gets a few dozen 64-bit keys, and only names
///   sharing a key are scored: the word multiset (exact and reordered names), the letters without the
///   spaces (respaced names), and for each word, the multiset of the other words together with the word
///   itself and with each one-letter deletion of it (a symmetric-delete index: two words one
///   insertion, deletion, change or swap apart always share a deletion variant), for the word folded
///   and as written. Those are exactly the rules that can score above
///   ``NameSimilarity/partialCeiling``, so for a threshold above it no pair is missed; a lower threshold
///   falls back to scoring every pair of a block (quadratic, for exploration only). Hash collisions
///   only add candidates, which are then scored exactly.
/// - **Dispatch.** Each pass is cut into contiguous chunks of similar size; `jobs` workers of
///   `DispatchQueue.concurrentPerform` take every `jobs`-th chunk, and each chunk's result goes to its
///   own pre-allocated slot. Pairs are sorted by `(a, b)` at the end, so the result depends neither on
///   `jobs`, nor on scheduling, nor (after mapping indexes) on the input order: every rule is
///   symmetric, word counts, name counts and the shared-birth-date chance are sums, and a block's
///   candidates do not depend on its members' order.
/// - **Counting and listing.** Each pair scored at or above the threshold (a candidate) gets its
///   evidence (``MatchEvidence``: same province, KK, phone, e-mail); a third pass over the wave
///   counts the carriers of the candidates' names, which gives each candidate its expected
///   coincidences, and ``ListingRule/standard`` decides whether it is listed.
///   ``findCandidates(in:threshold:jobs:rule:)`` returns the candidates that are not listed too,
///   with what decided.
public enum SamePersonMatcher {
    typealias Token = NameFolding.Token

    /// The listed pairs: different NIKs, the same `birthDay` and gender, a score at or above
    /// `threshold`, and enough corroboration for how common the name is (``ListingRule/standard``);
    /// sorted by `(a, b)` with `a < b`; identical for every `jobs` and, after mapping indexes, for
    /// every input order.
    public static func findPairs(in inputs: [MatchInput], threshold: Double, jobs: Int) -> [MatchPair] {
        findCandidates(in: inputs, threshold: threshold, jobs: jobs).filter(\.listed).map(\.pair)
    }

    /// Every pair with different NIKs, the same `birthDay` and gender, and a score at or above
    /// `threshold`, listed or not by `rule`, with its evidence and expected coincidences; sorted by
    /// `(a, b)`; identical for every `jobs`.
    public static func findCandidates(
        in inputs: [MatchInput], threshold: Double, jobs: Int, rule: ListingRule = .standard
    ) -> [MatchCandidate] {
        findCandidates(in: MatchInputs(inputs), threshold: threshold, jobs: jobs, rule: rule)
    }

    /// The same, over inputs made on demand (see ``MatchInputs``); with `background`, on threads of
    /// its own at a lower priority (``BackgroundThreads``), with the same result.
    static func findCandidates(
        in inputs: MatchInputs, threshold: Double, jobs: Int, rule: ListingRule = .standard, background: Bool = false
    ) -> [MatchCandidate] {
        let count = inputs.count
        guard count > 1 else { return [] }
        precondition(count < 1 << 31, "more registrations than the matcher indexes")
        let workers = max(1, jobs)

        // Phase 1: fold every name, count the words of the whole wave, key every folded name. The
        // folded names are not kept: each block folds its members again (every name belongs to at
        // most one block), which costs one more fold per name and saves holding them all (about
        // 300 bytes a name, 1.5 GB in a 5-million wave).
        let (words, nameKeys) = foldAndCount(inputs, workers: workers, background: background)

        // One sort by (birth day, gender, index); the day's sign bit is flipped so the order is numeric.
        var order = [UInt64](repeating: 0, count: count)
        for index in 0..<count {
            let day = UInt64(UInt32(bitPattern: inputs.birthDays[index]) ^ 0x8000_0000)
            order[index] = day << 32 | (inputs.females[index] ? 1 << 31 : 0) | UInt64(index)
        }
        order.sort()

        // Blocks of two or more members, as ranges of `order`; and per gender the number of ordered
        // pairs of registrants sharing a block.
        var blocks: [Range<Int>] = []
        var sharing = [0, 0]
        var start = 0
        for k in 1...count where k == count || order[k] >> 31 != order[start] >> 31 {
            let size = k - start
            sharing[Int(order[start] >> 31 & 1)] += size * (size - 1)
            if size > 1 { blocks.append(start..<k) }
            start = k
        }
        guard !blocks.isEmpty else { return [] }

        // Phase 2: contiguous chunks of blocks with about the same number of members, matched in
        // parallel; several chunks per worker so that an unlucky chunk does not leave a core idle.
        let chunks = split(blocks.map(\.count), into: workers == 1 ? 1 : workers * 8)
        let exhaustive = threshold <= NameSimilarity.partialCeiling
        let sortedOrder = order, blockList = blocks
        let context = BlockContext(inputs: inputs, words: words, threshold: threshold, exhaustive: exhaustive)
        let found = parallelMap(tasks: chunks.count, workers: workers, background: background) { chunk in
            var found: [MatchCandidate] = []
            for b in chunks[chunk] {
                let members = sortedOrder[blockList[b]].map { Int($0 & 0x7FFF_FFFF) }
                matchBlock(members, context, into: &found)
            }
            return found
        }
        var candidates = found.flatMap { $0 }
        candidates.sort { $0.pair.a != $1.pair.a ? $0.pair.a < $1.pair.a : $0.pair.b < $1.pair.b }

        // Phase 3: how common the candidates' names are, and the listing rule.
        let commonness = Commonness(
            inputs, nameKeys: nameKeys, candidates: candidates, sharing: sharing, workers: workers, background: background)
        for k in candidates.indices {
            let pair = candidates[k].pair, evidence = candidates[k].evidence
            let (wave, province) = commonness.coincidences(pair.a, pair.b, sameProvince: evidence.contains(.sameProvince))
            candidates[k].coincidences = wave
            candidates[k].coincidencesInProvince = province
            candidates[k].listed = rule.lists(evidence, coincidences: wave, inProvince: province)
        }
        return candidates
    }

    /// How common the candidates' folded names are among the wave's registrants of one gender, in
    /// the whole wave and in each province, and the chance that two registrants of one gender share a
    /// birth date; from these, the expected coincidences of a pair (see ``ListingRule``).
    ///
    /// Only the names of candidates are counted, in one parallel pass over the wave. Everything here
    /// is a count or a sum over the whole wave, so it depends neither on the input order nor on `jobs`.
    struct Commonness: Sendable {
        /// Per registrant: its name key (folded name and gender, see ``nameKey(_:female:)``).
        let keys: [UInt64]
        /// The registrants carrying each candidate's name key, and each candidate's name key
        /// combined with its province (``provinceKey(_:_:)``).
        let carriers: [UInt64: Int], provinceCarriers: [UInt64: Int]
        /// Per gender (0 male, 1 female): the share of the pairs of registrants of that gender that
        /// were born on the same day, Σ n(n−1) over the blocks / N(N−1).
        let sameDay: [Double]
        let inputs: MatchInputs

        /// `sharing[g]`: Σ n(n−1) over the (birth day, gender g) blocks of n registrants.
        init(
            _ inputs: MatchInputs, nameKeys: [UInt64], candidates: [MatchCandidate], sharing: [Int], workers: Int,
            background: Bool = false
        ) {
            var wanted: [UInt64: Int] = [:], wantedInProvince: [UInt64: Int] = [:]
            for candidate in candidates {
                let a = candidate.pair.a, b = candidate.pair.b
                wanted[nameKeys[a]] = 0
                wanted[nameKeys[b]] = 0
                if candidate.evidence.contains(.sameProvince) {
                    wantedInProvince[Self.provinceKey(nameKeys[a], inputs[a])] = 0
                    wantedInProvince[Self.provinceKey(nameKeys[b], inputs[b])] = 0
                }
            }
            let ranges = split(count: inputs.count, into: workers)
            let zeros = wanted, provinceZeros = wantedInProvince
            let counted = parallelMap(tasks: ranges.count, workers: workers, background: background) { task in
                var counts = zeros, provinceCounts = provinceZeros
                for index in ranges[task] {
                    let key = nameKeys[index]
                    guard let count = counts[key] else { continue }
                    counts[key] = count + 1
                    let input = inputs[index]
                    guard !input.province.isEmpty else { continue }
                    let provinceKey = Self.provinceKey(key, input)
                    if let count = provinceCounts[provinceKey] { provinceCounts[provinceKey] = count + 1 }
                }
                return (counts, provinceCounts)
            }
            for (counts, provinceCounts) in counted {
                wanted.merge(counts, uniquingKeysWith: +)
                wantedInProvince.merge(provinceCounts, uniquingKeysWith: +)
            }
            keys = nameKeys
            carriers = wanted
            provinceCarriers = wantedInProvince
            self.inputs = inputs
            let women = inputs.females.reduce(0) { $0 + ($1 ? 1 : 0) }
            let people = [inputs.count - women, women]
            sameDay = (0..<2).map { people[$0] > 1 ? Double(sharing[$0]) / Double(people[$0] * (people[$0] - 1)) : 0 }
        }

        /// A name key combined with the registrant's province.
        static func provinceKey(_ key: UInt64, _ input: MatchInput) -> UInt64 {
            mix(key ^ mix(fnv(input.province.unicodeScalars))) & ~1 | (key & 1)
        }

        /// The expected coincidences of candidates `a` and `b` (of one block): in the whole wave, and,
        /// when `sameProvince` (both have the same valid one), among the registrants of that province.
        func coincidences(_ a: Int, _ b: Int, sameProvince: Bool) -> (wave: Double, province: Double?) {
            let identical = keys[a] == keys[b]
            let sameDay = self.sameDay[Int(keys[a] & 1)]
            /// The carriers of the commoner name other than the two, times the chance of one birth day.
            func expected(_ x: Int, _ y: Int) -> Double {
                let carriers = max(x, identical ? 0 : y)
                return Double(max(0, carriers - (identical ? 2 : 1))) * sameDay
            }
            let wave = expected(carriers[keys[a]]!, carriers[keys[b]]!)
            guard sameProvince else { return (wave, nil) }
            let x = Self.provinceKey(keys[a], inputs[a]), y = Self.provinceKey(keys[b], inputs[b])
            return (wave, expected(provinceCarriers[x]!, provinceCarriers[y]!))
        }
    }

    /// A 64-bit key of a folded name (its tokens in order) and gender, the gender in the low bit.
    static func nameKey(_ tokens: [Token], female: Bool) -> UInt64 {
        var h = fnvBasis
        for (k, token) in tokens.enumerated() {
            if k > 0 { h = fnvStep(h, " ") }
            for scalar in token { h = fnvStep(h, scalar) }
        }
        return mix(h) & ~1 | (female ? 1 : 0)
    }

    /// How many times each folded word occurs among the inputs' names, and each input's name key.
    static func foldAndCount(
        _ inputs: MatchInputs, workers: Int, background: Bool = false
    ) -> (words: NameSimilarity.WordCounts, keys: [UInt64]) {
        let ranges = split(count: inputs.count, into: workers == 1 ? 1 : workers * 8)
        let parts = parallelMap(tasks: ranges.count, workers: workers, background: background) { task in
            var keys: [UInt64] = []
            var counts = NameSimilarity.WordCounts()
            for index in ranges[task] {
                let tokens = NameFolding.tokens(of: inputs.fullName(index))
                counts.add(tokens)
                keys.append(nameKey(tokens, female: inputs.females[index]))
            }
            return (counts, keys)
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(inputs.count)
        var words = parts.first?.0 ?? NameSimilarity.WordCounts()
        for (k, part) in parts.enumerated() {
            keys.append(contentsOf: part.1)
            if k > 0 { words.merge(part.0) }
        }
        return (words, keys)
    }

    /// Contiguous ranges of `sizes`' indexes with about the same total size, at most `parts` of them.
    private static func split(_ sizes: [Int], into parts: Int) -> [Range<Int>] {
        let total = sizes.reduce(0, +)
        let parts = max(1, min(parts, sizes.count))
        var ranges: [Range<Int>] = []
        var start = 0, seen = 0
        for (k, size) in sizes.enumerated() {
            seen += size
            if seen * parts >= total * (ranges.count + 1) || k == sizes.count - 1 {
                ranges.append(start..<(k + 1))
                start = k + 1
            }
        }
        return ranges
    }

    /// `split` of `count` sizes of 1 (the same ranges), without making the sizes.
    private static func split(count: Int, into parts: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let parts = max(1, min(parts, count))
        return (0..<parts).map { r in ((count * r + parts - 1) / parts)..<((count * (r + 1) + parts - 1) / parts) }
    }

    /// Runs `task` for `0..<tasks` on `workers` Dispatch workers, worker `w` taking tasks `w`,
    /// `w + workers`, …, and returns the results in task order. Each task writes only its own
    /// pre-allocated slot, once, and the slots are read only after `concurrentPerform` returns, so
    /// they need no lock; the order of the results never depends on scheduling.
    /// With `background`, the workers are new low-priority threads (``BackgroundThreads``).
    private static func parallelMap<T: Sendable>(tasks: Int, workers: Int, background: Bool = false, _ task: @Sendable (Int) -> T)
        -> [T]
    {
        let buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: tasks)
        buffer.initialize(repeating: nil)
        defer {
            buffer.deinitialize()
            buffer.deallocate()
        }
        nonisolated(unsafe) let slots = buffer
        let workers = max(1, min(workers, tasks))
        let work: @Sendable (Int) -> Void = { worker in
            for t in stride(from: worker, to: tasks, by: workers) { slots[t] = task(t) }
        }
        if background {
            BackgroundThreads.run(workers, work)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return buffer.map { $0! }
    }

    /// The keys of one block: each a 64-bit hash whose low bits are replaced by the member's number,
    /// so that one integer sort groups equal keys (a few hash bits lost only add candidates).
    private struct Keys {
        var packed: [UInt64] = []
        let memberBits: UInt64
        var member: UInt64 = 0

        init(members: Int) {
            memberBits = UInt64(max(1, Int.bitWidth - (members - 1).leadingZeroBitCount))
        }

        mutating func append(_ key: UInt64) {
            packed.append((key >> memberBits) << memberBits | member)
        }

        func key(_ k: Int) -> UInt64 { packed[k] >> memberBits }
        func member(_ k: Int) -> UInt64 { packed[k] & ((1 << memberBits) - 1) }
    }

    /// What every block needs, read-only.
    struct BlockContext: Sendable {
        let inputs: MatchInputs
        let words: NameSimilarity.WordCounts
        let threshold: Double
        let exhaustive: Bool
    }

    /// Appends the candidates of one (birth day, gender) block, given by its members' input indexes.
    private static func matchBlock(_ indexes: [Int], _ context: BlockContext, into found: inout [MatchCandidate]) {
        let exhaustive = context.exhaustive
        // Whole inputs are made only for the candidates, which are few: a block's members need
        // their names and NIKs only.
        // The names read first, then folded: read in a loop of their own, many of the reads (at
        // random in the registrations) are in flight at once.
        let names = indexes.map { context.inputs.fullName($0) }.map { NameFolding.folded($0) }
        let niks = indexes.map { context.inputs.nik($0) }
        var candidates: [UInt64] = []
        if exhaustive {
            for i in 0..<indexes.count {
                for j in (i + 1)..<indexes.count { candidates.append(UInt64(i) << 32 | UInt64(j)) }
            }
        } else {
            var keys = Keys(members: names.count)
            for (member, name) in names.enumerated() {
                keys.member = UInt64(member)
                appendKeys(of: name, to: &keys)
            }
            sortSpread(&keys.packed)
            var runStart = 0
            let count = keys.packed.count
            for k in 1...count where k == count || keys.key(k) != keys.key(runStart) {
                if k - runStart > 1 {
                    // Sorted by member within a run, so x < y gives the pair in order.
                    for x in runStart..<k {
                        for y in (x + 1)..<k where keys.member(x) != keys.member(y) {
                            candidates.append(keys.member(x) << 32 | keys.member(y))
                        }
                    }
                }
                runStart = k
            }
            candidates.sort()
        }
        var previous = UInt64.max
        for candidate in candidates where candidate != previous {
            previous = candidate
            let i = Int(candidate >> 32), j = Int(candidate & 0xFFFF_FFFF)
            let a = indexes[i], b = indexes[j]
            guard niks[i] != niks[j] else { continue }
            let score = NameSimilarity.score(names[i], names[j], words: context.words)
            guard score >= context.threshold else { continue }
            // The expected coincidences and the listing are filled in once the names are counted.
            found.append(
                MatchCandidate(
                    pair: MatchPair(a: min(a, b), b: max(a, b), score: score),
                    evidence: MatchEvidence(context.inputs[a], context.inputs[b]),
                    coincidences: 0, coincidencesInProvince: nil, listed: false))
        }
    }

    /// Sorts keys whose high bits are evenly spread (hashes): distributed into buckets by their top
    /// bits, about four keys a bucket, then each bucket sorted on its own. A block's keys are sorted
    /// this way because comparison sorting them was a tenth of the matcher's time.
    static func sortSpread(_ keys: inout [UInt64]) {
        let n = keys.count
        guard n >= 256 else {
            keys.sort()
            return
        }
        let bits = min(16, Int.bitWidth - n.leadingZeroBitCount - 2)
        let shift = UInt64(64 - bits)
        let buckets = 1 << bits
        var sorted = [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets + 1) { starts in
                starts.initialize(repeating: 0)
                for key in keys { starts[Int(key >> shift) + 1] += 1 }
                for b in 0..<buckets { starts[b + 1] += starts[b] }
                var next = Array(starts)
                for key in keys {
                    let b = Int(key >> shift)
                    out.initializeElement(at: next[b], to: key)
                    next[b] += 1
                }
                for b in 0..<buckets where starts[b + 1] - starts[b] > 1 {
                    if starts[b + 1] - starts[b] > 32 {
                        // Many members sharing a key (a common name): a bucket too large for insertion.
                        out[starts[b]..<starts[b + 1]].sort()
                        continue
                    }
                    // Insertion sort: a bucket holds a few keys.
                    for i in (starts[b] + 1)..<starts[b + 1] {
                        let key = out[i]
                        var j = i
                        while j > starts[b], out[j - 1] > key {
                            out[j] = out[j - 1]
                            j -= 1
                        }
                        out[j] = key
                    }
                }
            }
            initialized = n
        }
        swap(&keys, &sorted)
    }

    /// The keys of a folded name (see the type's documentation).
    private static func appendKeys(of name: NameFolding.Folded, to keys: inout Keys) {
        let tokens = name.tokens
        guard !tokens.isEmpty else { return }
        let wordHashes = tokens.map { mix(fnv($0)) }
        // A multiset hash: a wrapping sum does not depend on the word order.
        let multiset = wordHashes.reduce(0, &+)
        keys.append(mix(multiset ^ 0x5157_4f52_4453_4554))
        keys.append(mix(fnv(tokens.joined()) ^ 0x4c45_5454_4552_5321))
        for (w, word) in tokens.enumerated() {
            let others = multiset &- wordHashes[w]
            appendVariantKeys(of: word, others: others, to: &keys)
            // The written spelling too, where the old-spelling rewrite changed it (see `Folded`).
            if name.spellings[w] != word {
                appendVariantKeys(of: name.spellings[w], others: others, to: &keys)
            }
        }
    }

    /// The word itself and, for a word where a typo may count (at least 3 letters), each one-letter
    /// deletion of it, each together with the other words.
    private static func appendVariantKeys(of word: Token, others: UInt64, to keys: inout Keys) {
        keys.append(typoKey(others, fnv(word)))
        guard word.count >= 3 else { return }
        for p in 0..<word.count {
            var h = fnvBasis
            for (q, scalar) in word.enumerated() where q != p { h = fnvStep(h, scalar) }
            keys.append(typoKey(others, h))
        }
    }

    private static func typoKey(_ others: UInt64, _ variant: UInt64) -> UInt64 {
        mix(others ^ mix(variant ^ 0x5459_504f_4b45_5953))
    }

    static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    static func fnvStep(_ h: UInt64, _ scalar: Unicode.Scalar) -> UInt64 {
        (h ^ UInt64(scalar.value)) &* 0x0000_0100_0000_01b3
    }

    /// FNV-1a over scalar values: fixed, unlike Swift's per-process seeded `Hasher`.
    private static func fnv<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> UInt64 {
        var h = fnvBasis
        for scalar in scalars { h = fnvStep(h, scalar) }
        return h
    }

    /// The SplitMix64 finaliser, so that sums and xors of hashes stay well spread.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
