#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"
#include "vm/SnapshotTree.h"

namespace vireo {

// The snapshot tree of a VM on a libvirt host (internal qcow2 snapshots, kept by libvirt):
// the same verbs and the same tree as local snapshots.
class LibvirtSnapshots {
public:
    explicit LibvirtSnapshots(const LibvirtConnection& connection) : m_conn(connection) {}

    // Live (with memory) when the VM runs, of the disks when it is shut off.
    Status create(const QString& vm, const QString& name, const QString& description,
                  bool withMemory) const;
    Result<SnapshotTree> list(const QString& vm) const;
    Status revert(const QString& vm, const QString& name) const;
    Status remove(const QString& vm, const QString& name) const;

private:
    const LibvirtConnection& m_conn;
};

} // namespace vireo
