import Crypto
import Foundation

/// A CSV output streamed to its temporary name while rows are produced, then handed to
/// `OutputWriter.commit` (rename after the database commits) like any staged file.
///
/// Feeds of a wave of millions of registrations are written in 1 MiB pieces rather than built as
/// one array, so memory does not grow with the wave.
final class CSVOutput {
    private var writer = CSVWriter()
    private var hasher = SHA256()
    private var fd: Int32
    let path: String
    let temp: String

    /// Opens `.<name>.tmp` beside `path` (creating folders) with `mode`.
    init(path: String, mode: mode_t = 0o644) throws {
        let dir = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw PrakerjaError.cannotWrite("\(dir): cannot create the folder")
        }
        self.path = path
        temp = dir + "/." + (path as NSString).lastPathComponent + ".tmp"
        fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC, mode)
        guard fd >= 0 else { throw PrakerjaError.cannotWrite("\(temp): cannot write: \(String(cString: strerror(errno)))") }
        fchmod(fd, mode)
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temp)
        }
    }

    /// Appends a row.
    func row(_ fields: [String]) throws {
        writer.writeRow(fields)
        if writer.bytes.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        hasher.update(data: writer.bytes)
        let ok = writer.bytes.withUnsafeBytes { raw -> Bool in
            var written = 0
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n <= 0 { return false }
                written += n
            }
            return true
        }
        writer.bytes.removeAll(keepingCapacity: true)
        guard ok else { throw PrakerjaError.cannotWrite("\(temp): cannot write: \(String(cString: strerror(errno)))") }
    }

    /// Flushes, syncs and closes the temporary file; the result is renamed into place on commit.
    func finish() throws -> PendingFile {
        try flush()
        fsync(fd)
        close(fd)
        fd = -1
        return PendingFile(finalPath: path, tempPath: temp, sha256: FileHash.hex(hasher.finalize()))
    }
}
