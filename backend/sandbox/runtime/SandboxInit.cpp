#include "sandbox/runtime/LaunchPlan.h"
#include "sandbox/runtime/SandboxIds.h"
#include "sandbox/runtime/TerminalAttach.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <linux/close_range.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace vireo {

namespace {

// Signals the init passes on to the payload. A PID 1 drops signals from outside its
// namespace that have the default disposition, so each gets a (never run) handler and is
// then blocked and collected with sigwaitinfo.
const int kForwarded[] = {SIGINT,  SIGTERM, SIGHUP,   SIGQUIT, SIGUSR1,
                          SIGUSR2, SIGCONT, SIGWINCH, SIGALRM};

void ignoreHandler(int) {}

// Reports `f` to the runtime (which says what failed) and exits.
[[noreturn]] void initFailed(const LaunchPlan& plan, const SysFailure& f) noexcept {
    ssize_t n;
    do
        n = ::write(plan.messageFd, &f, sizeof f);
    while (n < 0 && errno == EINTR);
    ::_exit(127);
}

void waitForGo(const LaunchPlan& plan) noexcept {
    char go = 0;
    ssize_t n;
    do
        n = ::read(plan.goFd, &go, 1);
    while (n < 0 && errno == EINTR);
    if (n != 1) ::_exit(1); // the runtime gave up and reported why
}

// The `tasks` files of the runtime's own groups, kept to go back into once the payload
// ended (see reportExitEarly).
struct LeaveFiles {
    int fds[kMaxTasksFiles];
    size_t count = 0;
};

// Joins the groups whose `tasks` files the runtime sends, moving only this thread (the
// kernel then takes no global lock). The message's byte counts them; any further files are
// the runtime's own groups, kept in `leave`. Exits quietly when the runtime sends nothing:
// it gave up and reported why.
void joinGroups(const LaunchPlan& plan, LeaveFiles* leave) noexcept {
    unsigned char joinCount = 0;
    iovec data{&joinCount, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 2 * kMaxTasksFiles)];
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    ssize_t n;
    do
        n = ::recvmsg(plan.placeFd, &message, MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    if (n != 1) ::_exit(1);
    SysFailure f{};
    size_t index = 0;
    for (cmsghdr* h = CMSG_FIRSTHDR(&message); h; h = CMSG_NXTHDR(&message, h)) {
        if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS) continue;
        const size_t count = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count; ++i, ++index) {
            int fd;
            std::memcpy(&fd, CMSG_DATA(h) + i * sizeof(int), sizeof fd);
            if (index >= joinCount) {
                if (leave->count < kMaxTasksFiles) leave->fds[leave->count++] = fd;
                continue;
            }
            if (::write(fd, "0", 1) != 1) {
                setSysFailure(&f, "joining the sandbox's cgroup", "", errno);
                initFailed(plan, f);
            }
            ::close(fd);
        }
    }
}

// True when no process but this one is left in the namespace: every other one would be a
// descendant of ours (orphans come to us), and we have no child.
bool aloneInNamespace() noexcept {
    int status;
    pid_t r;
    while ((r = ::waitpid(-1, &status, WNOHANG)) > 0) {
    }
    return r < 0 && errno == ECHILD;
}

// Once the payload ended and nothing else runs: goes back into the runtime's groups and
// reports `code`, so that the runtime removes the groups and returns while this process's
// exit tears the namespaces down (its mounts cost an RCU grace period). Then waits for
// the runtime to close the socket, so that its work is done before ours. Returns when
// anything of that fails: the runtime then waits for our exit as usual.
void reportExitEarly(int reportFd, const LeaveFiles& leave, int code) noexcept {
    if (reportFd < 0 || !aloneInNamespace()) return;
    for (size_t i = 0; i < leave.count; ++i)
        if (::write(leave.fds[i], "0", 1) != 1) return;
    ssize_t n;
    do
        n = ::send(reportFd, &code, sizeof code, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    if (n != static_cast<ssize_t>(sizeof code)) return;
    char byte;
    do
        n = ::recv(reportFd, &byte, 1, 0);
    while (n < 0 && errno == EINTR);
    // The runtime's exit closed the socket and woke us on its CPU, before it told its
    // parent: let it finish first.
    ::sched_yield();
}

[[noreturn]] void execPayload(const LaunchPlan& plan) noexcept {
    SysFailure f{};
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    for (int s = 1; s < NSIG; ++s)
        ::sigaction(s, &dfl, nullptr);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    // Only stdio crosses into the payload; the message pipe closes on exec.
    ::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
    if (plan.payloadCpus) ::sched_setaffinity(0, sizeof(cpu_set_t), plan.payloadCpus);
    if (::chdir(plan.mounts.cwd.c_str()) != 0) {
        setSysFailure(&f, "entering working directory", plan.mounts.cwd.c_str(), errno);
        initFailed(plan, f);
    }
    if (plan.terminalFd >= 0 && !attachTerminal(plan.terminalFd, &f)) initFailed(plan, f);
    if (!switchToUser(plan.ids, &f)) initFailed(plan, f);
    environ = const_cast<char**>(plan.command.envPtrs.data());
    ::execvp(plan.command.argvPtrs[0], plan.command.argvPtrs.data());
    setSysFailure(&f, "executing", plan.command.argvPtrs[0], errno);
    initFailed(plan, f);
}

// The payload's stack until its exec: it runs in our memory (see runSandboxInit).
alignas(64) char g_payloadStack[64 * 1024];

int payloadMain(void* plan) {
    execPayload(*static_cast<const LaunchPlan*>(plan));
}

} // namespace

