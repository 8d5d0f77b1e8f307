#pragma once

#include "sandbox/runtime/CgroupLayout.h"
#include "sandbox/runtime/SandboxLimits.h"
#include "sandbox/runtime/SysFailure.h"

#include <memory>
#include <string>
#include <vector>

namespace vireo {

// One sandbox's control group(s), whatever the host's layout. The runtime creates the
// group and writes the limits; the sandbox's init is in it before the payload starts, so
// every later process is too. Moving a running process into a v1 group through
// cgroup.procs costs a 5-13 ms RCU grace period, moving one's own thread through `tasks`
// does not: on v1 the init joins that way itself (joinedByInit, openTasksFiles). On v2 the
// init is created inside with clone3(CLONE_INTO_CGROUP) (cloneIntoFd); with a v2 part on a
// hybrid host, the runtime's calling thread joins the v1 groups for that clone
// (joinThread) and leaves again.
class CgroupDriver {
public:
    virtual ~CgroupDriver() = default;
    virtual CgroupLayoutKind kind() const = 0;
    // Creates the group(s) and writes the limits.
    virtual MaybeFault create(const SandboxLimits& limits) = 0;
    // Moves the calling thread (only it) into the groups that clone3 cannot place a child
    // in (v1), and back into this process's own groups. Returns false and fills `f` on
    // failure.
    virtual bool joinThread(SysFailure* f) const noexcept = 0;
    virtual bool leaveThread(SysFailure* f) const noexcept = 0;
    // A directory fd for clone3(CLONE_INTO_CGROUP) (v2), or -1.
    virtual int cloneIntoFd() const { return -1; }
    // True when the init can join the groups itself after it started: on v1 a process
    // moves its own thread through `tasks` without the global lock. The groups are then
    // made while the init builds its root, on the other core. False when clone3 must place
    // the init (v2), so the groups come first.
    virtual bool joinedByInit() const { return false; }
    // The `tasks` files of the groups, opened for writing here (the init may not open
    // them: they belong to the host's root), to be written "0" by the init. Empty with
    // `f` filled on failure.
    virtual std::vector<int> openTasksFiles(SysFailure* f) const;
    // The same for this process's own groups: the init goes back into them once the
    // payload ended, so that the groups can be removed while it still exits (see
    // LaunchSteps::reportExitEarly).
    virtual std::vector<int> openOwnTasksFiles(SysFailure* f) const;
    // The files whose `oom_kill` counts the OOM killer's kills in this group.
    virtual std::vector<std::string> oomEventFiles() const = 0;
    // True once the kernel's OOM killer killed a process of this group.
    bool oomKilled() const;
    // Removes the group(s); waits briefly for exiting processes to leave.
    virtual MaybeFault destroy() = 0;
    // Every folder this driver created (for tests and `stats`).
    virtual std::vector<std::string> directories() const = 0;
};

// Which controllers a sandbox with `limits` needs: memory, pids and cpu, for the limits and
// for accounting (OOM reports, `sandbox stats`) when there are none.
std::vector<std::string> neededControllers(const SandboxLimits& limits);

// Only what `limits` asks for: the controllers that enforce it.
std::vector<std::string> limitingControllers(const SandboxLimits& limits);

// What a sandbox's groups are for: its limits and the accounting that `list` and `stats`
// read (neededControllers), or only its limits (limitingControllers), for a run in the
// foreground that nothing else can look at.
enum class CgroupUse { LimitsAndAccounting, LimitsOnly };

// The driver for `layout`; `groupName` is the leaf folder created below this process's own
// group in every hierarchy used. Fails when the layout cannot hold limits.
MaybeFault makeCgroupDriver(const CgroupLayout& layout, const std::string& groupName,
                            const SandboxLimits& limits, std::unique_ptr<CgroupDriver>* driver,
                            CgroupUse use = CgroupUse::LimitsAndAccounting);

// For a sandbox without limits started by a user who may not create groups: no group, no
// accounting (no OOM report, no `stats` figures).
std::unique_ptr<CgroupDriver> makeNoCgroupDriver();

// True when `limits` asks for anything a group would enforce.
bool hasLimits(const SandboxLimits& limits);

// Drivers, exposed for tests that point them at a fake tree.
std::unique_ptr<CgroupDriver> makeCgroupV1Driver(const CgroupLayout& layout,
                                                 const std::string& groupName,
                                                 const std::vector<std::string>& controllers);
std::unique_ptr<CgroupDriver> makeCgroupV2Driver(const std::string& parentDir,
                                                 const std::string& groupName,
                                                 const std::vector<std::string>& controllers);
std::unique_ptr<CgroupDriver> makeCgroupHybridDriver(const CgroupLayout& layout,
                                                     const std::string& groupName,
                                                     const std::vector<std::string>& controllers);

// Removes groups named "vireo-sb.*" under this process's own groups whose runtime process
// (the pid in the name) is gone: what a crashed runtime left behind.
void removeStaleSandboxCgroups(const CgroupLayout& layout);

// The folders a sandbox's groups are made in: this process's own group in each hierarchy
// a sandbox may use.
std::vector<std::string> sandboxCgroupParents(const CgroupLayout& layout);

// True for a sandbox group's name ("vireo-sb.NAME.PID") whose runtime (PID) is gone.
bool isStaleSandboxCgroup(const std::string& name);

} // namespace vireo
