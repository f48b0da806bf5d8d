import Foundation
import Testing

@testable import PrakerjaKit

/// The whole lifecycle on the conformance wave, and `publish` (§8, §7.1 feeds).
@Suite struct LifecycleTests {
    /// import → run → publish → purchases → sweep → history, then a second wave that sees the first.
    @Test func wholeLifecycleOfTwoWaves() throws {
        let env = try TestEnvironment()
        let context = env.context()
        let data = try env.copyFixture("lifecycle")
        _ = try ImportParticipants.run(files: [data + "/participants.csv"], context: context)
        _ = try WaveRun.run(waveDir: data + "/waves/4", context: context)

        // Publish: participants, outbox, feeds.
        let published = try Publish.run(wave: 4, on: nil, context: context)
        #expect(published.kind == .published)
        #expect(published.notice == Lifecycle.date("2021-09-13"))
        #expect(published.deadline == Lifecycle.date("2021-10-12"))
        let outcomes = try env.csv("waves/4/outcomes.csv")
        let lulus = outcomes.filter { $0["status"] == "Lulus" }
        #expect(published.lulus == lulus.count && lulus.count > 3)
        let dashboard = try env.csv("waves/4/feeds/dashboard.csv")
        #expect(dashboard.count == outcomes.filter { $0["reason"] != "duplicate_registration" }.count)
        #expect(dashboard.map { $0["nik"]! } == dashboard.map { $0["nik"]! }.sorted())
        #expect(
            dashboard.filter { $0["status"] == "Lulus" }.allSatisfy {
                $0["purchase_deadline"] == "2021-10-12" && $0["card_number"]!.count == 16
            })
        #expect(
            dashboard.filter { $0["status"] == "Gagal" }.allSatisfy {
                $0["purchase_deadline"] == "" && $0["card_number"] == "" && $0["reason"] != ""
            })
        let notifications = try env.csv("waves/4/feeds/notifications.csv")
        #expect(notifications.count == 2 * lulus.count)
        #expect(published.notifications == 2 * lulus.count)
        let cards = try Lifecycle.cards(env.outDir, wave: 4)
        for n in notifications {
            #expect(n["notification_id"] == "4-\(n["nik"]!)-lulus-\(n["channel"]!)")
            #expect(n["template"] == "lulus")
            #expect(n["message"]!.contains("Gelombang 4") && n["message"]!.contains("12 Oktober 2021"))
            #expect(!n["message"]!.contains(cards[n["nik"]!]!))
        }
        #expect(notifications.map { $0["nik"]! + $0["channel"]! } == notifications.map { $0["nik"]! + $0["channel"]! }.sorted())
        for feed in ["dashboard.csv", "notifications.csv"] {
            #expect(try Lifecycle.mode(env.outDir + "/waves/4/feeds/" + feed) == 0o600)
        }

        // Purchases: A spends the whole fund on time, B tries to overspend, C buys nothing.
        let niks = cards.keys.sorted()
        let (a, b, c) = (niks[0], niks[1], niks[2])
        try env.write(
            Lifecycle.purchases([
                "A-1,Tokopedia,\(cards[a]!),TR-1,2021-09-20T10:00:00,1000000",
                "B-1,Pintaria,\(cards[b]!),TR-2,2021-09-21T10:00:00,400000",
                "B-2,Pintaria,\(cards[b]!),TR-3,2021-09-22T10:00:00,700000",
            ]), to: "lifecycle/purchases/day-1.csv")
        let bought = try Purchases.run(files: [data + "/purchases/day-1.csv"], context: context)
        #expect(bought.judged.accepted == 2 && bought.judged.rejected == 1)
        #expect(try env.read("purchases/day-1.rejected.csv") == "line,reason,detail\n4,insufficient_funds,remaining 600000\n")

        // Sweep after the deadline: every Lulus without a purchase is Dicabut, A and B are not.
        let sweep = try Sweep.run(asOf: Lifecycle.date("2021-10-13"), context: context)
        #expect(sweep.revoked == lulus.count - 2)
        #expect(sweep.hangus == Int64(sweep.revoked) * 1_000_000)
        let revoked = try env.csv("sweeps/2021-10-13/feeds/revocations.csv")
        #expect(Set(revoked.map { $0["nik"]! }) == Set(niks).subtracting([a, b]))
        let masked = try env.read("sweeps/2021-10-13/revocations.csv")
        #expect(masked.hasPrefix("nik_masked,wave,card_masked,deadline,hangus\n"))
        #expect(!masked.contains(c) && !masked.contains(cards[c]!))
        #expect(
            masked.contains(SixteenDigits.maskNIK(UInt64(c)!) + ",4," + SixteenDigits.maskCard(UInt64(cards[c]!)!) + ",2021-10-12,1000000"))
        let dicabutMessages = try env.csv("sweeps/2021-10-13/feeds/notifications.csv")
        #expect(dicabutMessages.count == 2 * sweep.revoked)
        #expect(
            dicabutMessages.allSatisfy {
                $0["template"] == "dicabut" && $0["notification_id"] == "4-\($0["nik"]!)-dicabut-\($0["channel"]!)"
            })
        for feed in ["revocations.csv", "notifications.csv"] {
            #expect(try Lifecycle.mode(env.outDir + "/sweeps/2021-10-13/feeds/" + feed) == 0o600)
        }

        // History of C: Dicabut, its hangus, never the full card.
        let history = try History.run(nik: c, context: context)
        #expect(history.count == 1)
        #expect(history[0].status == "Dicabut" && history[0].hangus == 1_000_000 && history[0].spent == 0)
        #expect(history[0].events.map(\.kind) == ["dicabut"] && history[0].events[0].date == "2021-10-13")
        #expect(history[0].cardMasked == SixteenDigits.maskCard(UInt64(cards[c]!)!))
        #expect(!History.json(history).contains(cards[c]!) && !History.text(history, nik: c).contains(cards[c]!))
        let historyB = try History.run(nik: b, context: context)
        #expect(
            historyB[0].status == "Lulus" && historyB[0].spent == 400_000 && historyB[0].purchases.map(\.state) == ["accepted", "rejected"])

        // Wave 5 sees wave 4: C is revoked, A already a participant, recycled places come from wave 4.
        var five = WaveBuilder()
        five.wave = 5
        five.opens = "2021-10-18"
        five.closes = "2021-10-20"
        five.announce = "2021-10-25"
        five.quota = 1
        five.extraTOML = "recycle_revoked_from = [4]"
        five.rows = [
            WaveBuilder.row("F1", nik: c, kk: Lifecycle.kk(901)), WaveBuilder.row("F2", nik: a, kk: Lifecycle.kk(902)),
            WaveBuilder.row("F3", nik: Lifecycle.nik(903), kk: Lifecycle.kk(903)),
        ]
        _ = try WaveRun.run(waveDir: try five.write(in: env, folder: "lifecycle"), context: context)
        let fifth = Dictionary(uniqueKeysWithValues: try env.csv("waves/5/outcomes.csv").map { ($0["registration_id"]!, $0) })
        #expect(fifth["F1"]?["reason"] == "revoked")
        #expect(fifth["F2"]?["reason"] == "already_participant")
        #expect(fifth["F3"]?["status"] == "Lulus")
        #expect(try Publish.run(wave: 5, on: nil, context: context).lulus == 1)
        let later = try History.run(nik: c, context: context)
        #expect(later.map(\.wave) == [4, 5])
        #expect(later[1].status == "Gagal" && later[1].reason == "revoked" && later[1].message == "Kamu Belum Berhasil")
        #expect(try Verify.run(wave: 4, context: context).matches)
        #expect(try Verify.run(wave: 5, context: context).matches)
    }

    @Test func publishingTwiceChangesNothing() throws {
        let env = try TestEnvironment()
        let context = env.context()
        _ = try WaveRun.run(waveDir: try Lifecycle.smallWave(5, quota: 3).write(in: env), context: context)
        _ = try Publish.run(wave: 7, on: nil, context: context)
        let before = try Lifecycle.snapshot(env.dbPath)
        let ledger = try Lifecycle.ledgerCount(env.dbPath)
        let feeds = try Lifecycle.outputs(env.outDir + "/waves/7/feeds")
        // As if the first publish died before its rename.
        try FileManager.default.removeItem(atPath: env.outDir + "/waves/7/feeds/dashboard.csv")
        let again = try Publish.run(wave: 7, on: Lifecycle.date("2021-11-05"), context: context)
        #expect(again.kind == .alreadyPublished && again.notice == Lifecycle.date("2021-11-01"))
        #expect(try Lifecycle.snapshot(env.dbPath) == before)
        #expect(try Lifecycle.ledgerCount(env.dbPath) == ledger)
        #expect(try Lifecycle.outputs(env.outDir + "/waves/7/feeds") == feeds)
        #expect(before["outbox"]?.count == 6)
        #expect(before["participants"]?.count == 3)
    }

    @Test func publishOnAnotherDateMovesTheDeadline() throws {
        let env = try TestEnvironment()
        _ = try WaveRun.run(waveDir: try Lifecycle.smallWave(2).write(in: env), context: env.context())
        let s = try Publish.run(wave: 7, on: Lifecycle.date("2021-11-03"), context: env.context())
        #expect(s.deadline == Lifecycle.date("2021-12-02"))
        #expect(try env.csv("waves/7/feeds/dashboard.csv").allSatisfy { $0["purchase_deadline"] == "2021-12-02" })
        #expect(try env.csv("waves/7/feeds/notifications.csv").allSatisfy { $0["message"]!.contains("2 Desember 2021") })
    }

    @Test func publishRefusals() throws {
        let env = try TestEnvironment()
        let context = env.context()
        #expect(throws: PrakerjaError.self) { try Publish.run(wave: 3, on: nil, context: context) }
        #expect(!FileManager.default.fileExists(atPath: env.dbPath), "a failed command leaves no new database behind")
        do {
            _ = try Publish.run(wave: 3, on: nil, context: context)
        } catch let error as PrakerjaError {
            #expect(error.exitCode == 66)
        }

        // Waves 8 then 7 run: 8 must wait for 7, and after 7 is published, 8 must be run again.
        var eight = Lifecycle.smallWave(2, wave: 8, serialBase: 20)
        eight.opens = "2021-11-25"
        eight.closes = "2021-11-27"
        eight.announce = "2021-12-01"
        _ = try WaveRun.run(waveDir: try eight.write(in: env), context: context)
        _ = try WaveRun.run(waveDir: try Lifecycle.smallWave(2).write(in: env), context: context)
        let blocked = #expect(throws: PrakerjaError.self) { try Publish.run(wave: 8, on: nil, context: context) }
        #expect(blocked?.exitCode == 65 && blocked?.description.contains("earlier wave 7") == true)
        let early = #expect(throws: PrakerjaError.self) { try Publish.run(wave: 7, on: Lifecycle.date("2021-10-26"), context: context) }
        #expect(early?.exitCode == 65)
        _ = try Publish.run(wave: 7, on: nil, context: context)
        let stale = #expect(throws: PrakerjaError.self) { try Publish.run(wave: 8, on: nil, context: context) }
        #expect(stale?.exitCode == 65 && stale?.description.contains("run again") == true)
        _ = try WaveRun.run(waveDir: env.root + "/data/waves/8", context: context)
        #expect(try Publish.run(wave: 8, on: nil, context: context).kind == .published)
    }

    @Test func aWaveSelectedBeforeAnImportMustRunAgain() throws {
        let env = try TestEnvironment()
        let context = env.context()
        _ = try WaveRun.run(waveDir: try Lifecycle.smallWave(2).write(in: env), context: context)
        try env.write(
            """
            nik,kk,wave,status,card_number,notice_date,phone,email
            \(Lifecycle.nik(500)),\(Lifecycle.kk(500)),1,Lulus,\(Lifecycle.luhn("400000000000001")),2021-03-01,,

            """, to: "legacy.csv")
        _ = try ImportParticipants.run(files: [env.root + "/legacy.csv"], context: context)
        let error = #expect(throws: PrakerjaError.self) { try Publish.run(wave: 7, on: nil, context: context) }
        #expect(error?.exitCode == 65)
        #expect(try Publish.run(wave: 1, on: nil, context: context).kind == .imported)
        _ = try WaveRun.run(waveDir: env.root + "/data/waves/7", context: context)
        #expect(try Publish.run(wave: 7, on: nil, context: context).kind == .published)
    }
}
