import Foundation
import Testing

@testable import PrakerjaKit

private func utf8Bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Block sizes that put a buffer boundary everywhere in small inputs, plus the production size.
private let blockSizes = [1, 2, 3, 7, 64, 4 << 20]

@Suite struct CSVReaderTests {
    // MARK: csv-spectrum acid test

    @Test func csvSpectrumIsThere() {
        #expect(Spectrum.names.count >= 12)
    }

    @Test(arguments: Spectrum.names)
    func csvSpectrum(name: String) throws {
        let directory = try #require(Spectrum.directory)
        let csvPath = directory.appendingPathComponent("csvs/\(name).csv").path
        let jsonData = try Data(contentsOf: directory.appendingPathComponent("json/\(name).json"))
        // Upstream gives one file's records as an object instead of an array of objects.
        let json = try JSONSerialization.jsonObject(with: jsonData)
        var expected: [[String: String]]
        if let array = json as? [[String: String]] {
            expected = array
        } else {
            expected = [try #require(json as? [String: String])]
        }
        if name == "location_coordinates" {
            // Known upstream slip (see the fixture README): the CSV holds 2095257564, the CSV is the truth.
            expected[0]["Contact Phone Number"] = "2095257564"
        }

        let reader = try CSVReader(path: csvPath, displayPath: "\(name).csv", required: [])
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }

        #expect(records.count == expected.count)
        for (record, object) in zip(records, expected) {
            #expect(record.problem == nil)
            #expect(record.fields.count == object.count)
            for (key, value) in object {
                let index = try #require(reader.header.index(of: key.lowercased()), "column \(key)")
                #expect(record.fields[index] == value, "\(name): column \(key)")
            }
        }
    }

    // MARK: Edges

    @Test(arguments: edgeCases, blockSizes)
    func edge(_ edge: EdgeCase, blockSize: Int) throws {
        let (header, records) = try CSVTestSupport.readAll(edge.input, blockSize: blockSize)
        #expect(header == edge.header)
        #expect(records == edge.records)
    }

    /// The ingest reads through raw batches: the same records, batch boundaries anywhere.
    @Test(arguments: edgeCases, [1, 3, 4 << 20])
    func rawBatchesReadTheSameRecords(_ edge: EdgeCase, blockSize: Int) throws {
        for rawBatch in [1, 2, 1 << 16] {
            let (header, records) = try CSVTestSupport.readAll(edge.input, blockSize: blockSize, rawBatch: rawBatch)
            #expect(header == edge.header)
            #expect(records == edge.records, "batches of \(rawBatch)")
        }
    }

