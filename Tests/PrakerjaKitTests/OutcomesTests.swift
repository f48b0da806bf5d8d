import Synchronization
import Testing

@testable import PrakerjaKit

/// The compact outcomes of a selected wave read as the outcomes the database gives back.
@Suite struct OutcomesTests {
    @Test(arguments: [0, 1, 2, 7, 1_000])
    func permutingInPlaceMatchesGathering(count: Int) {
        var rng = CSVTestSupport.SeededRandom(seed: UInt64(count) + 1)
        for _ in 0..<5 {
            var order = Array(0..<count)
            for k in order.indices.reversed() where k > 0 { order.swapAt(k, Int(rng.next() % UInt64(k + 1))) }
            // Strings longer than 15 bytes live on the heap: a wrong move would show as a crash or a wrong text.
            let items = (0..<count).map { "a registration id of some length \($0)" }
            var moved = items
            moved.permute(by: order)
            #expect(moved == order.map { items[$0] })
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func parallelSortMatchesSort(jobs: Int) {
        var rng = CSVTestSupport.SeededRandom(seed: 42)
        // Past the size where the parallel path starts, with repeated keys (the index breaks ties)
        // and heap strings, which a wrong merge would lose or duplicate.
        let items = (0..<70_001).map { (rng.next() % 5_000, "a text longer than fifteen bytes \($0)", $0) }
        var sorted = items
        sorted.parallelSort(jobs: jobs) { $0.0 != $1.0 ? $0.0 < $1.0 : $0.2 < $1.2 }
        let expected = items.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.2 < $1.2 }
        #expect(sorted.map(\.2) == expected.map(\.2))
        #expect(sorted.map(\.1) == expected.map(\.1))
    }

    @Test func compactTextKeepsEveryText() {
        let texts = [
            "", "a", String(repeating: "x", count: 15), String(repeating: "y", count: 16), String(repeating: "z", count: 31),
            String(repeating: "w", count: 32), "budi.santoso_1987@example.co.id", "siti@contoh.id", String(repeating: "é", count: 15),
            String(repeating: "é", count: 16), "long address, far past thirty-one bytes @ example.com",
        ]
        for text in texts {
            let compact = CompactText(text)
            #expect(compact.string == text)
            if case .inline = compact { #expect(text.utf8.count <= 31) } else { #expect(text.utf8.count > 31) }
        }
        // Equal texts are equal values, different texts are not.
        #expect(Set(texts.map(CompactText.init)).count == Set(texts).count)
        #expect(CompactText("ab") != CompactText("ab\u{0}"))
    }

    /// Work on background threads: every worker runs once, and a pending value is the value made.
    @Test(arguments: [1, 2, 5])
    func backgroundThreadsAndPendingValues(workers: Int) {
        let seen = Mutex<[Int]>([])
        BackgroundThreads.run(workers) { w in seen.withLock { $0.append(w) } }
        #expect(seen.withLock { $0.sorted() } == Array(0..<workers))
        let pending = Pending(jobs: workers) { (0..<1_000).reduce(0, +) }
        #expect(pending.value == 499_500)
        #expect(pending.value == 499_500)
    }

    /// What a run holds per registration, millions of times over (a 5-million wave within 2 GB).
    @Test func rowsKeepTheirSize() {
        #expect(MemoryLayout<Registration>.stride == 136)
        #expect(MemoryLayout<Outcomes.Decision>.stride == 24)
        #expect(MemoryLayout<PoolEntry>.stride == 40)
        #expect(MemoryLayout<MatchInput>.stride == 88)
    }

    @Test func selectedOutcomesReadLikeStoredOnes() {
        func registration(_ id: String, nik: UInt64) -> Registration {
            Registration(
                registrationID: id, nik: nik, kk: 3_201_010_101_010_001, displayName: "SITI AMINAH",
                nameValid: true, birthDate: CivilDate(year: 1990, month: 1, day: 1), gender: .female,
                email: "siti.aminah@example.com", phone: "+6281234567890", provinceCode: "32", provinceValid: true,
                occupation: nil, registeredAt: 1_600_000_000_000_000, firstInvalid: nil)
        }
        let key = Lottery.digest(seed: "seed-1", nik: 3_201_010_101_900_001)
        var lulus = Outcomes.Decision()
        lulus.card = 5_123_456_789_012_345
        lulus.rank = 1
        lulus.tier = 2
        var gagal = Outcomes.Decision()
        gagal.reason = UInt8(Reason.invalidData.rawValue)
        gagal.failed = 1 << 2
        gagal.detail = 1
        let outcomes = Outcomes(
            selected: Outcomes.Selected(
                registrations: [registration("R-1", nik: 3_201_010_101_900_001), registration("R-2", nik: 3_201_010_101_900_002)],
                decisions: [lulus, gagal], details: ["", "email"], lottery: Lottery.Digester(seed: "seed-1")))

        #expect(outcomes.count == 2 && outcomes.lulusCount == 1)
        let a = outcomes[0], b = outcomes[1]
        #expect(a.isLulus && a.card == 5_123_456_789_012_345 && a.lotteryRank == 1 && a.tier == 2 && a.lotteryKey == key)
        #expect(a.phone == "+6281234567890" && a.email == "siti.aminah@example.com" && a.detail == "")
        #expect(a.registrationDay == Timestamp.wibDate(1_600_000_000_000_000).dayNumber)
        #expect(b.reason == .invalidData && b.failed == 1 << 2 && b.detail == "email")
        #expect(b.card == nil && b.lotteryRank == nil && b.tier == nil && b.lotteryKey == nil)
        // Contacts are kept for Lulus only, as `outcomes` in the database keeps them.
        #expect(b.phone == nil && b.email == nil)
        #expect(outcomes.nik(at: 1) == 3_201_010_101_900_002)
        #expect(Outcomes([a, b]).map(\.registrationID) == ["R-1", "R-2"])
    }
}
