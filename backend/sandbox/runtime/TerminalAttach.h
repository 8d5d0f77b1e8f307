#pragma once

#include "sandbox/runtime/SysFailure.h"

namespace vireo {

// In the command's process, between fork and exec: a session of its own with `slaveFd` as
// its controlling terminal and stdin/stdout/stderr, so job control and Ctrl-C work inside
// as in any terminal. Async-signal-safe; false and `f` filled on failure.
bool attachTerminal(int slaveFd, SysFailure* f) noexcept;

} // namespace vireo
