import Foundation
import GRDB

extension Store {
    /// Resolves the card key against the database (§6.5): an operator's key must match the
    /// fingerprint the database was started with; without one, a random key is created once and kept.
    static func cardKey(_ db: Database, source: CardKeySource) throws -> [UInt8] {
        let storedFingerprint = try meta(db, "card_key_fingerprint")
        if let provided = try source.providedKey() {
            let fingerprint = CardKeyFingerprint.of(provided)
            if let storedFingerprint, storedFingerprint != fingerprint {
                throw PrakerjaError.config(
                    "card key: differs from the key this database was started with (fingerprint \(storedFingerprint.prefix(12)))")
            }
            if storedFingerprint == nil { try setMeta(db, "card_key_fingerprint", fingerprint) }
            return provided
        }
        if let hex = try meta(db, "card_key") {
            let key = Array(hex.utf8)
            if let storedFingerprint, storedFingerprint != CardKeyFingerprint.of(key) {
                throw PrakerjaError.config("card key: the key kept in the database does not match its fingerprint")
            }
            return key
        }
        if storedFingerprint != nil {
            throw PrakerjaError.config(
                "card key: this database was started with a key from --card-key-file or PRAKERJA_CARD_KEY; pass the same key")
        }
        var random = SystemRandomNumberGenerator()
        let hex = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
        let key = Array(hex.utf8)
        try setMeta(db, "card_key", hex)
        try setMeta(db, "card_key_fingerprint", CardKeyFingerprint.of(key))
        return key
    }

    /// The next issue counter: one past every counter of a published wave.
    static func nextCardCounter(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(counter) + 1, 0) FROM cards WHERE final = 1") ?? 0
    }
}
