import Foundation
import Testing

@testable import PrakerjaKit

/// The public conformance pack: legacy participants and one wave with the outcomes, rejected rows
/// and NIK flags the contract implies, reproduced exactly.
@Suite struct ConformanceTests {
    @Test func reproducesTheConformancePack() throws {
        let env = try TestEnvironment()
        let pack = try env.copyFixture("conformance")
        _ = try ImportParticipants.run(files: [pack + "/data/participants.csv"], context: env.context())
        _ = try WaveRun.run(waveDir: pack + "/data/waves/4", context: env.context())

        let expected = TestCSV.parse(try String(contentsOfFile: pack + "/expected/waves/4/outcomes.csv", encoding: .utf8))
        let got = Dictionary(uniqueKeysWithValues: try env.csv("waves/4/outcomes.csv").map { ($0["registration_id"]!, $0) })
        #expect(got.count == expected.count)
        for e in expected {
            let id = e["registration_id"]!
            let g = try #require(got[id], "missing outcome \(id)")
            for column in ["status", "reason", "reasons", "tier", "lottery_rank"] {
                #expect(g[column] == e[column], "\(id) \(column)")
            }
            if ["invalid_data", "other_program", "shared_contact"].contains(e["reason"]!) {
                #expect(g["detail"] == e["detail"], "\(id) detail")
            }
        }
        let rejected = try env.csv("waves/4/rejected_rows.csv").map { "\($0["file"]!),\($0["line"]!),\($0["reason"]!)" }
        let expectedRejected = TestCSV.parse(try String(contentsOfFile: pack + "/expected/waves/4/rejected_rows.csv", encoding: .utf8))
            .map { "\($0["file"]!),\($0["line"]!),\($0["reason"]!)" }
        #expect(rejected == expectedRejected)
        let flags = try env.csv("waves/4/review.csv").filter { $0["item"]!.hasPrefix("nik_") }.map {
            "\($0["item"]!),\($0["registration_id"]!)"
        }
        let expectedFlags = TestCSV.parse(try String(contentsOfFile: pack + "/expected/waves/4/review-nik-flags.csv", encoding: .utf8))
            .map { "\($0["item"]!),\($0["registration_id"]!)" }
        #expect(flags.sorted() == expectedFlags.sorted())
    }
}