    @Test(arguments: fileErrorCases, blockSizes)
    func fileLevelError(_ edge: FileErrorCase, blockSize: Int) {
        #expect(throws: PrakerjaError.badInput(edge.message)) {
            _ = try CSVTestSupport.readAll(edge.input, required: edge.required, blockSize: blockSize)
        }
    }

    @Test func nulAfterGoodRecordsStopsAndStaysStopped() throws {
        try CSVTestSupport.withTemporaryFile(utf8Bytes("a,b\n1,2\n3,\u{0}\n4,5\n")) { path in
            let reader = try CSVReader(path: path, displayPath: "w/a.csv", required: ["a"])
            #expect(try reader.next() == CSVRecord(line: 2, fields: ["1", "2"]))
            let error = PrakerjaError.badInput("w/a.csv: line 3: NUL byte")
            #expect(throws: error) { try reader.next() }
            #expect(throws: error) { try reader.next() }
        }
    }

    @Test func missingFile() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID()).csv").path
        #expect(throws: PrakerjaError.badInput("x.csv: cannot read: No such file or directory")) {
            _ = try CSVReader(path: path, displayPath: "x.csv", required: [])
        }
    }

    @Test func directoryIsUnreadable() {
        let path = FileManager.default.temporaryDirectory.path
        #expect(throws: PrakerjaError.badInput("dir: cannot read: Is a directory")) {
            _ = try CSVReader(path: path, displayPath: "dir", required: [])
        }
    }

    @Test(arguments: blockSizes)
    func longRecordsAreSkippedNotBuffered(blockSize: Int) throws {
        let long = String(repeating: "x", count: 40)
        let multiLine = String(repeating: "x\n", count: 20)
        let input = "a,b\n\(long),y\n1,2\n\"\(multiLine)\",y\n3,4\n\"\(long)\"z\"\"\n5,6\n\"\(multiLine)"
        let (_, records) = try CSVTestSupport.readAll(utf8Bytes(input), blockSize: blockSize, maxRecordBytes: 16)
        let (_, raw) = try CSVTestSupport.readAll(utf8Bytes(input), blockSize: blockSize, maxRecordBytes: 16, rawBatch: 2)
        #expect(raw == records)
        let tooLong = CSVRecordProblem.malformed("record longer than 16 bytes")
        #expect(
            records == [
                CSVRecord(line: 2, fields: [], problem: tooLong),
                CSVRecord(line: 3, fields: ["1", "2"]),
                CSVRecord(line: 4, fields: [], problem: tooLong),
                CSVRecord(line: 25, fields: ["3", "4"]),
                CSVRecord(line: 26, fields: [], problem: tooLong),
                CSVRecord(line: 27, fields: ["5", "6"]),
                CSVRecord(line: 28, fields: [], problem: .malformed("unterminated quote")),
            ])
    }

    @Test func nulInsideLongRecord() {
        let input = "a\n\"" + String(repeating: "x\n", count: 30) + "\u{0}\"\n"
        #expect(throws: PrakerjaError.badInput("f: line 32: NUL byte")) {
            _ = try CSVTestSupport.readAll(utf8Bytes(input), blockSize: 4, maxRecordBytes: 8)
        }
    }

    // MARK: Header and batches

    @Test func headerIsTrimmedLowerCasedAndResolved() throws {
        try CSVTestSupport.withTemporaryFile(utf8Bytes(" Nik\t,extra, REGISTRATION_ID ,Alamat\n1,2,3,4\n")) { path in
            let reader = try CSVReader(
                path: path, displayPath: "a.csv", required: ["registration_id", "NIK "], optional: ["alamat"])
            #expect(reader.header.names == ["nik", "extra", "registration_id", "alamat"])
            #expect(reader.header.index(of: "registration_id") == 2)
            #expect(reader.header.index(of: "nik") == 0)
            #expect(reader.header.index(of: "phone") == nil)
            #expect(reader.unknownColumns == ["extra"])
            #expect(try reader.next()?.fields == ["1", "2", "3", "4"])
        }
    }

    @Test func trimmingIsOnlySpacesAndTabs() throws {
        try CSVTestSupport.withTemporaryFile(utf8Bytes("\u{A0}a\u{A0},\u{3000}b\n")) { path in
            let reader = try CSVReader(path: path, displayPath: "a.csv", required: [])
            #expect(reader.header.names == ["\u{A0}a\u{A0}", "\u{3000}b"])
        }
    }

    @Test(arguments: [1, 3, 4 << 20])
    func batches(blockSize: Int) throws {
        var text = "id\n"
        for i in 0..<25 { text += "\(i)\n" }
        try CSVTestSupport.withTemporaryFile(utf8Bytes(text)) { path in
            let reader = try CSVReader(
                path: path, displayPath: "a.csv", required: ["id"], optional: [], blockSize: blockSize,
                maxRecordBytes: 1 << 20)
            var sizes: [Int] = []
            var lines: [Int] = []
            while true {
                let batch = try reader.nextBatch(max: 10)
                if batch.isEmpty { break }
                sizes.append(batch.count)
                lines += batch.map(\.line)
            }
            #expect(sizes == [10, 10, 5])
            #expect(lines == Array(2...26))
        }
    }

    // MARK: UTF-8 validation

    @Test(arguments: utf8Samples)
    func utf8ValidationAgreesWithStandardLibrary(sample: [UInt8]) {
        let expected = CSVTestSupport.isValidUTF8Reference(sample)
        let got = sample.withUnsafeBufferPointer { CSVReader.isValidUTF8($0) }
        #expect(got == expected, "\(sample.map { String($0, radix: 16) })")
    }

    @Test func utf8ValidationAgreesOnRandomBytes() {
        var rng = CSVTestSupport.SeededRandom(seed: 7)
        let interesting: [UInt8] = [
            0x41, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xA0, 0x9F, 0x90, 0x8F,
        ]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...12, using: &rng)
            let sample = (0..<length).map { _ in
                Bool.random(using: &rng)
                    ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            let expected = CSVTestSupport.isValidUTF8Reference(sample)
            let got = sample.withUnsafeBufferPointer { CSVReader.isValidUTF8($0) }
            #expect(got == expected, "\(sample.map { String($0, radix: 16) })")
            if got != expected { break }
        }
    }
}

