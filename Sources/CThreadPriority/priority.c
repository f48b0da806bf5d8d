#define _GNU_SOURCE
#include "CThreadPriority.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

int prakerja_lower_thread_priority(int niceness) {
    const pid_t tid = (pid_t)syscall(SYS_gettid);
    return setpriority(PRIO_PROCESS, (id_t)tid, niceness);
}
#else
int prakerja_lower_thread_priority(int niceness) {
    (void)niceness;
    return -1;
}
#endif
