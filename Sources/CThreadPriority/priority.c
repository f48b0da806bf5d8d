#define _GNU_SOURCE
#include "CThreadPriority.h"

#if defined(__linux__)
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

int prakerja_lower_thread_priority(int niceness) {
    return prakerja_set_thread_niceness(niceness);
}

int prakerja_set_thread_niceness(int niceness) {
    const pid_t tid = (pid_t)syscall(SYS_gettid);
    return setpriority(PRIO_PROCESS, (id_t)tid, niceness);
}

int prakerja_thread_niceness(void) {
    const pid_t tid = (pid_t)syscall(SYS_gettid);
    errno = 0;
    const int niceness = getpriority(PRIO_PROCESS, (id_t)tid);
    return (niceness == -1 && errno != 0) ? 0 : niceness;
}
#else
int prakerja_lower_thread_priority(int niceness) {
    (void)niceness;
    return -1;
}

int prakerja_set_thread_niceness(int niceness) {
    (void)niceness;
    return -1;
}

int prakerja_thread_niceness(void) {
    return 0;
}
#endif
