#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"

#include <atomic>
#include <functional>

namespace vireo {

struct MigrateOptions {
    bool copyStorage = false; // copy the disks too (the target has no shared storage)
    bool offline = false;     // move a shut-off VM's definition (and disks with copyStorage)
    const std::atomic<bool>* cancel = nullptr; // set to abort (virDomainAbortJob)
    quint64 bandwidthMiBs = 0;                 // the most it sends per second; 0 = no limit
};

// Live job statistics, as libvirt reports them while the migration runs.
struct MigrationProgress {
    qint64 elapsedMs = 0;
    qint64 totalBytes = 0;
    qint64 processedBytes = 0;
    qint64 remainingBytes = 0;
    qint64 bytesPerSecond = 0;
    qint64 expectedDowntimeMs = 0;
};

struct MigrationResult {
    qint64 wallMs = 0;      // this call, start to finish
    qint64 jobMs = 0;       // libvirt's job time
    qint64 downtimeMs = -1; // the guest's pause at the switch-over (-1: not reported)
    qint64 transferredBytes = 0;
};

// Moves VM `name` from `source` to `target` while it runs (or, offline, its definition):
// persistent on the target, gone from the source. A failure leaves it where it was, and
// each known one (same host, no shared storage, missing pool, CPU, a name taken on the
// target) comes back as one line with its fix.
Result<MigrationResult> migrateVm(const LibvirtConnection& source, const LibvirtConnection& target,
                                  const QString& name, const MigrateOptions& options,
                                  const std::function<void(const MigrationProgress&)>& progress);

} // namespace vireo
