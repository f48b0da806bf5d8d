/// One data record of a CSV file: its fields, or why it cannot be used.
///
/// A record with a problem still counts as one data row read (SPEC §4.2: rows read = outcome rows +
/// rejected rows), so the reader hands it over instead of skipping it.
public struct CSVRecord: Sendable, Equatable {
    /// The physical line where the record starts (the header is line 1).
    public var line: Int
    /// The decoded fields, in file order.
    ///
    /// For a good record there is one per header column. For a wrong field count or invalid UTF-8 they
    /// are the fields as read (bad bytes replaced by U+FFFD), for other problems empty: callers must
    /// look at `problem` first.
    public var fields: [String]
    /// Why the record cannot be used, or nil for a good record.
    public var problem: CSVRecordProblem?

    /// Creates a record.
    public init(line: Int, fields: [String], problem: CSVRecordProblem? = nil) {
        self.line = line
        self.fields = fields
        self.problem = problem
    }
}

/// Why a CSV record cannot be used: the row-level reasons of SPEC §4.2 that the reader itself sees.
public enum CSVRecordProblem: Sendable, Equatable {
    /// Not a well-formed record (`malformed_csv`), with a short detail such as "unterminated quote".
    case malformed(String)
    /// A well-formed record that is not valid UTF-8 (`invalid_encoding`).
    case invalidEncoding

    /// The reason code used in rejected-row reports.
    public var reason: String {
        switch self {
        case .malformed: "malformed_csv"
        case .invalidEncoding: "invalid_encoding"
        }
    }

    /// The short detail for rejected-row reports.
    public var detail: String {
        switch self {
        case .malformed(let detail): detail
        case .invalidEncoding: "not valid UTF-8"
        }
    }
}
