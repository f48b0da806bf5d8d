#ifndef CSQLITETUNING_H
#define CSQLITETUNING_H

/// Configures SQLite for this process before its first connection opens (sqlite3_config is
/// variadic, which Swift cannot call): connections are not shared between threads at the same
/// time (SQLITE_CONFIG_MULTITHREAD), and memory statistics are not kept (SQLITE_CONFIG_MEMSTATUS
/// off). Both remove a mutex taken on every call or allocation. Returns 0 when applied, and a
/// nonzero SQLite code when SQLite was already initialised (then nothing changes).
int prakerja_sqlite_configure(void);

#endif
