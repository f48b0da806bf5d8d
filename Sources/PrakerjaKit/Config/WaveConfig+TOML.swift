import Foundation
import TOMLKit

/// Reading `wave.toml` (§3).
///
/// Every problem is one `PrakerjaError.config("<displayPath>: <key>: <reason>")` (exit 78), `key`
/// being the dotted path (`rules.min_age`, `province_quota.99`; a key that is not a bare TOML key is
/// written quoted, e.g. `rules."min age"`). Only the first problem is reported; the checks run in this
/// fixed order, so which one that is never depends on hashing or the parser:
///
///  1. the text: a NUL byte (`line N: contains a NUL byte`), then TOML syntax
///     (`line N: <TOMLKit's message>`, N = where the parser stopped); a UTF-8 BOM is allowed;
///  2. unknown top-level keys, in byte order of the key (`<key>: unknown key`);
///  3. `wave` (missing, type, ≥ 1, equal to the folder name), `opens`, `closes` (and
///     `closes >= opens`), `announce` (and `announce >= closes`), `seed` (a string with at least one
///     non-whitespace character; kept exactly as written), `quota`,
///     `recycle_revoked_from` (type, then each element in order: ≥ 1, below `wave`, not repeated);
///  4. `[province_quota]`: type, then its keys in byte order, each: province code, then value;
///  5. `[rules]`: type, its unknown keys in byte order, then `min_age`, `max_age` (and
///     `max_age == 0 || max_age >= min_age`), `family_limit`, `purchase_days`, `training_fund`,
///     `excluded_occupations` (type, then each element in order), `max_reject_share`, `fuzzy_threshold`;
///  6. `[priority]`: type, then its keys in byte order, each: occupation name, then value.
///
/// Reasons: `missing required key`, `unknown key`, `must be an integer`, `must be a date (YYYY-MM-DD)`
/// (strings, local date-times and offset date-times are refused), `must be a string`,
/// `must not be empty`, `must be a table`, `must be a number`, `must be an array of integers`,
/// `must be an array of occupation names`, `must be >= N`, `must be <= N`, `must be between 0 and 1`,
/// `unknown province code`, `unknown occupation`, `unknown occupation "x"`, and the cross-key ones
/// (`wave: 21 differs from the folder name 22`, `closes: must not be before opens`, …).
///
/// Integers also have upper bounds, so that no later sum or date arithmetic can overflow:
/// quotas ≤ 10^12, ages ≤ 150, `purchase_days` ≤ 36500, `training_fund` ≤ 10^11, tiers ≤ 10^6.
/// Occupation names in the config are the contract's lower-case names, matched exactly (the
/// case-insensitivity of §4.1 is for the CSV column). The folder name must be the wave number in
/// plain decimal (`22`, not `022`).
extension WaveConfig {
    /// The keys allowed at the top level, in check order.
    static let topLevelKeys: [String] = [
        "wave", "opens", "closes", "announce", "seed", "quota", "recycle_revoked_from",
        "province_quota", "rules", "priority",
    ]
    /// The keys allowed in `[rules]`, in check order.
    static let ruleKeys: [String] = [
        "min_age", "max_age", "family_limit", "purchase_days", "training_fund",
        "excluded_occupations", "max_reject_share", "fuzzy_threshold",
    ]

    static let maxQuota = 1_000_000_000_000
    static let maxAgeLimit = 150
    static let maxPurchaseDays = 36_500
    static let maxTrainingFund = 100_000_000_000
    static let maxTier = 1_000_000

