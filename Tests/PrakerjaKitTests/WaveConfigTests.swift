import Foundation
import Testing

@testable import PrakerjaKit

/// The example of §3, verbatim.
private let specExample = """
    wave = 22                      # required; must equal the folder name
    opens = 2021-10-25             # required; TOML local dates; opens <= closes <= announce
    closes = 2021-10-27            # required; ages are computed on this date
    announce = 2021-11-01          # required; the default notice date
    seed = "2021-10-28 IDX close 6,551.39"   # required, non-empty: public lottery seed, fixed after the wave closes
    quota = 46000                  # required, >= 0: total Lulus places
    recycle_revoked_from = [18, 19, 20, 21]  # optional: earlier waves; adds their current Dicabut count to quota

    [province_quota]               # optional; when present a province not listed has quota 0
    "31" = 5000
    "32" = 9000

    [rules]                        # all optional; defaults shown
    min_age = 18
    max_age = 64                   # 0 = no upper limit
    family_limit = 2               # max current participants per KK
    purchase_days = 30             # deadline = notice date + (purchase_days - 1), on time until 23:59:59 WIB
    training_fund = 1000000        # rupiah per participant
    excluded_occupations = ["student", "civil_servant", "military", "police",
                            "village_official", "legislator", "soe_executive"]
    max_reject_share = 0.20        # abort when rejected rows / data rows > this
    fuzzy_threshold = 0.90         # possible_same_person score cut (0..1), see §7.2

    [priority]                     # tier per occupation, lower is drawn first; when the table is absent these
    laid_off = 1                   # four lines are the default; an eligible occupation not in the table gets
    micro_business = 2             # the highest tier number + 1
    job_seeker = 2
    worker = 3
    """

/// The smallest valid file; `extra` is appended (tables go last).
private func minimal(
    _ extra: String = "", wave: String = "22", opens: String = "2021-10-25",
    closes: String = "2021-10-27", announce: String = "2021-11-01",
    seed: String = "\"seed\"", quota: String = "100", omit: String? = nil
) -> String {
    let lines = [
        ("wave", wave), ("opens", opens), ("closes", closes), ("announce", announce), ("seed", seed),
        ("quota", quota),
    ]
    return lines.filter { $0.0 != omit }.map { "\($0.0) = \($0.1)" }.joined(separator: "\n") + "\n" + extra
}

private let path = "waves/22/wave.toml"

private func date(_ s: String) -> CivilDate { CivilDate.parseISO(s)! }

/// The message of the config error, or nil when the file is accepted.
private func configError(_ toml: String, folder: String = "22") -> String? {
    do {
        _ = try WaveConfig.parse(toml: toml, displayPath: path, folderName: folder)
        return nil
    } catch let PrakerjaError.config(message) {
        return message
    } catch {
        return "unexpected error \(error)"
    }
}

@Suite("WaveConfig")
struct WaveConfigTests {
    @Test func specExampleParses() throws {
        let c = try WaveConfig.parse(toml: specExample, displayPath: path, folderName: "22")
        #expect(c.wave == 22)
        #expect(c.opens == date("2021-10-25"))
        #expect(c.closes == date("2021-10-27"))
        #expect(c.announce == date("2021-11-01"))
        #expect(c.seed == "2021-10-28 IDX close 6,551.39")
        #expect(c.quota == 46000)
        #expect(c.recycleRevokedFrom == [18, 19, 20, 21])
        #expect(c.provinceQuota == ["31": 5000, "32": 9000])
        #expect(c.provinceQuota(for: "31") == 5000)
        #expect(c.provinceQuota(for: "33") == 0)
        #expect(c.rules == WaveConfig.Rules())
        #expect(c.priority == WaveConfig.defaultPriority)
        #expect(c.purchaseDeadline(notice: c.announce) == date("2021-11-30"))
    }

