/// One registration in the pool of the draw.
struct PoolEntry: Sendable {
    // 40 bytes: a 5-million wave's pool is sorted with a copy of itself. The walk finds the
    // registration's KK and province through `index`.
    var key: LotteryDigest
    /// Index of the registration in the wave's registration array.
    var index: Int32
    var tier: Int32
}

/// The quota walk of §6.4 step 4, after the pool is sorted by (tier, lottery_key).
struct Draw: Sendable {
    /// Total places: quota + the recycled Dicabut count.
    var places: Int
    /// Places per province when `[province_quota]` is present.
    var provincePlaces: [String: Int]?
    var familyLimit: Int

    enum Result: Sendable, Equatable { case lulus, familyLimit, quotaFull }

    /// Sorts the pool by (tier, lottery key); ties cannot happen: keys differ per NIK and NIKs are
    /// unique after check 1. What is sorted is 16 bytes a member, (tier, the key's first 8 bytes,
    /// place), the whole key breaking a tie of the first 8 bytes, and then the pool is moved into
    /// that order in place: sorting the 40-byte entries would hold two copies of them.
    static func sort(_ pool: inout [PoolEntry], jobs: Int = 1) {
        struct Slot: Sendable {
            var prefix: UInt64
            var tier: Int32
            var place: Int32
        }
        let order: [Int32]
        do {
            let entries = pool
            var slots = entries.indices.map { Slot(prefix: entries[$0].key.w0, tier: entries[$0].tier, place: Int32($0)) }
            slots.parallelSort(jobs: jobs) { a, b in
                if a.tier != b.tier { return a.tier < b.tier }
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                return entries[Int(a.place)].key < entries[Int(b.place)].key
            }
            order = slots.map(\.place)
        }
        pool.permute(by: order)
    }

    /// The provinces with places, in a fixed order: a member's province is given to ``walk`` as an
    /// index in this list, or -1 for one without places.
    var provinceCodes: [String] { (provincePlaces ?? [:]).keys.sorted() }

    /// The members' families as numbers: `family[r]` for pool position `r`, and `kks[f]` for family `f`
    /// (in KK order), from each member's KK in pool order. The walk then counts in an array.
    static func families(of memberKKs: consuming [UInt64], jobs: Int) -> (family: [Int32], kks: [UInt64]) {
        var order = memberKKs.indices.map { (memberKKs[$0], Int32($0)) }
        let count = memberKKs.count
        _ = consume memberKKs  // freed before the sort's merge buffer is made
        order.parallelSort(jobs: jobs) { $0 < $1 }
        var family = [Int32](repeating: 0, count: count)
        var kks: [UInt64] = []
        for (kk, position) in order {
            if kks.last != kk { kks.append(kk) }
            family[Int(position)] = Int32(kks.count - 1)
        }
        return (family, kks)
    }

    /// Walks the sorted pool, `family[r]` and `province[r]` being pool position `r`'s family (see
    /// ``families(of:jobs:)``) and province (an index in ``provinceCodes``, -1 for none; nil
    /// without `[province_quota]`); `current[f]` is family `f`'s current participants from earlier waves.
    func walk(family: [Int32], current: [Int], province: [Int32]?) -> [Result] {
        precondition(province == nil || province!.count == family.count)
        var places = self.places
        var provinceLeft = provinceCodes.map { provincePlaces?[$0] ?? 0 }
        var members = current
        var results: [Result] = []
        results.reserveCapacity(family.count)
        for r in family.indices {
            let f = Int(family[r])
            if members[f] >= familyLimit {
                results.append(.familyLimit)
                continue
            }
            let p = province.map { Int($0[r]) }
            if places <= 0 || (p.map { $0 < 0 || provinceLeft[$0] <= 0 } ?? false) {
                results.append(.quotaFull)
                continue
            }
            places -= 1
            if let p { provinceLeft[p] -= 1 }
            members[f] += 1
            results.append(.lulus)
        }
        return results
    }
}
