#include "jobs/SpecEdit.h"

#include "vm/VmLifecycle.h"

namespace vireo {

Status editVmSpec(const Library& library, const QString& name,
                  const std::function<void(VmSpec&)>& change) {
    auto spec = library.load(name);
    if (!spec) return spec.error();
    change(*spec);
    return VmLifecycle(library).edit(*spec);
}

} // namespace vireo
