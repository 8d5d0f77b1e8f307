#pragma once

#include "core/Result.h"
#include "store/Library.h"
#include "vm/BackupChain.h"

#include <functional>

namespace vireo {

struct BackupOptions {
    bool incremental = false;
    int keep = 0; // 0 = keep every point; else merge older points away, keeping N
    std::function<void(double)> progress;
};

struct BackupResult {
    BackupPoint point;
    QString note;          // e.g. why an incremental became a full backup
    QStringList discarded; // incomplete points of interrupted backups that were removed
};

struct BackupCheck {
    QString point;
    bool complete = false;
    bool ok = false;
    QString problem;
};

// Backups of a VM's writable disks into a folder, taken while it runs (QEMU's
// blockdev-backup: a consistent point in time while the guest goes on writing) or while
// it is shut off (QEMU is started paused for the copy). A persistent dirty bitmap per
// point records what changed since, so an incremental copies only that; the bitmap of
// the last good point is removed only after the next point is complete, so an interrupted
// backup (kill -9 of vireoctl) costs nothing. When QEMU itself dies, its bitmaps are not
// trustworthy: the next incremental becomes a full backup and says why.
class VmBackups {
public:
    explicit VmBackups(const Library& library) : m_library(library) {}

    Result<BackupResult> backup(const QString& vm, const QString& folder,
                                const BackupOptions& options = {}) const;
    // Every point's files are readable, whole (qemu-img check) and chained as recorded.
    static Result<QVector<BackupCheck>> verify(const QString& folder);
    // A new VM from a point: its disks are the point's chains, flattened.
    Status restore(const QString& folder, const QString& point, const QString& newName) const;

private:
    Result<BackupResult> backupRunning(const QString& vm, BackupChain& chain,
                                       const BackupOptions& options) const;
    const Library& m_library;
};

} // namespace vireo
