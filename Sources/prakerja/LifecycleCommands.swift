import ArgumentParser
import Foundation
import PrakerjaKit

/// A WIB calendar date argument, `YYYY-MM-DD`.
struct DateArgument: ExpressibleByArgument {
    var date: CivilDate
    init?(argument: String) {
        guard let date = CivilDate.parseISO(argument), argument.utf8.count == 10 else { return nil }
        self.date = date
    }
    static var defaultCompletionKind: CompletionKind { .default }
}

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Freeze a selected wave, set its notice date, write its feeds and queue its notifications.",
        discussion: "Publishing a published wave changes nothing and exits 0; an imported wave has nothing to publish.")
    @Option(help: "The wave number.")
    var wave: Int
    @Option(help: ArgumentHelp("Notice date (default: the wave's announce).", valueName: "YYYY-MM-DD"))
    var on: DateArgument?
    @OptionGroup var options: CommonOptions

    func run() throws {
        try perform(options) { try Publish.run(wave: wave, on: on?.date, context: $0).line }
    }
}

struct PurchasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purchases",
        abstract: "Import training purchases reported by the platforms, and judge them.",
        discussion: "Columns order_id,platform,card_number,training_id,purchased_at,amount. Each file is imported once; "
            + "lines not accepted are listed in OUT/purchases/<name>.rejected.csv.")
    @Argument(help: "Purchase CSV files.")
    var files: [String]
    @OptionGroup var options: CommonOptions

    func run() throws {
        try perform(options) { try Purchases.run(files: files, context: $0).line }
    }
}

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Revoke (Dicabut) every participant past the purchase deadline who bought no training.")
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Sweep as of this WIB date (default: today, WIB).", valueName: "YYYY-MM-DD"))
    var asOf: DateArgument?
    @OptionGroup var options: CommonOptions

    func run() throws {
        try perform(options) { try Sweep.run(asOf: asOf?.date ?? Clock.todayWIB(), context: $0).line }
    }
}

struct NightlyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly",
        abstract: "Do whatever is due (purchases, sweeps, runs, publications), catching up every day since the last nightly.",
        discussion: "Safe to run twice. Prints one summary line on success (nothing with --quiet); on failure, one line naming "
            + "the step, and the step's exit code.")
    @Argument(help: "The data folder (waves/<N>/, purchases/).")
    var dataDir: String
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Catch up to this WIB date (default: today, WIB).", valueName: "YYYY-MM-DD"))
    var asOf: DateArgument?
    @OptionGroup var options: CommonOptions

    func run() throws {
        try perform(options) { try Nightly.run(dataDir: dataDir, asOf: asOf?.date ?? Clock.todayWIB(), context: $0).line }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show the Riwayat Gelombang of a NIK over published waves (read-only).")
    @Argument(help: "The 16-digit NIK.")
    var nik: String
    @Flag(help: "Print a JSON array.")
    var json = false
    @OptionGroup var options: CommonOptions

    func run() throws {
        try perform(options) { context in
            let entries = try History.run(nik: nik, context: context)
            return json ? History.json(entries) : History.text(entries, nik: nik)
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute a wave's draw and check it against the stored outcomes and the manifest's report hashes (read-only).",
        discussion: "Exit 0 when everything matches; otherwise one line per difference on stdout and exit 65.")
    @Option(help: "The wave number.")
    var wave: Int
    @OptionGroup var options: CommonOptions

    func run() throws {
        try perform(options) { context in
            let report = try Verify.run(wave: wave, context: context)
            if !report.matches {
                print(report.differences.joined(separator: "\n"))
                throw PrakerjaError.badInput(report.line)
            }
            return report.line
        }
    }
}

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "Show the ledger of every command that changed the database (read-only).")
    @Flag(help: "Print a JSON array.")
    var json = false
    @OptionGroup var options: CommonOptions

    func run() throws {
        try perform(options) { context in
            let entries = try Runs.run(context: context)
            return json ? Runs.json(entries) : Runs.text(entries)
        }
    }
}
