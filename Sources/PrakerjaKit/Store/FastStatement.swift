import GRDB
import GRDBSQLite

/// A prepared GRDB statement driven through SQLite's own bind/step calls, for the loops that write
/// or look up millions of rows. Measured: GRDB's `StatementArguments` boxing cost about 3 µs a row
/// (a third of a 1M-row run's store phase); binding directly removes it. GRDB still owns the
/// connection, the transaction and the statement's lifetime.
struct FastStatement {
    let statement: Statement
    let handle: OpaquePointer
    let db: Database

    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        self.db = db
    }

    @inline(__always) func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    @inline(__always) func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    @inline(__always) func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    @inline(__always) func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map { Int64($0) })
    }

    @inline(__always) func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    @inline(__always) func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                _ = sqlite3_bind_text(handle, index, pointer, Int32(buffer.count), Self.transient)
            }
        }
    }

    @inline(__always) func bind(_ index: Int32, _ value: CompactText) {
        value.withUTF8 { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                _ = sqlite3_bind_text(handle, index, pointer, Int32(buffer.count), Self.transient)
            }
        }
    }

    /// Runs an INSERT/UPDATE/DELETE; returns the number of rows it changed.
    @discardableResult
    func execute() throws -> Int {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
        return Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }

    /// Runs a query and returns the first column of its first row as an integer, or nil.
    func fetchInt64() throws -> Int64? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW {
            return sqlite3_column_type(handle, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 0)
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
        return nil
    }

    /// Runs a query and returns the first column of its first row as text, or nil.
    func fetchText() throws -> String? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW {
            guard let text = sqlite3_column_text(handle, 0) else { return nil }
            return String(cString: text)
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
        return nil
    }
}
