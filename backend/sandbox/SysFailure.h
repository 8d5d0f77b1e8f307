#pragma once

#include "core/Error.h"

#include <QString>

namespace vireo {

// A failed system call inside a sandbox process, reported back to the runtime through a
// pipe. Plain data (no allocation) so that it can be filled between fork and exec.
struct SysFailure {
    char step[64];  // what the process was doing, e.g. "pivot_root into the rootfs"
    char path[256]; // the path (or other object) involved; may be empty
    int err;        // errno
};

// Fills `f`; safe between fork and exec (no allocation, no locks).
void setSysFailure(SysFailure* f, const char* step, const char* path, int err) noexcept;

// The runtime's view: "sandbox NAME: <step> <path>: <strerror>" with a fix where one is known.
Error sysFailureToError(const QString& sandbox, const SysFailure& f);

// For failures in the runtime process itself (cgroup files, pipes).
Error sysError(const QString& step, const QString& path, int err);

} // namespace vireo
