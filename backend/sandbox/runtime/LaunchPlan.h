#pragma once

// Internal to backend/sandbox: what the runtime hands to the sandbox's processes.

#include "core/PreparedCommand.h"
#include "sandbox/runtime/Capabilities.h"
#include "sandbox/runtime/Mounts.h"
#include "sandbox/runtime/SandboxIds.h"
#include "sandbox/runtime/Seccomp.h"
#include "sandbox/runtime/SysFailure.h"

#include <sched.h>
#include <string>
#include <vector>

namespace vireo {

// The most groups (one per v1 hierarchy) the init joins itself.
constexpr size_t kMaxTasksFiles = 8;

struct LaunchPlan {
    MountPlan mounts;
    SandboxIds ids; // the payload's ids inside

    int terminalFd = -1; // a pty slave: the payload's controlling terminal and stdio
    const SeccompProgram* seccomp = nullptr;
    const CapabilitySet* caps = nullptr;
    // When set, the CPUs the payload may run on, given back before its exec: the runtime
    // keeps the sandbox's start on the CPU it runs on (see PlainSandboxRun).
    const cpu_set_t* payloadCpus = nullptr;
    PreparedCommand command;
    int messageFd = -1;   // write end, to the runtime: a SysFailure per failure of the init
                          // or payload, one pipe write each (atomic)
    int goWriteFd = -1;   // the runtime's end, closed by the init so that the runtime
                          // closing it means EOF: "give up"
    int goFd = -1;        // read end: one byte once the id maps are written (and the
                          // network is up)
    int placeFd = -1;     // when the init joins its groups itself: a socket on which the
                          // runtime sends their `tasks` files (closed unsent: "give up")
    int placeSendFd = -1; // the runtime's end, closed by the init
};

// The init: PID 1 of the sandbox, created in every new namespace at once. Waits for its id
// maps, builds the root, joins its groups (when placeFd is set) and enters its cgroup
// namespace, drops privileges, starts the payload, then reaps every child and forwards signals to
// the payload; exits with its status. Never returns.
[[noreturn]] void runSandboxInit(const LaunchPlan& plan) noexcept;

} // namespace vireo
