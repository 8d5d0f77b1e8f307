#include "sandbox/runtime/SandboxIds.h"

#include <cerrno>
#include <grp.h>
#include <unistd.h>

namespace vireo {

bool assumeIds(const SandboxIds& ids) noexcept {
    return (::setgroups(0, nullptr) == 0 || errno == EPERM) &&
           ::setresgid(ids.gid, ids.gid, ids.gid) == 0 &&
           ::setresuid(ids.uid, ids.uid, ids.uid) == 0;
}

bool switchToUser(const SandboxIds& ids, SysFailure* f) noexcept {
    if (ids.uid == 0 && ids.gid == 0) return true;
    if (!assumeIds(ids)) {
        setSysFailure(f, "switching to the sandbox's user", "", errno);
        return false;
    }
    return true;
}

} // namespace vireo
