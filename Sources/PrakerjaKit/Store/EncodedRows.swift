import GRDB
import GRDBSQLite

/// Rows of one INSERT, encoded ahead of the thread that writes them: each cell is NULL, an integer
/// or UTF-8 text kept in one byte arena. The writing thread then only binds (the text without a
/// copy: the arena outlives each step) and steps.
///
/// Measured on a 1M wave: reading the outcome rows out of the registrations and binding them took
/// 0.56 s of the 1.8 s the writing thread spent on them, and SQLite copied every bound text. The
/// single writer is the run's critical path, so the rows are encoded on another thread, a chunk
/// ahead (``MultiRowInsert/insert(count:jobs:chunk:encode:)``).
struct EncodedRows: Sendable {
    private enum Kind: UInt8 {
        case null, integer, text
    }

    /// Cells per row.
    let columns: Int
    private var kinds: [UInt8] = []
    /// An integer cell's value, or a text cell's start in `bytes`.
    private var values: [Int64] = []
    /// A text cell's length in bytes (0 for the others).
    private var lengths: [Int32] = []
    /// The texts, one after the other; never empty, so an empty text has an address too.
    private var bytes: [UInt8] = [0]

    init(columns: Int, capacity: Int = 0) {
        self.columns = columns
        kinds.reserveCapacity(capacity * columns)
        values.reserveCapacity(capacity * columns)
        lengths.reserveCapacity(capacity * columns)
    }

    /// The complete rows encoded so far.
    var count: Int { kinds.count / columns }

    mutating func null() {
        kinds.append(Kind.null.rawValue)
        values.append(0)
        lengths.append(0)
    }

    mutating func int(_ value: Int64) {
        kinds.append(Kind.integer.rawValue)
        values.append(value)
        lengths.append(0)
    }

    mutating func int(_ value: Int64?) {
        if let value { int(value) } else { null() }
    }

    mutating func int(_ value: Int?) {
        int(value.map { Int64($0) })
    }

    mutating func text(utf8 buffer: UnsafeBufferPointer<UInt8>) {
        kinds.append(Kind.text.rawValue)
        values.append(Int64(bytes.count))
        lengths.append(Int32(buffer.count))
        bytes.append(contentsOf: buffer)
    }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { text(utf8: $0) }
    }

    mutating func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    mutating func text(_ value: CompactText?) {
        if let value { value.withUTF8 { text(utf8: $0) } } else { null() }
    }

    /// Binds rows `rows` of these to `statement`'s parameters from 1 on, a row's cells one after
    /// the other, and steps it once. Returns the rows it inserted.
    fileprivate func bind(_ rows: Range<Int>, to statement: FastStatement, arena base: UnsafePointer<CChar>) throws -> Int {
        let handle = statement.handle
        var parameter: Int32 = 1
        for cell in (rows.lowerBound * columns)..<(rows.upperBound * columns) {
            switch kinds[cell] {
            case Kind.integer.rawValue:
                sqlite3_bind_int64(handle, parameter, values[cell])
            case Kind.text.rawValue:
                // No destructor (SQLITE_STATIC): the arena outlives the step, and the parameter
                // is bound anew before the next one.
                sqlite3_bind_text(handle, parameter, base + Int(values[cell]), lengths[cell], nil)
            default:
                sqlite3_bind_null(handle, parameter)
            }
            parameter += 1
        }
        return try statement.execute()
    }

    /// Inserts every row through `insert`: as many as it can take `insert.batchRows` at a time,
    /// the rest one by one.
    func insert(into insert: MultiRowInsert) throws {
        try bytes.withUnsafeBufferPointer { arena in
            let base = UnsafeRawPointer(arena.baseAddress!).assumingMemoryBound(to: CChar.self)
            var row = 0
            let batchRows = insert.batchRows
            while row + batchRows <= count {
                let inserted = try bind(row..<(row + batchRows), to: insert.batch, arena: base)
                try insert.check(inserted, of: batchRows)
                row += batchRows
            }
            while row < count {
                try insert.check(try bind(row..<(row + 1), to: insert.single, arena: base), of: 1)
                row += 1
            }
        }
    }
}

