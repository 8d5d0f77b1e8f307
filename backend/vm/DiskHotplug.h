#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/Library.h"

namespace vireo {

// Attaches and detaches disks. On a shut-off VM this only edits the definition; on a
// running one the disk is hot-plugged with QMP (blockdev-add + device_add on a free PCIe
// root port, virtio only) and the definition is updated once QEMU has done it.
class DiskHotplug {
public:
    explicit DiskHotplug(const Library& library) : m_library(library) {}

    Status attach(const QString& vm, DiskSpec disk) const;
    Status detach(const QString& vm, const QString& diskPath) const;

private:
    const Library& m_library;
};

} // namespace vireo
