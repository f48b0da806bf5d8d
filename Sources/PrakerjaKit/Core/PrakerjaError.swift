/// Everything that stops a command, each with one short line for the operator and its sysexits code.
///
/// Bad rows are data, not errors: they travel to the reports as values. Only what stops the command
/// is thrown, and every message names the file, line and field where there is one.
public enum PrakerjaError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Wrong command-line usage (64).
    case usage(String)
    /// Bad input data or a refused state (65).
    case badInput(String)
    /// An input file or folder, a wave or a database that is not there (66).
    case missingInput(String)
    /// A bug or an impossible state (70).
    case internalError(String)
    /// An output that cannot be written (73).
    case cannotWrite(String)
    /// Another process is writing the database (75).
    case busy(String)
    /// A configuration error: wave.toml, card key, environment (78).
    case config(String)

    /// The sysexits code the command ends with.
    public var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .badInput: 65
        case .missingInput: 66
        case .internalError: 70
        case .cannotWrite: 73
        case .busy: 75
        case .config: 78
        }
    }

    public var description: String {
        switch self {
        case .usage(let m), .badInput(let m), .missingInput(let m), .internalError(let m),
            .cannotWrite(let m), .busy(let m), .config(let m):
            m
        }
    }
}
