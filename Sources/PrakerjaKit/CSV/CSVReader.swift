#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an RFC 4180 CSV file record by record, as SPEC §4 describes.
///
/// The file is streamed in large blocks and parsed as bytes, so a file of millions of rows never sits in
/// memory as text. What stops the command (unreadable file, bad header, NUL byte) is thrown as
/// `PrakerjaError.badInput`; a bad row is returned as a `CSVRecord` with a `problem`. A thrown NUL error
/// can come after good records were returned, so callers must not act on a file before reading it all.
public final class CSVReader {
    /// The file's header, trimmed and lower-cased.
    public let header: CSVHeader
    /// Header names that are neither required nor optional, in file order; callers warn once per file.
    public let unknownColumns: [String]

    private let scanner: CSVByteScanner
    /// The error that stopped reading: later calls repeat it rather than read past it.
    private var failure: (any Error)?

    /// Opens the file, reads and checks the header.
    ///
    /// `displayPath` is the name used in error messages. Column names are matched lower-cased after
    /// trimming spaces and tabs.
    public convenience init(path: String, displayPath: String, required: [String]) throws {
        try self.init(path: path, displayPath: displayPath, required: required, optional: [])
    }

    /// Opens the file, reads and checks the header, knowing which other columns are expected.
    ///
    /// Columns in `optional` may be absent and are not reported in `unknownColumns`.
    public convenience init(path: String, displayPath: String, required: [String], optional: [String]) throws {
        try self.init(
            path: path, displayPath: displayPath, required: required, optional: optional,
            blockSize: 4 << 20, maxRecordBytes: 64 << 20)
    }

    /// Opens the file with explicit buffer sizes; tests use tiny ones to cross every block boundary.
    init(
        path: String, displayPath: String, required: [String], optional: [String],
        blockSize: Int, maxRecordBytes: Int
    ) throws {
        let scanner = try CSVByteScanner(
            path: path, displayPath: displayPath, blockSize: blockSize, maxRecordBytes: maxRecordBytes)
        let rawNames: [String]
        switch try scanner.nextRaw() {
        case .end, .emptyLine:
            throw PrakerjaError.badInput("\(displayPath): line 1: no header")
        case .record(_, let problem):
            guard problem == nil, let decoded = scanner.decodeFields() else {
                throw PrakerjaError.badInput("\(displayPath): line 1: header is not valid UTF-8 CSV")
            }
            rawNames = decoded
        }

        let names = rawNames.map(CSVHeader.normalize)
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw PrakerjaError.badInput("\(displayPath): column '\(name)' appears twice")
        }
        let wanted = required.map(CSVHeader.normalize)
        for name in wanted where !seen.contains(name) {
            throw PrakerjaError.badInput("\(displayPath): missing required column '\(name)'")
        }
        let known = Set(wanted + optional.map(CSVHeader.normalize))

