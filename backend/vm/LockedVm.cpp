#include "vm/LockedVm.h"

#include "vm/VmRuntime.h"

namespace vireo {

Result<LockedVm> lockAndLoad(const Library& library, const QString& name) {
    auto lock = library.lockVm(name);
    if (!lock) return lock.error();
    auto spec = library.load(name);
    if (!spec) return spec.error();
    const VmStatus status = VmRuntime(library, *spec).status();
    return LockedVm{std::move(lock.value()), *spec, status};
}

} // namespace vireo
