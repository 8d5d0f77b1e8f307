// cpu-pingpong: how far apart two CPUs are, as the round trip of one cache line between a
// thread on each (a store, then a wait for the other's). Prints the median of 1000-trip
// batches over MS milliseconds, in ns. On this VM the two vCPUs are ~55 ns apart for a
// while, then ~335 ns for a while (the host moves them), which halves the packet rate of
// anything that shares rings between them.
//   cpu-pingpong CPU_A CPU_B MS
#define _GNU_SOURCE
#include "pin.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static _Atomic long ball __attribute__((aligned(64)));
static _Atomic int stop;
static int cpuB;

static void* bounce(void* unused) {
    (void)unused;
    pin(cpuB);
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        const long v = atomic_load_explicit(&ball, memory_order_acquire);
        if (v & 1) atomic_store_explicit(&ball, v + 1, memory_order_release);
    }
    return NULL;
}

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int byValue(const void* a, const void* b) {
    const double x = *(const double*)a, y = *(const double*)b;
    return (x > y) - (x < y);
}

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: cpu-pingpong CPU_A CPU_B MS\n");
        return 2;
    }
    cpuB = atoi(argv[2]);
    const double until = seconds() + atoi(argv[3]) / 1000.0;
    pthread_t other;
    pthread_create(&other, NULL, bounce, NULL);
    pin(atoi(argv[1]));
    double batches[100000];
    int n = 0;
    while (seconds() < until && n < 100000) {
        const double t0 = seconds();
        for (int i = 0; i < 1000; ++i) {
            const long v = atomic_load(&ball); // even: ours to serve
            atomic_store_explicit(&ball, v + 1, memory_order_release);
            while (atomic_load_explicit(&ball, memory_order_acquire) == v + 1) {
            }
        }
        batches[n++] = (seconds() - t0) * 1e9 / 1000;
    }
    atomic_store(&stop, 1);
    pthread_join(other, NULL);
    qsort(batches, (size_t)n, sizeof batches[0], byValue);
    printf("%.0f\n", n ? batches[n / 2] : 0.0);
    return 0;
}