        self.header = CSVHeader(names: names)
        self.unknownColumns = names.filter { !known.contains($0) }
        self.scanner = scanner
    }

    /// Returns the next data record, or nil at the end of the file.
    ///
    /// Throws `PrakerjaError.badInput("<file>: line N: NUL byte")` when a NUL byte is met, and
    /// "<file>: cannot read: <reason>" when reading fails.
    public func next() throws -> CSVRecord? {
        if let failure { throw failure }
        do {
            return try readRecord()
        } catch {
            failure = error
            throw error
        }
    }

    /// Returns up to `max` records, fewer only at the end of the file (an empty array there).
    public func nextBatch(max: Int) throws -> [CSVRecord] {
        var batch: [CSVRecord] = []
        batch.reserveCapacity(Swift.max(0, Swift.min(max, 1 << 16)))
        while batch.count < max, let record = try next() {
            batch.append(record)
        }
        return batch
    }

    /// Returns up to `max` records as bytes, fewer only at the end of the file (an empty batch
    /// there): the same records as ``nextBatch(max:)``, made into ``CSVRecord`` values by
    /// ``CSVRawBatch/record(_:)``, which can run on other threads. Finding records is sequential;
    /// decoding their fields into strings is not, so a reader thread hands this over.
    public func nextRawBatch(max: Int) throws -> CSVRawBatch {
        if let failure { throw failure }
        var batch = CSVRawBatch(expectedFields: header.names.count)
        do {
            while batch.count < max {
                switch try scanner.nextRaw() {
                case .end:
                    return batch
                case .emptyLine(let line):
                    batch.append(line: line, problem: .malformed("empty line"))
                case .record(let line, let problem):
                    if let problem {
                        batch.append(line: line, problem: problem)
                    } else {
                        scanner.appendFields(to: &batch, line: line)
                    }
                }
            }
            return batch
        } catch {
            failure = error
            throw error
        }
    }

    private func readRecord() throws -> CSVRecord? {
        switch try scanner.nextRaw() {
        case .end:
            return nil
        case .emptyLine(let line):
            return CSVRecord(line: line, fields: [], problem: .malformed("empty line"))
        case .record(let line, let problem):
            if let problem {
                return CSVRecord(line: line, fields: [], problem: problem)
            }
            let expected = header.names.count
            let found = scanner.fieldCount
            if found != expected {
                let detail = "expected \(expected) field\(expected == 1 ? "" : "s"), found \(found)"
                return CSVRecord(line: line, fields: scanner.decodeFieldsRepairing(), problem: .malformed(detail))
            }
            if let fields = scanner.decodeFields() {
                return CSVRecord(line: line, fields: fields)
            }
            return CSVRecord(line: line, fields: scanner.decodeFieldsRepairing(), problem: .invalidEncoding)
        }
    }
}

/// The header of a CSV file, resolved against the columns a reader needs.
public struct CSVHeader: Sendable, Equatable {
    /// The header names in file order, trimmed of spaces and tabs and lower-cased.
    public let names: [String]
    private let positions: [String: Int]

    /// Creates a header from names already normalized; the first of equal names wins.
    init(names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions[name] == nil {
            positions[name] = index
        }
        self.positions = positions
    }

    /// The field index of a column, given lower-case, or nil when the file lacks it.
    public func index(of column: String) -> Int? {
        positions[column]
    }

    /// Trims spaces and tabs (only U+0020 and U+0009, as SPEC §4 defines trimming) and lower-cases.
    static func normalize(_ name: String) -> String {
        let scalars = name.unicodeScalars
        var lower = scalars.startIndex
        var upper = scalars.endIndex
        while lower < upper, scalars[lower] == " " || scalars[lower] == "\t" {
            scalars.formIndex(after: &lower)
        }
        while lower < upper {
            let before = scalars.index(before: upper)
            guard scalars[before] == " " || scalars[before] == "\t" else { break }
            upper = before
        }
        return String(scalars[lower..<upper]).lowercased()
    }
}

/// Where one field lies in the scanner's buffer.
private struct FieldSpan {
    var start: Int
    var end: Int
    /// The field was quoted and holds doubled quotes, so its bytes need unescaping.
    var escaped: Bool
}

/// What the scanner found at the current position.
private enum RawRecord {
    case end
    /// An empty line that is not trailing: a malformed row of its own.
    case emptyLine(Int)
    /// A record starting at the given line; its fields are the scanner's spans until the next call.
    case record(line: Int, problem: CSVRecordProblem?)
}

/// Splits a file into records on the byte level, refilling its buffer from the file as it goes.
///
/// A record is parsed in one go over the buffer; when it runs past the buffer's end the scanner moves the
/// partial record to the front, reads more and parses it again from its start. Records are tiny next to
/// the block size, so that rework costs nothing measurable and keeps the hot loops free of saved state.
private final class CSVByteScanner {
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C

