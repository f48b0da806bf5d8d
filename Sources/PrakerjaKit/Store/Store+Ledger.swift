import Foundation
import GRDB

/// One ledger entry (§8 `runs`).
public struct LedgerEntry: Sendable, Codable, Hashable {
    public var id: Int64
    public var command: String
    public var startedAt: String
    public var finishedAt: String
    public var inputs: [InputFile]
    public var configSHA256: String?
    public var counts: [String: Int]
    public var result: String
}

extension Store {
    /// Records a command that committed changes.
    static func appendLedger(
        _ db: Database, command: String, startedAt: String, inputs: [InputFile], configSHA256: String?, counts: [String: Int],
        result: String
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let inputsJSON = String(decoding: try encoder.encode(inputs), as: UTF8.self)
        let countsJSON = String(decoding: try encoder.encode(counts), as: UTF8.self)
        try db.execute(
            sql: "INSERT INTO runs(command, started_at, finished_at, inputs, config_sha256, counts, result) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [command, startedAt, Clock.isoNow(), inputsJSON, configSHA256, countsJSON, result])
    }

    /// The whole ledger, oldest first.
    public func ledger() throws -> [LedgerEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id").map { row in
                let decoder = JSONDecoder()
                let inputsText: String = row["inputs"]
                let countsText: String = row["counts"]
                return LedgerEntry(
                    id: row["id"], command: row["command"], startedAt: row["started_at"], finishedAt: row["finished_at"],
                    inputs: (try? decoder.decode([InputFile].self, from: Data(inputsText.utf8))) ?? [],
                    configSHA256: row["config_sha256"],
                    counts: (try? decoder.decode([String: Int].self, from: Data(countsText.utf8))) ?? [:],
                    result: row["result"])
            }
        }
    }
}
