/// A review item's key: (item, registration_id, other_registration_id).
public struct ReviewKey: Sendable, Hashable, Comparable {
    public var item: String
    public var registrationID: String
    public var otherRegistrationID: String

    public init(item: String, registrationID: String, otherRegistrationID: String) {
        self.item = item
        self.registrationID = registrationID
        self.otherRegistrationID = otherRegistrationID
    }

    /// By item, registration_id, other_registration_id, in byte order (§7.1 review.csv).
    public static func < (a: ReviewKey, b: ReviewKey) -> Bool {
        if a.item != b.item { return String.bytewiseLess(a.item, b.item) }
        if a.registrationID != b.registrationID { return String.bytewiseLess(a.registrationID, b.registrationID) }
        return String.bytewiseLess(a.otherRegistrationID, b.otherRegistrationID)
    }
}

/// A reviewer's decision on a review item (§7.3).
public enum Decision: String, Sendable, Codable {
    case accept, reject
}

/// Reads `decisions/*.csv` copies of review.csv in name order; a later decision replaces an earlier one.
enum DecisionFiles {
    static func load(waveDir: String) throws -> (decisions: [ReviewKey: Decision], files: [InputFile]) {
        var decisions: [ReviewKey: Decision] = [:]
        var files: [InputFile] = []
        let columns = ["item", "registration_id", "other_registration_id", "decision"]
        for rel in try InputFiles.list(waveDir: waveDir, folder: "decisions") {
            let path = waveDir + "/" + rel
            let reader = try CSVReader(path: path, displayPath: rel, required: columns, optional: ["score", "detail"])
            let idx = columns.map { reader.header.index(of: $0)! }
            var rows = 0
            while let record = try reader.next() {
                rows += 1
                if let problem = record.problem {
                    throw PrakerjaError.badInput(
                        "\(rel): line \(record.line): \(problem == .invalidEncoding ? "not valid UTF-8" : "malformed CSV row")")
                }
                let f = idx.map { Text.trim(record.fields[$0]) }
                let key = ReviewKey(item: f[0], registrationID: Self.unescape(f[1]), otherRegistrationID: Self.unescape(f[2]))
                switch f[3].lowercased() {
                case "": continue
                case "accept": decisions[key] = .accept
                case "reject": decisions[key] = .reject
                default:
                    throw PrakerjaError.badInput("\(rel): line \(record.line): decision: '\(f[3])' is not accept, reject or empty")
                }
            }
            files.append(InputFile(path: rel, sha256: try FileHash.sha256(path: path, display: rel), rows: rows))
        }
        return (decisions, files)
    }

    /// Undoes the formula guard of review files (a leading `'` before `=`, `+`, `-` or `@`).
    static func unescape(_ s: String) -> String {
        guard s.hasPrefix("'"), let second = s.dropFirst().first, "=+-@".contains(second) else { return s }
        return String(s.dropFirst())
    }
}