/// An INSERT of millions of rows through two prepared statements: one that takes
/// ``batchRows`` rows at once (a VALUES list of that many rows) and one for the last few. What
/// SQLite does per statement (the step and reset, opening and closing the statement's work) is
/// then paid once per 64 rows. Measured on the outcome rows of the 1M wave, 16 rows a statement
/// against one: 1.39 → 1.21 s.
///
/// The table's `columns` are bound for each row; the `constants` (the wave, say) once, with
/// ``bindConstant(_:_:)``, after the rows' columns.
///
/// The statements are `INSERT OR IGNORE`, whatever `conflicts` says. A plain INSERT of several
/// rows may fail after some of them went in, so SQLite keeps a statement journal for it: a copy
/// of every page the statement changes that existed before it (in memory, in chunks), made and
/// freed again for every statement. For 16 cards spread over the card tree's pages that was most
/// of the cards' write (1M wave: 1.1 s for 440,000 cards). An IGNORE statement skips a row a
/// unique, NOT NULL or CHECK constraint refuses instead of stopping, so unless something else can
/// stop it halfway (a foreign key can: the outcomes reference `waves`), SQLite keeps no journal.
/// With `.fail`, a row that a constraint refused fails the insert anyway, on the count of rows the
/// statement inserted; the command's transaction is then rolled back, so the statement's other
/// rows do not matter.
struct MultiRowInsert {
    /// Rows per statement: 64 (the 1M run: 7.27 s with 16, 7.03 s with 64, 6.99 s with 256), or
    /// fewer where SQLite allows fewer parameters (999 before SQLite 3.32).
    static let preferredBatchRows = 64
    /// The rows of ``batch``.
    let batchRows: Int

    enum Conflicts {
        /// A row that breaks a constraint fails the insert.
        case fail
        /// A row that breaks a constraint is left out (the contact claims: the first claim stays).
        case ignore
    }

    /// The `columns` are bound for each row, from parameter 1 on.
    let columns: Int
    let single: FastStatement
    let batch: FastStatement
    private let constants: Int
    private let table: String
    private let conflicts: Conflicts
    /// Started after each chunk of rows, so the commit does not wait for all of them to reach the disk.
    private let writeback: WALWriteback?

    init(
        _ db: Database, into table: String, columns: [String], constants: [String] = [], conflicts: Conflicts = .fail,
        batchRows preferred: Int = preferredBatchRows
    ) throws {
        self.columns = columns.count
        self.constants = constants.count
        self.table = table
        self.conflicts = conflicts
        writeback = WALWriteback(db)
        let head = "INSERT OR IGNORE INTO \(table)(\((columns + constants).joined(separator: ", "))) VALUES "
        func row(_ r: Int, rows: Int) -> String {
            let cells = (0..<columns.count).map { "?\(r * columns.count + $0 + 1)" }
            let fixed = (0..<constants.count).map { "?\(rows * columns.count + $0 + 1)" }
            return "(" + (cells + fixed).joined(separator: ", ") + ")"
        }
        let parameters = Int(sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_VARIABLE_NUMBER, -1))
        let batchRows = Swift.max(1, Swift.min(preferred, (parameters - constants.count) / Swift.max(1, columns.count)))
        self.batchRows = batchRows
        single = try FastStatement(db, sql: head + row(0, rows: 1))
        batch = try FastStatement(db, sql: head + (0..<batchRows).map { row($0, rows: batchRows) }.joined(separator: ", "))
    }

    /// Fails when a statement of `rows` rows inserted fewer and conflicts are not to be ignored.
    fileprivate func check(_ inserted: Int, of rows: Int) throws {
        guard inserted != rows, conflicts == .fail else { return }
        throw DatabaseError(
            resultCode: .SQLITE_CONSTRAINT, message: "\(table): \(rows - inserted) of \(rows) rows refused by a constraint")
    }

    /// Binds constant `k` (in the order given) on both statements.
    func bindConstant(_ k: Int, _ value: Int64) {
        precondition(k < constants)
        single.bind(Int32(columns + k + 1), value)
        batch.bind(Int32(batchRows * columns + k + 1), value)
    }

    /// Inserts `count` rows. `encode` encodes the rows of a range; with more than one job it runs on
    /// another thread, one chunk ahead of the inserts, so this thread only binds and steps. The
    /// rows go in in order.
    func insert(
        count: Int, jobs: Int, chunk: Int = 1 << 15, encode: @escaping @Sendable (Range<Int>, inout EncodedRows) -> Void
    ) throws {
        let columns = self.columns
        let make: @Sendable (Int) -> EncodedRows = { lo in
            var rows = EncodedRows(columns: columns, capacity: Swift.min(chunk, count - lo))
            encode(lo..<Swift.min(count, lo + chunk), &rows)
            return rows
        }
        var lo = 0
        var next = count > 0 ? Pending(jobs: jobs) { make(0) } : nil
        while let current = next {
            let rows = current.value
            lo += chunk
            let start = lo
            next = start < count ? Pending(jobs: jobs) { make(start) } : nil
            try rows.insert(into: self)
            writeback?.start()
        }
    }
}
