// The runtime side of a sandbox run: cgroups, the launcher, the id maps, waiting, cleanup.
#include "sandbox/SandboxRunner.h"

#include "sandbox/LaunchPlan.h"
#include "sandbox/SandboxImages.h"
#include "sandbox/SandboxNetworking.h"
#include "sandbox/SandboxTerminal.h"
#include "sandbox/SandboxUser.h"
#include "store/AtomicFile.h"
#include "vm/VmRuntime.h"

#include <QDir>
#include <QFile>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <iterator>
#include <linux/sched.h>
#include <memory>
#include <optional>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace vireo {

namespace {

volatile sig_atomic_t g_initPid = 0;

// What the runtime (and after it the monitor) passes on to the sandbox's init.
constexpr int kForwardedSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// SIGTERM/SIGHUP/SIGINT/SIGQUIT to the runtime go to the sandbox's init, which passes
// them to the payload; the runtime itself keeps waiting for the exit status.
void forwardToInit(int sig) {
    if (g_initPid > 0) ::kill(g_initPid, sig);
}

class SignalForwarding {
public:
    SignalForwarding() {
        struct sigaction sa {};
        sa.sa_handler = forwardToInit;
        sa.sa_flags = SA_RESTART;
        for (size_t i = 0; i < std::size(kForwardedSignals); ++i)
            ::sigaction(kForwardedSignals[i], &sa, &m_old[i]);
    }
    ~SignalForwarding() {
        g_initPid = 0;
        for (size_t i = 0; i < std::size(kForwardedSignals); ++i)
            ::sigaction(kForwardedSignals[i], &m_old[i], nullptr);
    }

private:
    struct sigaction m_old[std::size(kForwardedSignals)];
};

pid_t waitFor(pid_t pid, int* status) {
    pid_t r;
    do
        r = ::waitpid(pid, status, 0);
    while (r < 0 && errno == EINTR);
    return r;
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

// Replaces this process with the monitor (see SandboxRunHooks::monitorProgram). Returns
// only when the exec failed, with everything as it was.
void handOffToMonitor(const SandboxRunHooks& hooks, pid_t initPid, const CgroupDriver& cgroup) {
    QStringList args{hooks.monitorProgram, QStringLiteral("--init"), QString::number(initPid)};
    for (const QString& file : cgroup.oomEventFiles())
        args << QStringLiteral("--oom-events") << file;
    for (const QString& dir : cgroup.directories())
        args << QStringLiteral("--group") << dir;
    if (!hooks.oomMessage.isEmpty()) args << QStringLiteral("--oom-message") << hooks.oomMessage;
    PreparedCommand monitor;
    monitor.prepare(args, {});
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

class RunGuard {
public:
    explicit RunGuard(std::unique_ptr<CgroupDriver> cg) : cgroup(std::move(cg)) {}
    ~RunGuard() {
        for (int fd : fds)
            if (fd >= 0) ::close(fd);
        if (cgroup) (void)cgroup->destroy();
    }
    std::unique_ptr<CgroupDriver> cgroup;
    int fds[4] = {-1, -1, -1, -1};
};

} // namespace

Result<SandboxExit> runSandbox(const SandboxSpec& given, const SandboxRunHooks& hooks) {
    VIREO_TRY(validateSandboxSpec(given));
    SandboxSpec spec = given;
    QString overlay;
    if (!spec.image.isEmpty()) {
        if (hooks.layerDir.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("sandbox '%1' has an image but no folder for its "
                                            "writable layer")
                                 .arg(spec.name));
        auto options = SandboxImages(hooks.libraryRoot).prepareOverlay(spec.image, hooks.layerDir);
        if (!options) return options.error();
        overlay = *options;
        spec.rootfs = hooks.layerDir + QStringLiteral("/root");
    }
    const SandboxIdMap idMap = sandboxIdMapForCaller();
    if (!idMap.privileged && hasLimits(spec.limits))
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("sandbox '%1' has limits, and only root may create the "
                                        "control groups that enforce them here")
                             .arg(spec.name),
                         QStringLiteral("run vireoctl as root, or leave out --memory, --swap, "
                                        "--pids, --cpus, --cpu-weight and --io-weight"));
    if (!idMap.privileged && spec.network == SandboxNetwork::Named)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("sandbox '%1' joins network '%2', whose bridge only root "
                                        "may plug into")
                             .arg(spec.name, spec.networkName),
                         QStringLiteral("run vireoctl as root, or use --network nat"));

