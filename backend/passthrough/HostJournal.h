#pragma once

#include "passthrough/HostPlan.h"

#include <QDateTime>

namespace vireo {

// Where the changes of `host apply` land: the files of a host tree directly, or the real
// host's through vireo-helper (its host-boot class: an administrator authorizes it).
class HostWriter {
public:
    virtual ~HostWriter() = default;
    virtual Status write(const QString& path, const QByteArray& content) = 0;
    virtual Status remove(const QString& path) = 0;
    // Runs a planned command; returns what happened in one line ("ran", "not run: ...").
    virtual Result<QString> run(const QStringList& argv) = 0;
    // Hands a PCI device to vfio-pci now (driver_override, unbind, drivers_probe), and back
    // to its own driver.
    virtual Status detach(const QString& address) = 0;
    virtual Status reattach(const QString& address) = 0;
    // SR-IOV: a PF's VF count (the kernel wants 0 before any other change), and one VF's
    // settings on the PF's interface (the arguments after `ip link set dev IF vf N`).
    virtual Status setVfCount(const QString& pfAddress, int count) = 0;
    virtual Status configureVf(const QString& pfInterface, int vf, const QStringList& settings) = 0;
};

// Writes inside a captured tree; commands are not run there (the tree has no kernel).
std::unique_ptr<HostWriter> treeWriter(const HostRoot& host);
// Writes the real host's files through vireo-helper.
std::unique_ptr<HostWriter> helperWriter();

// One apply: the files as they were before it, to put back on rollback.
struct JournalFile {
    QString path;
    bool existed = false;
    QByteArray before;
};

struct JournalEntry {
    QString id; // UTC time of the apply, "20261127T101500Z"
    QStringList devices;
    QList<JournalFile> files;
    QList<PlannedCommand> commands;
    QStringList commandResults; // one line per command, in order
    bool rolledBack = false;
};

// The journal lives in the host itself (ROOT/var/lib/vireo/host-journal/ID.json), so a
// tree carries its own history and the real host's survives reinstalling Vireo.
QString journalDir(const HostRoot& host);
Result<QList<JournalEntry>> readJournal(const HostRoot& host);

// Records every file's current content, then writes the plan's files and runs its
// commands. The journal entry is on disk before the first file changes; a failure midway
// leaves an entry that rollback undoes.
Result<JournalEntry> applyHostPlan(const HostRoot& host, const HostPlan& plan, HostWriter& writer);

// Puts back the files of the entry `id` (the latest not rolled back when empty) and runs its
// commands again so boot files match; marks the entry rolled back.
Result<JournalEntry> rollbackHostChanges(const HostRoot& host, const QString& id,
                                         HostWriter& writer);

// `host detach` / `host reattach`: the device and the functions that must go with it, to
// vfio-pci and back, without a reboot. Refuses what planHostChanges refuses, and hosts
// whose IOMMU is off (vfio-pci cannot take a device then). Returns the addresses changed.
Result<QStringList> detachDevice(const HostRoot& host, const QString& address, HostWriter& writer);
Result<QStringList> reattachDevice(const HostRoot& host, const QString& address,
                                   HostWriter& writer);

} // namespace vireo