    private let displayPath: String
    private let fd: Int32
    private let blockSize: Int
    /// A record longer than this (line end included) is malformed, and skipped instead of buffered,
    /// so an unterminated quote near the top of a huge file cannot pull the rest of it into memory.
    private let maxRecordBytes: Int

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The first byte not yet consumed.
    private var start = 0
    /// One past the last byte read.
    private var end = 0
    private var atEOF = false
    /// The physical line of the byte at `start`.
    private var line = 1
    private var pendingEmptyLines = 0
    private var pendingEmptyLine = 0
    /// The fields of the last record; reused so a record costs no span allocation.
    private var spans: [FieldSpan] = []
    private var unescaped: [UInt8] = []

    init(path: String, displayPath: String, blockSize: Int, maxRecordBytes: Int) throws {
        self.displayPath = displayPath
        self.blockSize = Swift.max(1, blockSize)
        self.maxRecordBytes = Swift.max(1, maxRecordBytes)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw PrakerjaError.badInput("\(displayPath): cannot read: \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        #if os(Linux)
            _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
        capacity = self.blockSize
        buffer = .allocate(capacity: capacity)

        // A BOM is only a BOM at the very start of the file; anywhere else it is data.
        while end < 3, !atEOF {
            _ = try refill()
        }
        if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            start = 3
        }
    }

    deinit {
        buffer.deallocate()
        close(fd)
    }

    var fieldCount: Int { spans.count }

    /// Finds the next record, or the next of a run of empty lines followed by more data.
    func nextRaw() throws -> RawRecord {
        if pendingEmptyLines > 0 {
            pendingEmptyLines -= 1
            pendingEmptyLine += 1
            return .emptyLine(pendingEmptyLine - 1)
        }

        // Empty lines are malformed rows only when data follows them, so count a run before deciding.
        var emptyLines = 0
        let runLine = line
        while true {
            if start == end {
                if atEOF { return .end }
                _ = try refill()
                continue
            }
            let byte = buffer[start]
            if byte == Self.lf {
                emptyLines += 1
                start += 1
                line += 1
                continue
            }
            if byte == Self.cr {
                if start + 1 == end, !atEOF {
                    _ = try refill()
                    continue
                }
                if start + 1 < end, buffer[start + 1] == Self.lf {
                    emptyLines += 1
                    start += 2
                    line += 1
                    continue
                }
            }
            break
        }
        if emptyLines > 0 {
            pendingEmptyLines = emptyLines - 1
            pendingEmptyLine = runLine + 1
            return .emptyLine(runLine)
        }

        let recordLine = line
        var spans: [FieldSpan] = []
        swap(&spans, &self.spans)
        defer { swap(&spans, &self.spans) }
        while true {
            switch try scan(from: start, line: recordLine, into: &spans) {
            case .incomplete:
                if try !refill() {
                    spans.removeAll(keepingCapacity: true)
                    let (problem, lineFeeds) = try skipLongRecord(line: recordLine)
                    line += lineFeeds
                    return .record(line: recordLine, problem: problem)
                }
            case .complete(let next, let lineFeeds, var problem):
                // The same limit whether or not the record happened to fit in the buffer.
                if next - start > maxRecordBytes, problem != .malformed("unterminated quote") {
                    problem = .malformed(longRecordDetail)
                }
                start = next
                line += lineFeeds
                return .record(line: recordLine, problem: problem)
            }
        }
    }

    private enum ScanResult {
        /// The record runs past the bytes read so far.
        case incomplete
        /// The record ends just before `next`, having crossed `lineFeeds` LF bytes (its terminator too).
        case complete(next: Int, lineFeeds: Int, problem: CSVRecordProblem?)
    }

