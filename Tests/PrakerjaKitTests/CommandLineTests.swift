import Foundation
import GRDB
import Testing

@testable import PrakerjaKit

/// Runs the built `prakerja` binary: stdout, stderr and exit codes as an operator sees them.
@Suite struct CommandLineTests {
    static var binary: String? { CLI.binary }

    func run(_ args: [String], in dir: String, env: [String: String] = ["PRAKERJA_CARD_KEY": "cli-test"]) throws -> CLI.Result {
        try CLI.run(args, in: dir, env: env)
    }

    @Test(.enabled(if: binary != nil)) func runPrintsTheAccountingAndWritesDefaults() throws {
        let env = try TestEnvironment()
        let pack = try env.copyFixture("conformance")
        let imported = try run(["import-participants", pack + "/data/participants.csv"], in: env.root)
        #expect(imported.status == 0)
        let r = try run(["run", pack + "/data/waves/4"], in: env.root)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("wave 4: 1260 rows read = 1255 outcomes + 5 rejected;"))
        #expect(FileManager.default.fileExists(atPath: env.root + "/prakerja.sqlite"))
        #expect(FileManager.default.fileExists(atPath: env.root + "/out/waves/4/outcomes.csv"))
        let attributes = try FileManager.default.attributesOfItem(atPath: env.root + "/prakerja.sqlite")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let quiet = try run(["run", pack + "/data/waves/4", "--quiet"], in: env.root)
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty)
    }

    /// `--log-format json` gives one object a line on stderr, with every phase of the run in order.
    @Test(.enabled(if: binary != nil)) func theJSONLogTimesEveryPhase() throws {
        let env = try TestEnvironment()
        let pack = try env.copyFixture("conformance")
        let r = try run(["run", pack + "/data/waves/4", "--log-format", "json"], in: env.root)
        #expect(r.status == 0, "\(r.stderr)")
        let objects = try r.stderr.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        let phases = objects.compactMap { $0["phase"] as? String }
        #expect(phases == ["ingest", "history", "checks", "draw", "cards", "outcomes", "store and reports", "commit"])
        for object in objects where object["phase"] != nil {
            #expect(Double(object["seconds"] as? String ?? "") != nil && Double(object["cpu_seconds"] as? String ?? "") != nil)
        }
    }

    @Test(.enabled(if: binary != nil)) func errorsAreOneLineWithTheirExitCode() throws {
        let env = try TestEnvironment()
        let missing = try run(["run", env.root + "/nowhere/waves/3"], in: env.root)
        #expect(missing.status == 66)
        #expect(missing.stderr.split(separator: "\n").count == 1)
        let usage = try run(["run", "x", "--jobs", "0"], in: env.root)
        #expect(usage.status == 64)

        var wave = WaveBuilder()
        wave.wave = 3
        wave.rows = [WaveBuilder.row("A", nik: "3201014101900001")]
        let dir = try wave.write(in: env)
        try "wave = 4\nopens = 2021-10-25\ncloses = 2021-10-27\nannounce = 2021-11-01\nseed = \"s\"\nquota = 1\n".write(
            toFile: dir + "/wave.toml", atomically: true, encoding: .utf8)
        let config = try run(["run", dir], in: env.root)
        #expect(config.status == 78)
        #expect(config.stderr.contains("wave.toml: wave:"))
        #expect(!FileManager.default.fileExists(atPath: env.root + "/prakerja.sqlite"))
    }

    @Test(.enabled(if: binary != nil)) func aSecondWriterIsToldTheDatabaseIsBusy() throws {
        let env = try TestEnvironment()
        var wave = WaveBuilder()
        wave.rows = [WaveBuilder.row("A", nik: "3201014101900001")]
        let dir = try wave.write(in: env)
        #expect(try run(["run", dir], in: env.root).status == 0)
        // Any SQLite client holding the write lock makes a writing command give up at once.
        let other = try DatabaseQueue(path: env.root + "/prakerja.sqlite")
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let start = Date()
            let busy = try run(["run", dir], in: env.root)
            #expect(busy.status == 75)
            #expect(busy.stderr.contains("database busy"))
            #expect(Date().timeIntervalSince(start) < 5)
            try db.execute(sql: "ROLLBACK")
        }
    }
}
