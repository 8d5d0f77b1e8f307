#include "sandbox/runtime/SandboxLaunch.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iterator>
#include <linux/sched.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utility>

namespace vireo {

namespace {

volatile sig_atomic_t g_initPid = 0;

// What the runtime (and after it the monitor) passes on to the sandbox's init.
constexpr int kForwardedSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void forwardToInit(int sig) {
    if (g_initPid > 0) ::kill(g_initPid, sig);
}

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

// Creates the sandbox's init in new user, mount, uts, ipc, net, pid and time namespaces at
// once (all owned by the new user namespace). Unless it joins its groups itself, it is born
// inside them: on v1 this thread joins them for the clone, on v2 clone3 places the child
// (CLONE_INTO_CGROUP). Returns the pid (0 in the child), or -1 with errno and `f` filled.
long startInit(const CgroupDriver& cgroup, SysFailure* f) {
    if (!cgroup.joinedByInit() && !cgroup.joinThread(f)) {
        SysFailure ignored{};
        cgroup.leaveThread(&ignored); // out of the groups it did join
        errno = f->err;
        return -1;
    }
    clone_args args{};
    args.flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
                 CLONE_NEWPID | CLONE_NEWTIME;
    args.exit_signal = SIGCHLD;
    if (cgroup.cloneIntoFd() >= 0) {
        args.flags |= CLONE_INTO_CGROUP;
        args.cgroup = static_cast<__u64>(cgroup.cloneIntoFd());
    }
    const long pid = ::syscall(SYS_clone3, &args, sizeof args);
    if (pid == 0) return 0;
    const int cloneErrno = errno;
    SysFailure leaving{};
    if (!cgroup.joinedByInit() && !cgroup.leaveThread(&leaving) && pid > 0) {
        // This thread stays in the sandbox's group: better no sandbox than a runtime
        // counted against its limits.
        ::kill(static_cast<pid_t>(pid), SIGKILL);
        waitForPid(static_cast<pid_t>(pid), nullptr);
        *f = leaving;
        errno = leaving.err;
        return -1;
    }
    if (pid < 0) setSysFailure(f, "creating the sandbox's namespaces and init", "", cloneErrno);
    errno = cloneErrno;
    return pid;
}

void closeFd(int* fd) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
}

MaybeFault prepareGroups(const LaunchSteps& steps) {
    return steps.prepareGroups ? steps.prepareGroups() : MaybeFault();
}

void closeAll(const std::vector<int>& fds) {
    for (int fd : fds)
        ::close(fd);
}

// Makes the groups and hands their `tasks` files to the init, which joins them itself, and
// (to report the payload's end early) this process's own, which it goes back into. The
// message's byte counts the first kind. Without a message the init gives up (when it is
// still there to read one). Sets `*reporting` when the init will report on `socket`.
MaybeFault placeInit(const CgroupDriver& cgroup, const LaunchSteps& steps, int socket,
                     bool* reporting) {
    *reporting = false;
    if (MaybeFault f = prepareGroups(steps)) return f;
    SysFailure failure{};
    std::vector<int> fds = cgroup.openTasksFiles(&failure);
    if (failure.err) return systemFault(failure.step, failure.path, failure.err);
    if (fds.size() > kMaxTasksFiles) {
        closeAll(fds);
        return Fault{Fault::Unsupported,
                     "a sandbox joins at most " + std::to_string(kMaxTasksFiles) +
                         " cgroup hierarchies",
                     {}};
    }
    unsigned char joinCount = static_cast<unsigned char>(fds.size());
    if (steps.reportExitEarly && !fds.empty()) {
        // Without them the init just exits at the end, as it does for every other caller.
        const std::vector<int> own = cgroup.openOwnTasksFiles(&failure);
        if (own.size() == fds.size()) {
            fds.insert(fds.end(), own.begin(), own.end());
            *reporting = true;
        } else {
            closeAll(own);
        }
    }
    iovec data{&joinCount, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 2 * kMaxTasksFiles)] = {};
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    if (!fds.empty()) {
        message.msg_control = control;
        message.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
        cmsghdr* header = CMSG_FIRSTHDR(&message);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
        std::memcpy(CMSG_DATA(header), fds.data(), sizeof(int) * fds.size());
    }
    // A failed send means the init already failed: its own report says why.
    ssize_t sent;
    do
        sent = ::sendmsg(socket, &message, MSG_NOSIGNAL);
    while (sent < 0 && errno == EINTR);
    closeAll(fds);
    if (sent != 1) *reporting = false;
    return {};
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

bool waitForSandboxEnd(pid_t initPid, int reportFd, int timeoutMs, int* status) {
    // Without pidfd_open (before Linux 5.3) only the report can be waited for with a
    // timeout; an init that ends without one closes the socket too.
    const int fd = static_cast<int>(::syscall(SYS_pidfd_open, initPid, 0));
    if (fd < 0 && reportFd < 0) return timeoutMs < 0 && waitForPid(initPid, status) == initPid;
    timespec start{}, now{};
    ::clock_gettime(CLOCK_MONOTONIC, &start);
    pollfd ends[2] = {{reportFd, POLLIN, 0}, {fd, POLLIN, 0}};
    const nfds_t count = (reportFd >= 0 ? 1 : 0) + (fd >= 0 ? 1 : 0);
    pollfd* first = reportFd >= 0 ? &ends[0] : &ends[1];
    int left = timeoutMs;
    int ready;
    while ((ready = ::poll(first, count, left)) < 0 && errno == EINTR) {
        if (timeoutMs < 0) continue;
        ::clock_gettime(CLOCK_MONOTONIC, &now);
        const long spentMs =
            (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        left = spentMs >= timeoutMs ? 0 : timeoutMs - static_cast<int>(spentMs);
    }
    if (fd >= 0) ::close(fd);
    if (ready <= 0) return false;
    if (reportFd >= 0 && (ends[0].revents & POLLIN)) {
        int code = 0;
        ssize_t n;
        do
            n = ::recv(reportFd, &code, sizeof code, MSG_DONTWAIT);
        while (n < 0 && errno == EINTR);
        if (n == static_cast<ssize_t>(sizeof code) && code >= 0 && code <= 255) {
            *status = W_EXITCODE(code, 0);
            return true;
        }
    }
    // The init ended without a report (or the report was cut short): its own status.
    return waitForPid(initPid, status) == initPid;
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
    plan.messageFd = messages[1];
    plan.goFd = go[0];
    plan.goWriteFd = go[1];
    int place[2] = {-1, -1};
    if (!cgroup.joinedByInit())
        out.fault = prepareGroups(steps);
    else if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, place) != 0)
        out.fault = systemFault("creating", "launch socket", errno);
    if (out.fault) {
        for (int fd : {messages[0], messages[1], go[0], go[1]})
            ::close(fd);
        return out;
    }
    plan.placeFd = place[0];
    plan.placeSendFd = place[1];

