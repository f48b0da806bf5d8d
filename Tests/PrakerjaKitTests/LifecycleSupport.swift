import Foundation
import GRDB
import Logging

@testable import PrakerjaKit

/// Helpers of the lifecycle tests: small waves, card look-ups, database and output snapshots.
enum Lifecycle {
    /// NIK of a woman born 1990-01-01 in Jawa Barat with the given serial (valid structure).
    static func nik(_ serial: Int) -> String {
        "3201014101900" + String(format: "%03d", serial)
    }

    /// A KK of its own for each serial, so family_limit never interferes.
    static func kk(_ serial: Int) -> String {
        "32010100000" + String(format: "%05d", serial)
    }

    /// A wave 7 (closes 2021-10-27, announce 2021-11-01, so purchase deadline 2021-11-30) of `count`
    /// valid registrations R01, R02, … with NIK serials 1…count.
    static func smallWave(_ count: Int, quota: Int = 100, wave: Int = 7, serialBase: Int = 0) -> WaveBuilder {
        var builder = WaveBuilder()
        builder.wave = wave
        builder.quota = quota
        builder.rows = (1...count).map { i in
            WaveBuilder.row(String(format: "R%02d", i), nik: nik(serialBase + i), kk: kk(serialBase + i))
        }
        return builder
    }

    /// A context on another database and output folder under `env.root` (a second deployment).
    static func context(_ env: TestEnvironment, named name: String, key: String = "test-key") -> CommandContext {
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return CommandContext(
            dbPath: env.root + "/\(name).sqlite", outDir: env.root + "/\(name)-out", cardKey: .environment(key), jobs: 2, quiet: true,
            logger: logger)
    }

    /// Full card numbers of a published wave by NIK, from its dashboard feed.
    static func cards(_ outDir: String, wave: Int) throws -> [String: String] {
        let text = try String(contentsOfFile: outDir + "/waves/\(wave)/feeds/dashboard.csv", encoding: .utf8)
        var out: [String: String] = [:]
        for row in TestCSV.parse(text) where row["status"] == "Lulus" { out[row["nik"]!] = row["card_number"]! }
        return out
    }

    /// A Luhn-valid 16-digit card number from a 15-digit payload.
    static func luhn(_ payload: String) -> String {
        payload + String(Luhn.checkDigit(for: payload.utf8.map { $0 - 48 }))
    }

    /// A purchases file with the given data lines.
    static func purchases(_ lines: [String]) -> String {
        (["order_id,platform,card_number,training_id,purchased_at,amount"] + lines).joined(separator: "\n") + "\n"
    }

    /// The tables that make up the programme's state, without the columns that hold wall-clock times.
    static let comparedTables: [(String, String)] = [
        (
            "waves",
            "wave, state, config_sha256, seed, closes, announce, notice_date, purchase_days, training_fund, card_base, inputs, manifest, import_epoch"
        ),
        ("outcomes", "*"), ("rejected_rows", "*"), ("cards", "*"), ("imported_cards", "*"), ("participants", "*"), ("contacts", "*"),
        ("imported_contacts", "*"),
        ("review_items", "*"),
        ("decisions", "*"), ("exclusions_used", "*"), ("outbox", "*"), ("events", "*"),
        (
            "purchases",
            "file, line, platform, order_id, holds_order, card_number, training_id, purchased_at, purchased_at_text, amount, state, reason, detail, nik"
        ),
        ("sweeps", "as_of, revoked"), ("meta", "*"), ("imported_files", "sha256, kind, rows, name"),
    ]

    /// Every row of the compared tables, as text, in a fixed order.
    static func snapshot(_ dbPath: String) throws -> [String: [String]] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: dbPath, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            var out: [String: [String]] = [:]
            for (table, columns) in comparedTables {
                out[table] = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(table)").map(\.description).sorted()
            }
            return out
        }
    }

    /// Number of ledger entries.
    static func ledgerCount(_ dbPath: String) throws -> Int {
        let queue = try DatabaseQueue(path: dbPath)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM runs") ?? 0 }
    }

    /// Every output file under `outDir` (relative path → bytes); manifest.json without its times.
    static func outputs(_ outDir: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        guard let walker = FileManager.default.enumerator(atPath: outDir) else { return out }
        while let rel = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: outDir + "/" + rel, isDirectory: &isDir), !isDir.boolValue else { continue }
            var bytes = [UInt8](FileManager.default.contents(atPath: outDir + "/" + rel) ?? Data())
            if rel.hasSuffix("manifest.json") {
                let kept = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.contains("\"started_at\"") && !$0.contains("\"finished_at\"") }
                bytes = Array(kept.joined(separator: "\n").utf8)
            }
            out[rel] = bytes
        }
        return out
    }

    /// POSIX permission bits of a file.
    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    static func date(_ s: String) -> CivilDate { CivilDate.parseISO(s)! }
}
