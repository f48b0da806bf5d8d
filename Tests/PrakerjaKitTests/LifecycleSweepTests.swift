import Foundation
import Testing

@testable import PrakerjaKit

/// `sweep` (§8, §7.4) and `history` edge cases.
@Suite struct LifecycleSweepTests {
    @Test func sweepIsIdempotentAndSparesBuyersAndImportedParticipants() throws {
        let env = try TestEnvironment()
        let context = env.context()
        try env.write(
            """
            nik,kk,wave,status,card_number,notice_date,phone,email
            \(Lifecycle.nik(700)),\(Lifecycle.kk(700)),1,Lulus,\(Lifecycle.luhn("400000000000001")),2021-03-01,,

            """, to: "legacy.csv")
        _ = try ImportParticipants.run(files: [env.root + "/legacy.csv"], context: context)
        _ = try WaveRun.run(waveDir: try Lifecycle.smallWave(3).write(in: env), context: context)
        _ = try Publish.run(wave: 7, on: nil, context: context)
        let cards = try Lifecycle.cards(env.outDir, wave: 7)
        try env.write(Lifecycle.purchases(["O1,Tokopedia,\(cards[Lifecycle.nik(2)]!),T,2021-11-03T10:00:00,50000"]), to: "p.csv")
        _ = try Purchases.run(files: [env.root + "/p.csv"], context: context)

        // On the deadline nobody is late yet: headers only.
        let onDeadline = try Sweep.run(asOf: Lifecycle.date("2021-11-30"), context: context)
        #expect(onDeadline.revoked == 0)
        #expect(try env.read("sweeps/2021-11-30/revocations.csv") == "nik_masked,wave,card_masked,deadline,hangus\n")
        #expect(try env.read("sweeps/2021-11-30/feeds/revocations.csv") == "nik,wave,card_number,deadline,hangus\n")
        #expect(try env.read("sweeps/2021-11-30/feeds/notifications.csv") == "notification_id,nik,channel,recipient,template,message\n")

        let sweep = try Sweep.run(asOf: Lifecycle.date("2021-12-01"), context: context)
        #expect(sweep.revoked == 2 && sweep.hangus == 2_000_000)
        let feed = try env.csv("sweeps/2021-12-01/feeds/revocations.csv")
        #expect(feed.map { $0["nik"]! } == [Lifecycle.nik(1), Lifecycle.nik(3)])
        #expect(feed[0]["card_number"] == cards[Lifecycle.nik(1)] && feed[0]["deadline"] == "2021-11-30" && feed[0]["wave"] == "7")
        let messages = try env.csv("sweeps/2021-12-01/feeds/notifications.csv")
        #expect(messages.map { $0["channel"]! } == ["email", "sms", "email", "sms"])
        #expect(messages.allSatisfy { $0["message"]!.contains("Gelombang 7") && $0["message"]!.contains("30 November 2021") })

        let snapshot = try Lifecycle.snapshot(env.dbPath)
        let ledger = try Lifecycle.ledgerCount(env.dbPath)
        let files = try Lifecycle.outputs(env.outDir + "/sweeps/2021-12-01")
        let again = try Sweep.run(asOf: Lifecycle.date("2021-12-01"), context: context)
        #expect(again.revoked == 0 && again.listed == 2)
        #expect(try Lifecycle.snapshot(env.dbPath) == snapshot && Lifecycle.ledgerCount(env.dbPath) == ledger)
        #expect(try Lifecycle.outputs(env.outDir + "/sweeps/2021-12-01") == files)

        // The imported participant (no purchases migrated) and the buyer are still current.
        #expect(try History.run(nik: Lifecycle.nik(700), context: context)[0].status == "Lulus")
        #expect(try History.run(nik: Lifecycle.nik(2), context: context)[0].status == "Lulus")
        #expect(try Sweep.run(asOf: Lifecycle.date("2022-06-01"), context: context).revoked == 0)
    }

    @Test func historyArgumentsAndEmptyHistory() throws {
        let env = try TestEnvironment()
        let missing = #expect(throws: PrakerjaError.self) { try History.run(nik: Lifecycle.nik(1), context: env.context()) }
        #expect(missing?.exitCode == 66)
        let usage = #expect(throws: PrakerjaError.self) { try History.run(nik: "12345", context: env.context()) }
        #expect(usage?.exitCode == 64)
        _ = try WaveRun.run(waveDir: try Lifecycle.smallWave(1).write(in: env), context: env.context())
        // A selected wave is not history yet.
        #expect(try History.run(nik: Lifecycle.nik(1), context: env.context()).isEmpty)
        #expect(History.json([]) == "[]")
        _ = try Publish.run(wave: 7, on: nil, context: env.context())
        #expect(try History.run(nik: Lifecycle.nik(1), context: env.context()).count == 1)
        #expect(try History.run(nik: Lifecycle.nik(99), context: env.context()).isEmpty)
    }

    @Test func indonesianDates() {
        #expect(IndonesianDate.long(Lifecycle.date("2021-10-12")) == "12 Oktober 2021")
        #expect(IndonesianDate.weekday(Lifecycle.date("2021-10-12")) == "Selasa")
        #expect(IndonesianDate.weekday(Lifecycle.date("1970-01-01")) == "Kamis")
        #expect(IndonesianDate.rupiah(1_000_000) == "Rp1.000.000")
        #expect(IndonesianDate.rupiah(500) == "Rp500")
    }
}