    // Orphans of the sandbox come back to us rather than to the host's init.
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    SysFailure startFailure{};
    const long init = startInit(cgroup, &startFailure);
    if (init == 0) runSandboxInit(plan);
    closeFd(&messages[1]);
    closeFd(&go[0]);
    closeFd(&place[0]);
    if (init < 0) {
        out.fault = sandboxProcessFault(sandboxName, startFailure);
        closeFd(&messages[0]);
        closeFd(&go[1]);
        closeFd(&place[1]);
        return out;
    }
    out.initPid = static_cast<pid_t>(init);
    g_initPid = out.initPid;

    // The init waits for its id maps and network; closing `go` without a byte ends it.
    if (MaybeFault f = steps.writeIdMaps ? steps.writeIdMaps(out.initPid) : MaybeFault())
        out.fault = f;
    else if (MaybeFault n = steps.attachNetwork ? steps.attachNetwork(out.initPid) : MaybeFault())
        out.fault = n;
    else if (::write(go[1], "g", 1) != 1)
        out.fault = systemFault("signalling", "sandbox init", errno);
    closeFd(&go[1]);
    bool reporting = false;
    if (place[1] >= 0 && !out.fault) out.fault = placeInit(cgroup, steps, place[1], &reporting);
    if (reporting && !out.fault) out.exitReportFd = std::exchange(place[1], -1);
    closeFd(&place[1]);
    if (!out.fault && steps.initStarted) steps.initStarted(out.initPid);

    for (;;) {
        SysFailure m;
        const ssize_t n = ::read(messages[0], &m, sizeof m);
        if (n < 0 && errno == EINTR) continue;
        if (n != static_cast<ssize_t>(sizeof m)) break; // EOF: the payload exec'd (or all died)
        if (!out.fault) out.fault = sandboxProcessFault(sandboxName, m);
    }
    closeFd(&messages[0]);
    // After a failure the caller waits for the init's exit: no report to wait for.
    if (out.fault) closeFd(&out.exitReportFd);
    return out;
}

void handOffToMonitor(const std::string& monitorProgram, pid_t initPid, const CgroupDriver& cgroup,
                      const std::string& oomMessage, const std::string& notePath) {
    std::vector<std::string> args{monitorProgram, "--init", std::to_string(initPid)};
    for (const std::string& file : cgroup.oomEventFiles())
        args.insert(args.end(), {"--oom-events", file});
    for (const std::string& dir : cgroup.directories())
        args.insert(args.end(), {"--group", dir});
    if (!oomMessage.empty()) args.insert(args.end(), {"--oom-message", oomMessage});
    if (!notePath.empty()) args.insert(args.end(), {"--note", notePath});
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
