#pragma once

#include "core/Result.h"
#include "store/Library.h"
#include "vm/SnapshotTree.h"

namespace vireo {

// Snapshots of a VM as qcow2 internal snapshots (see docs/snapshots.md): offline through
// qemu-img on every writable disk, live through QEMU's snapshot-save job, which also
// stores RAM and device state in the first disk. snapshots.json keeps the tree.
class VmSnapshots {
public:
    explicit VmSnapshots(const Library& library) : m_library(library) {}

    Result<SnapshotTree> list(const QString& vm) const;
    // A running VM's snapshot includes its memory and devices unless `withMemory` is
    // false: then only its disks are captured (atomically, all or none), and reverting to
    // it needs the VM shut off.
    Status create(const QString& vm, const QString& snapshot, const QString& description = {},
                  bool withMemory = true) const;
    Status revert(const QString& vm, const QString& snapshot) const;
    Status remove(const QString& vm, const QString& snapshot) const;

private:
    const Library& m_library;
};

} // namespace vireo