    /// Reads and validates the `wave.toml` at `path`.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - displayPath: how messages name the file (e.g. `waves/22/wave.toml`).
    ///   - folderName: the wave folder's last path component; `wave` must equal it.
    /// - Throws: `PrakerjaError.missingInput("<displayPath>: not found")` /
    ///   `("<displayPath>: cannot be read")` (exit 66) when the file is absent or unreadable;
    ///   `PrakerjaError.config` for everything else (not UTF-8: `<displayPath>: not valid UTF-8`).
    public static func load(path: String, displayPath: String, folderName: String) throws -> WaveConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PrakerjaError.missingInput("\(displayPath): not found")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw PrakerjaError.missingInput("\(displayPath): cannot be read")
        }
        let bytes = [UInt8](data)
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.elementsEqual(bytes) else {
            throw PrakerjaError.config("\(displayPath): not valid UTF-8")
        }
        return try parse(toml: text, displayPath: displayPath, folderName: folderName)
    }

    /// Validates the text of a `wave.toml`; see the type's extension documentation for the rules and
    /// the order of the checks.
    /// - Throws: `PrakerjaError.config("<displayPath>: <key>: <reason>")` for the first problem.
    public static func parse(toml: String, displayPath: String, folderName: String) throws -> WaveConfig {
        let r = Reader(displayPath: displayPath)
        // 1. Text. A NUL would silently end the document at the C boundary.
        if let nul = toml.utf8.firstIndex(of: 0) {
            let line = toml.utf8[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw PrakerjaError.config("\(displayPath): line \(line): contains a NUL byte")
        }
        var text = Substring(toml)
        if text.unicodeScalars.first == "\u{FEFF}" { text = Substring(text.unicodeScalars.dropFirst()) }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: String(text))
        } catch let e as TOMLParseError {
            throw PrakerjaError.config("\(displayPath): line \(e.source.begin.line): \(oneLine(e.description))")
        }

        // 2. Unknown top-level keys.
        try r.rejectUnknownKeys(of: root, allowed: topLevelKeys, path: [])

        // 3. Scalars.
        let wave = try r.int(root, "wave", path: [], min: 1, max: Int.max)
        guard String(wave) == folderName else {
            throw r.fail(["wave"], "\(wave) differs from the folder name \(quoteIfNeeded(folderName))")
        }
        let opens = try r.date(root, "opens")
        let closes = try r.date(root, "closes")
        guard closes >= opens else { throw r.fail(["closes"], "must not be before opens") }
        let announce = try r.date(root, "announce")
        guard announce >= closes else { throw r.fail(["announce"], "must not be before closes") }
        guard let seedValue = root["seed"] else { throw r.fail(["seed"], "missing required key") }
        guard let seed = seedValue.string else { throw r.fail(["seed"], "must be a string") }
        guard seed.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw r.fail(["seed"], "must not be empty")
        }
        let quota = try r.int(root, "quota", path: [], min: 0, max: maxQuota)

        var recycle: [Int] = []
        if let value = root["recycle_revoked_from"] {
            let key = ["recycle_revoked_from"]
            guard let array = value.array else { throw r.fail(key, "must be an array of integers") }
            for element in array {
                guard element.type == .int, let n = element.int else {
                    throw r.fail(key, "must be an array of integers")
                }
                guard n >= 1 else { throw r.fail(key, "\(n) must be >= 1") }
                guard n < wave else { throw r.fail(key, "\(n) is not an earlier wave than \(wave)") }
                guard !recycle.contains(n) else { throw r.fail(key, "\(n) is listed twice") }
                recycle.append(n)
            }
        }

        // 4. [province_quota]
        var provinceQuota: [String: Int]? = nil
        if let value = root["province_quota"] {
            guard let table = value.table else { throw r.fail(["province_quota"], "must be a table") }
            var quotas: [String: Int] = [:]
            for key in sortedKeys(table) {
                let path = ["province_quota", key]
                guard Province.names[key] != nil else { throw r.fail(path, "unknown province code") }
                quotas[key] = try r.int(table, key, path: ["province_quota"], min: 0, max: maxQuota)
            }
            provinceQuota = quotas
        }

        // 5. [rules]
        var rules = Rules()
        if let value = root["rules"] {
            guard let table = value.table else { throw r.fail(["rules"], "must be a table") }
            try r.rejectUnknownKeys(of: table, allowed: ruleKeys, path: ["rules"])
            let p = ["rules"]
            if table["min_age"] != nil { rules.minAge = try r.int(table, "min_age", path: p, min: 0, max: maxAgeLimit) }
            if table["max_age"] != nil { rules.maxAge = try r.int(table, "max_age", path: p, min: 0, max: maxAgeLimit) }
            if rules.maxAge > 0 && rules.maxAge < rules.minAge {
                throw r.fail(["rules", "max_age"], "must be 0 (no limit) or >= rules.min_age (\(rules.minAge))")
            }
            if table["family_limit"] != nil {
                rules.familyLimit = try r.int(table, "family_limit", path: p, min: 1, max: Int(Int32.max))
            }
            if table["purchase_days"] != nil {
                rules.purchaseDays = try r.int(table, "purchase_days", path: p, min: 1, max: maxPurchaseDays)
            }
            if table["training_fund"] != nil {
                rules.trainingFund = try r.int(table, "training_fund", path: p, min: 1, max: maxTrainingFund)
            }
            if let excluded = table["excluded_occupations"] {
                let key = ["rules", "excluded_occupations"]
                guard let array = excluded.array else { throw r.fail(key, "must be an array of occupation names") }
                var list: [Occupation] = []
                for element in array {
                    guard element.type == .string, let name = element.string else {
                        throw r.fail(key, "must be an array of occupation names")
                    }
                    guard let occupation = Occupation(rawValue: name) else {
                        throw r.fail(key, "unknown occupation \(quote(name))")
                    }
                    if !list.contains(occupation) { list.append(occupation) }
                }
                rules.excludedOccupations = list
            }
            if table["max_reject_share"] != nil { rules.maxRejectShare = try r.share(table, "max_reject_share") }
            if table["fuzzy_threshold"] != nil { rules.fuzzyThreshold = try r.share(table, "fuzzy_threshold") }
        }

        // 6. [priority]
        var priority = defaultPriority
        if let value = root["priority"] {
            guard let table = value.table else { throw r.fail(["priority"], "must be a table") }
            priority = [:]
            for key in sortedKeys(table) {
                guard let occupation = Occupation(rawValue: key) else {
                    throw r.fail(["priority", key], "unknown occupation")
                }
                priority[occupation] = try r.int(table, key, path: ["priority"], min: 1, max: maxTier)
            }
        }

        return WaveConfig(
            wave: wave, opens: opens, closes: closes, announce: announce, seed: seed, quota: quota,
            recycleRevokedFrom: recycle, provinceQuota: provinceQuota, rules: rules, priority: priority)
    }

    /// The keys of a table in byte order of their UTF-8.
    static func sortedKeys(_ table: TOMLTable) -> [String] {
        table.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// A key segment as TOML writes it: bare when it is `[A-Za-z0-9_-]+`, else a quoted string.
    static func quoteIfNeeded(_ key: String) -> String {
        let bare =
            !key.isEmpty
            && key.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
                    || b == 0x2D
            }
        return bare ? key : quote(key)
    }

    /// A TOML basic string: `"` + text with `\`, `"` and control characters escaped + `"`.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u == "\u{2028}"
                    || u == "\u{2029}"
                {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// A parser message on one line.
    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
    }

    /// Typed access to a table with the project's messages.
    struct Reader {
        let displayPath: String

        /// The error for a key path.
        func fail(_ path: [String], _ reason: String) -> PrakerjaError {
            let key = path.map(WaveConfig.quoteIfNeeded).joined(separator: ".")
            return .config("\(displayPath): \(key): \(reason)")
        }

        /// The first key of `table` (byte order) that is not allowed.
        func rejectUnknownKeys(of table: TOMLTable, allowed: [String], path: [String]) throws {
            for key in WaveConfig.sortedKeys(table) where !allowed.contains(key) {
                throw fail(path + [key], "unknown key")
            }
        }

        /// A required (when missing: `missing required key`) integer within `min...max`.
        func int(_ table: TOMLTable, _ key: String, path: [String], min: Int, max: Int) throws -> Int {
            let p = path + [key]
            guard let value = table[key] else { throw fail(p, "missing required key") }
            guard value.type == .int, let n = value.int else { throw fail(p, "must be an integer") }
            guard n >= min else { throw fail(p, "must be >= \(min)") }
            guard n <= max else { throw fail(p, "must be <= \(max)") }
            return n
        }

        /// A required top-level TOML local date.
        func date(_ table: TOMLTable, _ key: String) throws -> CivilDate {
            guard let value = table[key] else { throw fail([key], "missing required key") }
            guard value.type == .date, let d = value.date,
                let date = CivilDate(year: d.year, month: d.month, day: d.day)
            else { throw fail([key], "must be a date (YYYY-MM-DD)") }
            return date
        }

        /// A `[rules]` number (integer or float) in 0...1.
        func share(_ table: TOMLTable, _ key: String) throws -> Double {
            let p = ["rules", key]
            guard let value = table[key] else { throw fail(p, "missing required key") }
            let x: Double
            switch value.type {
            case .int: x = Double(value.int!)
            case .double: x = value.double!
            default: throw fail(p, "must be a number")
            }
            guard x >= 0 && x <= 1 else { throw fail(p, "must be between 0 and 1") }
            return x
        }
    }
}
