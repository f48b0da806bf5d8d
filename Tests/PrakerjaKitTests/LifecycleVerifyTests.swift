import Foundation
import GRDB
import Testing

@testable import PrakerjaKit

/// `verify` (§8) and `runs`.
@Suite struct LifecycleVerifyTests {
    func wave(_ env: TestEnvironment) throws {
        var builder = Lifecycle.smallWave(8, quota: 5)
        builder.rows.append(WaveBuilder.row("S1", nik: Lifecycle.nik(50), kk: Lifecycle.kk(50), occupation: "student"))
        _ = try WaveRun.run(waveDir: try builder.write(in: env), context: env.context())
    }

    @Test func aFreshWaveVerifies() throws {
        let env = try TestEnvironment()
        try wave(env)
        let report = try Verify.run(wave: 7, context: env.context())
        #expect(report.matches, "\(report.differences)")
        #expect(report.pool == 8 && report.outcomes == 9 && report.reports == 5)
        _ = try Publish.run(wave: 7, on: nil, context: env.context())
        #expect(try Verify.run(wave: 7, context: env.context()).matches)
    }

    @Test func aTamperedOutcomesFileIsFound() throws {
        let env = try TestEnvironment()
        try wave(env)
        let path = env.outDir + "/waves/7/outcomes.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: ",Gagal,quota_full,", with: ",Lulus,,").write(toFile: path, atomically: true, encoding: .utf8)
        let report = try Verify.run(wave: 7, context: env.context())
        #expect(!report.matches)
        #expect(report.differences.count == 1)
        #expect(report.differences[0].hasPrefix("outcomes.csv: SHA-256 "))
    }

    @Test func aTamperedDatabaseIsFound() throws {
        let env = try TestEnvironment()
        try wave(env)
        let queue = try DatabaseQueue(path: env.dbPath)
        try queue.write { db in
            try db.execute(sql: "UPDATE outcomes SET lottery_rank = 9 - lottery_rank WHERE wave = 7 AND lottery_rank IS NOT NULL")
        }
        try queue.close()
        let report = try Verify.run(wave: 7, context: env.context())
        #expect(report.differences.contains { $0.contains("lottery_rank") })
        #expect(report.differences.contains { $0.hasPrefix("outcomes.csv: the stored results give SHA-256") })
    }

    @Test func unknownAndImportedWaves() throws {
        let env = try TestEnvironment()
        try wave(env)
        let unknown = #expect(throws: PrakerjaError.self) { try Verify.run(wave: 3, context: env.context()) }
        #expect(unknown?.exitCode == 66)
        let missing = #expect(throws: PrakerjaError.self) {
            try Verify.run(wave: 7, context: Lifecycle.context(env, named: "absent"))
        }
        #expect(missing?.exitCode == 66)
    }

    @Test func theLedgerListsCommandsThatChangedTheDatabase() throws {
        let env = try TestEnvironment()
        try wave(env)
        _ = try Publish.run(wave: 7, on: nil, context: env.context())
        _ = try Publish.run(wave: 7, on: nil, context: env.context())
        _ = try Sweep.run(asOf: Lifecycle.date("2021-12-01"), context: env.context())
        let entries = try Runs.run(context: env.context())
        #expect(entries.map(\.command) == ["run 7", "publish 7", "sweep 2021-12-01"])
        #expect(entries[2].counts["dicabut"] == 5)
        #expect(Runs.json(entries).contains("\"config_sha256\""))
        #expect(Runs.text(entries).split(separator: "\n").count == 3)
    }
}
