#pragma once

#include "core/Result.h"
#include "sandbox/SandboxStore.h"

#include <QStringList>

namespace vireo {

// Runs `command` inside a running sandbox, with the caller's stdin/stdout/stderr: in all of
// its namespaces and cgroups, as its root, under the same capabilities, no_new_privs and
// seccomp filter as its payload. `env` empty means the sandbox's environment; `cwd` empty
// means "/". With `terminal` the command gets a pseudo-terminal relayed to the caller's.
// Returns the command's exit code (128 + signal).
Result<int> execInSandbox(const SandboxStore& store, const QString& name,
                          const QStringList& command, const QStringList& env, const QString& cwd,
                          bool terminal = false);

} // namespace vireo