    // Everything the sandbox's processes need is prepared here: after fork they only make
    // system calls.
    auto seccomp = buildDefaultSeccompProgram();
    if (!seccomp) return seccomp.error();
    CapabilitySet caps;
    VIREO_TRY(caps.prepare());

    CgroupLayout layout; // a user's sandbox has no group: kind None
    std::unique_ptr<CgroupDriver> driver;
    if (idMap.privileged) {
        layout = probeCgroupLayout();
        removeStaleSandboxCgroups(layout);
        const QString group = QStringLiteral("vireo-sb.%1.%2").arg(spec.name).arg(::getpid());
        auto made = makeCgroupDriver(layout, group, spec.limits);
        if (!made) return made.error();
        driver = std::move(*made);
    } else {
        driver = makeNoCgroupDriver();
    }
    RunGuard guard(std::move(driver));
    if (auto s = guard.cgroup->create(spec.limits); !s) return s.error();

    LaunchPlan plan;
    plan.cgroup = guard.cgroup.get();
    plan.mounts = makeMountPlan(spec);
    plan.mounts.overlay = overlay.toStdString();
    // The network's resolvers, bound over the root's own /etc/resolv.conf when it has one
    // as a plain file (never written into the user's root, never through a symlink).
    if (const QByteArray resolv = sandboxResolvConf(spec, hooks.libraryRoot); !resolv.isEmpty()) {
        struct stat st {};
        const QByteArray own = QFile::encodeName(sandboxBaseRootfs(given, hooks.libraryRoot) +
                                                 QStringLiteral("/etc/resolv.conf"));
        const QString dir = VmRuntime::runtimeRoot() + QStringLiteral("/sandboxes");
        const QString file = dir + QLatin1Char('/') + spec.name + QStringLiteral(".resolv.conf");
        if (::lstat(own.constData(), &st) == 0 && S_ISREG(st.st_mode) && QDir().mkpath(dir) &&
            writeFileAtomically(file, resolv))
            plan.mounts.binds.push_back({QFile::encodeName(file).toStdString(),
                                         plan.mounts.rootfs + "/etc/resolv.conf", true, false});
    }
    auto ids = resolveSandboxUser(sandboxBaseRootfs(given, hooks.libraryRoot), spec.user);
    if (!ids) return ids.error();
    if (ids->uid >= idMap.idCount() || ids->gid >= idMap.idCount())
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("sandbox '%1' runs as user '%2' (%3:%4), but a sandbox "
                                        "started by uid %5 has only ids below %6")
                             .arg(spec.name, spec.user)
                             .arg(ids->uid)
                             .arg(ids->gid)
                             .arg(idMap.rootUid)
                             .arg(idMap.idCount()),
                         QStringLiteral("give the user ranges in /etc/subuid and /etc/subgid "
                                        "(usermod --add-subuids 200000-265535 --add-subgids "
                                        "200000-265535 USER) and install uidmap, or run as root"));
    plan.ids = *ids;
    std::unique_ptr<SandboxTerminal> terminal;
    if (hooks.terminal || !hooks.consoleSocket.isEmpty()) {
        auto opened = SandboxTerminal::open();
        if (!opened) return opened.error();
        terminal = std::move(*opened);
        plan.terminalFd = terminal->slaveFd();
    }
    plan.seccomp = &*seccomp;
    plan.caps = &caps;
    plan.waitForNetwork = spec.network != SandboxNetwork::None;
    plan.command.prepare(spec.command, sandboxEnvironment(spec));

    int messages[2], go[2];
    if (::pipe2(messages, O_CLOEXEC) != 0)
        return sysError(QStringLiteral("creating"), QStringLiteral("launch pipe"), errno);
    guard.fds[0] = messages[0];
    guard.fds[1] = messages[1];
    if (::pipe2(go, O_CLOEXEC) != 0)
        return sysError(QStringLiteral("creating"), QStringLiteral("launch pipe"), errno);
    guard.fds[2] = go[0];
    guard.fds[3] = go[1];
    plan.messageFd = messages[1];
    plan.goFd = go[0];
    plan.goWriteFd = go[1];

    // Orphans of the sandbox come back to us rather than to the host's init.
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    SignalForwarding forwarding;
    const long launcher = startLauncher(*guard.cgroup, &plan.joinedByClone);
    if (launcher < 0)
        return sysError(QStringLiteral("starting the launcher of sandbox"), spec.name, errno);
    if (launcher == 0) runSandboxLauncher(plan);
    ::close(messages[1]);
    ::close(go[0]);
    guard.fds[1] = guard.fds[2] = -1;

    std::optional<Error> failure;
    pid_t initPid = 0;
    std::unique_ptr<SandboxNetworkAttachment> network; // ends after the sandbox did
    for (;;) {
        LaunchMessage m;
        const ssize_t n = ::read(messages[0], &m, sizeof m);
        if (n < 0 && errno == EINTR) continue;
        if (n != static_cast<ssize_t>(sizeof m)) break; // EOF: the payload exec'd (or all died)
        if (m.kind == LaunchMessage::NeedIdMaps) {
            if (Status s = writeSandboxIdMaps(m.pid, idMap); !s) {
                failure = s.error();
                break; // closing `go` ends the launcher
            }
            if (::write(go[1], "g", 1) != 1)
                failure = sysError(QStringLiteral("signalling"), QStringLiteral("launcher"), errno);
        } else if (m.kind == LaunchMessage::NeedNetwork) {
            auto attached = attachSandboxNetwork(spec, m.pid, hooks.libraryRoot);
            if (!attached) {
                failure = attached.error();
                break;
            }
            network = std::move(*attached);
            if (::write(go[1], "g", 1) != 1)
                failure = sysError(QStringLiteral("signalling"), QStringLiteral("launcher"), errno);
        } else if (m.kind == LaunchMessage::InitStarted) {
            initPid = m.pid;
            g_initPid = initPid;
            if (hooks.started)
                hooks.started(initPid, guard.cgroup->directories(),
                              network ? network->address() : QString());
        } else if (m.kind == LaunchMessage::Failed && !failure) {
            failure = sysFailureToError(spec.name, m.failure);
        }
    }
    ::close(go[1]);
    guard.fds[3] = -1;
    int status = 0;
    waitFor(static_cast<pid_t>(launcher), &status);
    if (!hooks.monitorProgram.isEmpty() && !terminal && !network && initPid > 0 && !failure)
        handOffToMonitor(hooks, initPid, *guard.cgroup);
    if (terminal) {
        terminal->closeSlave(); // the payload holds it now: its end is the pty's hang-up
        if (initPid > 0 && !failure) {
            if (hooks.consoleSocket.isEmpty()) {
                terminal->relayUntilExit(initPid);
            } else if (auto served = terminal->serveUntilExit(initPid, hooks.consoleSocket,
                                                              hooks.consoleSizeSocket);
                       !served) {
                // No terminal to reach: end the sandbox rather than leave it unreachable.
                ::kill(initPid, SIGKILL);
                failure = served.error();
            }
        }
    }
    if (initPid > 0 && waitFor(initPid, &status) < 0)
        return sysError(QStringLiteral("waiting for sandbox"), spec.name, errno);
    network.reset(); // before reaping strays below, which could reap pasta unseen
    if (failure) return *failure;
    if (initPid <= 0)
        return makeError(
            ErrorCode::Process,
            QStringLiteral("sandbox '%1': the launcher ended before starting it").arg(spec.name),
            {});

    SandboxExit exit;
    exit.cgroupLayout = layout.kind;
    exit.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    exit.oomKilled = guard.cgroup->oomKilled();
    // Any process that left the namespace's pid tree was reparented to us; reap it.
    while (::waitpid(-1, &status, WNOHANG) > 0) {
    }
    Status destroyed = guard.cgroup->destroy();
    guard.cgroup.reset();
    if (!destroyed) return destroyed.error();
    return exit;
}

} // namespace vireo
