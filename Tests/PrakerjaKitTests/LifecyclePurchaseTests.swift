import Foundation
import Testing

@testable import PrakerjaKit

/// `purchases` (§4.4, §7.4, §8): judging, idempotency, pending lines, reinstatement.
@Suite struct LifecyclePurchaseTests {
    /// A published wave 7 of `count` Lulus (notice 2021-11-01, deadline 2021-11-30); its cards by NIK serial.
    func publishedWave(_ env: TestEnvironment, count: Int = 4) throws -> [Int: String] {
        _ = try WaveRun.run(waveDir: try Lifecycle.smallWave(count).write(in: env), context: env.context())
        _ = try Publish.run(wave: 7, on: nil, context: env.context())
        let cards = try Lifecycle.cards(env.outDir, wave: 7)
        return Dictionary(uniqueKeysWithValues: (1...count).map { ($0, cards[Lifecycle.nik($0)]!) })
    }

    func importFile(_ env: TestEnvironment, _ name: String, _ lines: [String]) throws -> Purchases.Summary {
        try env.write(Lifecycle.purchases(lines), to: "purchases/\(name).csv")
        return try Purchases.run(files: [env.root + "/purchases/\(name).csv"], context: env.context())
    }

    func rejected(_ env: TestEnvironment, _ name: String) throws -> [String] {
        try env.csv("purchases/\(name).rejected.csv").map { "\($0["line"]!) \($0["reason"]!)" }
    }

    @Test func deadlineBoundaryInWIB() throws {
        let env = try TestEnvironment()
        let card = try publishedWave(env, count: 6)
        _ = try importFile(
            env, "boundary",
            [
                "O1,Tokopedia,\(card[1]!),T,2021-11-30T23:59:59,100000",  // last second of the deadline, WIB
                "O2,Tokopedia,\(card[2]!),T,2021-12-01T00:00:00,100000",  // the next day
                "O3,Tokopedia,\(card[3]!),T,2021-11-30T16:59:59Z,100000",  // 23:59:59 WIB
                "O4,Tokopedia,\(card[4]!),T,2021-11-30T17:00:00Z,100000",  // 00:00:00 WIB the next day
                "O5,Tokopedia,\(card[5]!),T,2021-10-31T23:59:59,100000",  // the day before the notice date
                "O6,Tokopedia,\(card[6]!),T,2021-10-31T17:00:00Z,100000",  // 00:00:00 WIB on the notice date
            ])
        #expect(try rejected(env, "boundary") == ["3 after_deadline", "5 after_deadline", "6 before_announce"])
        let details = try env.csv("purchases/boundary.rejected.csv").map { $0["detail"]! }
        #expect(details == ["deadline 2021-11-30", "deadline 2021-11-30", "notice date 2021-11-01"])
    }

    @Test func insufficientFundsAfterAnEarlierPurchase() throws {
        let env = try TestEnvironment()
        let card = try publishedWave(env, count: 1)
        // Judged in purchased_at order, not file order: O2 comes first and leaves 300000.
        let s = try importFile(
            env, "funds",
            [
                "O1,Pintaria,\(card[1]!),T1,2021-11-10T10:00:00,400000",
                "O2,Pintaria,\(card[1]!),T2,2021-11-05T10:00:00,700000",
                "O3,Pintaria,\(card[1]!),T3,2021-11-11T10:00:00,300000",
            ])
        #expect(s.judged.accepted == 2 && s.judged.rejected == 1)
        #expect(try env.read("purchases/funds.rejected.csv") == "line,reason,detail\n2,insufficient_funds,remaining 300000\n")
        let history = try History.run(nik: Lifecycle.nik(1), context: env.context())
        #expect(history[0].spent == 1_000_000)
        // A later file cannot spend what is gone.
        _ = try importFile(env, "funds-2", ["O4,Pintaria,\(card[1]!),T4,2021-11-12T10:00:00,1"])
        #expect(try rejected(env, "funds-2") == ["2 insufficient_funds"])
    }