    /// Parses one record starting at `position`, which is not at an empty line.
    private func scan(from position: Int, line: Int, into spans: inout [FieldSpan]) throws -> ScanResult {
        let bytes = buffer
        let count = end
        let atEOF = atEOF
        var p = position
        var lineFeeds = 0
        spans.removeAll(keepingCapacity: true)

        while true {
            if p < count, bytes[p] == Self.quote {
                // Quoted field: runs to a quote not followed by another quote.
                var q = p + 1
                var escaped = false
                while true {
                    while q < count {
                        let byte = bytes[q]
                        if byte == Self.quote || byte == Self.lf || byte == 0 { break }
                        q += 1
                    }
                    if q == count {
                        if !atEOF { return .incomplete }
                        return .complete(next: count, lineFeeds: lineFeeds, problem: .malformed("unterminated quote"))
                    }
                    let byte = bytes[q]
                    if byte == 0 { throw nulError(line: line + lineFeeds) }
                    if byte == Self.lf {
                        lineFeeds += 1
                        q += 1
                        continue
                    }
                    if q + 1 == count {
                        if !atEOF { return .incomplete }
                        spans.append(FieldSpan(start: p + 1, end: q, escaped: escaped))
                        return .complete(next: count, lineFeeds: lineFeeds, problem: nil)
                    }
                    if bytes[q + 1] == Self.quote {
                        escaped = true
                        q += 2
                        continue
                    }
                    break
                }
                spans.append(FieldSpan(start: p + 1, end: q, escaped: escaped))
                let after = q + 1
                let byte = bytes[after]
                if byte == Self.comma {
                    p = after + 1
                    continue
                }
                if byte == Self.lf {
                    return .complete(next: after + 1, lineFeeds: lineFeeds + 1, problem: nil)
                }
                if byte == Self.cr {
                    if after + 1 == count, !atEOF { return .incomplete }
                    if after + 1 < count, bytes[after + 1] == Self.lf {
                        return .complete(next: after + 2, lineFeeds: lineFeeds + 1, problem: nil)
                    }
                }
                // Text after the closing quote: the record ends at the next LF, whatever quotes follow.
                var s = after
                while s < count {
                    let byte = bytes[s]
                    if byte == Self.lf || byte == 0 { break }
                    s += 1
                }
                let problem = CSVRecordProblem.malformed("text after closing quote")
                if s == count {
                    if !atEOF { return .incomplete }
                    return .complete(next: count, lineFeeds: lineFeeds, problem: problem)
                }
                if bytes[s] == 0 { throw nulError(line: line + lineFeeds) }
                return .complete(next: s + 1, lineFeeds: lineFeeds + 1, problem: problem)
            }

            // Unquoted field: a quote or a lone CR inside is ordinary data.
            var q = p
            while q < count {
                let byte = bytes[q]
                // Most bytes are above the comma, so one comparison usually settles it.
                if byte <= Self.comma, byte == Self.comma || byte == Self.lf || byte == 0 { break }
                q += 1
            }
            if q == count {
                if !atEOF { return .incomplete }
                spans.append(FieldSpan(start: p, end: count, escaped: false))
                return .complete(next: count, lineFeeds: lineFeeds, problem: nil)
            }
            let byte = bytes[q]
            if byte == Self.comma {
                spans.append(FieldSpan(start: p, end: q, escaped: false))
                p = q + 1
                continue
            }
            if byte == 0 { throw nulError(line: line + lineFeeds) }
            // LF: a CR just before it belongs to the line end, not to the field.
            let fieldEnd = q > p && bytes[q - 1] == Self.cr ? q - 1 : q
            spans.append(FieldSpan(start: p, end: fieldEnd, escaped: false))
            return .complete(next: q + 1, lineFeeds: lineFeeds + 1, problem: nil)
        }
    }

