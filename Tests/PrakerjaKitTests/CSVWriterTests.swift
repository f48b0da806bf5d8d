import Foundation
import Testing

@testable import PrakerjaKit

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhereNeeded() {
        var writer = CSVWriter()
        writer.writeRow(["a", "b,c", "d\"e", "f\ng", "h\ri", "", " j ", "é"])
        writer.writeRow(["x", ""])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "a,\"b,c\",\"d\"\"e\",\"f\ng\",\"h\ri\",, j ,é\nx,\n")
    }

    @Test func singleEmptyFieldIsQuotedSoItIsNotAnEmptyLine() {
        var writer = CSVWriter()
        writer.writeRow(["id"])
        writer.writeRow([""])
        writer.writeRow([])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "id\n\"\"\n\n")
    }

    @Test func leadingBOMIsQuoted() {
        var writer = CSVWriter()
        writer.writeRow(["\u{FEFF}a", "b\u{FEFF}"])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "\"\u{FEFF}a\",b\u{FEFF}\n")
    }

    @Test func callerCanTakeTheBytes() {
        var writer = CSVWriter()
        writer.writeRow(["a"])
        let first = writer.bytes
        writer.bytes.removeAll(keepingCapacity: true)
        writer.writeRow(["b"])
        #expect(first == Array("a\n".utf8))
        #expect(writer.bytes == Array("b\n".utf8))
    }

    /// Property: reading what the writer wrote gives back the same fields, on seeded random tables.
    @Test func readingWhatWasWrittenGivesTheSameFields() throws {
        var rng = CSVTestSupport.SeededRandom(seed: 4_180)
        let tokens = CSVTestSupport.GeneratedCSV.tokens + ["", "  ", "\u{FEFF}", "\"\"", "\r\r", "\n\n"]
        for round in 0..<300 {
            let columns = Int.random(in: 1...6, using: &rng)
            let header = (0..<columns).map { "c\($0)" }
            let rows = (0..<Int.random(in: 0...10, using: &rng)).map { _ in
                (0..<columns).map { _ in
                    (0..<Int.random(in: 0...5, using: &rng)).map { _ in tokens.randomElement(using: &rng)! }.joined()
                }
            }
            var writer = CSVWriter()
            writer.writeRow(header)
            for row in rows { writer.writeRow(row) }

            let blockSize = [1, 2, 5, 4096].randomElement(using: &rng)!
            let (readHeader, records) = try CSVTestSupport.readAll(writer.bytes, required: header, blockSize: blockSize)
            #expect(readHeader == header)
            #expect(records.map(\.fields) == rows, "round \(round)")
            #expect(records.allSatisfy { $0.problem == nil }, "round \(round)")
        }
    }

    /// A file that starts with a field holding a leading BOM keeps it, as the reader drops only a real BOM.
    @Test func leadingBOMFieldSurvivesAtFileStart() throws {
        var writer = CSVWriter()
        writer.writeRow(["\u{FEFF}id", "x"])
        writer.writeRow(["1", "2"])
        let (header, records) = try CSVTestSupport.readAll(writer.bytes)
        #expect(header == ["\u{FEFF}id", "x"])
        #expect(records == [CSVRecord(line: 2, fields: ["1", "2"])])
    }
}