    @Test func reasonsComeInContractOrder() throws {
        let env = try TestEnvironment()
        let card = try publishedWave(env, count: 2)
        let unknown = Lifecycle.luhn("512345678901234")
        let s = try importFile(
            env, "mixed",
            [
                "O1,Shopee,\(card[1]!),T,2021-11-10T10:00:00,abc",  // invalid_data (amount) before unknown_platform
                "O2,Shopee,\(card[1]!),T,2021-11-10T10:00:00,100",  // unknown_platform
                "O3,Pintaria,\(unknown),T,2021-10-01T10:00:00,100",  // unknown card first: pending, not before_announce
                "O4,Pintaria,1234567812345678,T,2021-11-10T10:00:00,100",  // bad Luhn digit
                "O5, mau belajar APA ,\(card[2]!),T,2021-11-10T10:00:00+07:00,100",  // platform ignoring case and spaces
                "O6,Pintaria,\(card[2]!),T,2021-11-10 10:00:00,100",  // a space instead of T
                "\"O7,Pintaria,\(card[2]!),T,2021-11-10T10:00:00,100",  // unterminated quote: the rest is one bad record
            ])
        #expect(s.judged.accepted == 1 && s.judged.pending == 1)
        let rows = try env.csv("purchases/mixed.rejected.csv")
        #expect(
            rows.map { "\($0["line"]!) \($0["reason"]!) \($0["detail"]!)" } == [
                "2 invalid_data amount", "3 unknown_platform Shopee", "4 unknown_card pending", "5 invalid_data card_number",
                "7 invalid_data purchased_at", "8 invalid_data malformed_csv",
            ])
    }

    @Test func eachFileOnceAndEachOrderOnce() throws {
        let env = try TestEnvironment()
        let card = try publishedWave(env, count: 2)
        let first = try importFile(env, "a", ["O1,Tokopedia,\(card[1]!),T,2021-11-10T10:00:00,100000"])
        let snapshot = try Lifecycle.snapshot(env.dbPath)
        let ledger = try Lifecycle.ledgerCount(env.dbPath)
        try FileManager.default.removeItem(atPath: env.outDir + "/purchases/a.rejected.csv")
        let again = try Purchases.run(files: [env.root + "/purchases/a.csv"], context: env.context())
        #expect(first.files.count == 1 && again.files.isEmpty && again.skipped.count == 1)
        #expect(try Lifecycle.snapshot(env.dbPath) == snapshot && Lifecycle.ledgerCount(env.dbPath) == ledger)
        #expect(FileManager.default.fileExists(atPath: env.outDir + "/purchases/a.rejected.csv"), "running it again completes the outputs")
        // The same order in another file (even changed) is ignored; a new order is judged.
        let b = try importFile(
            env, "b",
            [
                "O1,tokopedia,\(card[2]!),T,2021-11-11T10:00:00,900000", "O2,Tokopedia,\(card[2]!),T,2021-11-11T10:00:00,100000",
            ])
        #expect(b.ignored == 1 && b.judged.accepted == 1)
        #expect(try History.run(nik: Lifecycle.nik(2), context: env.context())[0].spent == 100_000)
        // A different file under a used name is refused: its report would overwrite the first one's.
        try env.write(Lifecycle.purchases(["O9,Tokopedia,\(card[2]!),T,2021-11-11T10:00:00,1"]), to: "elsewhere/a.csv")
        let clash = #expect(throws: PrakerjaError.self) {
            try Purchases.run(files: [env.root + "/elsewhere/a.csv"], context: env.context())
        }
        #expect(clash?.exitCode == 65)
    }

    @Test func aFileLevelErrorImportsNothing() throws {
        let env = try TestEnvironment()
        let card = try publishedWave(env, count: 1)
        let before = try Lifecycle.snapshot(env.dbPath)
        try env.write(Lifecycle.purchases(["O1,Tokopedia,\(card[1]!),T,2021-11-10T10:00:00,100000"]), to: "purchases/good.csv")
        try env.write("order_id,platform,card_number,training_id,amount\nO2,Tokopedia,\(card[1]!),T,1\n", to: "purchases/bad.csv")
        let error = #expect(throws: PrakerjaError.self) {
            try Purchases.run(files: [env.root + "/purchases/good.csv", env.root + "/purchases/bad.csv"], context: env.context())
        }
        #expect(error?.exitCode == 65 && error?.description.contains("purchased_at") == true)
        #expect(try Lifecycle.snapshot(env.dbPath) == before)
        #expect(!FileManager.default.fileExists(atPath: env.outDir + "/purchases/good.rejected.csv"))
        let missing = #expect(throws: PrakerjaError.self) { try Purchases.run(files: [env.root + "/nope.csv"], context: env.context()) }
        #expect(missing?.exitCode == 66)
    }

    @Test func pendingLinesAreJudgedOnPublish() throws {
        let env = try TestEnvironment()
        let context = env.context()
        _ = try WaveRun.run(waveDir: try Lifecycle.smallWave(2).write(in: env), context: context)
        // Cards of a selected wave are provisional: purchases for them wait for the publish.
        let provisional = try Lifecycle.snapshot(env.dbPath)["cards"]!.count
        #expect(provisional == 2)
        _ = try Publish.run(wave: 7, on: nil, context: context)
        let cards = try Lifecycle.cards(env.outDir, wave: 7)
        // Replay on a fresh deployment: the purchase arrives before the publish.
        let other = Lifecycle.context(env, named: "second")
        _ = try WaveRun.run(waveDir: env.root + "/data/waves/7", context: other)
        try env.write(Lifecycle.purchases(["O1,Sisnaker,\(cards[Lifecycle.nik(1)]!),T,2021-11-02T08:00:00,250000"]), to: "early.csv")
        let early = try Purchases.run(files: [env.root + "/early.csv"], context: other)
        #expect(early.judged.pending == 1)
        #expect(
            try String(contentsOfFile: other.outDir + "/purchases/early.rejected.csv", encoding: .utf8)
                == "line,reason,detail\n2,unknown_card,pending\n")
        let publish = try Publish.run(wave: 7, on: nil, context: other)
        #expect(publish.purchases.accepted == 1)
        #expect(try String(contentsOfFile: other.outDir + "/purchases/early.rejected.csv", encoding: .utf8) == "line,reason,detail\n")
        #expect(try History.run(nik: Lifecycle.nik(1), context: other)[0].spent == 250_000)
    }

    @Test func anOnTimePurchaseReportedLateReinstates() throws {
        let env = try TestEnvironment()
        let context = env.context()
        let card = try publishedWave(env, count: 2)
        let swept = try Sweep.run(asOf: Lifecycle.date("2021-12-01"), context: context)
        #expect(swept.revoked == 2)
        _ = try importFile(
            env, "late",
            [
                "L1,Kariermu,\(card[1]!),T,2021-11-30T20:00:00,300000",  // on time, reported after the sweep
                "L2,Kariermu,\(card[2]!),T,2021-12-01T08:00:00,300000",  // too late: stays Dicabut
            ])
        let h = try History.run(nik: Lifecycle.nik(1), context: context)[0]
        #expect(h.status == "Lulus" && h.reinstated && h.hangus == 0 && h.spent == 300_000)
        #expect(h.events.map(\.kind) == ["dicabut", "reinstated"])
        #expect(h.events[1].amount == 1_000_000 && h.events[1].date == "2021-11-30")
        #expect(History.text([h], nik: Lifecycle.nik(1)).contains("reinstated"))
        let h2 = try History.run(nik: Lifecycle.nik(2), context: context)[0]
        #expect(h2.status == "Dicabut" && h2.hangus == 1_000_000)
        // The sweep's files still list both (they were revoked that day); sweeping again changes nothing.
        #expect(try env.csv("sweeps/2021-12-01/feeds/revocations.csv").count == 2)
        let again = try Sweep.run(asOf: Lifecycle.date("2021-12-02"), context: context)
        #expect(again.revoked == 0)
    }

    @Test func pendingLinesAreJudgedAgainAfterAnImport() throws {
        let env = try TestEnvironment()
        let context = env.context()
        let legacy = Lifecycle.luhn("700000000000001")
        _ = try importFile(env, "legacy", ["X1,Bukalapak,\(legacy),T,2021-03-10T10:00:00,200000"])
        #expect(try rejected(env, "legacy") == ["2 unknown_card"])
        try env.write(
            """
            nik,kk,wave,status,card_number,notice_date,phone,email
            \(Lifecycle.nik(600)),\(Lifecycle.kk(600)),2,Dicabut,\(legacy),2021-03-01,,

            """, to: "legacy-participants.csv")
        _ = try ImportParticipants.run(files: [env.root + "/legacy-participants.csv"], context: context)
        #expect(try rejected(env, "legacy") == [])
        let h = try History.run(nik: Lifecycle.nik(600), context: context)
        #expect(h.count == 1 && h[0].imported && h[0].status == "Lulus" && h[0].reinstated && h[0].spent == 200_000)
    }

    @Test func platformNamesIgnoreCaseAndSpaces() {
        #expect(Platform.named("Mau Belajar Apa") == .mauBelajarApa)
        #expect(Platform.named("PIJARMAHIR") == .pijarMahir)
        #expect(Platform.named("pijar-mahir") == nil)
        #expect(Platform.allCases.count == 7)
    }
}
