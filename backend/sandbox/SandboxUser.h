#pragma once

#include "core/Result.h"
#include "sandbox/runtime/SandboxIds.h"

#include <QString>

namespace vireo {

// Resolves "" / "root", "UID", "UID:GID", "NAME" or "NAME:GROUP" (Docker's USER forms)
// against the rootfs's own /etc/passwd and /etc/group — never the host's: a link there is
// not followed. A name without a group takes the user's primary group.
Result<SandboxIds> resolveSandboxUser(const QString& rootfs, const QString& user);

} // namespace vireo
