import GRDB
import GRDBSQLite
import Testing

@testable import PrakerjaKit

/// Rows encoded ahead of the writer go into SQLite exactly as bound one at a time would.
@Suite struct EncodedRowsTests {
    /// The rows of the test: every kind of cell, texts inline and on the heap, empty and not ASCII.
    static func row(_ k: Int) -> (id: String, number: Int64?, text: String?, compact: CompactText?) {
        let texts = ["", "a", "Ñoño ÉÈ", String(repeating: "panjang ", count: 9), "+6281234567890"]
        return (
            "R\(k)", k % 3 == 0 ? nil : Int64(k) * 1_000_003 - 7, k % 5 == 1 ? nil : texts[k % texts.count],
            k % 4 == 2 ? nil : CompactText("kontak.\(k)@example.co.id\(k % 7 == 0 ? String(repeating: "x", count: 20) : "")")
        )
    }

    /// Chunks of 8 rows go in one by one; chunks of 40 as two statements of 16 rows and 8 single ones.
    @Test(arguments: [(0, 1, 8), (1, 1, 8), (7, 2, 8), (100, 1, 40), (100, 2, 40), (100, 3, 8), (1_000, 2, 64)])
    func rowsGoInInOrderAsGiven(count: Int, jobs: Int, chunk: Int) throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t(seq INTEGER PRIMARY KEY, id TEXT, number INTEGER, text TEXT, compact TEXT, tag INTEGER)")
            let insert = try MultiRowInsert(
                db, into: "t", columns: ["seq", "id", "number", "text", "compact"], constants: ["tag"], batchRows: 16)
            insert.bindConstant(0, 42)
            try insert.insert(count: count, jobs: jobs, chunk: chunk) { range, rows in
                for k in range {
                    let r = Self.row(k)
                    rows.int(Int64(k))
                    rows.text(r.id)
                    rows.int(r.number)
                    rows.text(r.text)
                    rows.text(r.compact)
                }
            }
            let stored = try Row.fetchAll(db, sql: "SELECT id, number, text, compact, tag FROM t ORDER BY seq")
            #expect(stored.count == count)
            for (k, row) in stored.enumerated() {
                let r = Self.row(k)
                #expect(row[0] as String == r.id)
                #expect(row[1] as Int64? == r.number)
                #expect(row[2] as String? == r.text)
                #expect(row[3] as String? == r.compact?.string)
                #expect(row[4] as Int64 == 42)
            }
            // Empty texts are text, not NULL.
            if count > 0 { #expect(try String.fetchOne(db, sql: "SELECT typeof(text) FROM t WHERE seq = 0") == "text") }
        }
    }

    /// A row a constraint refuses stops the insert at its statement, which says why; the rows of
    /// the statements before it, and the others of its own, went in (one by one in chunks of 4;
    /// 16 at a time in chunks of 40). With `.ignore` the row is left out and the insert goes on.
    @Test(arguments: [(4, 9), (40, 31)])
    func aRefusedRowStopsTheInsert(chunk: Int, inserted: Int) throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER CHECK (n >= 0))")
            let count = chunk == 4 ? 20 : 40
            let refused = chunk == 4 ? 9 : 20
            for conflicts in [MultiRowInsert.Conflicts.fail, .ignore] {
                try db.execute(sql: "DELETE FROM t")
                let insert = try MultiRowInsert(db, into: "t", columns: ["id", "n"], conflicts: conflicts, batchRows: 16)
                // The refused row repeats a key, or breaks the CHECK constraint.
                for clash in [true, false] {
                    try db.execute(sql: "DELETE FROM t")
                    let attempt = {
                        try insert.insert(count: count, jobs: 2, chunk: chunk) { range, rows in
                            for k in range {
                                rows.int(Int64(k == refused && clash ? 3 : k))
                                rows.int(Int64(k == refused && !clash ? -1 : k))
                            }
                        }
                    }
                    if conflicts == .fail {
                        #expect(throws: DatabaseError.self) { try attempt() }
                        #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == inserted)
                    } else {
                        try attempt()
                        #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == count - 1)
                    }
                }
            }
        }
    }

    /// The writer's raised priority is given back, whether or not the process may raise it.
    @Test func writerPriorityIsGivenBack() throws {
        let before = WriterPriority.current
        let inside = WriterPriority.raised { WriterPriority.current }
        #expect(inside == before || inside == WriterPriority.niceness)
        #expect(WriterPriority.current == before)
    }

    /// The writeback hint finds a file database's WAL, and an in-memory database has none; the
    /// rows inserted while it runs are all there.
    @Test func walWritebackFollowsTheDatabaseFile() throws {
        #expect(try DatabaseQueue().write { db in WALWriteback(db) } == nil)
        let env = try TestEnvironment()
        let store = try Store.openForWriting(path: env.dbPath)
        defer { store.close() }
        let count = try store.write(command: "test") { db in
            #expect(WALWriteback(db) != nil)
            try db.execute(sql: "CREATE TEMP TABLE t(k INTEGER PRIMARY KEY, text TEXT)")
            let insert = try MultiRowInsert(db, into: "t", columns: ["k", "text"])
            try insert.insert(count: 5_000, jobs: 2, chunk: 512) { range, rows in
                for k in range {
                    rows.int(Int64(k))
                    rows.text(String(repeating: "w", count: k % 40))
                }
            }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM t")
        }
        #expect(count == 5_000)
    }

    /// Where SQLite allows fewer parameters, a statement takes fewer rows, and they all go in.
    @Test func statementsFitSQLitesParameterLimit() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_VARIABLE_NUMBER, 100)
            try db.execute(sql: "CREATE TABLE t(a INTEGER PRIMARY KEY, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, tag)")
            let columns = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"]
            let insert = try MultiRowInsert(db, into: "t", columns: columns, constants: ["tag"])
            #expect(MultiRowInsert.preferredBatchRows * columns.count > 100)
            #expect(insert.batchRows == 6)
            insert.bindConstant(0, 7)
            try insert.insert(count: 100, jobs: 1) { range, rows in
                for k in range { for c in 0..<columns.count { rows.int(Int64(k * 100 + c)) } }
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t WHERE tag = 7 AND p = a + 15") == 100)
        }
    }
}
