// pin: keeps the calling thread on one CPU, for the bench tools that measure between two.
#pragma once
#ifndef _GNU_SOURCE
#define _GNU_SOURCE // pthread_setaffinity_np
#endif
#include <pthread.h>
#include <sched.h>

static inline void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}
