#pragma once

#include "core/Result.h"
#include "store/Library.h"

#include <atomic>
#include <functional>

namespace vireo {

// LinkedToTemplate: the source never runs again (a template), so its disks themselves are
// the read-only bases; it gets no new layer of its own.
enum class CloneMode { Full, Linked, LinkedToTemplate };

// Makes a new VM from a shut-off one: new UUID, new MACs, its own disks in its own folder.
// A full clone copies each writable disk with qemu-img convert. A linked clone freezes the
// source disk as a read-only base and gives both VMs a thin qcow2 overlay on it, so the
// source keeps working and the clone costs the same for a 1 GiB or a 200 GiB disk.
class VmCloner {
public:
    explicit VmCloner(const Library& library) : m_library(library) {}

    Status clone(const QString& source, const QString& target, CloneMode mode,
                 const std::function<void(double)>& progress = {},
                 const std::atomic_bool* cancel = nullptr) const;

private:
    const Library& m_library;
};

} // namespace vireo