    /// Consumes a record longer than `maxRecordBytes` without keeping it, starting at `start`.
    ///
    /// Follows the same grammar as `scan` one byte at a time, so the record ends where it would have.
    private func skipLongRecord(line: Int) throws -> (CSVRecordProblem, Int) {
        enum State { case fieldStart, unquoted, quoted, quoteSeen, crAfterQuote, skipToLineEnd }
        var state = State.fieldStart
        var lineFeeds = 0
        while true {
            var p = start
            while p < end {
                let byte = buffer[p]
                p += 1
                if byte == 0 { throw nulError(line: line + lineFeeds) }
                if byte == Self.lf {
                    lineFeeds += 1
                    if state != .quoted {
                        start = p
                        return (.malformed(longRecordDetail), lineFeeds)
                    }
                    continue
                }
                switch state {
                case .fieldStart:
                    switch byte {
                    case Self.quote: state = .quoted
                    case Self.comma: state = .fieldStart
                    default: state = .unquoted
                    }
                case .unquoted:
                    if byte == Self.comma { state = .fieldStart }
                case .quoted:
                    if byte == Self.quote { state = .quoteSeen }
                case .quoteSeen:
                    switch byte {
                    case Self.quote: state = .quoted
                    case Self.comma: state = .fieldStart
                    case Self.cr: state = .crAfterQuote
                    default: state = .skipToLineEnd
                    }
                case .crAfterQuote, .skipToLineEnd:
                    state = .skipToLineEnd
                }
            }
            start = end
            if atEOF {
                let detail = state == .quoted ? "unterminated quote" : longRecordDetail
                return (.malformed(detail), lineFeeds)
            }
            _ = try refill()
        }
    }

    /// Moves the unconsumed bytes to the front and reads more; false when the record in progress is
    /// already longer than `maxRecordBytes`.
    private func refill() throws -> Bool {
        let pending = end - start
        if start > 0 {
            if pending > 0 { memmove(buffer, buffer + start, pending) }
            start = 0
            end = pending
        }
        if pending > maxRecordBytes { return false }
        if capacity - end < blockSize {
            let newCapacity = Swift.max(capacity * 2, end + blockSize)
            let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newBuffer.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = newBuffer
            capacity = newCapacity
        }
        while true {
            let got = read(fd, buffer + end, capacity - end)
            if got > 0 {
                end += got
                return true
            }
            if got == 0 {
                atEOF = true
                return true
            }
            if errno == EINTR { continue }
            throw PrakerjaError.badInput("\(displayPath): cannot read: \(String(cString: strerror(errno)))")
        }
    }

    private var longRecordDetail: String { "record longer than \(maxRecordBytes) bytes" }

    private func nulError(line: Int) -> PrakerjaError {
        .badInput("\(displayPath): line \(line): NUL byte")
    }

    /// Appends the last record's fields, unescaped, to `batch`.
    func appendFields(to batch: inout CSVRawBatch, line: Int) {
        batch.startRecord(line: line)
        for span in spans {
            withFieldBytes(span) { batch.appendField($0) }
        }
    }

    /// The last record's fields, or nil when one is not valid UTF-8.
    func decodeFields() -> [String]? {
        var fields: [String] = []
        fields.reserveCapacity(spans.count)
        for span in spans {
            // The raw bytes decide: quotes are ASCII, so dropping doubled ones cannot mend or break UTF-8.
            let raw = UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start)
            guard CSVReader.isValidUTF8(raw) else { return nil }
            fields.append(withFieldBytes(span) { String(decoding: $0, as: UTF8.self) })
        }
        return fields
    }

    /// The last record's fields with invalid UTF-8 replaced by U+FFFD.
    func decodeFieldsRepairing() -> [String] {
        spans.map { span in withFieldBytes(span) { String(decoding: $0, as: UTF8.self) } }
    }

    private func withFieldBytes<T>(_ span: FieldSpan, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let raw = UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start)
        guard span.escaped else { return body(raw) }
        // Inside a quoted field every quote is doubled (the scanner made sure), so keep every other one.
        unescaped.removeAll(keepingCapacity: true)
        var skipNext = false
        for byte in raw {
            if skipNext {
                skipNext = false
                continue
            }
            unescaped.append(byte)
            if byte == Self.quote { skipNext = true }
        }
        return unescaped.withUnsafeBufferPointer(body)
    }
}

