import Foundation
import Logging

/// Logs the wall-clock time of each stage (ingest, checks, matching, draw, store, reports).
final class PhaseLogger: @unchecked Sendable {
    let logger: Logger
    let command: String
    private var last: Double
    private var lastCPU: Double
    private let start: Double

    init(logger: Logger, command: String) {
        self.logger = logger
        self.command = command
        start = Progress.now()
        last = start
        lastCPU = Self.cpuSeconds()
    }

    /// Logs the time since the previous phase, and the resident memory, at debug level (shown by --log-format json).
    func phase(_ name: String, rows: Int? = nil) {
        Memory.trim()
        let t = Progress.now()
        let cpu = Self.cpuSeconds()
        var metadata: Logger.Metadata = [
            "phase": .string(name), "seconds": .string(String(format: "%.3f", t - last)),
            "cpu_seconds": .string(String(format: "%.3f", cpu - lastCPU)),
            "total_seconds": .string(String(format: "%.3f", t - start)),
        ]
        if let rows { metadata["rows"] = .string(String(rows)) }
        if let rss = Self.residentMegabytes() { metadata["rss_mb"] = .string(String(rss)) }
        logger.debug("\(command): \(name) done", metadata: metadata)
        last = t
        lastCPU = cpu
    }

    /// User and system CPU time of the whole process so far: against `seconds` it shows how well a
    /// phase keeps the cores busy.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Current and peak resident memory in MB, from /proc (nil elsewhere).
    static func residentMegabytes() -> String? {
        // /proc files report a size of 0, so read them with stdio rather than Foundation.
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var current = "", peak = ""
        var buffer = [CChar](repeating: 0, count: 256)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            guard parts.count >= 2, let kb = Int(parts[1]) else { continue }
            if parts[0] == "VmRSS:" { current = String(kb / 1024) }
            if parts[0] == "VmHWM:" { peak = String(kb / 1024) }
        }
        return current.isEmpty ? nil : "\(current) (peak \(peak))"
    }
}

/// Returns freed heap memory to the system between phases.
///
/// glibc keeps freed blocks in its arenas, so the resident size of a long run only grows: a phase
/// that frees a gigabyte still counts it in the next phase's peak. `malloc_trim(0)` gives the free
/// pages back. It is looked up at run time (it is glibc's, not POSIX); elsewhere this does nothing.
enum Memory {
    private typealias Trim = @convention(c) (Int) -> Int32
    private static let trimFunction: Trim? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
    }()

    static func trim() {
        _ = trimFunction?(0)
    }
}