extension CSVReaderTests {
    /// Differential test against Python's csv module.
    @Suite struct AgainstPython {
        static let python3 = CSVTestSupport.findExecutable("python3")

        /// Reads each file with csv.reader and prints all rows as JSON, dropping trailing empty lines as we do.
        static let script = """
            import csv, json, sys
            out = []
            for path in sys.argv[1:]:
                with open(path, newline='', encoding='utf-8-sig') as f:
                    rows = list(csv.reader(f))
                while rows and rows[-1] == []:
                    rows.pop()
                out.append(rows)
            json.dump(out, sys.stdout)
            """

        @Test(.enabled(if: AgainstPython.python3 != nil, "python3 is not installed"))
        func agreesWithPythonOnRandomWellFormedFiles() throws {
            let python3 = try #require(Self.python3)
            var rng = CSVTestSupport.SeededRandom(seed: 20_240_917)
            let directory = try CSVTestSupport.makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }

            var generated: [CSVTestSupport.GeneratedCSV] = []
            var paths: [String] = []
            for index in 0..<200 {
                let csv = CSVTestSupport.GeneratedCSV.random(using: &rng)
                let path = directory.appendingPathComponent(String(format: "%03d.csv", index)).path
                try Data(csv.bytes).write(to: URL(fileURLWithPath: path))
                generated.append(csv)
                paths.append(path)
            }

            let process = Process()
            process.executableURL = URL(fileURLWithPath: python3)
            process.arguments = ["-c", Self.script] + paths
            let stdout = Pipe()
            process.standardOutput = stdout
            try process.run()
            let output = stdout.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "python3 failed")
            let pythonFiles = try JSONDecoder().decode([[[String]]].self, from: output)
            try #require(pythonFiles.count == generated.count)

            for (index, (csv, pythonRows)) in zip(generated, pythonFiles).enumerated() {
                let file = String(format: "%03d.csv", index)
                let blockSize = [1, 2, 3, 5, 8, 13, 4096].randomElement(using: &rng)!
                let (header, records) = try CSVTestSupport.readAll(csv.bytes, blockSize: blockSize)
                try #require(!pythonRows.isEmpty, "\(file): python saw no header")
                #expect(header == pythonRows[0].map(CSVHeader.normalize), "\(file)")
                #expect(records.map(\.fields) == Array(pythonRows.dropFirst()), "\(file), block \(blockSize)")
                #expect(records.allSatisfy { $0.problem == nil }, "\(file)")
                #expect(records.map(\.line) == csv.lines, "\(file)")
                // The generator's own truth, as a check on the test itself.
                #expect(Array(pythonRows.dropFirst()) == csv.rows, "\(file)")
            }
        }
    }
}

// MARK: - Tables

extension CSVReaderTests {
    /// One input file and what the reader must make of it.
    struct EdgeCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var header: [String]
        var records: [CSVRecord]
        var testDescription: String { name }

        init(_ name: String, _ input: String, header: [String], _ records: [CSVRecord]) {
            self.init(name, utf8Bytes(input), header: header, records)
        }

        init(_ name: String, _ input: [UInt8], header: [String], _ records: [CSVRecord]) {
            self.name = name
            self.input = input
            self.header = header
            self.records = records
        }
    }
}

private func ok(_ line: Int, _ fields: [String]) -> CSVRecord {
    CSVRecord(line: line, fields: fields)
}

private func bad(_ line: Int, _ detail: String, _ fields: [String] = []) -> CSVRecord {
    CSVRecord(line: line, fields: fields, problem: .malformed(detail))
}

private func badEncoding(_ line: Int, _ fields: [String]) -> CSVRecord {
    CSVRecord(line: line, fields: fields, problem: .invalidEncoding)
}

private typealias Edge = CSVReaderTests.EdgeCase

