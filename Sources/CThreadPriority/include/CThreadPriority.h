#ifndef CTHREADPRIORITY_H
#define CTHREADPRIORITY_H

/// Lowers the calling thread's scheduling priority to `niceness` (Linux: a per-thread nice value;
/// `gettid` and `syscall` are not callable from Swift). Returns 0, or -1 where it is not supported or
/// refused. Only for threads that end after their work: raising it back needs privileges.
int prakerja_lower_thread_priority(int niceness);

/// Sets the calling thread's nice value to `niceness`, up or down. Returns 0, or -1 where it is not
/// supported or refused (raising needs root, CAP_SYS_NICE or a high enough RLIMIT_NICE).
int prakerja_set_thread_niceness(int niceness);

/// The calling thread's nice value (0 where not supported).
int prakerja_thread_niceness(void);

#endif
