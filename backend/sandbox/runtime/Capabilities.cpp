#include "sandbox/runtime/Capabilities.h"

#include <cerrno>
#include <sys/prctl.h>

namespace vireo {

namespace {

const cap_value_t kDefaultCaps[] = {
    CAP_CHOWN,      CAP_DAC_OVERRIDE, CAP_FOWNER,      CAP_FSETID,           CAP_KILL,
    CAP_SETGID,     CAP_SETUID,       CAP_SETPCAP,     CAP_NET_BIND_SERVICE, CAP_NET_RAW,
    CAP_SYS_CHROOT, CAP_MKNOD,        CAP_AUDIT_WRITE, CAP_SETFCAP};

} // namespace

std::vector<std::string> defaultCapabilityNames() {
    std::vector<std::string> out;
    for (const cap_value_t c : kDefaultCaps) {
        char* name = cap_to_name(c);
        out.emplace_back(name);
        cap_free(name);
    }
    return out;
}

CapabilitySet::CapabilitySet() = default;

CapabilitySet::~CapabilitySet() {
    if (m_caps) cap_free(m_caps);
}

MaybeFault CapabilitySet::prepare() {
    m_caps = cap_init();
    if (!m_caps) return systemFault("allocating", "capability set", errno);
    const int n = static_cast<int>(sizeof kDefaultCaps / sizeof kDefaultCaps[0]);
    for (const cap_flag_t flag : {CAP_EFFECTIVE, CAP_PERMITTED, CAP_INHERITABLE})
        if (cap_set_flag(m_caps, flag, n, kDefaultCaps, CAP_SET) != 0)
            return systemFault("building", "capability set", errno);
    for (const cap_value_t c : kDefaultCaps)
        m_keep[c] = true;
    m_last = static_cast<int>(cap_max_bits()) - 1;
    if (m_last > 63) m_last = 63;
    return {};
}

bool CapabilitySet::apply(SysFailure* f) const noexcept {
    for (int c = 0; c <= m_last; ++c) {
        if (m_keep[c]) continue;
        if (cap_drop_bound(static_cast<cap_value_t>(c)) != 0 && errno != EINVAL) {
            setSysFailure(f, "dropping capability from the bounding set", "", errno);
            return false;
        }
    }
    if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) {
        setSysFailure(f, "clearing ambient capabilities", "", errno);
        return false;
    }
    if (cap_set_proc(m_caps) != 0) {
        setSysFailure(f, "setting capabilities", "", errno);
        return false;
    }
    return true;
}

} // namespace vireo
