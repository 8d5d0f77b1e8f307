#include "vm/LockedVm.h"

#include "vm/StateJobJournal.h"
#include "vm/VmRuntime.h"

namespace vireo {

Result<LockedVm> lockAndLoad(const Library& library, const QString& name) {
    auto lock = library.lockVm(name);
    if (!lock) return lock.error();
    auto spec = library.load(name);
    if (!spec) return spec.error();
    const VmRuntime rt(library, *spec);
    // We hold the lock that a saver holds throughout: a journal left means the saver died.
    if (hasUnfinishedStateJob(library, name)) undoUnfinishedStateJob(library, *spec, rt);
    const VmStatus status = rt.status();
    return LockedVm{std::move(lock.value()), *spec, status};
}

} // namespace vireo
