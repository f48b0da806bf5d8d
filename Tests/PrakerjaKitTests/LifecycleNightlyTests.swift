import Foundation
import GRDB
import Testing

@testable import PrakerjaKit

/// `nightly` (§8): catch-up equivalence, idempotency, failures.
@Suite struct LifecycleNightlyTests {
    /// The conformance wave 4 (closes 2021-09-08, announce 2021-09-13) and a wave 5 (closes 2021-10-20,
    /// announce 2021-10-25) that recycles wave 4's Dicabut and sees a legacy Dicabut NIK.
    func dataFolder(_ env: TestEnvironment) throws -> String {
        let data = try env.copyFixture("lifecycle")
        var five = WaveBuilder()
        five.wave = 5
        five.opens = "2021-10-18"
        five.closes = "2021-10-20"
        five.announce = "2021-10-25"
        five.quota = 10
        five.extraTOML = "recycle_revoked_from = [4]"
        five.rows = (1...4).map { WaveBuilder.row("V\($0)", nik: Lifecycle.nik(800 + $0), kk: Lifecycle.kk(800 + $0)) }
        five.rows.append(WaveBuilder.row("V9", nik: "3205025203002078", kk: Lifecycle.kk(809)))  // Dicabut in legacy wave 1
        _ = try five.write(in: env, folder: "lifecycle")
        return data
    }

    func deployment(_ env: TestEnvironment, _ name: String, data: String) throws -> CommandContext {
        let context = Lifecycle.context(env, named: name)
        _ = try ImportParticipants.run(files: [data + "/participants.csv"], context: context)
        return context
    }

    @Test func nightlyOnceEqualsNightlyEveryDay() throws {
        let env = try TestEnvironment()
        let data = try dataFolder(env)
        let end = Lifecycle.date("2021-10-26")

        // A probe deployment learns the card numbers the purchases will name (same key, same history).
        let probe = try deployment(env, "probe", data: data)
        _ = try Nightly.run(dataDir: data, asOf: end, context: probe)
        let four = try Lifecycle.cards(probe.outDir, wave: 4).sorted { $0.key < $1.key }.map(\.value)
        let five = try Lifecycle.cards(probe.outDir, wave: 5)
        let legacyDicabut = "7717429247411663"  // card of 3205025203002078 in participants.csv
        try env.write(
            Lifecycle.purchases([
                "P1,Tokopedia,\(four[0]),T,2021-09-13T00:00:00,1000000",
                "P2,Pintaria,\(four[1]),T,2021-10-12T23:59:59,600000",
                "P3,Pintaria,\(four[1]),T,2021-10-12T16:59:59Z,500000",  // same instant: order id decides, insufficient
                "P4,Pintaria,\(four[2]),T,2021-10-13T00:00:00,100000",  // late
                "P5,Bukalapak,\(legacyDicabut),T,2021-03-20T09:00:00,150000",  // on time for legacy wave 1: reinstates
                "P6,Kariermu,\(five[Lifecycle.nik(801)]!),T,2021-10-25T08:00:00,200000",  // pending until wave 5 is published
                "P7,Kariermu,\(Lifecycle.luhn("999999999999999")),T,2021-10-25T08:00:00,200000",  // never known
            ]), to: "lifecycle/purchases/2021-10.csv")

        let once = try deployment(env, "once", data: data)
        let summary = try Nightly.run(dataDir: data, asOf: end, context: once)
        #expect(summary.due == Lifecycle.date("2021-09-09")...end)
        #expect(summary.ran == [4, 5] && summary.published == [4, 5])
        #expect(summary.line.hasPrefix("nightly 2021-10-26: due 2021-09-09..2021-10-26 (48 days);"))

        let daily = try deployment(env, "daily", data: data)
        var day = Lifecycle.date("2021-09-01")
        while day <= end {
            _ = try Nightly.run(dataDir: data, asOf: day, context: daily)
            day = day.adding(days: 1)
        }

        let a = try Lifecycle.snapshot(once.dbPath)
        let b = try Lifecycle.snapshot(daily.dbPath)
        for (table, _) in Lifecycle.comparedTables {
            #expect(a[table] == b[table], "table \(table)")
        }
        let outA = try Lifecycle.outputs(once.outDir)
        let outB = try Lifecycle.outputs(daily.outDir)
        #expect(outA.keys.sorted() == outB.keys.sorted())
        for (file, bytes) in outA where outB[file] != bytes { Issue.record("output \(file) differs") }

        // The story happened: a reinstatement, wave 5 saw the legacy Dicabut, the purchases were judged.
        #expect(a["events"]!.contains { $0.contains("reinstated") })
        #expect(outA["sweeps/2021-10-13/revocations.csv"].map { $0.count > 100 } == true)
        let fiveOutcomes = TestCSV.parse(String(decoding: outA["waves/5/outcomes.csv"]!, as: UTF8.self))
        #expect(fiveOutcomes.first { $0["registration_id"] == "V9" }?["reason"] == "already_participant")
        let rejected = String(decoding: outA["purchases/2021-10.rejected.csv"]!, as: UTF8.self)
        #expect(
            rejected
                == "line,reason,detail\n4,insufficient_funds,remaining 400000\n5,after_deadline,deadline 2021-10-12\n8,unknown_card,pending\n"
        )

