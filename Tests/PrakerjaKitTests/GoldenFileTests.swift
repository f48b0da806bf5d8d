import Foundation
import Testing

@testable import PrakerjaKit

/// The whole story of SampleData/ (import, two waves, purchases, sweeps) against checked-in
/// outputs. The review reports are kept in full for readable diffs; every other output file
/// (feeds, sweeps, purchase rejections) by its SHA-256. Regenerate after an intended change with
/// `PRAKERJA_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests`, and read the diff before committing.
@Suite struct GoldenFileTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let golden = repository + "/Tests/PrakerjaKitTests/Fixtures/golden"
    static let fullFiles: Set<String> = [
        "waves/4/outcomes.csv", "waves/4/rejected_rows.csv", "waves/4/review.csv", "waves/4/summary.csv", "waves/4/fairness.csv",
        "waves/5/outcomes.csv", "waves/5/rejected_rows.csv", "waves/5/review.csv", "waves/5/summary.csv", "waves/5/fairness.csv",
    ]

    /// Every output file except manifests (their times differ), relative to OUT, in byte order.
    static func outputs(_ out: String) -> [String] {
        let e = FileManager.default.enumerator(atPath: out)
        var files: [String] = []
        while let f = e?.nextObject() as? String {
            var d: ObjCBool = false
            if FileManager.default.fileExists(atPath: out + "/" + f, isDirectory: &d), !d.boolValue, !f.hasSuffix("manifest.json") {
                files.append(f)
            }
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    @Test func sampleDataStoryMatchesTheGoldenFiles() throws {
        let env = try TestEnvironment()
        let data = env.root + "/SampleData"
        try FileManager.default.copyItem(atPath: Self.repository + "/SampleData", toPath: data)
        var context = env.context()
        context.cardKey = .file(data + "/card.key")
        _ = try ImportParticipants.run(files: [data + "/participants.csv"], context: context)
        _ = try Nightly.run(dataDir: data, asOf: CivilDate.parseISO("2021-05-31")!, context: context)

        var hashes: [String] = []
        let update = ProcessInfo.processInfo.environment["PRAKERJA_UPDATE_GOLDEN"] == "1"
        for file in Self.outputs(env.outDir) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: env.outDir + "/" + file))
            hashes.append("\(FileHash.sha256(bytes))  \(file)")
            guard Self.fullFiles.contains(file) else { continue }
            let goldenPath = Self.golden + "/" + file
            if update {
                try FileManager.default.createDirectory(
                    atPath: (goldenPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try bytes.write(to: URL(fileURLWithPath: goldenPath))
                continue
            }
            let expected = try String(contentsOfFile: goldenPath, encoding: .utf8)
            let got = String(decoding: bytes, as: UTF8.self)
            if expected != got {
                let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let g = got.split(separator: "\n", omittingEmptySubsequences: false)
                let line = (0..<min(e.count, g.count)).first { e[$0] != g[$0] } ?? min(e.count, g.count)
                Issue.record(
                    "\(file) differs from the golden file at line \(line + 1):\n- \(line < e.count ? e[line] : "<end>")\n+ \(line < g.count ? g[line] : "<end>")"
                )
            }
        }
        let manifest = hashes.joined(separator: "\n") + "\n"
        if update {
            try manifest.write(toFile: Self.golden + "/SHA256SUMS", atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: Self.golden + "/SHA256SUMS", encoding: .utf8)
        let missing = Set(expected.split(separator: "\n")).symmetricDifference(Set(manifest.split(separator: "\n")))
        #expect(missing.isEmpty, "outputs differing from golden/SHA256SUMS: \(missing.sorted().prefix(8))")
    }
}
