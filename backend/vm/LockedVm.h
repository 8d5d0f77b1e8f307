#pragma once

#include "core/Result.h"
#include "store/Library.h"
#include "vm/VmState.h"

namespace vireo {

// A VM's definition and true state, read while holding its lock; every operation that
// changes a VM starts here so two processes never act on the same VM at once.
struct LockedVm {
    FileLock lock;
    VmSpec spec;
    VmStatus status;
};

Result<LockedVm> lockAndLoad(const Library& library, const QString& name);

} // namespace vireo
