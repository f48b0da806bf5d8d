import Foundation
import Testing

@testable import PrakerjaKit

/// Properties of `run` on seeded random waves mixing valid rows, invalid fields and broken CSV:
/// every row is accounted for, every Lulus holds a unique Luhn-valid card, and the outputs do not
/// depend on `--jobs`.
@Suite struct WaveRunPropertyTests {
    /// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
    }

    static func randomRows(seed: UInt64, count: Int) -> [String] {
        var r = Random(state: seed)
        var rows: [String] = []
        for i in 0..<count {
            let serial = String(format: "%04d", 1 + r.int(40))  // few serials: duplicates of NIK happen
            let female = r.int(2) == 0
            let day = 1 + r.int(28)
            let nik =
                r.pick(["32", "33", "00", "35"]) + "0101" + String(format: "%02d", day + (female ? 40 : 0)) + "0" + String(1 + r.int(9))
                + "9" + String(r.int(10)) + serial
            let birth = String(format: "19%02d-%02d-%02d", 50 + r.int(50), 1 + r.int(12), day)
            let id = r.int(30) == 0 ? "" : (r.int(40) == 0 ? "R\(r.int(5))" : "R\(i)")
            let kk = "32010100000000" + String(format: "%02d", r.int(60))
            let name = r.pick(["SITI AMINAH", "BUDI SANTOSO", "I WAYAN SUDARSANA", "MUHAMMAD RIZKI", "DEWI 99", "Hj. NUR"])
            let phone = r.pick(["0812" + String(10_000_000 + r.int(80_000_000)), "+62 813-1111-2222", "12345"])
            let email = r.pick(["u\(r.int(500))@mail.co.id", "bad@", "X\(r.int(50))@MAIL.COM"])
            let occupation = r.pick(["job_seeker", "worker", "laid_off", "micro_business", "student", "astronaut"])
            let at = r.pick(["2021-10-26T10:00:00", "2021-10-26T03:00:00Z", "2021-10-27T23:59:59+07:00", "yesterday"])
            var row = [id, nik, kk, name, birth, r.pick(["L", "P", "x"]), email, phone, r.pick(["32", "33", "99"]), occupation, at].joined(
                separator: ",")
            switch r.int(25) {
            case 0: row += ",extra"
            case 1: row = "\"broken\"x," + row
            case 2: row = row.replacingOccurrences(of: nik, with: String(nik.prefix(15)))
            default: break
            }
            rows.append(row)
        }
        return rows
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func everyRowIsAccountedForAndOutputsDoNotDependOnJobs(seed: UInt64) throws {
        let env = try TestEnvironment()
        var wave = WaveBuilder()
        wave.quota = 40
        wave.rows = Self.randomRows(seed: seed, count: 300)
        let dir = try wave.write(in: env)
        try (try String(contentsOfFile: dir + "/wave.toml", encoding: .utf8) + "\n[rules]\nmax_reject_share = 1.0\n")
            .write(toFile: dir + "/wave.toml", atomically: true, encoding: .utf8)

        var outputs: [[String: Data]] = []
        for jobs in [1, 3] {
            let summary = try WaveRun.run(waveDir: dir, context: env.context(jobs: jobs))
            #expect(summary.rowsRead == 300)
            #expect(summary.rejected > 0 && summary.lulus > 0 && summary.gagal > 0, "the random wave should mix every kind of row")
            #expect(summary.rowsRead == summary.outcomes + summary.rejected)
            let outcomes = try env.csv("waves/7/outcomes.csv")
            let rejected = try env.csv("waves/7/rejected_rows.csv")
            #expect(outcomes.count + rejected.count == 300)
            #expect(Set(outcomes.map { $0["registration_id"]! }).count == outcomes.count)
            #expect(outcomes.filter { $0["status"] == "Lulus" }.count <= 40)
            var files: [String: Data] = [:]
            for name in ["outcomes.csv", "rejected_rows.csv", "review.csv", "summary.csv", "fairness.csv"] {
                files[name] = FileManager.default.contents(atPath: env.outDir + "/waves/7/" + name)
            }
            outputs.append(files)
        }
        #expect(outputs[0] == outputs[1])
        let store = try Store.openForReading(path: env.dbPath)
        let cards = try store.read { db in
            try Int64.fetchAll(db, sql: "SELECT card_number FROM outcomes WHERE wave = 7 AND status = 'Lulus'")
        }
        #expect(Set(cards).count == cards.count)
        #expect(cards.allSatisfy { CardNumberGenerator.isLuhnValid(UInt64($0)) && $0 >= 1_000_000_000_000_000 })
    }
}