private let edgeCases: [Edge] = [
    Edge("LF", "a,b\n1,2\n3,4\n", header: ["a", "b"], [ok(2, ["1", "2"]), ok(3, ["3", "4"])]),
    Edge(
        "CRLF", "a,b\r\n1,2\r\n3,4\r\n", header: ["a", "b"], [ok(2, ["1", "2"]), ok(3, ["3", "4"])]),
    Edge(
        "mixed line ends", "a,b\r\n1,2\n3,4\r\n", header: ["a", "b"], [ok(2, ["1", "2"]), ok(3, ["3", "4"])]),
    Edge("BOM", "\u{FEFF}a,b\r\n1,2\r\n", header: ["a", "b"], [ok(2, ["1", "2"])]),
    Edge(
        "BOM after the start is data", "a,b\n\u{FEFF}x,y\n", header: ["a", "b"], [ok(2, ["\u{FEFF}x", "y"])]),
    Edge("no final line end", "a,b\n1,2", header: ["a", "b"], [ok(2, ["1", "2"])]),
    Edge("no final line end after quote", "a,b\n1,\"2\"", header: ["a", "b"], [ok(2, ["1", "2"])]),
    Edge("final lone CR is data", "a,b\r\n1,2\r", header: ["a", "b"], [ok(2, ["1", "2\r"])]),
    Edge("trailing empty LF lines", "a,b\n1,2\n\n\n\n", header: ["a", "b"], [ok(2, ["1", "2"])]),
    Edge(
        "trailing empty CRLF lines", "a,b\r\n1,2\r\n\r\n\r\n", header: ["a", "b"], [ok(2, ["1", "2"])]),
    Edge(
        "trailing mixed empty lines", "a,b\n1,2\r\n\n\r\n\n", header: ["a", "b"], [ok(2, ["1", "2"])]),
    Edge("header only", "a,b\n", header: ["a", "b"], []),
    Edge("header only, no line end", "a,b", header: ["a", "b"], []),
    Edge("header then empty lines", "a,b\r\n\r\n\n", header: ["a", "b"], []),
    Edge(
        "empty line in the middle", "a,b\n1,2\n\n3,4\n", header: ["a", "b"],
        [ok(2, ["1", "2"]), bad(3, "empty line"), ok(4, ["3", "4"])]),
    Edge(
        "empty lines in the middle and at the end", "a,b\r\n1,2\r\n\r\n\n\r\n3,4\r\n\r\n\n", header: ["a", "b"],
        [ok(2, ["1", "2"]), bad(3, "empty line"), bad(4, "empty line"), bad(5, "empty line"), ok(6, ["3", "4"])]),
    Edge(
        "empty line after header", "a,b\n\n1,2\n", header: ["a", "b"], [bad(2, "empty line"), ok(3, ["1", "2"])]),
    Edge(
        "lone CR in unquoted field", "a,b\n1\r2,3\r\n", header: ["a", "b"], [ok(2, ["1\r2", "3"])]),
    Edge("lone CR field", "a,b\n\r,x\n", header: ["a", "b"], [ok(2, ["\r", "x"])]),
    Edge("CR before CRLF", "a,b\n1,2\r\r\n", header: ["a", "b"], [ok(2, ["1", "2\r"])]),
    Edge(
        "empty fields", "a,b,c\n,,\n,\"\",\r\n", header: ["a", "b", "c"],
        [ok(2, ["", "", ""]), ok(3, ["", "", ""])]),
    Edge(
        "single column", "a\n1\n\"\"\nx", header: ["a"], [ok(2, ["1"]), ok(3, [""]), ok(4, ["x"])]),
    Edge(
        "CR and CRLF inside quotes are kept", "a,b\n\"1\r2\",\"x\r\ny\"\r\n\"z\r\"\n", header: ["a", "b"],
        [ok(2, ["1\r2", "x\r\ny"]), bad(4, "expected 2 fields, found 1", ["z\r"])]),
    Edge(
        "quoted line breaks move the next line", "a,b\n\"x\ny\nz\",1\n2,3\n", header: ["a", "b"],
        [ok(2, ["x\ny\nz", "1"]), ok(5, ["2", "3"])]),
    Edge(
        "doubled quotes", "a,b\n\"he said \"\"hi\"\"\",\"\"\"\"\n", header: ["a", "b"],
        [ok(2, ["he said \"hi\"", "\""])]),
    Edge("quoted commas", "a,b\n\"1,2\",\",\"\n", header: ["a", "b"], [ok(2, ["1,2", ","])]),
    Edge(
        "quote inside unquoted field is data", "a,b,c\na,b\"c,d\"\n x\" y,\"\"\"\",z\n", header: ["a", "b", "c"],
        [ok(2, ["a", "b\"c", "d\""]), ok(3, [" x\" y", "\"", "z"])]),
    Edge(
        "text after closing quote", "a,b,c\na,\"b\"c,d\n1,2,3\n", header: ["a", "b", "c"],
        [bad(2, "text after closing quote"), ok(3, ["1", "2", "3"])]),
    Edge(
        "text after closing quote ends at the next LF", "a,b\n\"x\"y,\"p\nq\"\n1,2\n", header: ["a", "b"],
        [bad(2, "text after closing quote"), bad(3, "expected 2 fields, found 1", ["q\""]), ok(4, ["1", "2"])]),
    Edge(
        "space after closing quote", "a,b\n\"x\" ,y\n", header: ["a", "b"], [bad(2, "text after closing quote")]),
    Edge(
        "lone CR after closing quote", "a,b\n\"x\"\ry,z\n1,2", header: ["a", "b"],
        [bad(2, "text after closing quote"), ok(3, ["1", "2"])]),
    Edge(
        "lone CR after closing quote at the end", "a,b\n1,\"x\"\r", header: ["a", "b"],
        [bad(2, "text after closing quote")]),
    Edge(
        "text after closing quote at the end", "a,b\n1,\"x\"y", header: ["a", "b"],
        [bad(2, "text after closing quote")]),
    Edge(
        "unterminated quote takes the rest of the file", "a,b\n1,2\n\"x,y\n3,4\n\n5,6\n", header: ["a", "b"],
        [ok(2, ["1", "2"]), bad(3, "unterminated quote")]),
    Edge(
        "unterminated quote at the end", "a,b\n1,\"", header: ["a", "b"], [bad(2, "unterminated quote")]),
    Edge(
        "too many fields", "a,b\n1,2,3\n4,5\n", header: ["a", "b"],
        [bad(2, "expected 2 fields, found 3", ["1", "2", "3"]), ok(3, ["4", "5"])]),
    Edge(
        "too few fields", "a,b,c\n1,2\n", header: ["a", "b", "c"],
        [bad(2, "expected 3 fields, found 2", ["1", "2"])]),
    Edge(
        "spaces-only line is a record, not an empty line", "a,b\n  \n", header: ["a", "b"],
        [bad(2, "expected 2 fields, found 1", ["  "])]),
    Edge(
        "expected one field", "a\n1,2\n", header: ["a"], [bad(2, "expected 1 field, found 2", ["1", "2"])]),
    Edge(
        "invalid UTF-8", Array("a,b\n1,".utf8) + [0xFF] + Array("\n2,3\n".utf8), header: ["a", "b"],
        [badEncoding(2, ["1", "\u{FFFD}"]), ok(3, ["2", "3"])]),
    Edge(
        "invalid UTF-8 in a quoted field", Array("a,b\n1,\"x\"\"".utf8) + [0xC3] + Array("\"\n".utf8),
        header: ["a", "b"],
        [badEncoding(2, ["1", "x\"\u{FFFD}"])]),
    Edge(
        "malformed wins over invalid UTF-8", Array("a,b\n".utf8) + [0xFF] + Array("\n".utf8), header: ["a", "b"],
        [bad(2, "expected 2 fields, found 1", ["\u{FFFD}"])]),
    Edge(
        "overlong, surrogate, too large, truncated",
        Array("a\n".utf8) + [0xC0, 0xAF, 0x0A, 0xED, 0xA0, 0x80, 0x0A, 0xF4, 0x90, 0x80, 0x80, 0x0A, 0xE2, 0x82, 0x0A],
        header: ["a"],
        [
            badEncoding(2, ["\u{FFFD}\u{FFFD}"]), badEncoding(3, ["\u{FFFD}\u{FFFD}\u{FFFD}"]),
            badEncoding(4, ["\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"]), badEncoding(5, ["\u{FFFD}"]),
        ]),
    Edge("multi-byte UTF-8", "a,b\nʤ,😀中\n", header: ["a", "b"], [ok(2, ["ʤ", "😀中"])]),
    Edge(
        "header trimmed and lower-cased", " A \t,\tB\u{20}\n1,2\n", header: ["a", "b"], [ok(2, ["1", "2"])]),
    Edge(
        "quoted header with BOM and CRLF", "\u{FEFF}\"A\",\"b,c\"\r\n1,2\r\n", header: ["a", "b,c"],
        [ok(2, ["1", "2"])]),
    Edge(
        "multi-line header moves the first line", "\"a\nb\",c\n1,2\n", header: ["a\nb", "c"], [ok(3, ["1", "2"])]),
    Edge("lone CR as the last line", "a\n1\n\r", header: ["a"], [ok(2, ["1"]), ok(3, ["\r"])]),
]

