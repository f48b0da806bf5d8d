import Foundation

/// `prakerja runs [--json]` (§8): the ledger of every command that committed changes. Read-only,
/// never blocked by a writer.
public enum Runs {
    /// The ledger, oldest first.
    public static func run(context: CommandContext) throws -> [LedgerEntry] {
        let store = try Store.openForReading(path: context.dbPath)
        defer { store.close() }
        return try store.ledger()
    }

    /// The ledger as a JSON array, keys in snake_case.
    public static func json(_ entries: [LedgerEntry]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// One line per entry: id, times, command, result, counts, config and input hashes.
    public static func text(_ entries: [LedgerEntry]) -> String {
        guard !entries.isEmpty else { return "no commands recorded yet" }
        return entries.map { e in
            var s = "#\(e.id) \(e.startedAt) .. \(e.finishedAt) \(e.command): \(e.result)"
            if !e.counts.isEmpty {
                s += "; " + e.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            }
            if let config = e.configSHA256 { s += "; config sha256 \(config)" }
            if !e.inputs.isEmpty {
                s += "; inputs " + e.inputs.map { "\($0.path) sha256 \($0.sha256)" }.joined(separator: ", ")
            }
            return s
        }.joined(separator: "\n")
    }
}
