#pragma once

#include "sandbox/runtime/SysFailure.h"

namespace vireo {

// The ids a sandbox's command runs as, inside its user namespace.
struct SandboxIds {
    unsigned uid = 0;
    unsigned gid = 0;
};

// Sets the calling process's real, effective and saved ids to `ids` and drops supplementary
// groups where it may: a user's sandbox without subordinate ids denies setgroups (EPERM),
// and the user's groups then stay, as the kernel requires. Async-signal-safe; false with
// errno set on failure.
bool assumeIds(const SandboxIds& ids) noexcept;

// In the command's process, between fork and exec: becomes `ids` (no supplementary
// groups); a user other than root keeps no capability. A no-op for root. Async-signal-safe;
// false and `f` filled on failure.
bool switchToUser(const SandboxIds& ids, SysFailure* f) noexcept;

} // namespace vireo
