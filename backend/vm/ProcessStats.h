#pragma once

#include "core/Result.h"

#include <QDateTime>

#include <sys/types.h>

namespace vireo {

// What the kernel counts for one process (a VM's QEMU), read from procfs: cheap enough
// (three small files, ~50 µs) to sample every second for every running VM.
struct ProcessSample {
    qint64 atMs = 0;      // monotonic clock
    qint64 cpuNs = 0;     // user + system time of all threads (vCPUs included)
    qint64 rssBytes = 0;  // resident memory: what the guest really uses of the host
    qint64 readBytes = 0; // storage I/O the process caused (disk images)
    qint64 writeBytes = 0;
};

// Rates between two samples of the same process.
struct ProcessRates {
    double cpuPercent = 0; // 100 = one host core busy
    qint64 rssBytes = 0;
    double readBytesPerSec = 0;
    double writeBytesPerSec = 0;
};

// `procRoot` is /proc, or a captured tree in tests.
Result<ProcessSample> sampleProcess(pid_t pid, const QString& procRoot = QStringLiteral("/proc"));
ProcessRates ratesBetween(const ProcessSample& earlier, const ProcessSample& later);
// How long the process has run, from its start time and the system's uptime.
Result<qint64> processUptimeSeconds(pid_t pid, const QString& procRoot = QStringLiteral("/proc"));
// When the process started (wall clock, whole seconds): the same value on every call, so
// a UI can count the uptime itself between scans.
Result<QDateTime> processStartTime(pid_t pid, const QString& procRoot = QStringLiteral("/proc"));

} // namespace vireo
