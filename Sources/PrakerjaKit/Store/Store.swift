import CSQLiteTuning
import Foundation
import GRDB

/// Owns the SQLite database: opens it (mode 0600, WAL), runs the migrations, and gives one
/// write transaction per command. Methods are named after what they do; the schema holds the
/// invariants (unique cards, one participation per NIK, one outcome per registration id).
public final class Store {
    let queue: DatabaseQueue
    public let path: String
    let createdHere: Bool

    /// SQLite's process-wide settings, made once before the first connection opens (see
    /// CSQLiteTuning.h): every connection is used by one thread at a time (GRDB's queue, and the
    /// claims writer and history readers as documented there), so SQLite's own per-call mutex and
    /// its memory statistics are switched off. Measured on a 1M wave: the store phase's 20
    /// bind/step/reset calls a row took and released that mutex each time.
    static let sqliteConfigured: Bool = prakerja_sqlite_configure() == 0

    /// Opens the database for writing, creating it with mode 0600 when absent.
    public static func openForWriting(path: String) throws -> Store {
        _ = sqliteConfigured
        let existed = FileManager.default.fileExists(atPath: path)
        if !existed {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
                throw PrakerjaError.cannotWrite("\(path): database folder \(dir) does not exist")
            }
            let fd = open(path, O_CREAT | O_WRONLY | O_EXCL, 0o600)
            if fd < 0 {
                if errno != EEXIST {
                    throw PrakerjaError.cannotWrite("\(path): cannot create the database: \(String(cString: strerror(errno)))")
                }
            } else {
                _ = Glibc.close(fd)
            }
        }
        do {
            var config = Configuration()
            config.busyMode = .timeout(0.5)
            config.prepareDatabase { db in
                // 16 KiB pages for a new database (a no-op on an existing one): bulk writes of a
                // wave measured about 20% faster than with 4 KiB pages.
                try db.execute(sql: "PRAGMA page_size = 16384")
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA cache_size = -65536")
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
            let queue = try DatabaseQueue(path: path, configuration: config)
            let store = Store(queue: queue, path: path, createdHere: !existed)
            try Schema.migrator.migrate(queue)
            for suffix in ["-wal", "-shm"] { chmod(path + suffix, 0o600) }
            return store
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw WriterLock.busyError(dbPath: path)
        } catch let error as DatabaseError {
            if !existed { removeDatabaseFiles(path) }
            throw PrakerjaError.cannotWrite("\(path): cannot open the database: \(error.message ?? "\(error)")")
        }
    }

    /// Runs one writing command on the database at `path`: opens it, and when the command fails on a
    /// database it created, leaves no database file behind (§9).
    static func command<T>(path: String, _ body: (Store) throws -> T) throws -> T {
        let store = try openForWriting(path: path)
        defer { store.close() }
        do {
            return try body(store)
        } catch {
            store.discardIfCreated()
            throw error
        }
    }

    /// Opens an existing database read-only; a missing database is 66.
    public static func openForReading(path: String) throws -> Store {
        _ = sqliteConfigured
        guard FileManager.default.fileExists(atPath: path) else {
            throw PrakerjaError.missingInput("\(path): no database (run a wave or import participants first)")
        }
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(5)
            let queue = try DatabaseQueue(path: path, configuration: config)
            return Store(queue: queue, path: path, createdHere: false)
        } catch let error as DatabaseError {
            throw PrakerjaError.badInput("\(path): cannot open the database: \(error.message ?? "\(error)")")
        }
    }

    init(queue: DatabaseQueue, path: String, createdHere: Bool) {
        self.queue = queue
        self.path = path
        self.createdHere = createdHere
    }

    /// Runs `body` in one IMMEDIATE transaction: all of its changes commit, or none.
    /// Another writer makes it fail at once with 75. With `scratchOnDisk`, temporary tables and
    /// large sorts spill to a temporary file instead of memory (bulk loads).
    public func write<T>(command: String, scratchOnDisk: Bool = false, _ body: (Database) throws -> T) throws -> T {
        do {
            defer { WriterLock.clear(dbPath: path) }
            return try queue.writeWithoutTransaction { db in
                // temp_store can only change outside a transaction.
                if scratchOnDisk { try db.execute(sql: "PRAGMA temp_store = FILE") }
                defer { if scratchOnDisk { try? db.execute(sql: "PRAGMA temp_store = MEMORY") } }
                var result: T?
                var writeback: CommitWriteback?
                defer { writeback?.stop() }
                try db.inTransaction(.immediate) {
                    WriterLock.record(dbPath: path, command: command)
                    result = try body(db)
                    writeback = CommitWriteback(path: path)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw WriterLock.busyError(dbPath: path)
        } catch let error as DatabaseError {
            throw PrakerjaError.internalError("database: \(error.message ?? "\(error)")")
        }
    }

    /// Reads in a snapshot; never blocked by a writer (WAL).
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw PrakerjaError.internalError("database: \(error.message ?? "\(error)")")
        }
    }

    /// Removes a database this command created, after the command failed (§9).
    public func discardIfCreated() {
        guard createdHere else { return }
        try? queue.close()
        Self.removeDatabaseFiles(path)
    }

    /// Closes the connection.
    public func close() {
        try? queue.close()
    }

    static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal", WriterLock.suffix] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}

/// Who is writing the database: a side file written inside the write lock, read by a process that is refused.
enum WriterLock {
    static let suffix = "-writer"

    static func record(dbPath: String, command: String) {
        let line = "\(command) (pid \(getpid())) since \(Clock.isoNow())\n"
        let tmp = dbPath + suffix + ".tmp\(getpid())"
        if FileManager.default.createFile(atPath: tmp, contents: Data(line.utf8), attributes: [.posixPermissions: 0o600]) {
            rename(tmp, dbPath + suffix)
        }
    }

    /// Removes the side file when this process wrote it.
    static func clear(dbPath: String) {
        guard let data = FileManager.default.contents(atPath: dbPath + suffix),
            String(decoding: data, as: UTF8.self).contains("(pid \(getpid()))")
        else { return }
        unlink(dbPath + suffix)
    }

    /// Whether the process named in a side file ("… (pid P) …") still runs: a writer killed with
    /// `kill -9` leaves its file behind, and another SQLite client may hold the lock now.
    static func isAlive(_ text: String) -> Bool {
        guard let start = text.range(of: "(pid "), let end = text[start.upperBound...].firstIndex(of: ")"),
            let pid = Int32(text[start.upperBound..<end])
        else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    static func busyError(dbPath: String) -> PrakerjaError {
        if let data = FileManager.default.contents(atPath: dbPath + suffix),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty,
            isAlive(text)
        {
            return .busy("database busy: \(text)")
        }
        return .busy("database busy: another process is writing \(dbPath)")
    }
}
