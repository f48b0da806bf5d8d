import Foundation
import Testing

/// Runs the built `prakerja` binary the way an operator does, for the end-to-end tests.
enum CLI {
    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// The binary beside the test bundle, when `swift build` built it.
    static var binary: String? {
        let dir = (ProcessInfo.processInfo.arguments[0] as NSString).deletingLastPathComponent
        for candidate in [dir + "/prakerja", dir + "/../prakerja", dir + "/../../prakerja"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    /// Runs `prakerja args` in `dir` without the deployment's PRAKERJA_* variables, plus `env`.
    static func run(_ args: [String], in dir: String, env extra: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(binary, "prakerja binary not built"))
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        for key in ["PRAKERJA_DB", "PRAKERJA_OUT", "PRAKERJA_CARD_KEY"] { env.removeValue(forKey: key) }
        for (k, v) in extra { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
