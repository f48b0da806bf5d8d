import Logging

/// Options every command shares, resolved once (flag → environment → default) and passed down.
public struct CommandContext: Sendable {
    public var dbPath: String
    public var outDir: String
    public var cardKey: CardKeySource
    public var jobs: Int
    public var quiet: Bool
    public var logger: Logger

    public init(dbPath: String, outDir: String, cardKey: CardKeySource, jobs: Int, quiet: Bool, logger: Logger) {
        self.dbPath = dbPath
        self.outDir = outDir
        self.cardKey = cardKey
        self.jobs = jobs
        self.quiet = quiet
        self.logger = logger
    }

    /// Resolves `--db`/`PRAKERJA_DB`/`prakerja.sqlite` and `--out`/`PRAKERJA_OUT`/`out`.
    public static func resolvePaths(db: String?, out: String?, environment: [String: String]) -> (db: String, out: String) {
        (db ?? environment["PRAKERJA_DB"] ?? "prakerja.sqlite", out ?? environment["PRAKERJA_OUT"] ?? "out")
    }
}