extension CSVReaderTests {
    /// One input file that must stop the command, with the message.
    struct FileErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var required: [String]
        var message: String
        var testDescription: String { name }

        init(_ name: String, _ input: [UInt8], required: [String] = [], _ message: String) {
            self.name = name
            self.input = input
            self.required = required
            self.message = message
        }

        init(_ name: String, _ input: String, required: [String] = [], _ message: String) {
            self.init(name, utf8Bytes(input), required: required, message)
        }
    }
}

private typealias FileError = CSVReaderTests.FileErrorCase

private let fileErrorCases: [FileError] = [
    FileError("empty file", "", "f: line 1: no header"),
    FileError("only a BOM", "\u{FEFF}", "f: line 1: no header"),
    FileError("empty first line", "\na,b\n", "f: line 1: no header"),
    FileError("only empty lines", "\r\n\r\n", "f: line 1: no header"),
    FileError("duplicate header", "a,b,a\n", "f: column 'a' appears twice"),
    FileError("duplicate after trim and case", "nik, NIK\t\n", "f: column 'nik' appears twice"),
    FileError(
        "missing column", "a,b\n1,2\n", required: ["a", "c", "d"], "f: missing required column 'c'"),
    FileError(
        "header not UTF-8", Array("a,".utf8) + [0xFF] + [0x0A], "f: line 1: header is not valid UTF-8 CSV"),
    FileError("header text after quote", "\"a\"b,c\n", "f: line 1: header is not valid UTF-8 CSV"),
    FileError(
        "header unterminated quote", "\"a,b\n1,2\n", "f: line 1: header is not valid UTF-8 CSV"),
    FileError("NUL in header", "a\u{0},b\n", "f: line 1: NUL byte"),
    FileError("NUL in data", "a,b\n1,2\n3,\u{0}\n", "f: line 3: NUL byte"),
    FileError("NUL in quoted field", "a,b\n\"x\ny\u{0}\",1\n", "f: line 3: NUL byte"),
    FileError("NUL after closing quote", "a,b\n\"x\"y\u{0}\n", "f: line 2: NUL byte"),
    FileError("NUL after unterminated quote", "a,b\n\"x\n\n\u{0}", "f: line 4: NUL byte"),
    FileError("NUL after wrong field count", "a,b\n1\n2,\u{0}\n", "f: line 3: NUL byte"),
    FileError("NUL after empty lines", "a,b\n\n\r\n\u{0}", "f: line 4: NUL byte"),
]

