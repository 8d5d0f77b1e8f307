#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/Library.h"

#include "vm/VmState.h"
#include <QVector>
#include <functional>

namespace vireo {

struct StartOptions {
    bool paused = false;
};

enum class ShutdownMethod {
    Auto,  // the guest agent when it runs in the guest (works without ACPI), else ACPI
    Agent, // only the guest agent
    Acpi,  // only the ACPI power button
};

struct StopOptions {
    int timeoutMs = 60000; // grace period before a forced power-off
    bool force = true;     // force after the timeout (false: fail instead)
    ShutdownMethod method = ShutdownMethod::Auto;
};

struct DeleteOptions {
    bool force = false;       // kill a running VM first
    bool removeDisks = false; // also delete disks that live outside the VM's folder
};

// Every lifecycle operation of one VM. Each call takes the VM's lock, observes the true
// state (VmRuntime), acts through QMP or the launcher, and leaves the library consistent
// even if it is interrupted at any point.
struct LockedVm;

class VmLifecycle {
public:
    explicit VmLifecycle(const Library& library) : m_library(library) {}

    // Validates, fills in UUID/MACs/formats, copies UEFI variables; returns the stored spec.
    Result<VmSpec> create(VmSpec spec) const;
    Status edit(VmSpec spec) const;
    // Inserts `iso` into the CD drive (ejects when empty): at once in a running VM, and in
    // the definition either way.
    Status changeCdrom(const QString& name, const QString& iso) const;

    Result<VmStatus> status(const QString& name) const;
    Status start(const QString& name, const StartOptions& options = {}) const;
    Status stop(const QString& name, const StopOptions& options = {}) const;
    Status kill(const QString& name) const;
    Status pause(const QString& name) const;
    Status resume(const QString& name) const;
    Status reset(const QString& name) const;
    Status save(const QString& name) const;
    Status restore(const QString& name) const;
    Status remove(const QString& name, const DeleteOptions& options = {}) const;

private:
    Status launch(const LockedVm& locked, bool paused, bool incoming) const;
    Status killLocked(const VmSpec& spec) const;
    Status checkDisksFree(const VmSpec& spec) const;
    const Library& m_library;
};

// The path of the UEFI variable store copied into the VM's folder.
QString uefiVarsPath(const Library& library, const QString& vmName);

// A VM whose disk reads `base` through its backing chain (a linked clone or instance).
struct BackingUse {
    QString vm;
    QString base;
};
// Every such use by the library's VMs other than `except`, for the bases `matches` picks.
QVector<BackingUse> backingUses(const Library& library, const QString& except,
                                const std::function<bool(const QString& base)>& matches);
// Creates the VM's UEFI variable store (qcow2, from OVMF's template) when it has none.
Status ensureUefiVars(const Library& library, const VmSpec& spec);
// Where a VM's swtpm keeps its state.
QString tpmStatePath(const Library& library, const QString& vmName);

// Makes a disk's path absolute and fills in its format from qemu-img when not given.
Status completeDiskSpec(DiskSpec& disk);
// The same for every file a spec names (disks, CD-ROM, kernel, initrd).
Status completeFilePaths(VmSpec& spec);

} // namespace vireo
