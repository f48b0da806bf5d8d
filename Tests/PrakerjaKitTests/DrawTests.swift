import Testing

@testable import PrakerjaKit

/// The quota walk of §6.4 step 4 over members given in rank order.
@Suite struct DrawTests {
    @Test func familiesAreNumberedInKKOrder() {
        let (family, kks) = Draw.families(of: [30, 10, 30, 20, 10], jobs: 2)
        #expect(kks == [10, 20, 30])
        #expect(family == [2, 0, 2, 1, 0])
    }

    /// Family limit counts the family's participants of earlier waves and this wave's winners so
    /// far; a family-limited member takes no place; the total quota fills in rank order.
    @Test func familyLimitAndQuotaInRankOrder() {
        let draw = Draw(places: 3, provincePlaces: nil, familyLimit: 2)
        // Families by rank: A A A B C D; A has one participant already.
        let results = draw.walk(family: [0, 0, 0, 1, 2, 3], current: [1, 0, 0, 0], province: nil)
        #expect(results == [.lulus, .familyLimit, .familyLimit, .lulus, .lulus, .quotaFull])
    }

    /// Province places run out per province; a province without places (or unknown, -1) is
    /// quota_full; the total quota still applies.
    @Test func provincePlaces() {
        let draw = Draw(places: 4, provincePlaces: ["31": 1, "32": 2, "33": 0], familyLimit: 9)
        #expect(draw.provinceCodes == ["31", "32", "33"])
        let results = draw.walk(family: [0, 1, 2, 3, 4, 5, 6], current: Array(repeating: 0, count: 7), province: [0, 0, 1, 2, -1, 1, 1])
        #expect(results == [.lulus, .quotaFull, .lulus, .quotaFull, .quotaFull, .lulus, .quotaFull])
    }
}