    @Test func defaults() throws {
        let c = try WaveConfig.parse(toml: minimal(), displayPath: path, folderName: "22")
        #expect(c.recycleRevokedFrom == [])
        #expect(c.provinceQuota == nil)
        #expect(c.provinceQuota(for: "31") == nil)
        let r = c.rules
        #expect(r.minAge == 18)
        #expect(r.maxAge == 64)
        #expect(r.familyLimit == 2)
        #expect(r.purchaseDays == 30)
        #expect(r.trainingFund == 1_000_000)
        #expect(r.excludedOccupations == [.student, .civilServant, .military, .police, .villageOfficial, .legislator, .soeExecutive])
        #expect(r.maxRejectShare == 0.20)
        #expect(r.fuzzyThreshold == 0.90)
        #expect(c.priority == [.laidOff: 1, .microBusiness: 2, .jobSeeker: 2, .worker: 3])
        #expect(c.tier(of: .laidOff) == 1)
        #expect(c.tier(of: .jobSeeker) == 2)
        #expect(c.tier(of: .microBusiness) == 2)
        #expect(c.tier(of: .worker) == 3)
        #expect(c.tier(of: .student) == 4)  // not listed: highest + 1
        #expect(
            c
                == WaveConfig(
                    wave: 22, opens: date("2021-10-25"), closes: date("2021-10-27"),
                    announce: date("2021-11-01"), seed: "seed", quota: 100))
        #expect(r.isAgeInRange(18) && r.isAgeInRange(64) && !r.isAgeInRange(17) && !r.isAgeInRange(65))
        #expect(r.isExcluded(.police) && !r.isExcluded(.worker))
    }

    @Test func overrides() throws {
        let c = try WaveConfig.parse(
            toml: minimal(
                """
                recycle_revoked_from = [21, 3]
                [province_quota]
                96 = 0
                "11" = 7
                [rules]
                max_age = 0
                min_age = 21
                family_limit = 1
                purchase_days = 14
                training_fund = 3500000
                excluded_occupations = ["police", "police", "student"]
                max_reject_share = 1
                fuzzy_threshold = 0
                [priority]
                worker = 1
                job_seeker = 5
                """), displayPath: path, folderName: "22")
        #expect(c.recycleRevokedFrom == [21, 3])
        #expect(c.provinceQuota == ["96": 0, "11": 7])
        #expect(
            c.rules
                == WaveConfig.Rules(
                    minAge: 21, maxAge: 0, familyLimit: 1, purchaseDays: 14,
                    trainingFund: 3_500_000, excludedOccupations: [.police, .student],
                    maxRejectShare: 1, fuzzyThreshold: 0))
        #expect(c.rules.isAgeInRange(120) && !c.rules.isAgeInRange(20))
        #expect(c.priority == [.worker: 1, .jobSeeker: 5])
        #expect(c.tier(of: .laidOff) == 6)
        #expect(c.purchaseDeadline(notice: date("2021-11-01")) == date("2021-11-14"))
    }

    @Test func emptyTables() throws {
        let c = try WaveConfig.parse(
            toml: minimal("[province_quota]\n[rules]\nexcluded_occupations = []\n[priority]\n"),
            displayPath: path, folderName: "22")
        #expect(c.provinceQuota == [:])
        #expect(c.provinceQuota(for: "31") == 0)
        #expect(c.rules.excludedOccupations == [])
        #expect(c.priority == [:])
        for o in Occupation.allCases { #expect(c.tier(of: o) == 1) }
    }

    @Test func sameDaysAndOtherForms() throws {
        // opens == closes == announce is allowed; dotted keys and inline tables are plain TOML.
        let c = try WaveConfig.parse(
            toml: """
                wave = 1
                opens = 2021-10-25
                closes = 2021-10-25
                announce = 2021-10-25
                seed = "x"
                quota = 0
                rules.min_age = 0
                priority = { laid_off = 2 }
                """, displayPath: "w.toml", folderName: "1")
        #expect(c.quota == 0)
        #expect(c.rules.minAge == 0)
        #expect(c.priority == [.laidOff: 2])
        #expect(c.tier(of: .worker) == 3)
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let c = try WaveConfig.parse(toml: "\u{FEFF}" + minimal(), displayPath: path, folderName: "22")
        #expect(c.wave == 22)
    }

    static let errors: [(String, String, String)] = [
        // (toml, folder, message after "waves/22/wave.toml: ")
        (minimal("quata = 5\n"), "22", "quata: unknown key"),
        (minimal("[rules]\nmin_ag = 3\n"), "22", "rules.min_ag: unknown key"),
        (minimal("[rules]\n\"min age\" = 3\n"), "22", "rules.\"min age\": unknown key"),
        (minimal("[rules.extra]\nx = 1\n"), "22", "rules.extra: unknown key"),
        (minimal(omit: "wave"), "22", "wave: missing required key"),
        (minimal(wave: "\"22\""), "22", "wave: must be an integer"),
        (minimal(wave: "22.0"), "22", "wave: must be an integer"),
        (minimal(wave: "0"), "0", "wave: must be >= 1"),
        (minimal(wave: "-22"), "-22", "wave: must be >= 1"),
        (minimal(wave: "21"), "22", "wave: 21 differs from the folder name 22"),
        (minimal(), "022", "wave: 22 differs from the folder name 022"),
        (minimal(), "wave22", "wave: 22 differs from the folder name wave22"),
        (minimal(), "2 2", "wave: 22 differs from the folder name \"2 2\""),
        (minimal(omit: "opens"), "22", "opens: missing required key"),
        (minimal(opens: "\"2021-10-25\""), "22", "opens: must be a date (YYYY-MM-DD)"),
        (minimal(opens: "2021-10-25T00:00:00"), "22", "opens: must be a date (YYYY-MM-DD)"),
        (minimal(opens: "2021-10-25T00:00:00+07:00"), "22", "opens: must be a date (YYYY-MM-DD)"),
        (minimal(opens: "07:00:00"), "22", "opens: must be a date (YYYY-MM-DD)"),
        (minimal(opens: "20211025"), "22", "opens: must be a date (YYYY-MM-DD)"),
        (minimal(omit: "closes"), "22", "closes: missing required key"),
        (minimal(closes: "2021-10-24"), "22", "closes: must not be before opens"),
        (minimal(omit: "announce"), "22", "announce: missing required key"),
        (minimal(announce: "2021-10-26"), "22", "announce: must not be before closes"),
        (minimal(announce: "true"), "22", "announce: must be a date (YYYY-MM-DD)"),
        (minimal(omit: "seed"), "22", "seed: missing required key"),
        (minimal(seed: "\"\""), "22", "seed: must not be empty"),
        (minimal(seed: "\"  \""), "22", "seed: must not be empty"),
        (minimal(seed: "5"), "22", "seed: must be a string"),
        (minimal(omit: "quota"), "22", "quota: missing required key"),
        (minimal(quota: "-1"), "22", "quota: must be >= 0"),
        (minimal(quota: "1.5"), "22", "quota: must be an integer"),
        (minimal(quota: "\"100\""), "22", "quota: must be an integer"),
        (minimal(quota: "2000000000000"), "22", "quota: must be <= 1000000000000"),
        (minimal("recycle_revoked_from = 18\n"), "22", "recycle_revoked_from: must be an array of integers"),
        (minimal("recycle_revoked_from = [\"18\"]\n"), "22", "recycle_revoked_from: must be an array of integers"),
        (minimal("recycle_revoked_from = [18, 1.5]\n"), "22", "recycle_revoked_from: must be an array of integers"),
        (minimal("recycle_revoked_from = [0]\n"), "22", "recycle_revoked_from: 0 must be >= 1"),
        (minimal("recycle_revoked_from = [21, 22]\n"), "22", "recycle_revoked_from: 22 is not an earlier wave than 22"),
        (minimal("recycle_revoked_from = [23]\n"), "22", "recycle_revoked_from: 23 is not an earlier wave than 22"),
        (minimal("recycle_revoked_from = [18, 19, 18]\n"), "22", "recycle_revoked_from: 18 is listed twice"),
        (minimal("province_quota = 5\n"), "22", "province_quota: must be a table"),
        (minimal("[province_quota]\n\"99\" = 5\n"), "22", "province_quota.99: unknown province code"),
        (minimal("[province_quota]\n\"31\" = 1\n\"20\" = 5\n"), "22", "province_quota.20: unknown province code"),
        (minimal("[province_quota]\n\"031\" = 5\n"), "22", "province_quota.031: unknown province code"),
        (minimal("[province_quota]\nJakarta = 5\n"), "22", "province_quota.Jakarta: unknown province code"),
        (minimal("[province_quota]\n\"31\" = -1\n"), "22", "province_quota.31: must be >= 0"),
        (minimal("[province_quota]\n\"31\" = \"5\"\n"), "22", "province_quota.31: must be an integer"),
        (minimal("rules = 1\n"), "22", "rules: must be a table"),
        (minimal("[rules]\nmin_age = -1\n"), "22", "rules.min_age: must be >= 0"),
        (minimal("[rules]\nmin_age = \"18\"\n"), "22", "rules.min_age: must be an integer"),
        (minimal("[rules]\nmax_age = -1\n"), "22", "rules.max_age: must be >= 0"),
        (minimal("[rules]\nmax_age = 200\n"), "22", "rules.max_age: must be <= 150"),
        (minimal("[rules]\nmax_age = 17\n"), "22", "rules.max_age: must be 0 (no limit) or >= rules.min_age (18)"),
        (minimal("[rules]\nmin_age = 65\n"), "22", "rules.max_age: must be 0 (no limit) or >= rules.min_age (65)"),
        (minimal("[rules]\nfamily_limit = 0\n"), "22", "rules.family_limit: must be >= 1"),
        (minimal("[rules]\npurchase_days = 0\n"), "22", "rules.purchase_days: must be >= 1"),
        (minimal("[rules]\npurchase_days = 40000\n"), "22", "rules.purchase_days: must be <= 36500"),
        (minimal("[rules]\ntraining_fund = 0\n"), "22", "rules.training_fund: must be >= 1"),
        (minimal("[rules]\ntraining_fund = 1e6\n"), "22", "rules.training_fund: must be an integer"),
        (
            minimal("[rules]\nexcluded_occupations = \"student\"\n"), "22",
            "rules.excluded_occupations: must be an array of occupation names"
        ),
        (minimal("[rules]\nexcluded_occupations = [1]\n"), "22", "rules.excluded_occupations: must be an array of occupation names"),
        (
            minimal("[rules]\nexcluded_occupations = [\"student\", \"astronaut\"]\n"), "22",
            "rules.excluded_occupations: unknown occupation \"astronaut\""
        ),
        (minimal("[rules]\nexcluded_occupations = [\"Student\"]\n"), "22", "rules.excluded_occupations: unknown occupation \"Student\""),
        (minimal("[rules]\nmax_reject_share = 1.5\n"), "22", "rules.max_reject_share: must be between 0 and 1"),
        (minimal("[rules]\nmax_reject_share = 2\n"), "22", "rules.max_reject_share: must be between 0 and 1"),
        (minimal("[rules]\nmax_reject_share = nan\n"), "22", "rules.max_reject_share: must be between 0 and 1"),
        (minimal("[rules]\nmax_reject_share = \"0.2\"\n"), "22", "rules.max_reject_share: must be a number"),
        (minimal("[rules]\nfuzzy_threshold = -0.1\n"), "22", "rules.fuzzy_threshold: must be between 0 and 1"),
        (minimal("[rules]\nfuzzy_threshold = true\n"), "22", "rules.fuzzy_threshold: must be a number"),
        (minimal("priority = 1\n"), "22", "priority: must be a table"),
        (minimal("[priority]\nastronaut = 1\n"), "22", "priority.astronaut: unknown occupation"),
        (minimal("[priority]\nWorker = 1\n"), "22", "priority.Worker: unknown occupation"),
        (minimal("[priority]\nworker = 0\n"), "22", "priority.worker: must be >= 1"),
        (minimal("[priority]\nworker = 1.0\n"), "22", "priority.worker: must be an integer"),
        (minimal("[priority]\nworker = 2000000\n"), "22", "priority.worker: must be <= 1000000"),
    ]

    @Test(arguments: errors)
    func errorMessage(toml: String, folder: String, message: String) {
        #expect(configError(toml, folder: folder) == "waves/22/wave.toml: " + message)
    }

    static let orderCases: [(String, String)] = [
        // Unknown keys come first, in byte order, whatever the order in the file.
        (minimal("zeta = 1\nalpha = 2\n", quota: "-1"), "alpha: unknown key"),
        (minimal("[rules]\nmin_age = -1\n", wave: "21"), "wave: 21 differs from the folder name 22"),
        // Top-level scalars before tables, tables in the order province_quota, rules, priority.
        (minimal("[priority]\nastronaut = 1\n[rules]\nmin_ag = 1\n[province_quota]\n\"99\" = 1\n", quota: "-1"), "quota: must be >= 0"),
        (
            minimal("[priority]\nastronaut = 1\n[rules]\nmin_ag = 1\n[province_quota]\n\"99\" = 1\n"),
            "province_quota.99: unknown province code"
        ),
        (minimal("[priority]\nastronaut = 1\n[rules]\nfamily_limit = 0\nmin_ag = 1\n"), "rules.min_ag: unknown key"),
        (minimal("[priority]\nastronaut = 1\n[rules]\nfuzzy_threshold = 9\nfamily_limit = 0\n"), "rules.family_limit: must be >= 1"),
        (minimal("[priority]\nzz = 1\nastronaut = 1\n"), "priority.astronaut: unknown occupation"),
        (minimal(opens: "\"x\"", omit: "wave"), "wave: missing required key"),
        (minimal(closes: "2021-10-20", announce: "2021-10-01"), "closes: must not be before opens"),
    ]

    @Test(arguments: orderCases)
    func firstErrorIsDeterministic(toml: String, message: String) {
        #expect(configError(toml) == "waves/22/wave.toml: " + message)
    }

    @Test func syntaxErrorNamesTheLine() throws {
        let message = try #require(configError("wave = 22\nopens = \nquota = 1\n"))
        #expect(message.hasPrefix("waves/22/wave.toml: line 2: "))
        #expect(message.count > "waves/22/wave.toml: line 2: ".count)
        #expect(!message.contains("\n"))
        let duplicate = try #require(configError(minimal("quota = 5\n")))
        #expect(duplicate.hasPrefix("waves/22/wave.toml: line 7: "))
        let invalidDate = try #require(configError(minimal(opens: "2021-02-30")))
        #expect(invalidDate.hasPrefix("waves/22/wave.toml: line 2: "))
    }

    @Test func nulByteIsAnError() {
        #expect(configError(minimal() + "# x\u{0}y\n") == "waves/22/wave.toml: line 7: contains a NUL byte")
    }

    @Test func loadFromFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wavecfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("wave.toml")
        try Data(specExample.utf8).write(to: file)
        let c = try WaveConfig.load(path: file.path, displayPath: path, folderName: "22")
        #expect(c == (try WaveConfig.parse(toml: specExample, displayPath: path, folderName: "22")))

        #expect(throws: PrakerjaError.config("waves/22/wave.toml: wave: 22 differs from the folder name 23")) {
            try WaveConfig.load(path: file.path, displayPath: path, folderName: "23")
        }
        #expect(throws: PrakerjaError.missingInput("waves/22/wave.toml: not found")) {
            try WaveConfig.load(path: dir.appendingPathComponent("nope.toml").path, displayPath: path, folderName: "22")
        }
        #expect(throws: PrakerjaError.missingInput("waves/22/wave.toml: cannot be read")) {
            try WaveConfig.load(path: dir.path, displayPath: path, folderName: "22")
        }
        let latin1 = dir.appendingPathComponent("latin1.toml")
        try Data(minimal().utf8 + Array("seed2 = \"caf".utf8) + [0xE9] + Array("\"\n".utf8)).write(to: latin1)
        #expect(throws: PrakerjaError.config("waves/22/wave.toml: not valid UTF-8")) {
            try WaveConfig.load(path: latin1.path, displayPath: path, folderName: "22")
        }
    }

    @Test func errorsAreExit78() {
        do {
            _ = try WaveConfig.parse(toml: minimal(quota: "-1"), displayPath: path, folderName: "22")
            Issue.record("accepted")
        } catch let error as PrakerjaError {
            #expect(error.exitCode == 78)
        } catch {
            Issue.record("\(error)")
        }
    }
}
