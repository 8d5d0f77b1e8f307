#include "vm/VmEngine.h"

#include "vm/VmRuntime.h"

namespace vireo {

Result<QVector<VmSummary>> ManagedVmEngine::list() const {
    QVector<VmSummary> out;
    for (const auto& name : m_library.vmNames()) {
        VmSummary s;
        s.name = name;
        auto spec = m_library.load(name);
        if (!spec) {
            s.error = spec.error().line();
            out.append(s);
            continue;
        }
        s.uuid = spec->uuid;
        s.status = VmRuntime(m_library, *spec).status();
        s.vcpus = spec->cpu.count();
        s.memoryMiB = spec->memoryMiB;
        s.autostart = spec->autostart;
        s.isTemplate = spec->isTemplate;
        out.append(s);
    }
    return out;
}

} // namespace vireo
