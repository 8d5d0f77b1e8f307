// The runtime side of a sandbox run: cgroups, the init's start, the id maps, waiting, cleanup.
#include "sandbox/SandboxRunner.h"
#include "sandbox/FaultError.h"
#include "sandbox/runtime/prebuilt/PrebuiltSeccomp.h"

#include "sandbox/SandboxImages.h"
#include "sandbox/SandboxMounts.h"
#include "sandbox/SandboxNetworking.h"
#include "sandbox/SandboxTerminal.h"
#include "sandbox/SandboxUser.h"
#include "sandbox/runtime/SandboxDefaults.h"
#include "sandbox/runtime/SandboxLaunch.h"
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

QStringList toQt(const std::vector<std::string>& list) {
    QStringList out;
    for (const std::string& s : list)
        out.append(QString::fromStdString(s));
    return out;
}

// Removes the group when the run ends, however it ends.
struct CgroupGuard {
    std::unique_ptr<CgroupDriver> cgroup;
    ~CgroupGuard() {
        if (cgroup) (void)cgroup->destroy();
    }
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
    CapabilitySet caps;
    if (MaybeFault f = caps.prepare()) return toError(*f);

    CgroupLayout layout; // a user's sandbox has no group: kind None
    std::unique_ptr<CgroupDriver> driver;
    if (idMap.privileged) {
        layout = probeCgroupLayout();
        const std::string group = sandboxCgroupName(spec.name.toStdString(), ::getpid());
        if (MaybeFault f = makeCgroupDriver(layout, group, spec.limits, &driver))
            return toError(*f);
    } else {
        driver = makeNoCgroupDriver();
    }
    CgroupGuard guard{std::move(driver)};

    LaunchPlan plan;
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
    plan.seccomp = &prebuiltDefaultSeccompProgram();
    plan.caps = &caps;
    plan.command.prepare(spec.command, sandboxEnvironment(spec));

    std::unique_ptr<SandboxNetworkAttachment> network; // ends after the sandbox did
    std::optional<Error> stepError;                    // a step's own Error, richer than its Fault
    LaunchSteps steps;
    steps.prepareGroups = [&] {
        if (idMap.privileged) removeStaleSandboxCgroups(layout);
        return guard.cgroup->create(spec.limits);
    };
    steps.writeIdMaps = [&](pid_t init) -> MaybeFault {
        if (Status s = writeSandboxIdMaps(init, idMap); !s) {
            stepError = s.error();
            return Fault{Fault::Io, s.error().message.toStdString(), {}};
        }
        return {};
    };
    if (spec.network != SandboxNetwork::None)
        steps.attachNetwork = [&](pid_t init) -> MaybeFault {
            auto attached = attachSandboxNetwork(spec, init, hooks.libraryRoot);
            if (!attached) {
                stepError = attached.error();
                return Fault{Fault::Io, attached.error().message.toStdString(), {}};
            }
            network = std::move(*attached);
            return {};
        };
    steps.initStarted = [&](pid_t init) {
        if (hooks.started)
            hooks.started(init, toQt(guard.cgroup->directories()),
                          network ? network->address() : QString());
    };
    SignalForwarding forwarding;
    const LaunchOutcome launched =
        launchSandbox(plan, *guard.cgroup, spec.name.toStdString(), steps);
    const pid_t initPid = launched.initPid;
    std::optional<Error> failure;
    if (launched.fault) failure = stepError ? *stepError : toError(*launched.fault);
    int status = 0;
    if (!hooks.monitorProgram.isEmpty() && !terminal && !network && initPid > 0 && !failure)
        handOffToMonitor(hooks.monitorProgram.toStdString(), initPid, *guard.cgroup,
                         hooks.oomMessage.toStdString());
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
    if (initPid > 0 && waitForPid(initPid, &status) < 0)
        return sysError(QStringLiteral("waiting for sandbox"), spec.name, errno);
    network.reset(); // before reaping strays below, which could reap pasta unseen
    if (failure) return *failure;
    if (initPid <= 0)
        return makeError(ErrorCode::Process,
                         QStringLiteral("sandbox '%1': its init was never created").arg(spec.name),
                         {});

    SandboxExit exit;
    exit.cgroupLayout = layout.kind;
    exit.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    exit.oomKilled = guard.cgroup->oomKilled();
    // Any process that left the namespace's pid tree was reparented to us; reap it.
    while (::waitpid(-1, &status, WNOHANG) > 0) {
    }
    MaybeFault destroyed = guard.cgroup->destroy();
    guard.cgroup.reset();
    if (destroyed) return toError(*destroyed);
    return exit;
}

} // namespace vireo