void runSandboxInit(const LaunchPlan& plan) noexcept {
    SysFailure f{};
    // The runtime is our parent: if it dies, so does the sandbox (all of its pid namespace).
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::close(plan.goWriteFd);
    if (plan.placeSendFd >= 0) ::close(plan.placeSendFd);
    waitForGo(plan); // our id maps are written (and the network attached)
    if (!assumeIds(SandboxIds{})) {
        setSysFailure(&f, "becoming root in the user namespace", "", errno);
        initFailed(plan, f);
    }
    // A change of credentials clears the parent-death signal: set it again, so a runtime
    // that dies from here on still takes the sandbox along.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // The runtime makes our groups meanwhile, when we join them ourselves.
    if (!buildSandboxRoot(plan.mounts, &f)) initFailed(plan, f);
    LeaveFiles leave;
    int reportFd = -1; // where the payload's end is reported early, when it is
    if (plan.placeFd >= 0) {
        joinGroups(plan, &leave);
        if (leave.count > 0)
            reportFd = plan.placeFd;
        else
            ::close(plan.placeFd);
    }
    // We are in the sandbox's group(s) now: that is the cgroup namespace's root. (A cgroup
    // namespace made by clone3 would be rooted where the runtime is.)
    if (::unshare(CLONE_NEWCGROUP) != 0) {
        setSysFailure(&f, "creating cgroup namespace", "", errno);
        initFailed(plan, f);
    }

    sigset_t waitSet;
    sigemptyset(&waitSet);
    sigaddset(&waitSet, SIGCHLD);
    struct sigaction sa {};
    sa.sa_handler = ignoreHandler;
    for (const int s : kForwarded) {
        ::sigaction(s, &sa, nullptr);
        sigaddset(&waitSet, s);
    }
    ::sigprocmask(SIG_BLOCK, &waitSet, nullptr);

    // Privileges go before the payload exists; the init stays as confined as the payload.
    if (!plan.caps->apply(&f)) initFailed(plan, f);
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        setSysFailure(&f, "setting no_new_privs", "", errno);
        initFailed(plan, f);
    }
    if (!loadSeccompProgram(*plan.seccomp, &f)) initFailed(plan, f);

    // As posix_spawn does: the payload shares our memory until its exec, and we wait for
    // that exec, so no page table is copied (a fork costs ~0.8 ms more here, where page
    // table updates are slow). Only system calls run in it before the exec.
    const int payload = ::clone(payloadMain, g_payloadStack + sizeof g_payloadStack,
                                CLONE_VM | CLONE_VFORK | SIGCHLD, const_cast<LaunchPlan*>(&plan));
    if (payload < 0) {
        setSysFailure(&f, "starting the payload", "", errno);
        initFailed(plan, f);
    }
    ::close(plan.messageFd);

    for (;;) {
        siginfo_t info;
        if (::sigwaitinfo(&waitSet, &info) < 0) continue;
        if (info.si_signo != SIGCHLD) {
            ::kill(static_cast<pid_t>(payload), info.si_signo);
            continue;
        }
        int status = 0;
        pid_t done;
        while ((done = ::waitpid(-1, &status, WNOHANG)) > 0) {
            if (done != payload) continue; // an orphan reparented to us: just reaped
            const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            reportExitEarly(reportFd, leave, code);
            // Exiting ends every other process of the namespace.
            ::_exit(code);
        }
    }
}

} // namespace vireo
