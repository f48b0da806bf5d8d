import Dispatch

/// Finds the `possible_same_person` pairs of a wave (§7.2): different NIKs, the same birth date and
/// gender, and names that ``NameSimilarity`` scores at or above the threshold.
///
/// The work grows about linearly with the wave:
/// - **Blocking.** Only registrations with the same (birth day, gender) can pair, so the input is sorted
///   once by that key and each block is matched on its own (a 7-million wave has ~200 per block).
/// - **Keys, not all pairs.** Within a block every name gets a handful of 64-bit keys, and only names
///   sharing a key are scored: the word multiset (exact and reordered names), the letters without the
///   spaces (respaced names), and for each word, the multiset of the other words together with the word
///   itself and with each one-letter deletion of it (a symmetric-delete index: two words one
///   insertion, deletion, change or swap apart always share a deletion variant). Those are exactly the
///   rules that can score above ``NameSimilarity/partialCeiling``, so for a threshold above it no pair is
///   missed; a lower threshold falls back to scoring every pair of a block (quadratic, for exploration).
///   Hash collisions only add candidates, which are then scored exactly.
/// - **Dispatch.** Blocks are cut into contiguous chunks of similar size; `jobs` workers of
///   `DispatchQueue.concurrentPerform` take every `jobs`-th chunk, and each chunk's pairs go to its own
///   pre-allocated slot. Pairs are sorted by `(a, b)` at the end, so the result depends neither on
///   `jobs`, nor on scheduling, nor (after mapping indexes) on the input order: every rule is symmetric
///   and a block's candidates do not depend on its members' order.
public enum SamePersonMatcher {
    /// Pairs with different NIKs, the same `birthDay` and gender, and a score at or above `threshold`,
    /// sorted by `(a, b)` with `a < b`; identical for every `jobs`.
    public static func findPairs(in inputs: [MatchInput], threshold: Double, jobs: Int) -> [MatchPair] {
        let count = inputs.count
        guard count > 1 else { return [] }
        precondition(count < 1 << 31, "more registrations than the matcher indexes")

        // One sort by (birth day, gender, index); the day's sign bit is flipped so the order is numeric.
        var order = [UInt64](repeating: 0, count: count)
        for (index, input) in inputs.enumerated() {
            let day = UInt64(UInt32(bitPattern: input.birthDay) ^ 0x8000_0000)
            order[index] = day << 32 | (input.female ? 1 << 31 : 0) | UInt64(index)
        }
        order.sort()

        // Blocks of two or more members, as ranges of `order`.
        var blocks: [Range<Int>] = []
        var start = 0
        for k in 1...count where k == count || order[k] >> 31 != order[start] >> 31 {
            if k - start > 1 { blocks.append(start..<k) }
            start = k
        }
        guard !blocks.isEmpty else { return [] }

        // Contiguous chunks of blocks with about the same number of members; several per worker so
        // that an unlucky chunk does not leave a core idle.
        let workers = max(1, min(jobs, blocks.count))
        let chunkCount = workers == 1 ? 1 : min(blocks.count, workers * 8)
        let members = blocks.reduce(0) { $0 + $1.count }
        var chunks: [Range<Int>] = []
        var chunkStart = 0, seen = 0
        for (b, block) in blocks.enumerated() {
            seen += block.count
            if seen * chunkCount >= members * (chunks.count + 1) || b == blocks.count - 1 {
                chunks.append(chunkStart..<(b + 1))
                chunkStart = b + 1
            }
        }

        let exhaustive = threshold <= NameSimilarity.partialCeiling
        let sortedOrder = order, blockList = blocks, chunkList = chunks
        // One pre-allocated slot per chunk; a chunk is written by exactly one worker, once, and read
        // only after `concurrentPerform` returns, so the slots need no lock.
        let buffer = UnsafeMutableBufferPointer<[MatchPair]>.allocate(capacity: chunkList.count)
        buffer.initialize(repeating: [])
        defer {
            buffer.deinitialize()
            buffer.deallocate()
        }
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var chunk = worker
            while chunk < chunkList.count {
                var found: [MatchPair] = []
                for b in chunkList[chunk] {
                    matchBlock(sortedOrder[blockList[b]], inputs, threshold: threshold, exhaustive: exhaustive, into: &found)
                }
                slots[chunk] = found
                chunk += workers
            }
        }
        var pairs = buffer.flatMap { $0 }
        pairs.sort { $0.a != $1.a ? $0.a < $1.a : $0.b < $1.b }
        return pairs
    }

    /// One key of one member of a block.
    private struct Keyed: Comparable {
        var key: UInt64
        var member: Int32
        static func < (x: Keyed, y: Keyed) -> Bool { x.key != y.key ? x.key < y.key : x.member < y.member }
    }

    /// Appends the pairs of one (birth day, gender) block.
    private static func matchBlock(
        _ block: ArraySlice<UInt64>, _ inputs: [MatchInput], threshold: Double, exhaustive: Bool,
        into found: inout [MatchPair]
    ) {
        let indexes = block.map { Int($0 & 0x7FFF_FFFF) }
        let names = indexes.map { NameFolding.tokens(of: inputs[$0].fullName) }
        var candidates: [UInt64] = []
        if exhaustive {
            for i in 0..<indexes.count {
                for j in (i + 1)..<indexes.count { candidates.append(UInt64(i) << 32 | UInt64(j)) }
            }
        } else {
            var keyed: [Keyed] = []
            for (member, name) in names.enumerated() {
                appendKeys(of: name, member: Int32(member), to: &keyed)
            }
            keyed.sort()
            var runStart = 0
            for k in 1...keyed.count where k == keyed.count || keyed[k].key != keyed[runStart].key {
                if k - runStart > 1 {
                    for x in runStart..<k {
                        for y in (x + 1)..<k where keyed[x].member != keyed[y].member {
                            candidates.append(UInt64(keyed[x].member) << 32 | UInt64(keyed[y].member))
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
            guard inputs[a].nik != inputs[b].nik else { continue }
            let score = NameSimilarity.score(names[i], names[j])
            if score >= threshold {
                found.append(MatchPair(a: min(a, b), b: max(a, b), score: score))
            }
        }
    }

    /// The keys of a folded name (see the type's documentation).
    private static func appendKeys(of name: [NameFolding.Token], member: Int32, to keyed: inout [Keyed]) {
        guard !name.isEmpty else { return }
        let wordHashes = name.map { mix(fnv($0)) }
        // A multiset hash: a wrapping sum does not depend on the word order.
        let multiset = wordHashes.reduce(0, &+)
        keyed.append(Keyed(key: mix(multiset ^ 0x5157_4f52_4453_4554), member: member))
        keyed.append(Keyed(key: mix(fnv(name.joined()) ^ 0x4c45_5454_4552_5321), member: member))
        for (w, word) in name.enumerated() {
            let others = multiset &- wordHashes[w]
            keyed.append(Keyed(key: typoKey(others, fnv(word)), member: member))
            // Deletion variants only where a typo may count (a longer word of at least 3 letters).
            guard word.count >= 3 else { continue }
            for p in 0..<word.count {
                var h = fnvBasis
                for (q, scalar) in word.enumerated() where q != p { h = fnvStep(h, scalar) }
                keyed.append(Keyed(key: typoKey(others, h), member: member))
            }
        }
    }

    private static func typoKey(_ others: UInt64, _ variant: UInt64) -> UInt64 {
        mix(others ^ mix(variant ^ 0x5459_504f_4b45_5953))
    }

    private static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func fnvStep(_ h: UInt64, _ scalar: Unicode.Scalar) -> UInt64 {
        (h ^ UInt64(scalar.value)) &* 0x0000_0100_0000_01b3
    }

    /// FNV-1a over scalar values: fixed, unlike Swift's per-process seeded `Hasher`.
    private static func fnv<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> UInt64 {
        var h = fnvBasis
        for scalar in scalars { h = fnvStep(h, scalar) }
        return h
    }

    /// The SplitMix64 finaliser, so that sums and xors of hashes stay well spread.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
