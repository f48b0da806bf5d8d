import Foundation
import Testing

@testable import PrakerjaKit

/// The review loop (§7.2, §7.3): review items, decisions read from `decisions/`, kept across
/// reruns and applied as `rejected_by_review`; fairness of the draw.
@Suite struct ReviewLoopTests {
    static func nik(_ serial: Int, day: Int = 41) -> String {
        "320101" + String(format: "%02d", day) + "0190" + String(format: "%04d", serial)
    }

    /// Two registrations of one person under two NIKs, a NIK whose day disagrees with the birth date,
    /// and an unrelated registrant.
    func wave(_ env: TestEnvironment) throws -> String {
        var wave = WaveBuilder()
        wave.rows = [
            WaveBuilder.row("A1", nik: Self.nik(1), kk: "3201010000000001", name: "SITI NURHALIZA", at: "2021-10-26T08:00:00"),
            WaveBuilder.row("A2", nik: Self.nik(2), kk: "3201010000000002", name: "Hj. SITI NOERHALIZA", at: "2021-10-26T09:00:00"),
            WaveBuilder.row("B1", nik: Self.nik(3, day: 45), kk: "3201010000000003", name: "DEWI LESTARI"),
            WaveBuilder.row("C1", nik: Self.nik(4), kk: "3201010000000004", name: "RATNA SARI"),
        ]
        return try wave.write(in: env)
    }

    @Test func decisionsRoundTripThroughTheDatabase() throws {
        let env = try TestEnvironment()
        let dir = try wave(env)
        _ = try WaveRun.run(waveDir: dir, context: env.context())
        let items = try env.csv("waves/7/review.csv")
        let same = try #require(items.first { $0["item"] == "possible_same_person" })
        #expect(same["registration_id"] == "A2")
        #expect(same["other_registration_id"] == "A1")
        #expect(same["detail"] == "province")
        #expect(items.contains { $0["item"] == "nik_birthdate_mismatch" && $0["registration_id"] == "B1" && $0["detail"] == "day" })
        #expect(try env.csv("waves/7/outcomes.csv").first { $0["registration_id"] == "A2" }?["status"] == "Lulus")

        // A reviewer copies review.csv into decisions/ and rejects the pair; the mismatch is accepted.
        var text = try env.read("waves/7/review.csv")
        let pair = "possible_same_person,A2,A1,\(same["score"]!),\(same["detail"]!),"
        #expect(text.contains(pair))
        text = text.replacingOccurrences(of: pair, with: pair + "Reject")
        text = text.replacingOccurrences(of: "nik_birthdate_mismatch,B1,,,day,", with: "nik_birthdate_mismatch,B1,,,day,accept")
        try env.write(text, to: "data/waves/7/decisions/review-1.csv")
        _ = try WaveRun.run(waveDir: dir, context: env.context())
        let outcomes = Dictionary(uniqueKeysWithValues: try env.csv("waves/7/outcomes.csv").map { ($0["registration_id"]!, $0) })
        #expect(outcomes["A2"]?["reason"] == "rejected_by_review")
        #expect(outcomes["A2"]?["reasons"] == "rejected_by_review")
        #expect(outcomes["A2"]?["tier"] == "")
        #expect(outcomes["B1"]?["status"] == "Lulus")
        let decided = try env.csv("waves/7/review.csv")
        #expect(decided.first { $0["registration_id"] == "A2" }?["decision"] == "reject")
        #expect(decided.first { $0["registration_id"] == "B1" }?["decision"] == "accept")

        // The decisions survive a rerun without the file; a later file replaces an earlier decision.
        try FileManager.default.removeItem(atPath: dir + "/decisions/review-1.csv")
        _ = try WaveRun.run(waveDir: dir, context: env.context())
        #expect(try env.csv("waves/7/outcomes.csv").first { $0["registration_id"] == "A2" }?["reason"] == "rejected_by_review")
        try env.write(
            "item,registration_id,other_registration_id,decision\npossible_same_person,A2,A1,ACCEPT\n",
            to: "data/waves/7/decisions/review-2.csv")
        _ = try WaveRun.run(waveDir: dir, context: env.context())
        #expect(try env.csv("waves/7/outcomes.csv").first { $0["registration_id"] == "A2" }?["status"] == "Lulus")
    }

