import Logging

/// Logs the wall-clock time of each stage (ingest, checks, matching, draw, store, reports).
final class PhaseLogger: @unchecked Sendable {
    let logger: Logger
    let command: String
    private var last: Double
    private let start: Double

    init(logger: Logger, command: String) {
        self.logger = logger
        self.command = command
        start = Progress.now()
        last = start
    }

    /// Logs the time since the previous phase at debug level... at info when asked with --log-format json.
    func phase(_ name: String, rows: Int? = nil) {
        let t = Progress.now()
        var metadata: Logger.Metadata = [
            "phase": .string(name), "seconds": .string(String(format: "%.3f", t - last)),
            "total_seconds": .string(String(format: "%.3f", t - start)),
        ]
        if let rows { metadata["rows"] = .string(String(rows)) }
        logger.debug("\(command): \(name) done", metadata: metadata)
        last = t
    }
}
