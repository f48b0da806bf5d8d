import Crypto
import Foundation

/// A report written under a temporary name, renamed into place only after the database commits (§7).
public struct PendingFile: Sendable {
    public var finalPath: String
    public var tempPath: String
    public var sha256: String
}

/// Writes output files atomically: temp name first, rename after commit.
public enum OutputWriter {
    /// Writes `bytes` to a hidden temporary file beside `path` (creating folders), with `mode`.
    public static func stage(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws -> PendingFile {
        try stage(to: path, mode: mode) { try $0.write(bytes) }
    }

    /// Writes what `produce` hands to the sink, part after part, to a hidden temporary file beside
    /// `path` (creating folders), with `mode`; the SHA-256 is computed as the parts go by, so a
    /// large report never has to be in memory whole.
    static func stage(to path: String, mode: mode_t = 0o644, _ produce: (Sink) throws -> Void) throws -> PendingFile {
        let dir = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw PrakerjaError.cannotWrite("\(dir): cannot create the folder")
        }
        let name = (path as NSString).lastPathComponent
        let temp = dir + "/." + name + ".tmp"
        let fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC, mode)
        guard fd >= 0 else { throw PrakerjaError.cannotWrite("\(temp): cannot write: \(String(cString: strerror(errno)))") }
        fchmod(fd, mode)
        let sink = Sink(fd: fd, path: temp)
        do {
            try produce(sink)
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        fsync(fd)
        close(fd)
        return PendingFile(finalPath: path, tempPath: temp, sha256: FileHash.hex(sink.hasher.finalize()))
    }

    /// Where a staged file's parts go: the file, and its SHA-256.
    final class Sink {
        let fd: Int32
        let path: String
        fileprivate var hasher = SHA256()

        init(fd: Int32, path: String) {
            self.fd = fd
            self.path = path
        }

        func write(_ bytes: [UInt8]) throws {
            hasher.update(data: bytes)
            var written = 0
            let ok = bytes.withUnsafeBytes { raw -> Bool in
                while written < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                    if n <= 0 { return false }
                    written += n
                }
                return true
            }
            guard ok else { throw PrakerjaError.cannotWrite("\(path): cannot write: \(String(cString: strerror(errno)))") }
        }
    }

    /// Renames staged files into place.
    public static func commit(_ files: [PendingFile]) throws {
        for file in files {
            if rename(file.tempPath, file.finalPath) != 0 {
                throw PrakerjaError.cannotWrite("\(file.finalPath): cannot rename into place: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Removes staged files after a failure.
    public static func discard(_ files: [PendingFile]) {
        for file in files { unlink(file.tempPath) }
    }
}

/// Cell guards for review files: never start a cell with `=`, `+`, `-` or `@` (§7).
enum Cell {
    static func safe(_ s: String) -> String {
        guard let first = s.utf8.first else { return s }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"): return "'" + s
        default: return s
        }
    }
}