extension CSVReader {
    /// Checks UTF-8 by the Unicode table of well-formed sequences (no overlongs, surrogates or > U+10FFFF).
    ///
    /// Hand-written because the standard library's `String(validating:as:)` goes through generic
    /// metadata on every call, which cost more than the rest of the parse (and it needs macOS 15).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var i = 0
        while i < count {
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let lead = base[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return false
            }
            guard i + length <= count else { return false }
            let second = base[i + 1]
            guard second >= low, second <= high else { return false }
            for k in 2..<length where base[i + k] & 0xC0 != 0x80 {
                return false
            }
            i += length
        }
        return true
    }
}

/// Records of a CSV file as bytes (``CSVReader/nextRawBatch(max:)``): each record's fields,
/// unescaped, back to back, so that a batch of 65,536 records is three arrays rather than a
/// string per field.
public struct CSVRawBatch: Sendable {
    private struct Entry: Sendable {
        var line: Int
        /// Index of the record's first field in `fieldEnds`; its fields run to the next record's.
        var firstField: Int32
        var problem: CSVRecordProblem?
    }

    /// The number of fields a good record has (the header's).
    let expectedFields: Int
    private var entries: [Entry] = []
    private var bytes: [UInt8] = []
    /// Where each field ends in `bytes`; a field starts where the one before it ends.
    private var fieldEnds: [Int32] = [0]

    init(expectedFields: Int) {
        self.expectedFields = expectedFields
        entries.reserveCapacity(1 << 16)
        bytes.reserveCapacity(1 << 23)
        fieldEnds.reserveCapacity(expectedFields << 16 + 1)
    }

    /// The number of records.
    public var count: Int { entries.count }

    public var isEmpty: Bool { entries.isEmpty }

    mutating func append(line: Int, problem: CSVRecordProblem) {
        entries.append(Entry(line: line, firstField: Int32(fieldEnds.count - 1), problem: problem))
    }

    mutating func startRecord(line: Int) {
        precondition(bytes.count < Int(Int32.max) - (64 << 20), "a CSV batch of more than 2 GB")
        entries.append(Entry(line: line, firstField: Int32(fieldEnds.count - 1), problem: nil))
    }

    mutating func appendField(_ field: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: field)
        fieldEnds.append(Int32(bytes.count))
    }

    /// Record `k` as ``CSVReader/next()`` returns it: a wrong field count is malformed (its fields
    /// as read, bad bytes replaced), invalid UTF-8 is `invalidEncoding` (likewise).
    public func record(_ k: Int) -> CSVRecord {
        let entry = entries[k]
        if let problem = entry.problem { return CSVRecord(line: entry.line, fields: [], problem: problem) }
        let first = Int(entry.firstField)
        let last = k + 1 < entries.count ? Int(entries[k + 1].firstField) : fieldEnds.count - 1
        let found = last - first
        return bytes.withUnsafeBufferPointer { all in
            func field(_ f: Int) -> UnsafeBufferPointer<UInt8> {
                let start = Int(fieldEnds[f])
                return UnsafeBufferPointer(rebasing: all[start..<Int(fieldEnds[f + 1])])
            }
            func repaired() -> [String] { (first..<last).map { String(decoding: field($0), as: UTF8.self) } }
            if found != expectedFields {
                let detail = "expected \(expectedFields) field\(expectedFields == 1 ? "" : "s"), found \(found)"
                return CSVRecord(line: entry.line, fields: repaired(), problem: .malformed(detail))
            }
            var fields: [String] = []
            fields.reserveCapacity(found)
            for f in first..<last {
                let bytes = field(f)
                guard CSVReader.isValidUTF8(bytes) else {
                    return CSVRecord(line: entry.line, fields: repaired(), problem: .invalidEncoding)
                }
                fields.append(String(decoding: bytes, as: UTF8.self))
            }
            return CSVRecord(line: entry.line, fields: fields)
        }
    }
}
