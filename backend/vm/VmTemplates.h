#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/Library.h"

#include <atomic>
#include <functional>

namespace vireo {

// Templates: shut-off VMs that are never started, only copied. An instance gets a new UUID,
// MACs and machine-id (a systemd credential in SMBIOS), and - when the template boots
// from a cloud image - a new cloud-init seed with a fresh instance-id and its own
// hostname, so every instance boots as a new machine. A linked instance is a thin overlay
// on the template's disk, which is made read-only; the template cannot be unmarked while
// a linked instance still reads it.
class VmTemplates {
public:
    explicit VmTemplates(const Library& library) : m_library(library) {}

    Status mark(const QString& name) const;
    Status unmark(const QString& name) const;
    Result<VmSpec> instantiate(const QString& templateName, const QString& name, bool linked,
                               const std::function<void(double)>& progress = {},
                               const std::atomic_bool* cancel = nullptr) const;

private:
    const Library& m_library;
};

} // namespace vireo
