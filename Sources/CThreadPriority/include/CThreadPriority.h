#ifndef CTHREADPRIORITY_H
#define CTHREADPRIORITY_H

/// Lowers the calling thread's scheduling priority to `niceness` (Linux: a per-thread nice value;
/// `gettid` and `syscall` are not callable from Swift). Returns 0, or -1 where it is not supported or
/// refused. Only for threads that end after their work: raising it back needs privileges.
int prakerja_lower_thread_priority(int niceness);

#endif