private let utf8Samples: [[UInt8]] = [
    [], [0x41], [0xC2, 0x80], [0xC1, 0xBF], [0xDF, 0xBF], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80],
    [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
    [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xC2], [0xE2, 0x82],
    [0xC2, 0x41], Array("abcdefgh".utf8) + [0xFF], Array("abcdefghé".utf8), Array("abcdefg😀xyz".utf8),
]

// MARK: - Helpers shared by the CSV tests

/// Helpers for the CSV tests, in one namespace so they cannot clash with other suites' helpers.
enum CSVTestSupport {
    /// A small fast generator so random tests are the same on every run.
    struct SeededRandom: RandomNumberGenerator {
        private var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            // SplitMix64.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func withTemporaryFile<T>(_ content: [UInt8], _ body: (String) throws -> T) throws -> T {
        let directory = try CSVTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("input.csv").path
        try Data(content).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    /// Reads a whole file from bytes, returning the header names and every record.
    /// With `rawBatch`, through ``CSVReader/nextRawBatch(max:)`` in batches of that many records.
    static func readAll(
        _ content: [UInt8], required: [String] = [], blockSize: Int = 4 << 20, maxRecordBytes: Int = 64 << 20,
        rawBatch: Int? = nil
    ) throws -> (header: [String], records: [CSVRecord]) {
        try CSVTestSupport.withTemporaryFile(content) { path in
            let reader = try CSVReader(
                path: path, displayPath: "f", required: required, optional: [], blockSize: blockSize,
                maxRecordBytes: maxRecordBytes)
            var records: [CSVRecord] = []
            if let rawBatch {
                while true {
                    let batch = try reader.nextRawBatch(max: rawBatch)
                    if batch.isEmpty { break }
                    records += (0..<batch.count).map { batch.record($0) }
                }
            } else {
                while let record = try reader.next() { records.append(record) }
            }
            return (reader.header.names, records)
        }
    }

