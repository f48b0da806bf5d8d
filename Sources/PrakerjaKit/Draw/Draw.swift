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
        let order: [Int]
        do {
            let entries = pool
            var slots = entries.indices.map { Slot(prefix: entries[$0].key.w0, tier: entries[$0].tier, place: Int32($0)) }
            slots.parallelSort(jobs: jobs) { a, b in
                if a.tier != b.tier { return a.tier < b.tier }
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                return entries[Int(a.place)].key < entries[Int(b.place)].key
            }
            order = slots.map { Int($0.place) }
        }
        pool.permute(by: order)
    }

    /// Walks the sorted pool; `familyCounts` holds each KK's current participants from earlier waves,
    /// and `kk` and `province` give a member's (by its registration index).
    func walk(
        _ pool: [PoolEntry], familyCounts: [UInt64: Int], kk kkOf: (Int) -> UInt64, province provinceOf: (Int) -> String
    ) -> [Result] {
        var places = self.places
        var provincePlaces = self.provincePlaces
        var family = familyCounts
        var results: [Result] = []
        results.reserveCapacity(pool.count)
        for entry in pool {
            let kk = kkOf(Int(entry.index))
            let members = family[kk, default: 0]
            if members >= familyLimit {
                results.append(.familyLimit)
                continue
            }
            let province = provincePlaces == nil ? "" : provinceOf(Int(entry.index))
            if places <= 0 || (provincePlaces.map { $0[province, default: 0] <= 0 } ?? false) {
                results.append(.quotaFull)
                continue
            }
            places -= 1
            if provincePlaces != nil { provincePlaces![province, default: 0] -= 1 }
            family[kk] = members + 1
            results.append(.lulus)
        }
        return results
    }
}
