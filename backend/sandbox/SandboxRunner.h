#pragma once

#include "core/Result.h"
#include "sandbox/SandboxIdMap.h"
#include "sandbox/SandboxSpec.h"
#include "sandbox/runtime/CgroupLayout.h"

#include <QStringList>
#include <functional>
#include <sys/types.h>

namespace vireo {

struct SandboxExit {
    int exitCode = 0;       // the payload's exit code, or 128 + signal
    bool oomKilled = false; // the memory limit's OOM killer ended a process of the sandbox
    CgroupLayoutKind cgroupLayout = CgroupLayoutKind::None;
};

struct SandboxRunHooks {
    // The library whose named networks and images the spec refers to.
    QString libraryRoot;
    // With an image: the folder for the sandbox's writable layer (upper/, work/, root/);
    // kept across starts of a kept sandbox, thrown away after an ephemeral one.
    QString layerDir;
    // Give the command a pseudo-terminal relayed to the caller's (run -t).
    bool terminal = false;
    // Or one served on these unix sockets (a kept sandbox with --tty in the background):
    // `sandbox attach` and the app's terminal join it; see SandboxTerminal::serveUntilExit.
    QString consoleSocket;
    QString consoleSizeSocket;
    // For an ephemeral run without a terminal or network: once the command runs, the
    // runtime execs this program (vireo-sandbox-monitor) in its own process with the init's
    // pid, the groups and `oomMessage`, and runSandbox never returns; the monitor waits,
    // cleans up and exits with the command's code. A waiting sandbox then costs the
    // monitor's few hundred KiB, not this process's. Empty, or if exec fails: we wait here.
    QString monitorProgram;
    QString oomMessage;
    // Called once the sandbox's init exists (before the payload runs), with its host pid,
    // the sandbox's cgroup folders and its address on a named network ("" otherwise).
    std::function<void(pid_t initPid, const QStringList& cgroups, const QString& address)> started;
};

// Runs spec.command in a new sandbox with the caller's stdin/stdout/stderr and waits for
// it. The cgroups exist only while it runs. Started by root, the sandbox's ids are host ids
// 100000..165535; started by a user, see SandboxIdMap (and limits need root then).
Result<SandboxExit> runSandbox(const SandboxSpec& spec, const SandboxRunHooks& hooks = {});

} // namespace vireo
