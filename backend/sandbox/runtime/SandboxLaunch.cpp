#include "sandbox/runtime/SandboxLaunch.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <iterator>
#include <linux/sched.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace vireo {

namespace {

volatile sig_atomic_t g_initPid = 0;

// What the runtime (and after it the monitor) passes on to the sandbox's init.
constexpr int kForwardedSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void forwardToInit(int sig) {
    if (g_initPid > 0) ::kill(g_initPid, sig);
}

// Starts the launcher: on v2 directly inside the group, elsewhere as a plain child.
long startLauncher(const CgroupDriver& cgroup, bool* joinedByClone) {
    *joinedByClone = false;
    if (cgroup.cloneIntoFd() >= 0) {
        clone_args args{};
        args.flags = CLONE_INTO_CGROUP;
        args.exit_signal = SIGCHLD;
        args.cgroup = static_cast<__u64>(cgroup.cloneIntoFd());
        const long pid = ::syscall(SYS_clone3, &args, sizeof args);
        if (pid >= 0) {
            *joinedByClone = true;
            return pid;
        }
        if (errno != ENOSYS && errno != E2BIG) return pid;
    }
    return ::syscall(SYS_clone, SIGCHLD, nullptr, nullptr, nullptr, nullptr);
}

void closeFd(int* fd) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
}

} // namespace

SignalForwarding::SignalForwarding() {
    static_assert(std::size(kForwardedSignals) == std::size(decltype(m_old){}));
    struct sigaction sa {};
    sa.sa_handler = forwardToInit;
    sa.sa_flags = SA_RESTART;
    for (size_t i = 0; i < std::size(kForwardedSignals); ++i)
        ::sigaction(kForwardedSignals[i], &sa, &m_old[i]);
}

SignalForwarding::~SignalForwarding() {
    g_initPid = 0;
    for (size_t i = 0; i < std::size(kForwardedSignals); ++i)
        ::sigaction(kForwardedSignals[i], &m_old[i], nullptr);
}

pid_t waitForPid(pid_t pid, int* status) {
    pid_t r;
    do
        r = ::waitpid(pid, status, 0);
    while (r < 0 && errno == EINTR);
    return r;
}

LaunchOutcome launchSandbox(LaunchPlan& plan, const CgroupDriver& cgroup,
                            const std::string& sandboxName, const LaunchSteps& steps) {
    LaunchOutcome out;
    int messages[2], go[2];
    if (::pipe2(messages, O_CLOEXEC) != 0) {
        out.fault = systemFault("creating", "launch pipe", errno);
        return out;
    }
    if (::pipe2(go, O_CLOEXEC) != 0) {
        out.fault = systemFault("creating", "launch pipe", errno);
        ::close(messages[0]);
        ::close(messages[1]);
        return out;
    }
    plan.cgroup = &cgroup;
    plan.messageFd = messages[1];
    plan.goFd = go[0];
    plan.goWriteFd = go[1];

    // Orphans of the sandbox come back to us rather than to the host's init.
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    const long launcher = startLauncher(cgroup, &plan.joinedByClone);
    if (launcher == 0) runSandboxLauncher(plan);
    closeFd(&messages[1]);
    closeFd(&go[0]);
    if (launcher < 0) {
        out.fault = systemFault("starting the launcher of sandbox", sandboxName, errno);
        closeFd(&messages[0]);
        closeFd(&go[1]);
        return out;
    }

    auto signalGo = [&] {
        if (::write(go[1], "g", 1) != 1) out.fault = systemFault("signalling", "launcher", errno);
    };
    for (;;) {
        LaunchMessage m;
        const ssize_t n = ::read(messages[0], &m, sizeof m);
        if (n < 0 && errno == EINTR) continue;
        if (n != static_cast<ssize_t>(sizeof m)) break; // EOF: the payload exec'd (or all died)
        if (m.kind == LaunchMessage::NeedIdMaps || m.kind == LaunchMessage::NeedNetwork) {
            const auto& step =
                m.kind == LaunchMessage::NeedIdMaps ? steps.writeIdMaps : steps.attachNetwork;
            if (MaybeFault f = step ? step(m.pid) : MaybeFault()) {
                out.fault = f;
                break; // closing `go` ends the launcher
            }
            signalGo();
        } else if (m.kind == LaunchMessage::InitStarted) {
            out.initPid = m.pid;
            g_initPid = m.pid;
            if (steps.initStarted) steps.initStarted(m.pid);
        } else if (m.kind == LaunchMessage::Failed && !out.fault) {
            out.fault = sandboxProcessFault(sandboxName, m.failure);
        }
    }
    closeFd(&go[1]);
    closeFd(&messages[0]);
    int status = 0;
    waitForPid(static_cast<pid_t>(launcher), &status);
    return out;
}

void handOffToMonitor(const std::string& monitorProgram, pid_t initPid, const CgroupDriver& cgroup,
                      const std::string& oomMessage) {
    std::vector<std::string> args{monitorProgram, "--init", std::to_string(initPid)};
    for (const std::string& file : cgroup.oomEventFiles())
        args.insert(args.end(), {"--oom-events", file});
    for (const std::string& dir : cgroup.directories())
        args.insert(args.end(), {"--group", dir});
    if (!oomMessage.empty()) args.insert(args.end(), {"--oom-message", oomMessage});
    PreparedCommand monitor;
    monitor.prepare(args, std::vector<std::string>());
    // Signals that arrive during the exec wait, blocked, for the monitor's handlers.
    sigset_t forwarded, old;
    sigemptyset(&forwarded);
    for (int sig : kForwardedSignals)
        sigaddset(&forwarded, sig);
    ::sigprocmask(SIG_BLOCK, &forwarded, &old);
    std::fflush(nullptr);
    ::execv(monitor.argvPtrs[0], monitor.argvPtrs.data());
    ::sigprocmask(SIG_SETMASK, &old, nullptr);
}

} // namespace vireo
