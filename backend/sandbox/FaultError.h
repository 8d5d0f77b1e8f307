#pragma once

// The Qt side of sandbox/runtime's failures: each becomes the backend's Error.

#include "core/Error.h"
#include "sandbox/runtime/SysFailure.h"

namespace vireo {

Error toError(const Fault& fault);

// The runtime's view of a sandbox process's report (see sandboxProcessFault).
Error sysFailureToError(const QString& sandbox, const SysFailure& f);

// For failures in the runtime process itself (cgroup files, pipes).
Error sysError(const QString& step, const QString& path, int err);

} // namespace vireo
