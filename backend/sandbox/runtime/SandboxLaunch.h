#pragma once

// Starting a sandbox and supervising it, shared by the backend's runSandbox and vireoctl's
// Qt-free front (which runs the plain `sandbox run` without loading Qt).

#include "sandbox/runtime/Cgroup.h"
#include "sandbox/runtime/LaunchPlan.h"

#include <functional>
#include <signal.h>
#include <string>
#include <sys/types.h>

namespace vireo {

// While it lives, SIGTERM/SIGHUP/SIGINT/SIGQUIT to this process go to the sandbox's init
// (once known, see launchSandbox), which passes them to the payload; this process keeps
// waiting for the exit status.
class SignalForwarding {
public:
    SignalForwarding();
    ~SignalForwarding();
    SignalForwarding(const SignalForwarding&) = delete;
    SignalForwarding& operator=(const SignalForwarding&) = delete;

private:
    struct ::sigaction m_old[4]; // one per forwarded signal
};

// What the runtime does while the new init waits: write the id maps of its user namespace
// (always), set up its network namespace (when set); then what it does once the init
// goes on. The sandbox's groups are made by prepareGroups: before the init exists when
// clone3 must place it, else while the init builds its root (CgroupDriver::joinedByInit).
struct LaunchSteps {
    std::function<MaybeFault()> prepareGroups;
    std::function<MaybeFault(pid_t init)> writeIdMaps;
    std::function<MaybeFault(pid_t init)> attachNetwork;
    std::function<void(pid_t init)> initStarted;
    // When the init joins its groups itself (v1): once the payload ended and nothing else
    // runs, the init goes back into this process's groups and reports the code on
    // LaunchOutcome::exitReportFd, then waits for that fd to close before it exits, so
    // the groups can go while its namespaces are torn down (see waitForSandboxEnd).
    bool reportExitEarly = false;
};

struct LaunchOutcome {
    pid_t initPid = 0;     // the sandbox's init, our child (also after a failure: wait for it)
    MaybeFault fault;      // the first failure, of a step or reported by a sandbox process
    int exitReportFd = -1; // with LaunchSteps::reportExitEarly, when the init will report;
                           // ours to close (closing it lets the init exit)
};

// Creates the sandbox's init and places it in its group(s), runs the steps, then reads the init's
// and payload's reports until the payload runs or everything failed. The pipes in `plan` are made
// here. Makes this process a child subreaper: the sandbox's orphans come back to it.
LaunchOutcome launchSandbox(LaunchPlan& plan, const CgroupDriver& cgroup,
                            const std::string& sandboxName, const LaunchSteps& steps);

// waitpid, retried on EINTR.
pid_t waitForPid(pid_t pid, int* status);

// Waits at most `timeoutMs` (forever if negative) for the sandbox's command to end: for the
// init's report on `reportFd` (when >= 0, see LaunchSteps::reportExitEarly) or else for the
// init to end, reaped. Forwarded signals do not cut the wait short. True with the command's
// wait status; false while it still runs, or when the kernel cannot wait with a timeout (no
// pidfd_open). After a report the init still exists until `reportFd` is closed.
bool waitForSandboxEnd(pid_t initPid, int reportFd, int timeoutMs, int* status);

// Replaces this process with vireo-sandbox-monitor, which waits for `initPid`, reports an
// OOM kill with `oomMessage`, removes the groups (then the file `notePath`, when given: see
// CgroupNotes.h) and exits with the command's code. Returns only when the exec failed, with
// everything as it was.
void handOffToMonitor(const std::string& monitorProgram, pid_t initPid, const CgroupDriver& cgroup,
                      const std::string& oomMessage, const std::string& notePath = {});

} // namespace vireo
