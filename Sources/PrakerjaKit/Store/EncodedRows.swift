import GRDB
import GRDBSQLite

/// Rows of one INSERT, encoded ahead of the thread that writes them: each cell is NULL, an integer
/// or UTF-8 text kept in one byte arena. The writing thread then only binds (the text without a
/// copy: the arena outlives each step) and steps.
///
/// Measured on a 1M wave: reading the outcome rows out of the registrations and binding them took
/// 0.56 s of the 1.8 s the writing thread spent on them, and SQLite copied every bound text. The
/// single writer is the run's critical path, so the rows are encoded on another thread, a chunk
/// ahead (``FastStatement/insert(count:columns:jobs:chunk:encode:)``).
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

    /// Binds each row's cells to the statement's parameters `first`, `first + 1`, … and steps it once a row.
    func insert(into statement: FastStatement, firstParameter first: Int32) throws {
        let handle = statement.handle
        try bytes.withUnsafeBufferPointer { arena in
            let base = UnsafeRawPointer(arena.baseAddress!).assumingMemoryBound(to: CChar.self)
            var cell = 0
            for _ in 0..<count {
                for column in 0..<Int32(columns) {
                    switch kinds[cell] {
                    case Kind.integer.rawValue:
                        sqlite3_bind_int64(handle, first + column, values[cell])
                    case Kind.text.rawValue:
                        // No destructor (SQLITE_STATIC): the arena outlives the step, and the
                        // parameter is bound anew before the next one.
                        sqlite3_bind_text(handle, first + column, base + Int(values[cell]), lengths[cell], nil)
                    default:
                        sqlite3_bind_null(handle, first + column)
                    }
                    cell += 1
                }
                try statement.execute()
            }
        }
    }
}

extension FastStatement {
    /// Inserts `count` rows of `columns` cells each, bound from parameter 1 on (parameters after
    /// them are bound by the caller). `encode` encodes the rows of a range; with more than one job
    /// it runs on another thread, one chunk ahead of the inserts, so this thread only binds and
    /// steps. The rows go in in order.
    func insert(
        count: Int, columns: Int, jobs: Int, chunk: Int = 1 << 15,
        encode: @escaping @Sendable (Range<Int>, inout EncodedRows) -> Void
    ) throws {
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
            try rows.insert(into: self, firstParameter: 1)
        }
    }
}
