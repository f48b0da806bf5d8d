#ifndef CSQLITETUNING_H
#define CSQLITETUNING_H

/// Configures SQLite for this process before its first connection opens (sqlite3_config is
/// variadic, which Swift cannot call): connections are not shared between threads at the same
/// time (SQLITE_CONFIG_MULTITHREAD), and memory statistics are not kept (SQLITE_CONFIG_MEMSTATUS
/// off). Both remove a mutex taken on every call or allocation. Returns 0 when applied, and a
/// nonzero SQLite code when SQLite was already initialised (then nothing changes).
int prakerja_sqlite_configure(void);

/// Asks the kernel to start writing the file's dirty pages to disk, without waiting for them
/// (Linux `sync_file_range` with SYNC_FILE_RANGE_WRITE; elsewhere nothing). A later fsync, such as
/// SQLite's before a WAL checkpoint, then waits only for what was written since. Returns 0, or -1
/// with errno set.
int prakerja_start_writeback(int fd);

#endif
