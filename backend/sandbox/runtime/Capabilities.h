#pragma once

#include "sandbox/runtime/SysFailure.h"

#include <string>
#include <sys/capability.h>
#include <vector>

namespace vireo {

// The capabilities a sandbox keeps (in its own user namespace), the same default set as
// Docker/crun: chown, dac_override, fowner, fsetid, kill, setgid, setuid, setpcap,
// net_bind_service, net_raw, sys_chroot, mknod, audit_write, setfcap. Notably absent:
// sys_admin (mount, namespaces), sys_ptrace, sys_module, sys_time, net_admin, sys_boot.
std::vector<std::string> defaultCapabilityNames();

// Prepared in the runtime, applied in the sandbox's init before it forks the payload.
class CapabilitySet {
public:
    CapabilitySet();
    ~CapabilitySet();
    CapabilitySet(const CapabilitySet&) = delete;
    CapabilitySet& operator=(const CapabilitySet&) = delete;

    MaybeFault prepare();
    // Drops everything else from the bounding set, clears ambient capabilities and sets
    // effective/permitted/inheritable to the default set. Async-signal-safe.
    bool apply(SysFailure* f) const noexcept;

private:
    cap_t m_caps = nullptr;
    bool m_keep[64] = {};
    int m_last = 0;
};

} // namespace vireo
