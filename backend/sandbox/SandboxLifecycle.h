#pragma once

#include "core/Result.h"
#include "sandbox/SandboxRunner.h"
#include "sandbox/SandboxState.h"
#include "sandbox/SandboxStore.h"

#include <QStringList>

namespace vireo {

// The lifecycle of kept sandboxes (those in the library) on top of runSandbox: a run lock
// that the runtime holds while the sandbox lives, and a state record it writes atomically,
// so any later command — or one after a crash — reads what is true.

// Runs a kept sandbox in this process: takes its run lock (refusing a second start),
// records "running" once its init exists and "exited" with the exit code when it ends.
// With `terminal`, the command gets a pseudo-terminal relayed to the caller's.
Result<SandboxExit> runKeptSandbox(const SandboxStore& store, const SandboxSpec& spec,
                                   bool terminal = false);

// Starts a kept sandbox in the background: `runtimeArgv` is a program that calls
// runKeptSandbox for it (vireoctl sandbox start --attach NAME); its stdout and stderr go
// to the sandbox's log. Returns once the sandbox runs (or has already ended).
Result<SandboxState> startSandboxDetached(const SandboxStore& store, const QString& name,
                                          const QStringList& runtimeArgv);

// The sandbox's state. A "running" record whose runtime is gone (killed, crashed host
// process) is reconciled here: recorded as exited with the reason, its cgroups removed.
Result<SandboxState> sandboxState(const SandboxStore& store, const QString& name);

// Sends `signal` to the sandbox's init, which passes INT/TERM/HUP/QUIT/USR1/USR2/CONT/
// WINCH/ALRM on to the payload; SIGKILL ends the whole sandbox at once.
Status signalSandbox(const SandboxStore& store, const QString& name, int signal);

// SIGTERM, then SIGKILL after graceMs; returns the final state once the runtime recorded it.
Result<SandboxState> stopSandbox(const SandboxStore& store, const QString& name, int graceMs);

// SIGKILL to the whole sandbox, its restart policy standing down; returns the final state.
Result<SandboxState> killSandbox(const SandboxStore& store, const QString& name);

// Deletes a kept sandbox's folder; a running one only with `force` (killed first).
Status removeSandbox(const SandboxStore& store, const QString& name, bool force);

// Live use of a running sandbox's cgroups; zero when a figure is not available.
struct SandboxUsage {
    quint64 memoryBytes = 0;
    quint64 memoryLimit = 0; // 0: no limit
    quint64 pids = 0;
    quint64 pidsLimit = 0; // 0: no limit
    quint64 cpuNanoseconds = 0;
    // False for a sandbox without control groups (a user's, see SandboxIdMap): no figures.
    bool accounted = true;
};

SandboxUsage readSandboxUsage(const SandboxState& state);

} // namespace vireo
