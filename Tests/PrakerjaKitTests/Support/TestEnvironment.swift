import Foundation
import Logging

@testable import PrakerjaKit

/// A temporary folder with its own database and output folder, one per test.
struct TestEnvironment {
    let root: String
    var dbPath: String { root + "/prakerja.sqlite" }
    var outDir: String { root + "/out" }

    init() throws {
        root = NSTemporaryDirectory() + "prakerja-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func context(jobs: Int = 2, key: String = "test-key") -> CommandContext {
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return CommandContext(dbPath: dbPath, outDir: outDir, cardKey: .environment(key), jobs: jobs, quiet: true, logger: logger)
    }

    /// The bundled fixture folder `Fixtures/<name>`, copied into this environment so tests may change it.
    func copyFixture(_ name: String) throws -> String {
        let source = Bundle.module.resourcePath! + "/Fixtures/" + name
        let target = root + "/" + name
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: target)
        return target
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: outDir + "/" + relative, encoding: .utf8)
    }

    /// Rows of a CSV output as dictionaries keyed by header.
    func csv(_ relative: String) throws -> [[String: String]] {
        try TestCSV.parse(read(relative))
    }

    func write(_ text: String, to relative: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// A tiny independent CSV parser for reading outputs in tests (quotes, doubled quotes, LF).
enum TestCSV {
    static func parse(_ text: String) -> [[String: String]] {
        var rows: [[String]] = []
        var field = ""
        var row: [String] = []
        var quoted = false
        var chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        chars = []
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

/// Builds small waves in code: a wave.toml and one registrant file.
struct WaveBuilder {
    var wave = 7
    var opens = "2021-10-25"
    var closes = "2021-10-27"
    var announce = "2021-11-01"
    var seed = "test seed"
    var quota = 100
    var extraTOML = ""
    var header = "registration_id,nik,kk,full_name,birth_date,gender,email,phone,province_code,occupation,registered_at"
    var rows: [String] = []

    /// A valid row; override fields by name.
    static func row(
        _ id: String, nik: String = "3201014101900001", kk: String = "3201010000000001", name: String = "SITI AMINAH",
        birth: String = "1990-01-01", gender: String = "P", email: String? = nil, phone: String? = nil,
        province: String = "32", occupation: String = "job_seeker", at: String = "2021-10-26T10:00:00"
    ) -> String {
        let e = email ?? "\(id.lowercased())@example.co.id"
        let stable = id.unicodeScalars.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1.value)) &* 1099511628211 }
        let p = phone ?? "0812" + String(String(stable % 100_000_000 + 100_000_000).suffix(8))
        return [id, nik, kk, name, birth, gender, e, p, province, occupation, at].joined(separator: ",")
    }

    func write(in env: TestEnvironment, folder: String = "data") throws -> String {
        let dir = "\(folder)/waves/\(wave)"
        try env.write(
            """
            wave = \(wave)
            opens = \(opens)
            closes = \(closes)
            announce = \(announce)
            seed = "\(seed)"
            quota = \(quota)
            \(extraTOML)
            """, to: dir + "/wave.toml")
        try env.write(([header] + rows).joined(separator: "\n") + "\n", to: dir + "/registrants/a.csv")
        return env.root + "/" + dir
    }
}
