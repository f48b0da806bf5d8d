import Foundation
import Testing

@testable import PrakerjaKit

/// The lifecycle commands through the built binary: stdout, stderr, exit codes.
@Suite struct LifecycleCommandLineTests {
    static var binary: String? { CLI.binary }

    func run(_ args: [String], in dir: String) throws -> CLI.Result {
        try CLI.run(args, in: dir, env: ["PRAKERJA_CARD_KEY": "cli-lifecycle"])
    }

    @Test(.enabled(if: binary != nil)) func lifecycleCommandsAndTheirExitCodes() throws {
        let env = try TestEnvironment()
        _ = try Lifecycle.smallWave(3, quota: 3).write(in: env)
        let root = env.root

        let missing = try run(["history", Lifecycle.nik(1)], in: root)
        #expect(missing.status == 66 && missing.stderr.hasPrefix("prakerja: "))
        #expect(try run(["runs"], in: root).status == 66)

        let nightly = try run(["nightly", "data", "--as-of", "2021-11-02"], in: root)
        #expect(nightly.status == 0, "\(nightly.stderr)")
        #expect(
            nightly.stdout
                == "nightly 2021-11-02: due 2021-10-28..2021-11-02 (6 days); ran wave 7; published wave 7; 0 Dicabut (hangus Rp0)\n")
        let quiet = try run(["nightly", "data", "--as-of", "2021-11-02", "--quiet"], in: root)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)

        let publish = try run(["publish", "--wave", "7"], in: root)
        #expect(publish.status == 0 && publish.stdout.contains("already published on 2021-11-01"))
        #expect(try run(["publish", "--wave", "9"], in: root).status == 66)
        #expect(try run(["publish", "--wave", "7", "--on", "1 Nov"], in: root).status == 64)

        let sweep = try run(["sweep", "--as-of", "2021-12-01"], in: root)
        #expect(sweep.status == 0 && sweep.stdout == "sweep 2021-12-01: 3 Dicabut, hangus Rp3.000.000\n")

        let history = try run(["history", Lifecycle.nik(1), "--json"], in: root)
        #expect(history.status == 0 && history.stdout.hasPrefix("[{") && history.stdout.contains("\"status\":\"Dicabut\""))
        #expect(try run(["history", "320101"], in: root).status == 64)
        let none = try run(["history", Lifecycle.nik(77), "--json"], in: root)
        #expect(none.status == 0 && none.stdout == "[]\n")

        #expect(try run(["verify", "--wave", "7"], in: root).status == 0)
        let outcomes = root + "/out/waves/7/outcomes.csv"
        try (try String(contentsOfFile: outcomes, encoding: .utf8) + "X,,,,,,,,,,\n").write(
            toFile: outcomes, atomically: true, encoding: .utf8)
        let tampered = try run(["verify", "--wave", "7"], in: root)
        #expect(tampered.status == 65)
        #expect(tampered.stdout.hasPrefix("outcomes.csv: SHA-256 ") && tampered.stdout.split(separator: "\n").count == 1)
        #expect(tampered.stderr == "prakerja: wave 7: 1 difference(s) found\n")

        let runs = try run(["runs", "--json"], in: root)
        #expect(runs.status == 0 && runs.stdout.hasPrefix("[{") && runs.stdout.contains("\"command\":\"sweep 2021-12-01\""))

        try env.write(Lifecycle.purchases(["O1,Tokopedia,\(Lifecycle.luhn("500000000000001")),T,2021-11-02T10:00:00,1"]), to: "p.csv")
        let purchases = try run(["purchases", "p.csv"], in: root)
        #expect(purchases.status == 0 && purchases.stdout.contains("1 pending"))
        #expect(try run(["purchases", "absent.csv"], in: root).status == 66)
    }
}
