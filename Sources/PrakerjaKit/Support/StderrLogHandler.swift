import Foundation
import Logging

/// Logs to stderr as text (`warning: …`) or as JSON lines with time, level and message.
public struct StderrLogHandler: LogHandler {
    public enum Format: String, Sendable { case text, json }
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let format: Format

    /// Creates a handler; JSON logs include the debug-level phase timings.
    public init(format: Format, level: Logger.Level) {
        self.format = format
        logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        let extra = event.metadata
        var all = metadata
        if let extra { all.merge(extra) { $1 } }
        let text: String
        switch format {
        case .text:
            var s = "\(level == .info ? "" : "\(level): ")\(message)"
            if !all.isEmpty { s += " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
            text = s + "\n"
        case .json:
            var object: [String: String] = ["time": Clock.isoNow(), "level": level.rawValue, "message": message.description]
            for (k, v) in all { object[k] = "\(v)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            text = String(decoding: data, as: UTF8.self) + "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
