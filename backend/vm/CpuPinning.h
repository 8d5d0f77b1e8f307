#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"

#include <sys/types.h>

namespace vireo {

class QmpClient;

// Pins a running QEMU's threads as the VM's performance settings ask: each vCPU thread
// (from query-cpus-fast) to its host CPU, and every other thread of the process (main
// loop, I/O threads, workers) to the emulator CPUs, so they never preempt a vCPU.
// Called right after QEMU comes up, before the guest runs.
Status applyCpuPinning(QmpClient& qmp, pid_t qemuPid, const PerformanceSpec& perf);

// The host CPUs a thread may run on ("0-3,6"), read from /proc; empty if it is gone.
QString threadAffinity(pid_t pid, pid_t tid);

} // namespace vireo