    @Test func aDecisionForAnItemThatNoLongerExistsIsAWarning() throws {
        let env = try TestEnvironment()
        let dir = try wave(env)
        try env.write(
            "item,registration_id,other_registration_id,decision\npossible_same_person,C1,A1,reject\n", to: "data/waves/7/decisions/d.csv")
        let summary = try WaveRun.run(waveDir: dir, context: env.context())
        #expect(summary.warnings.contains { $0.contains("no longer exists") && $0.contains("C1") })
        #expect(try env.read("waves/7/manifest.json").contains("no longer exists"))
        #expect(try env.csv("waves/7/outcomes.csv").first { $0["registration_id"] == "C1" }?["status"] == "Lulus")
    }

    @Test func anUnknownDecisionValueIsAFileLevelError() throws {
        let env = try TestEnvironment()
        let dir = try wave(env)
        try env.write(
            "item,registration_id,other_registration_id,decision\npossible_same_person,A2,A1,maybe\n", to: "data/waves/7/decisions/d.csv")
        do {
            _ = try WaveRun.run(waveDir: dir, context: env.context())
            Issue.record("expected an error")
        } catch let error as PrakerjaError {
            #expect(error.exitCode == 65)
            #expect(error.description == "decisions/d.csv: line 2: decision: 'maybe' is not accept, reject or empty")
        }
        #expect(!FileManager.default.fileExists(atPath: env.dbPath))
    }

    /// Pool outcomes of one tier: `days` registration days, with `lulus(day, i)` deciding who won.
    static func pool(days: Int, perDay: Int, lulus: (Int, Int) -> Bool) -> Outcomes {
        var out: [Outcome] = []
        for day in 0..<days {
            for i in 0..<perDay {
                out.append(
                    Outcome(
                        registrationID: "R\(day)-\(i)", nik: UInt64(day * 100_000 + i), kk: nil, fullName: "X",
                        provinceCode: i % 2 == 0 ? "32" : "33",
                        reason: lulus(day, i) ? nil : .quotaFull, failed: 0, detail: "", tier: 1, lotteryRank: day * perDay + i + 1,
                        lotteryKey: nil, card: nil, registrationDay: Int32(18_900 + day), phone: nil, email: nil))
            }
        }
        return Outcomes(out)
    }

    @Test func aFairDrawRaisesNoWarning() {
        // Every day wins at the same rate (every third registrant).
        let fairness = Fairness(outcomes: Self.pool(days: 3, perDay: 600) { _, i in i % 3 == 0 })
        #expect(fairness.warnings.isEmpty)
        let p = fairness.tests.first { $0.dimension == "registration_day" }?.pValue
        #expect(p != nil && p! > 0.5)
        #expect(fairness.groups.count == 3 + 2)
    }

    @Test func aDrawFavouringTheFirstDayIsFlagged() {
        // 90% of the winners registered on the first day.
        let fairness = Fairness(outcomes: Self.pool(days: 3, perDay: 600) { day, i in day == 0 ? i % 10 < 9 : i % 20 == 0 })
        #expect(fairness.warnings.count == 1)
        #expect(fairness.warnings.first?.contains("tier 1") == true)
        #expect(fairness.csv().count > 0)
    }

    @Test func chiSquareMatchesKnownValues() throws {
        // 2x2 table [[10, 20], [20, 10]]: chi2 = 6.667, 1 df, p = 0.00982.
        let p = try #require(Fairness.pValue([(pool: 30, lulus: 10), (pool: 30, lulus: 20)]))
        #expect(abs(p - 0.009823) < 1e-5)
        // chi2 = 30 with 4 df: p = 4.89e-6.
        #expect(abs(Gamma.q(2, 15) - 4.8944e-6) < 1e-9)
        #expect(Fairness.pValue([(pool: 10, lulus: 10), (pool: 5, lulus: 5)]) == nil)
    }
}
