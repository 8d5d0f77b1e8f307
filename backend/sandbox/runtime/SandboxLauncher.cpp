#include "sandbox/runtime/LaunchPlan.h"

#include <cerrno>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

namespace vireo {

void sendLaunchMessage(int fd, int kind, int pid, const SysFailure* failure) noexcept {
    LaunchMessage m{};
    m.kind = kind;
    m.pid = pid;
    if (failure) m.failure = *failure;
    ssize_t n;
    do
        n = ::write(fd, &m, sizeof m);
    while (n < 0 && errno == EINTR);
}

namespace {

[[noreturn]] void launcherFailed(const LaunchPlan& plan, const SysFailure& f) noexcept {
    sendLaunchMessage(plan.messageFd, LaunchMessage::Failed, 0, &f);
    ::_exit(1);
}

void waitForGo(const LaunchPlan& plan) noexcept {
    char go = 0;
    ssize_t n;
    do
        n = ::read(plan.goFd, &go, 1);
    while (n < 0 && errno == EINTR);
    if (n != 1) ::_exit(1); // the runtime gave up and reported why
}

} // namespace

void runSandboxLauncher(const LaunchPlan& plan) noexcept {
    SysFailure f{};
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::close(plan.goWriteFd);
    // Join the cgroup first, as host root: every process of the sandbox is born inside.
    if (!plan.joinedByClone && !plan.cgroup->joinSelf(&f)) launcherFailed(plan, f);
    if (::unshare(CLONE_NEWUSER) != 0) {
        setSysFailure(&f, "creating user namespace", "", errno);
        launcherFailed(plan, f);
    }
    sendLaunchMessage(plan.messageFd, LaunchMessage::NeedIdMaps, static_cast<int>(::getpid()),
                      nullptr);
    waitForGo(plan);
    if (!assumeIds(SandboxIds{})) {
        setSysFailure(&f, "becoming root in the user namespace", "", errno);
        launcherFailed(plan, f);
    }
    // A change of credentials clears the parent-death signal: set it again, so a runtime
    // that dies from here on still takes the launcher along.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // Created after the user namespace, so it owns them all. The cgroup namespace's root
    // is the sandbox's own group (joined above).
    const int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP |
                      CLONE_NEWPID | CLONE_NEWTIME;
    if (::unshare(flags) != 0) {
        setSysFailure(&f, "creating mount, uts, ipc, net, cgroup, pid and time namespaces", "",
                      errno);
        launcherFailed(plan, f);
    }
    if (plan.waitForNetwork) {
        // The runtime attaches the new net namespace (pasta, a veth) through our pid.
        sendLaunchMessage(plan.messageFd, LaunchMessage::NeedNetwork, static_cast<int>(::getpid()),
                          nullptr);
        waitForGo(plan);
    }
    const long pid = ::syscall(SYS_clone, CLONE_PARENT, nullptr, nullptr, nullptr, nullptr);
    if (pid < 0) {
        setSysFailure(&f, "forking the sandbox init", "", errno);
        launcherFailed(plan, f);
    }
    if (pid == 0) runSandboxInit(plan);
    sendLaunchMessage(plan.messageFd, LaunchMessage::InitStarted, static_cast<int>(pid), nullptr);
    ::_exit(0);
}

} // namespace vireo
