#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/FileLock.h"

#include <QString>
#include <QStringList>

namespace vireo {

// The folder that holds every VM: one sub-folder per VM named after it, with vm.json
// (the definition), console.log (serial output), snapshots.json, saved state and disks
// created by Vireo. Only this class knows the layout.
class Library {
public:
    explicit Library(QString root);

    // --library beats VIREO_LIBRARY beats $XDG_DATA_HOME/vireo/vms.
    static QString defaultRoot();

    const QString& root() const { return m_root; }
    QString vmDir(const QString& name) const;
    QString specPath(const QString& name) const;
    QString consoleLogPath(const QString& name) const;
    QString savedStatePath(const QString& name) const;
    QString snapshotsPath(const QString& name) const;

    bool exists(const QString& name) const;
    // Names of all VMs (folders with a vm.json), sorted.
    QStringList vmNames() const;
    Result<VmSpec> load(const QString& name) const;

    // Creates the VM's folder and writes its definition; fails if the name is taken.
    Status create(const VmSpec& spec) const;
    // Rewrites an existing definition atomically. The caller holds the VM lock.
    Status save(const VmSpec& spec) const;
    // Removes the VM's folder and everything in it. The caller holds the VM lock.
    Status remove(const QString& name) const;

    // Serialises changes to one VM across processes (CLI, GUI, several CLIs).
    Result<FileLock> lockVm(const QString& name, int timeoutMs = 15000) const;

    // Creates the library folder when it does not exist yet.
    Status ensureRoot() const;

private:
    QString m_root;
};

} // namespace vireo
