import CSQLiteTuning
import Foundation
import GRDB
import GRDBSQLite

/// Starts the kernel writing a database's WAL file to disk while the run goes on writing it.
///
/// A run writes its millions of rows into the WAL, and the commit's checkpoint first waits for all
/// of them to reach the disk (SQLite syncs the WAL before it copies it into the database). Pages
/// left dirty until then make that sync the run's last wait: about 0.2 s at 1M rows. Writeback
/// started after each chunk of rows (``MultiRowInsert``) overlaps with the run instead. It does not
/// wait, and changes nothing SQLite relies on: the sync at the checkpoint still happens.
final class WALWriteback: Sendable {
    private let descriptor: Int32

    /// Nil when the connection has no WAL file to write back (an in-memory or temporary database).
    init?(_ db: Database) {
        guard let name = sqlite3_db_filename(db.sqliteConnection, "main"), name.pointee != 0 else { return nil }
        let descriptor = open(String(cString: name) + "-wal", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Asks for the WAL's dirty pages to be written, without waiting.
    func start() {
        _ = prakerja_start_writeback(descriptor)
    }
}

/// Starts the kernel writing the database file to disk, every 10 ms while a commit runs.
///
/// A commit of a large transaction checkpoints the WAL into the database file, then syncs the
/// file; pages left dirty until that sync make it wait for all of them (about 0.13 s at 1M rows).
/// Writeback started while the checkpoint copies the pages overlaps the two instead.
final class CommitWriteback {
    private let timer: DispatchSourceTimer

    /// Nil when there is no database file to write back.
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .milliseconds(10), repeating: .milliseconds(10))
        timer.setEventHandler { _ = prakerja_start_writeback(descriptor) }
        timer.setCancelHandler { close(descriptor) }
        timer.resume()
    }

    /// Stops the timer (the file is closed once no event runs).
    func stop() {
        timer.cancel()
    }
}
