/// Naming the step that failed, for commands made of several steps (`nightly`).
extension PrakerjaError {
    /// The same error, exit code unchanged, its message prefixed with `step: `.
    func prefixed(_ step: String) -> PrakerjaError {
        switch self {
        case .usage(let m): .usage("\(step): \(m)")
        case .badInput(let m): .badInput("\(step): \(m)")
        case .missingInput(let m): .missingInput("\(step): \(m)")
        case .internalError(let m): .internalError("\(step): \(m)")
        case .cannotWrite(let m): .cannotWrite("\(step): \(m)")
        case .busy(let m): .busy("\(step): \(m)")
        case .config(let m): .config("\(step): \(m)")
        }
    }

    /// Runs `body`; any error it throws comes out as a `PrakerjaError` naming `step`.
    static func step<T>(_ step: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PrakerjaError {
            throw error.prefixed(step)
        } catch {
            throw PrakerjaError.internalError("\(step): \(error)")
        }
    }
}