        // Running it again changes nothing.
        let ledger = try Lifecycle.ledgerCount(once.dbPath)
        let again = try Nightly.run(dataDir: data, asOf: end, context: once)
        #expect(again.due == nil && again.line == "nightly 2021-10-26: nothing due")
        #expect(try Lifecycle.snapshot(once.dbPath) == a && Lifecycle.ledgerCount(once.dbPath) == ledger)
        #expect(try Lifecycle.outputs(once.outDir) == outA)
    }

    @Test func nightlyStopsAtTheFirstFailureAndKeepsWhatWasCommitted() throws {
        let env = try TestEnvironment()
        _ = try Lifecycle.smallWave(3).write(in: env)
        try env.write(
            """
            wave = 8
            opens = 2021-11-25
            closes = 2021-11-27
            announce = 2021-12-01
            seed = "eight"
            quota = 5
            """, to: "data/waves/8/wave.toml")
        let context = env.context()
        let error = #expect(throws: PrakerjaError.self) {
            try Nightly.run(dataDir: env.root + "/data", asOf: Lifecycle.date("2021-12-05"), context: context)
        }
        #expect(error?.exitCode == 66)
        #expect(error?.description.hasPrefix("nightly 2021-11-28: run wave 8:") == true)
        let state = try Lifecycle.snapshot(env.dbPath)
        #expect(state["meta"]!.contains { $0.contains("nightly_through") && $0.contains("2021-11-27") })
        #expect(state["waves"]!.count == 1 && state["waves"]![0].contains("published"))
        #expect(state["sweeps"]!.contains { $0.contains("2021-11-28") })

        var eight = Lifecycle.smallWave(2, wave: 8, serialBase: 30)
        eight.opens = "2021-11-25"
        eight.closes = "2021-11-27"
        eight.announce = "2021-12-01"
        eight.seed = "eight"
        eight.quota = 5
        _ = try eight.write(in: env)
        let resumed = try Nightly.run(dataDir: env.root + "/data", asOf: Lifecycle.date("2021-12-05"), context: context)
        #expect(resumed.due == Lifecycle.date("2021-11-28")...Lifecycle.date("2021-12-05"))
        #expect(resumed.ran == [8] && resumed.published == [8] && resumed.revoked == 3)
    }

    @Test func nightlyRunsAgainWhenDecisionsArriveBeforeTheAnnounceDate() throws {
        let env = try TestEnvironment()
        let context = env.context()
        let dir = try Lifecycle.smallWave(2).write(in: env)
        _ = try Nightly.run(dataDir: env.root + "/data", asOf: Lifecycle.date("2021-10-28"), context: context)
        #expect(try Lifecycle.snapshot(env.dbPath)["waves"]![0].contains("selected"))
        // A reviewer rejects R02 (possible mismatch items are not needed: an unknown item is a warning).
        try env.write(
            "item,registration_id,other_registration_id,decision\nnik_gender_mismatch,R02,,reject\n", to: "data/waves/7/decisions/r.csv")
        let s = try Nightly.run(dataDir: env.root + "/data", asOf: Lifecycle.date("2021-10-29"), context: context)
        #expect(s.ran == [7])
        let quiet = try Nightly.run(dataDir: env.root + "/data", asOf: Lifecycle.date("2021-10-30"), context: context)
        #expect(quiet.ran.isEmpty && quiet.published.isEmpty)
        let published = try Nightly.run(dataDir: dir + "/../..", asOf: Lifecycle.date("2021-11-01"), context: context)
        #expect(published.published == [7])
    }

    @Test func firstDueDate() {
        let closes = [Lifecycle.date("2021-09-08"), Lifecycle.date("2021-10-20")]
        #expect(Nightly.firstDueDate(lastDone: nil, closes: closes) == Lifecycle.date("2021-09-09"))
        #expect(Nightly.firstDueDate(lastDone: Lifecycle.date("2021-09-30"), closes: closes) == Lifecycle.date("2021-10-01"))
        #expect(Nightly.firstDueDate(lastDone: Lifecycle.date("2021-08-01"), closes: closes) == Lifecycle.date("2021-09-09"))
        #expect(Nightly.firstDueDate(lastDone: nil, closes: []) == nil)
    }

    @Test func aMissingDataFolderIs66() {
        let env = try! TestEnvironment()
        let error = #expect(throws: PrakerjaError.self) {
            try Nightly.run(dataDir: env.root + "/nothing", asOf: Lifecycle.date("2021-10-01"), context: env.context())
        }
        #expect(error?.exitCode == 66)
    }
}
