import Crypto
import Foundation

/// Where the card key comes from (§6.5): `--card-key-file`, else `PRAKERJA_CARD_KEY`, else the database.
public enum CardKeySource: Sendable, Equatable {
    case file(String)
    case environment(String)
    case database

    /// Resolves the source from the flag and the environment.
    public static func resolve(file: String?, environment: [String: String]) -> CardKeySource {
        if let file { return .file(file) }
        if let key = environment["PRAKERJA_CARD_KEY"] { return .environment(key) }
        return .database
    }

    /// The key bytes given by the operator, or nil for `.database`. Throws 78 for an empty or unreadable key.
    func providedKey() throws -> [UInt8]? {
        switch self {
        case .database:
            return nil
        case .environment(let value):
            if value.isEmpty { throw PrakerjaError.config("PRAKERJA_CARD_KEY: card key: must not be empty") }
            return Array(value.utf8)
        case .file(let path):
            guard var bytes = FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) else {
                throw PrakerjaError.config("\(path): card key: cannot read the file")
            }
            if bytes.last == 10 { bytes.removeLast() }
            if bytes.isEmpty { throw PrakerjaError.config("\(path): card key: must not be empty") }
            return bytes
        }
    }
}

/// The fingerprint kept in the database: it proves a later key is the same without storing it.
enum CardKeyFingerprint {
    static func of(_ key: [UInt8]) -> String {
        FileHash.sha256(Array("prakerja card key v1|".utf8) + key)
    }
}
