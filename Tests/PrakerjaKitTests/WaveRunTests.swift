import Foundation
import Testing

@testable import PrakerjaKit

/// End-to-end behaviour of `prakerja run` through the library: rules, draw, cards, reruns and refusals.
@Suite struct WaveRunTests {
    /// NIK for a woman born 1990-01-01 in Jawa Barat with the given serial.
    static func nik(_ serial: Int, female: Bool = true, province: String = "32") -> String {
        province + "0101" + (female ? "41" : "01") + "0190" + String(format: "%04d", serial)
    }

    func outcomes(_ env: TestEnvironment, wave: Int = 7) throws -> [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: try env.csv("waves/\(wave)/outcomes.csv").map { ($0["registration_id"]!, $0) })
    }

    @Test func duplicateRegistrationKeepsTheEarliestInstant() throws {
        let env = try TestEnvironment()
        var wave = WaveBuilder()
        let n = Self.nik(1)
        wave.rows = [
            WaveBuilder.row("A", nik: n, at: "2021-10-26T03:00:00Z"),  // 10:00 WIB
            WaveBuilder.row("B", nik: n, kk: "3201010000000002", at: "2021-10-26T09:30:00+07:00"),  // 09:30 WIB: earliest
            WaveBuilder.row("C", nik: n, at: "2021-10-26T09:45:00"),  // 09:45 WIB
            WaveBuilder.row("D", nik: Self.nik(2), at: "2021-10-26T10:00:00"),
            WaveBuilder.row("E", nik: Self.nik(2), at: "2021-10-26T03:00:00.000Z"),  // same instant: smaller id D kept
            WaveBuilder.row("F", nik: Self.nik(3), at: "not a time"),
            WaveBuilder.row("G", nik: Self.nik(3), kk: "3201010000000003", at: "2021-10-27T23:00:00"),  // unparsable sorts last: G kept
        ]
        _ = try WaveRun.run(waveDir: try wave.write(in: env), context: env.context())
        let o = try outcomes(env)
        #expect(o["B"]?["status"] == "Lulus")
        for id in ["A", "C", "E", "F"] {
            #expect(o[id]?["reason"] == "duplicate_registration", "\(id)")
            #expect(o[id]?["reasons"] == "duplicate_registration")
        }
        #expect(o["D"]?["status"] == "Lulus")
        #expect(o["G"]?["status"] == "Lulus")
    }

    @Test func invalidDataNamesTheFirstInvalidFieldAndListsEveryFailingCheck() throws {
        let env = try TestEnvironment()
        var wave = WaveBuilder()
        wave.rows = [
            WaveBuilder.row("A", nik: Self.nik(1), name: "SITI 2", email: "bad", occupation: "student"),
            WaveBuilder.row("B", nik: "3201017213900001"),  // month 13: invalid structure
            WaveBuilder.row("C", nik: Self.nik(3), birth: "2010-01-01", occupation: "Civil_Servant"),
            WaveBuilder.row("D", nik: Self.nik(4), birth: "30-02-1990"),
            WaveBuilder.row("E", nik: Self.nik(5), phone: "+62 812-3456-7890"),
            WaveBuilder.row("F", nik: Self.nik(6), phone: "0812 3456 7890"),  // same number, other NIK
            WaveBuilder.row("G bad id", nik: Self.nik(7)),
        ]
        _ = try WaveRun.run(waveDir: try wave.write(in: env), context: env.context())
        let o = try outcomes(env)
        #expect(o["A"]?["reason"] == "invalid_data")
        #expect(o["A"]?["detail"] == "full_name")
        #expect(o["A"]?["reasons"] == "invalid_data;excluded_occupation")
        #expect(o["B"]?["reason"] == "invalid_nik_structure")
        #expect(o["C"]?["reasons"] == "age_out_of_range;excluded_occupation")
        #expect(o["C"]?["detail"] == "")
        #expect(o["D"]?["detail"] == "birth_date")
        #expect(o["E"]?["status"] == "Lulus")
        #expect(o["F"]?["reason"] == "shared_contact")
        #expect(o["F"]?["detail"] == "phone")
        #expect(o["G bad id"]?["detail"] == "registration_id")
    }

    @Test func historyChecksFamilyLimitAndRecycledQuota() throws {
        let env = try TestEnvironment()
        // Legacy: KK 3201010000000009 has two current participants; one Dicabut in wave 2.
        try env.write(
            """
            nik,kk,wave,status,card_number,notice_date,phone,email
            \(Self.nik(101)),3201010000000009,1,Lulus,\(Self.luhn("400000000000001")),2021-03-01,,
            \(Self.nik(102)),3201010000000009,1,Lulus,\(Self.luhn("400000000000002")),2021-03-01,,owner@example.com
            \(Self.nik(103)),3201010000000010,2,Dicabut,\(Self.luhn("400000000000003")),2021-04-01,,
            \(Self.nik(104)),3201010000000011,2,Lulus,\(Self.luhn("400000000000004")),2021-04-01,,

            """, to: "participants.csv")
        _ = try ImportParticipants.run(files: [env.root + "/participants.csv"], context: env.context())
        var wave = WaveBuilder()
        wave.quota = 0
        wave.extraTOML = "recycle_revoked_from = [2]"
        wave.rows = [
            WaveBuilder.row("A", nik: Self.nik(1), kk: "3201010000000009"),
            WaveBuilder.row("B", nik: Self.nik(103)),
            WaveBuilder.row("C", nik: Self.nik(104)),
            WaveBuilder.row("D", nik: Self.nik(4), email: "OWNER@example.com"),
            WaveBuilder.row("E", nik: Self.nik(5), kk: "3201010000000010"),
        ]
        _ = try WaveRun.run(waveDir: try wave.write(in: env), context: env.context())
        let o = try outcomes(env)
        #expect(o["A"]?["reason"] == "family_limit")
        #expect(o["B"]?["reason"] == "revoked")
        #expect(o["C"]?["reason"] == "already_participant")
        #expect(o["D"]?["reason"] == "shared_contact")
        #expect(o["D"]?["detail"] == "email")
        // quota 0 + one recycled Dicabut place.
        #expect(o["E"]?["status"] == "Lulus")
    }

    @Test func provinceQuotaIsExhaustedAndUnlistedProvincesGetNothing() throws {
        let env = try TestEnvironment()
        var wave = WaveBuilder()
        wave.extraTOML = "[province_quota]\n\"32\" = 1"
        wave.rows = [
            WaveBuilder.row("A", nik: Self.nik(1)),
            WaveBuilder.row("B", nik: Self.nik(2)),
            WaveBuilder.row("C", nik: Self.nik(3), kk: "3301010000000001", province: "33"),
        ]
        _ = try WaveRun.run(waveDir: try wave.write(in: env), context: env.context())
        let o = try outcomes(env)
        #expect(o.values.filter { $0["status"] == "Lulus" }.count == 1)
        #expect(o.values.filter { $0["reason"] == "quota_full" }.count == 2)
        #expect(o["C"]?["reason"] == "quota_full")
    }

    @Test func familyLimitWithinTheWaveFollowsLotteryRank() throws {
        let env = try TestEnvironment()
        var wave = WaveBuilder()
        wave.rows = (1...4).map { WaveBuilder.row("R\($0)", nik: Self.nik($0)) }  // one KK, limit 2
        _ = try WaveRun.run(waveDir: try wave.write(in: env), context: env.context())
        let o = try outcomes(env).values.sorted { Int($0["lottery_rank"]!)! < Int($1["lottery_rank"]!)! }
        #expect(o.map { $0["status"]! } == ["Lulus", "Lulus", "Gagal", "Gagal"])
        #expect(o.suffix(2).allSatisfy { $0["reason"] == "family_limit" })
    }

    @Test func rerunIsByteIdenticalForAnyJobsAndKeepsCards() throws {
        let env = try TestEnvironment()
        let pack = try env.copyFixture("conformance")
        _ = try ImportParticipants.run(files: [pack + "/data/participants.csv"], context: env.context())
        var snapshots: [[String: Data]] = []
        for jobs in [1, 2, 5] {
            _ = try WaveRun.run(waveDir: pack + "/data/waves/4", context: env.context(jobs: jobs))
            var files: [String: Data] = [:]
            for name in ["outcomes.csv", "rejected_rows.csv", "review.csv", "summary.csv", "fairness.csv"] {
                files[name] = FileManager.default.contents(atPath: env.outDir + "/waves/4/" + name)
            }
            snapshots.append(files)
        }
        #expect(snapshots[0] == snapshots[1])
        #expect(snapshots[0] == snapshots[2])
        let store = try Store.openForReading(path: env.dbPath)
        let cards = try store.read { db in try Int64.fetchAll(db, sql: "SELECT card_number FROM outcomes WHERE card_number IS NOT NULL") }
        #expect(Set(cards).count == cards.count)
        #expect(cards.allSatisfy { CardNumberGenerator.isLuhnValid(UInt64($0)) && $0 >= 1_000_000_000_000_000 })
    }

    @Test func rowsReadEqualOutcomesPlusRejected() throws {
        let env = try TestEnvironment()
        let pack = try env.copyFixture("conformance")
        let summary = try WaveRun.run(waveDir: pack + "/data/waves/4", context: env.context())
        #expect(summary.rowsRead == summary.outcomes + summary.rejected)
        for file in summary.files { #expect(file.rows == (file.outcomes ?? -1) + file.rejected) }
        #expect(try env.csv("waves/4/outcomes.csv").count == summary.outcomes)
        #expect(try env.csv("waves/4/rejected_rows.csv").count == summary.rejected)
    }

    @Test func tooManyRejectedRowsWritesOnlyRejectedRowsAndNoDatabase() throws {
        let env = try TestEnvironment()
        var wave = WaveBuilder()
        wave.rows = [WaveBuilder.row("A", nik: "123"), WaveBuilder.row("B", nik: Self.nik(2))]
        let dir = try wave.write(in: env)
        #expect(throws: PrakerjaError.self) { try WaveRun.run(waveDir: dir, context: env.context()) }
        #expect(FileManager.default.fileExists(atPath: env.outDir + "/waves/7/rejected_rows.csv"))
        #expect(!FileManager.default.fileExists(atPath: env.outDir + "/waves/7/outcomes.csv"))
        #expect(!FileManager.default.fileExists(atPath: env.dbPath))
    }

    @Test func exitCodesOfBadConfigurationAndMissingInput() throws {
        let env = try TestEnvironment()
        var wave = WaveBuilder()
        wave.extraTOML = "quota_typo = 3"
        let dir = try wave.write(in: env)
        do {
            _ = try WaveRun.run(waveDir: dir, context: env.context())
            Issue.record("expected a config error")
        } catch let error as PrakerjaError {
            #expect(error.exitCode == 78)
            #expect(error.description.contains("quota_typo"))
        }
        #expect(!FileManager.default.fileExists(atPath: env.dbPath))

        wave.extraTOML = ""
        let dir2 = try wave.write(in: env, folder: "other")
        try FileManager.default.removeItem(atPath: dir2 + "/registrants/a.csv")
        #expect(throws: PrakerjaError.missingInput("\(dir2)/registrants: no *.csv registrant files")) {
            try WaveRun.run(waveDir: dir2, context: env.context())
        }
    }

    @Test func missingColumnIsAFileLevelError() throws {
        let env = try TestEnvironment()
        var wave = WaveBuilder()
        wave.header = "registration_id,nik,kk,full_name,birth_date,gender,email,phone,province_code,occupation"
        wave.rows = ["A,\(Self.nik(1)),3201010000000001,SITI,1990-01-01,P,a@b.co,08123456789,32,worker"]
        let dir = try wave.write(in: env)
        do {
            _ = try WaveRun.run(waveDir: dir, context: env.context())
            Issue.record("expected an error")
        } catch let error as PrakerjaError {
            #expect(error.exitCode == 65)
            #expect(error.description.contains("registered_at"))
            #expect(error.description.contains("registrants/a.csv"))
        }
        #expect(!FileManager.default.fileExists(atPath: env.dbPath))
    }

    @Test func aDifferentCardKeyIsRefused() throws {
        let env = try TestEnvironment()
        var wave = WaveBuilder()
        wave.rows = [WaveBuilder.row("A", nik: Self.nik(1))]
        let dir = try wave.write(in: env)
        _ = try WaveRun.run(waveDir: dir, context: env.context(key: "one"))
        do {
            _ = try WaveRun.run(waveDir: dir, context: env.context(key: "two"))
            Issue.record("expected a config error")
        } catch let error as PrakerjaError {
            #expect(error.exitCode == 78)
        }
        var empty = env.context()
        empty.cardKey = .environment("")
        #expect(throws: PrakerjaError.config("PRAKERJA_CARD_KEY: card key: must not be empty")) {
            try WaveRun.run(waveDir: dir, context: empty)
        }
    }

    @Test func importedWaveCannotBeRunAndClashingImportsAreRefused() throws {
        let env = try TestEnvironment()
        let card = Self.luhn("400000000000001")
        try env.write(
            "nik,kk,wave,status,card_number,notice_date,phone,email\n\(Self.nik(1)),3201010000000009,1,Lulus,\(card),2021-03-01,,\n",
            to: "p1.csv")
        try env.write(
            "nik,kk,wave,status,card_number,notice_date,phone,email\n\(Self.nik(2)),3201010000000009,1,Lulus,\(card),2021-03-01,,\n",
            to: "p2.csv")
        _ = try ImportParticipants.run(files: [env.root + "/p1.csv"], context: env.context())
        #expect(throws: PrakerjaError.badInput("\(env.root)/p2.csv: line 2: card_number: clashes with a card already issued")) {
            try ImportParticipants.run(files: [env.root + "/p2.csv"], context: env.context())
        }
        // The same file again is skipped, not imported twice.
        let again = try ImportParticipants.run(files: [env.root + "/p1.csv"], context: env.context())
        #expect(again.participants == 0)
        var wave = WaveBuilder()
        wave.wave = 1
        wave.rows = [WaveBuilder.row("A", nik: Self.nik(3))]
        let dir = try wave.write(in: env)
        #expect(throws: PrakerjaError.self) { try WaveRun.run(waveDir: dir, context: env.context()) }
    }

    /// Appends the Luhn digit to a 15-digit payload.
    static func luhn(_ payload: String) -> String {
        payload + String(CardNumberGenerator.luhnDigit(payload: UInt64(payload)!))
    }
}
