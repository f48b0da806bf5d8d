/// Writes CSV output as SPEC §7 asks: UTF-8 without BOM, LF line ends, quoting only where needed.
///
/// Rows are appended to `bytes`, which the caller flushes to its file and may empty at any time. Keeping
/// spreadsheets from running formulas (a leading `'`) is the report's job, not the writer's: it writes
/// exactly the text it is given, so `CSVReader` gives back the same fields.
public struct CSVWriter: Sendable {
    /// The encoded rows not yet taken by the caller.
    public var bytes: [UInt8] = []

    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C

    /// Creates a writer with an empty buffer.
    public init() {}

    /// Appends one row, ended by LF.
    ///
    /// A row of a single empty field is written as `""`: a bare empty line would read back as a
    /// malformed row. A row of no fields is written as an empty line.
    public mutating func writeRow(_ fields: [String]) {
        if fields.count == 1, fields[0].isEmpty {
            bytes.append(contentsOf: [Self.quote, Self.quote, Self.lf])
            return
        }
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(Self.comma) }
            append(field)
        }
        bytes.append(Self.lf)
    }

    // MARK: Fields one by one, for reports of millions of rows

    /// Appends one field: a comma before it unless `first`.
    public mutating func appendField(_ field: String, first: Bool = false) {
        if !first { bytes.append(Self.comma) }
        append(field)
    }

    /// Appends one field of plain bytes that need no quoting (digits, names of codes).
    mutating func appendPlainField(_ field: StaticString, first: Bool = false) {
        if !first { bytes.append(Self.comma) }
        field.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a 16-digit value masked (``SixteenDigits/appendMasked(_:first:last:to:)``) to the current field.
    mutating func appendMasked(_ value: UInt64, first: Int, last: Int) {
        SixteenDigits.appendMasked(value, first: first, last: last, to: &bytes)
    }

    /// Appends text to the current field as it is: for text that never needs quoting (names of
    /// codes, separators, masks).
    mutating func appendRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Ends a row written field by field.
    mutating func endRow() {
        bytes.append(Self.lf)
    }

    private mutating func append(_ field: String) {
        var field = field
        field.withUTF8 { utf8 in
            // A leading BOM is quoted too: at the start of a file a reader would take it for a BOM.
            let startsWithBOM = utf8.count >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF
            let needsQuotes =
                startsWithBOM
                || utf8.contains { $0 == Self.comma || $0 == Self.quote || $0 == Self.cr || $0 == Self.lf }
            guard needsQuotes else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(Self.quote)
            for byte in utf8 {
                bytes.append(byte)
                if byte == Self.quote { bytes.append(Self.quote) }
            }
            bytes.append(Self.quote)
        }
    }
}
