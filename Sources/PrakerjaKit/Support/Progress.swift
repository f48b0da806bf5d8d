import Foundation
import Synchronization

/// Progress on a terminal for long work: a line on stderr rewritten at most a few times a second,
/// only when stderr is a terminal and the work has lasted more than a second.
public final class Progress: Sendable {
    private struct State {
        var label: String
        var done = 0
        var lastPrint = 0.0
        var printed = false
    }
    private let state: Mutex<State>
    private let start: Double
    private let enabled: Bool

    /// Creates a reporter; it prints nothing unless `enabled` and stderr is a terminal.
    public init(label: String, enabled: Bool) {
        state = Mutex(State(label: label))
        start = Self.now()
        self.enabled = enabled && isatty(2) == 1
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Names the current stage.
    public func stage(_ label: String) {
        state.withLock { $0.label = label }
        advance(by: 0)
    }

    /// Counts `n` more rows.
    public func advance(by n: Int) {
        guard enabled else { return }
        let t = Self.now()
        state.withLock { s in
            s.done += n
            guard t - start > 1, t - s.lastPrint > 0.25 else { return }
            s.lastPrint = t
            s.printed = true
            let line = "\r\u{1B}[K\(s.label) \(s.done) rows, \(Int(t - start)) s"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Clears the progress line.
    public func finish() {
        guard enabled else { return }
        state.withLock { s in
            if s.printed { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
