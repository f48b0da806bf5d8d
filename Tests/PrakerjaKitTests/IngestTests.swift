import Testing

@testable import PrakerjaKit

/// Ingest's duplicate ids (§4.2), found after reading, by sorting: the first row holding an id in
/// file order keeps it, whether its NIK is valid or not.
@Suite struct IngestTests {
    @Test(arguments: [1, 2])
    func theFirstHolderOfAnIdKeepsItAcrossFilesAndInvalidNIKs(jobs: Int) throws {
        let env = try TestEnvironment()
        var wave = WaveBuilder()
        wave.rows = [
            WaveBuilder.row("Z9", nik: "3201014101900001"),  // line 2: kept
            WaveBuilder.row("B2", nik: "12345"),  // 3: invalid_nik, holds B2
            WaveBuilder.row("Z9", nik: "3201014101900002"),  // 4: duplicate of line 2
            WaveBuilder.row("B2", nik: "3201014101900003"),  // 5: duplicate of line 3
            WaveBuilder.row("C3", nik: "99"),  // 6: invalid_nik
            WaveBuilder.row("C3", nik: "98"),  // 7: duplicate of line 6
            WaveBuilder.row("A1", nik: "3201014101900004"),  // 8: kept
        ]
        let dir = try wave.write(in: env)
        try env.write(
            [wave.header, WaveBuilder.row("A1", nik: "97"), WaveBuilder.row("D4", nik: "3201014101900005")]
                .joined(separator: "\n") + "\n",
            to: "data/waves/7/registrants/b.csv")

        let ingested = try RegistrantIngest.ingest(
            waveDir: dir, closes: CivilDate(year: 2021, month: 10, day: 27)!, jobs: jobs, progress: nil)

        #expect(ingested.registrations.map(\.registrationID) == ["A1", "D4", "Z9"])
        #expect(ingested.registrations.map(\.nik) == [3_201_014_101_900_004, 3_201_014_101_900_005, 3_201_014_101_900_001])
        let rejected = ingested.rejected.map { "\($0.file):\($0.line) \($0.reason.name)" }
        #expect(
            rejected == [
                "registrants/a.csv:3 invalid_nik", "registrants/a.csv:4 duplicate_registration_id",
                "registrants/a.csv:5 duplicate_registration_id", "registrants/a.csv:6 invalid_nik",
                "registrants/a.csv:7 duplicate_registration_id", "registrants/b.csv:2 duplicate_registration_id",
            ])
        #expect(ingested.files.map { "\($0.rows) = \($0.outcomes ?? -1) + \($0.rejected)" } == ["7 = 2 + 5", "2 = 1 + 1"])
    }
}
