// wake-floor: what waking a sleeping thread costs on this machine, whatever sleeps. A
// thread pinned to CPU_B blocks in epoll_wait on an eventfd; a thread on CPU_A writes the
// eventfd every 200 ms and spins until the sleeper has run. Prints the median, min and 90th
// percentile of N wakes in us. On a VM this is mostly the hypervisor waking a halted vCPU:
// a floor for any switch that sleeps when idle.
//   wake-floor CPU_A CPU_B N
#define _GNU_SOURCE
#include "pin.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

static int wakeFd, epollFd, cpuB;
static _Atomic int woke;
static _Atomic long wokeAtNs;

static long nowNs(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void* sleeper(void* unused) {
    (void)unused;
    pin(cpuB);
    for (;;) {
        struct epoll_event e;
        if (epoll_wait(epollFd, &e, 1, -1) != 1) continue;
        uint64_t value;
        if (read(wakeFd, &value, sizeof value) != sizeof value) continue;
        atomic_store(&wokeAtNs, nowNs());
        atomic_store(&woke, 1);
    }
    return NULL;
}

static int byValue(const void* a, const void* b) {
    const long x = *(const long*)a, y = *(const long*)b;
    return (x > y) - (x < y);
}

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: wake-floor CPU_A CPU_B N\n");
        return 2;
    }
    const int cpuA = atoi(argv[1]);
    cpuB = atoi(argv[2]);
    int n = atoi(argv[3]);
    if (n < 1 || n > 10000) n = 50;
    wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epollFd = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event e = {.events = EPOLLIN};
    if (wakeFd < 0 || epollFd < 0 || epoll_ctl(epollFd, EPOLL_CTL_ADD, wakeFd, &e) != 0) {
        perror("wake-floor");
        return 1;
    }
    pthread_t thread;
    pthread_create(&thread, NULL, sleeper, NULL);
    pin(cpuA);
    long* us = calloc((size_t)n, sizeof *us);
    for (int i = 0; i < n; ++i) {
        usleep(200000); // long enough for the sleeper's vCPU to halt
        atomic_store(&woke, 0);
        const long start = nowNs();
        const uint64_t one = 1;
        if (write(wakeFd, &one, sizeof one) != sizeof one) return 1;
        while (!atomic_load(&woke)) {
        }
        us[i] = (atomic_load(&wokeAtNs) - start) / 1000;
    }
    qsort(us, (size_t)n, sizeof *us, byValue);
    printf("%ld %ld %ld\n", us[n / 2], us[0], us[n * 9 / 10]);
    return 0;
}
