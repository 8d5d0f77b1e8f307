#pragma once

// Internal to backend/sandbox: what the runtime hands to the sandbox's processes.

#include "core/PreparedCommand.h"
#include "sandbox/runtime/Capabilities.h"
#include "sandbox/runtime/Cgroup.h"
#include "sandbox/runtime/Mounts.h"
#include "sandbox/runtime/SandboxIds.h"
#include "sandbox/runtime/Seccomp.h"
#include "sandbox/runtime/SysFailure.h"

#include <string>
#include <vector>

namespace vireo {

// Messages from the sandbox's processes to the runtime, one pipe write each (atomic).
struct LaunchMessage {
    enum Kind : int { NeedIdMaps = 1, InitStarted = 2, Failed = 3, NeedNetwork = 4 };
    int kind;
    int pid;
    SysFailure failure;
};

struct LaunchPlan {
    const CgroupDriver* cgroup = nullptr;
    bool joinedByClone = false;  // v2: the launcher was created inside with CLONE_INTO_CGROUP
    bool waitForNetwork = false; // the runtime sets up the new net namespace before the init
    MountPlan mounts;
    SandboxIds ids; // the payload's ids inside

    int terminalFd = -1; // a pty slave: the payload's controlling terminal and stdio
    const SeccompProgram* seccomp = nullptr;
    const CapabilitySet* caps = nullptr;
    PreparedCommand command;
    int messageFd = -1; // write end, to the runtime
    int goWriteFd = -1; // the runtime's end, closed by the launcher so that the runtime
                        // closing it means EOF: "give up"
    int goFd = -1;      // read end: one byte once the id maps are written (and one once
                        // the network is up, with waitForNetwork)
};

// The launcher: joins the cgroup, creates the user namespace (the runtime writes its
// maps), then the other namespaces, and forks the init as a sibling (CLONE_PARENT) so the
// runtime waits for the init directly. Never returns.
[[noreturn]] void runSandboxLauncher(const LaunchPlan& plan) noexcept;

// The init: PID 1 of the sandbox. Builds the root, drops privileges, forks the payload,
// then reaps every child and forwards signals to the payload; exits with its status.
[[noreturn]] void runSandboxInit(const LaunchPlan& plan) noexcept;

void sendLaunchMessage(int fd, int kind, int pid, const SysFailure* failure) noexcept;

} // namespace vireo