    /// UTF-8 validity by the standard library: decoding repairs bad bytes, so valid means unchanged.
    ///
    /// Used instead of `String(validating:as:)`, which needs macOS 15 while the package allows 14.
    static func isValidUTF8Reference(_ bytes: [UInt8]) -> Bool {
        Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A random well-formed CSV file and what it holds.
    struct GeneratedCSV {
        var bytes: [UInt8]
        var rows: [[String]]
        /// The physical line where each data row starts.
        var lines: [Int]

        static let tokens = [
            "a", "B", "z", "7", " ", "\t", ",", "\"", "\r", "\n", "\r\n", "é", "ʤ", "中", "😀", "\u{FEFF}", "'", ";",
        ]

        static func randomField(using rng: inout SeededRandom) -> String {
            let length = Int.random(in: 0...6, using: &rng)
            return (0..<length).map { _ in tokens.randomElement(using: &rng)! }.joined()
        }

        static func random(using rng: inout SeededRandom) -> GeneratedCSV {
            let columns = Int.random(in: 1...5, using: &rng)
            let rowCount = Int.random(in: 0...8, using: &rng)
            // A unique suffix keeps header names distinct after trimming and lower-casing.
            let header = (0..<columns).map { randomField(using: &rng) + "#\($0)" }
            let rows = (0..<rowCount).map { _ in (0..<columns).map { _ in randomField(using: &rng) } }

            var text = Bool.random(using: &rng) ? "\u{FEFF}" : ""
            var lines: [Int] = []
            var line = 1
            for (index, record) in ([header] + rows).enumerated() {
                if index > 0 { lines.append(line) }
                var encoded = record.map { field -> String in
                    // Bytes, not Characters: "\r\n" is one Character and would hide its "\n".
                    let mustQuote =
                        field.utf8.contains { $0 == 0x2C || $0 == 0x0D || $0 == 0x0A } || field.utf8.first == 0x22
                    let quote = mustQuote || Int.random(in: 0..<10, using: &rng) < 3
                    return quote ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
                }.joined(separator: ",")
                if encoded.isEmpty { encoded = "\"\"" }  // a lone empty field would be an empty line
                let isLast = index == rows.count
                if !isLast || Bool.random(using: &rng) {
                    encoded += Bool.random(using: &rng) ? "\n" : "\r\n"
                }
                text += encoded
                line += encoded.utf8.filter { $0 == 0x0A }.count
            }
            if text.utf8.last == 0x0A {
                for _ in 0..<Int.random(in: 0...2, using: &rng) {
                    text += Bool.random(using: &rng) ? "\n" : "\r\n"
                }
            }
            return GeneratedCSV(bytes: Array(text.utf8), rows: rows, lines: lines)
        }
    }
}

extension CSVReaderTests {
    /// The csv-spectrum fixture (see its README for origin and licence).
    enum Spectrum {
        /// Every CSV of the fixture, so a file added there is tested without touching this list.
        static let names: [String] = {
            guard let csvs = directory?.appendingPathComponent("csvs"),
                let files = try? FileManager.default.contentsOfDirectory(atPath: csvs.path)
            else { return [] }
            return files.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
        }()

        static var directory: URL? {
            Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("csv-spectrum")
        }
    }
}
