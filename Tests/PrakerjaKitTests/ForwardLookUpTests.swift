import GRDB
import GRDBSQLite
import Testing

@testable import PrakerjaKit

/// Walking a cursor forward finds exactly the keys a point query finds, in any order of keys
/// and for any number of steps before a seek.
@Suite struct ForwardLookUpTests {
    /// Integer keys with repeats (a non-unique index), asked sorted, shuffled, repeated and
    /// beyond both ends; the row found is the key's row.
    @Test(arguments: [0, 1, 3, 16])
    func integerKeysAreFoundLikePointQueries(maxSteps: Int) throws {
        var random = MatchTestRandom(seed: 7)
        let stored = (0..<2_000).map { _ in Int64.random(in: 1_000...9_000, using: &random) }
        let present = Set(stored)
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER NOT NULL, wave INTEGER NOT NULL)")
            try db.execute(sql: "CREATE INDEX t_k ON t(k)")
            for (id, k) in stored.enumerated() {
                try db.execute(sql: "INSERT INTO t(id, k, wave) VALUES (?, ?, ?)", arguments: [id, k, k % 5])
            }
            let dense = (990...9_010).map(Int64.init)
            let sparse = stride(from: Int64(0), to: 20_000, by: 97).map { $0 }
            let shuffled = dense.shuffled(using: &random)
            let repeated = dense.flatMap { [$0, $0] }
            for keys in [dense, sparse, shuffled, repeated, dense.reversed(), []] {
                var lookUp = ForwardLookUp<Int64>(
                    try FastStatement(db, sql: "SELECT k, wave FROM t WHERE k >= ? ORDER BY k"), maxSteps: maxSteps)
                for key in keys {
                    let found = try lookUp.find(key)
                    #expect(found == present.contains(key), "key \(key)")
                    if found { #expect(lookUp.int64(1) == key % 5) }
                }
                lookUp.finish()
            }
        }
    }

    /// Texts in SQLite's byte order: prefixes, empty, not ASCII and longer than inline; a filter
    /// in the cursor's WHERE hides rows as a point query's would.
    @Test(arguments: [0, 2, 16])
    func textKeysAreFoundInByteOrder(maxSteps: Int) throws {
        let long = String(repeating: "panjang.", count: 5)
        let texts = [
            "", "a", "ab", "abc", "abd", "b", "+6281234500001", "+62812345000010", "é@example.com", "é", "z", long, long + "a", "Ａ",
        ]
        let stored = texts.enumerated().filter { $0.offset % 2 == 0 || $0.element.count > 30 }.map(\.element)
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(
                sql: "CREATE TABLE c(contact TEXT PRIMARY KEY NOT NULL, nik INTEGER NOT NULL, wave INTEGER NOT NULL) WITHOUT ROWID")
            for (n, text) in stored.enumerated() {
                try db.execute(sql: "INSERT INTO c VALUES (?, ?, ?)", arguments: [text, 100 + n, n % 3])
            }
            let point = try FastStatement(db, sql: "SELECT nik FROM c WHERE contact = ? AND wave < 2")
            let asked = texts + ["aa", "a\u{1}", "+6281234500000", long + "b"]
            let sorted = asked.map(CompactText.init).sorted(by: CompactText.bytewiseLess)
            for keys in [sorted, sorted.reversed(), asked.map(CompactText.init)] {
                var lookUp = ForwardLookUp<CompactText>(
                    try FastStatement(db, sql: "SELECT contact, nik FROM c WHERE contact >= ?1 AND wave < 2 ORDER BY contact"),
                    maxSteps: maxSteps)
                for key in keys {
                    point.bind(1, key)
                    let expected = try point.fetchInt64()
                    let found = try lookUp.find(key)
                    #expect(found == (expected != nil), "key \(key.string)")
                    if found { #expect(lookUp.int64(1) == expected) }
                }
                lookUp.finish()
            }
        }
    }

    /// Every cursor of the history walks its index in order: SQLite sorts nothing, or a seek
    /// would sort the rest of the table.
    @Test func historyCursorsReadInIndexOrder() throws {
        let env = try TestEnvironment()
        let store = try Store.openForWriting(path: env.dbPath)
        defer { store.close() }
        try store.read { db in
            for sql in HistoryCursor.all {
                let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                let parameters = Int(sqlite3_bind_parameter_count(statement.sqliteStatement))
                let arguments = StatementArguments([DatabaseValue](repeating: .null, count: parameters))
                let plan = try Row.fetchAll(statement, arguments: arguments).map { $0["detail"] as String }
                #expect(!plan.joined().contains("TEMP B-TREE"), "\(sql): \(plan)")
                #expect(plan.joined().contains("SEARCH"), "\(sql): \(plan)")
            }
        }
    }
}
