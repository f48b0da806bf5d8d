import ArgumentParser
import Foundation
import Logging
import PrakerjaKit

/// The `prakerja` command: a thin layer that parses, resolves options, calls the library and maps errors to exit codes.
struct Prakerja: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prakerja",
        abstract: "Runs the selection of a Kartu Prakerja registration wave (gelombang).",
        discussion: """
            Exit codes: 0 ok, 64 usage, 65 bad input data or refused state, 66 input missing, 70 internal error, \
            73 cannot write output, 75 database busy (try later), 78 configuration error.
            """,
        version: PrakerjaKit.version,
        subcommands: [
            RunCommand.self, ImportParticipantsCommand.self,
            PublishCommand.self, PurchasesCommand.self, SweepCommand.self, NightlyCommand.self, HistoryCommand.self, VerifyCommand.self,
            RunsCommand.self,
        ]
    )
}

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "SQLite database (default: $PRAKERJA_DB, else prakerja.sqlite).")
    var db: String?
    @Option(help: "Output folder (default: $PRAKERJA_OUT, else out).")
    var out: String?
    @Option(
        name: .customLong("card-key-file"),
        help: "File holding the card-number key (default: $PRAKERJA_CARD_KEY, else a key kept in the database).")
    var cardKeyFile: String?
    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?
    @Flag(help: "Print nothing on success.")
    var quiet = false
    @Option(name: .customLong("log-format"), help: "Log format on stderr: text or json (json adds phase timings).")
    var logFormat: String = "text"

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if logFormat != "text" && logFormat != "json" { throw ValidationError("--log-format must be text or json") }
    }

    func context() -> CommandContext {
        let env = ProcessInfo.processInfo.environment
        let paths = CommandContext.resolvePaths(db: db, out: out, environment: env)
        let format = StderrLogHandler.Format(rawValue: logFormat) ?? .text
        let level: Logger.Level = format == .json ? .debug : (quiet ? .error : .info)
        let logger = Logger(label: "prakerja") { _ in StderrLogHandler(format: format, level: level) }
        return CommandContext(
            dbPath: paths.db, outDir: paths.out, cardKey: CardKeySource.resolve(file: cardKeyFile, environment: env),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, quiet: quiet, logger: logger)
    }
}

/// Runs a library call, prints its line, and turns a `PrakerjaError` into its one-line message and exit code.
func perform(_ options: CommonOptions, _ body: (CommandContext) throws -> String?) throws {
    let context = options.context()
    do {
        if let line = try body(context), !options.quiet, !line.isEmpty { print(line) }
    } catch let error as PrakerjaError {
        if options.logFormat == "json" {
            // JSON logs stay machine-readable: the error is one more object, with its exit code.
            context.logger.error("\(error.description)", metadata: ["exit_code": "\(error.exitCode)"])
        } else {
            FileHandle.standardError.write(Data("prakerja: \(error.description)\n".utf8))
        }
        throw ExitCode(error.exitCode)
    } catch {
        // Anything else is a bug: one line, exit 70, never a stack trace.
        FileHandle.standardError.write(Data("prakerja: internal error: \(error)\n".utf8))
        throw ExitCode(70)
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Ingest, check, draw, store and report one wave (before it is published, a rerun replaces its results).")
    @Argument(help: "The wave folder, e.g. DATA_DIR/waves/22.")
    var waveDir: String
    @OptionGroup var options: CommonOptions

    func run() throws {
        try perform(options) { try WaveRun.run(waveDir: waveDir, context: $0).report }
    }
}

struct ImportParticipantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-participants", abstract: "Load participants of waves run before this tool (migration).")
    @Argument(help: "Participant CSV files (nik,kk,wave,status,card_number,notice_date,phone,email).")
    var files: [String]
    @OptionGroup var options: CommonOptions

    func run() throws {
        try perform(options) { try ImportParticipants.run(files: files, context: $0).line }
    }
}

Prakerja.main()
