/// The wave's exclusion lists (§4.3): NIK → programmes as written, de-duplicated and sorted.
public struct Exclusions: Sendable {
    public var programs: [UInt64: [String]]
    public var files: [InputFile]

    /// Reads `exclusions/*.csv`; a bad row is a file-level error (65).
    static func load(waveDir: String) throws -> Exclusions {
        var sets: [UInt64: Set<String>] = [:]
        var files: [InputFile] = []
        for rel in try InputFiles.list(waveDir: waveDir, folder: "exclusions") {
            let path = waveDir + "/" + rel
            let reader = try CSVReader(path: path, displayPath: rel, required: ["nik", "program"])
            let nikIndex = reader.header.index(of: "nik")!
            let programIndex = reader.header.index(of: "program")!
            var rows = 0
            while let record = try reader.next() {
                rows += 1
                if let problem = record.problem {
                    throw PrakerjaError.badInput(
                        "\(rel): line \(record.line): \(problem == .invalidEncoding ? "not valid UTF-8" : "malformed CSV row")")
                }
                guard let nik = SixteenDigits.parse(Text.trim(record.fields[nikIndex])) else {
                    throw PrakerjaError.badInput("\(rel): line \(record.line): nik: must be exactly 16 digits")
                }
                let program = Text.trim(record.fields[programIndex])
                if program.isEmpty {
                    throw PrakerjaError.badInput("\(rel): line \(record.line): program: must not be empty")
                }
                sets[nik, default: []].insert(program)
            }
            files.append(InputFile(path: rel, sha256: try FileHash.sha256(path: path, display: rel), rows: rows))
        }
        var programs: [UInt64: [String]] = [:]
        programs.reserveCapacity(sets.count)
        for (nik, set) in sets {
            programs[nik] = set.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        return Exclusions(programs: programs, files: files)
    }
}
