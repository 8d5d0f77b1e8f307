#include "sandbox/SandboxLifecycle.h"

#include "core/ProcessRunner.h"
#include "qemu/DetachedLauncher.h"
#include "sandbox/runtime/CgroupFiles.h"
#include "sandbox/runtime/CgroupPrimitives.h"
#include "sandbox/runtime/SmallFile.h"
#include "store/AtomicFile.h"
#include "store/FileLock.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/syscall.h>
#include <unistd.h>

namespace vireo {

namespace {

constexpr int kStartTimeoutMs = 10000;
// Back-off of the restart policy: 100 ms, doubled up to 10 s.
constexpr int kFirstRestartDelayMs = 100;
constexpr int kMaxRestartDelayMs = 10000;

// Present while a stop or kill through vireoctl is under way: the restart policy stands
// down.
QString stopRequestPath(const SandboxStore& store, const QString& name) {
    return store.sandboxDir(name) + QStringLiteral("/stop-requested");
}
constexpr int kKillTimeoutMs = 5000;

Error notRunning(const QString& name) {
    return makeError(ErrorCode::InvalidState,
                     QStringLiteral("sandbox '%1' is not running").arg(name),
                     QStringLiteral("start it with 'vireoctl sandbox start %1'").arg(name));
}

bool waitForLockRelease(const QString& lockPath, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (FileLock::isHeld(lockPath)) {
        if (deadline.hasExpired()) return false;
        QThread::msleep(10);
    }
    return true;
}

// Waits for the runtime to let the lock go (its exit is recorded then) and returns the
// final state; `after` says what was done, for the error when it does not end.
Result<SandboxState> stateOnceEnded(const SandboxStore& store, const QString& name,
                                    qint64 runtimePid, const QString& after) {
    if (!waitForLockRelease(store.lockPath(name), kKillTimeoutMs))
        return makeError(ErrorCode::Timeout,
                         QStringLiteral("sandbox '%1' did not end %2").arg(name, after),
                         QStringLiteral("see 'ps' for its runtime (pid %1)").arg(runtimePid));
    return sandboxState(store, name);
}

quint64 firstNumber(const QStringList& dirs, std::initializer_list<const char*> files) {
    for (const auto& dir : dirs)
        for (const char* f : files) {
            const QByteArray v =
                QByteArray::fromStdString(readSmallFile((dir + QLatin1Char('/')).toStdString() + f))
                    .trimmed();
            if (v.isEmpty()) continue;
            bool ok = false;
            const quint64 n = v.toULongLong(&ok);
            // "max" (v2) and v1's page-rounded LLONG_MAX both mean "no limit".
            return ok && n < (quint64(1) << 62) ? n : 0;
        }
    return 0;
}

} // namespace

Result<SandboxExit> runKeptSandbox(const SandboxStore& store, const SandboxSpec& spec,
                                   bool terminal) {
    auto lock = FileLock::acquire(store.lockPath(spec.name),
                                  QStringLiteral("sandbox '%1'").arg(spec.name), 0);
    if (!lock) {
        if (lock.error().code != ErrorCode::Busy) return lock.error();
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("sandbox '%1' is already running").arg(spec.name),
            QStringLiteral("stop it first with 'vireoctl sandbox stop %1'").arg(spec.name));
    }
    const QString statePath = store.statePath(spec.name);
    SandboxState state;
    state.runtimePid = ::getpid();
    state.startedAt = QDateTime::currentDateTimeUtc();
    SandboxRunHooks hooks;
    hooks.libraryRoot = store.libraryRoot();
    hooks.layerDir = store.sandboxDir(spec.name) + QStringLiteral("/layer");
    hooks.terminal = terminal && !spec.tty;
    if (spec.tty) {
        hooks.consoleSocket = store.consoleSocketPath(spec.name);
        hooks.consoleSizeSocket = store.consoleSizeSocketPath(spec.name);
    }
    hooks.started = [&](pid_t initPid, const QStringList& cgroups, const QString& address) {
        state.state = SandboxRunState::Running;
        state.initPid = initPid;
        state.cgroups = cgroups;
        state.address = address;
        // Unrecorded, the run still goes on; the next command reconciles what it finds.
        (void)writeFileAtomically(statePath, sandboxStateToJson(state));
    };
    const QString stopMark = stopRequestPath(store, spec.name);
    QFile::remove(stopMark);
    int delayMs = kFirstRestartDelayMs;
    for (;;) {
        auto exit = runSandbox(spec, hooks);
        state.state = SandboxRunState::Exited;
        state.finishedAt = QDateTime::currentDateTimeUtc();
        state.cgroups.clear();
        state.address.clear();
        state.error.clear();
        if (exit) {
            state.exitCode = exit->exitCode;
            state.oomKilled = exit->oomKilled;
        } else {
            state.exitCode = -1;
            state.error = exit.error().line();
        }
        const bool failed = !exit || exit->exitCode != 0;
        const RestartPolicy& p = spec.restart;
        const bool again = exit && !QFile::exists(stopMark) &&
                           (p.kind == RestartPolicy::Always ||
                            (p.kind == RestartPolicy::OnFailure && failed &&
                             (p.maxRestarts == 0 || state.restarts < p.maxRestarts)));
        if (!again) {
            // Written before the lock goes (when we return): a "running" record with a
            // free lock always means a runtime that died.
            (void)writeFileAtomically(statePath, sandboxStateToJson(state));
            QFile::remove(stopMark);
            return exit;
        }
        // Recorded as exited while it waits, so `list` tells the truth; a stop now
        // (which finds no init to signal) still ends the loop through the mark.
        (void)writeFileAtomically(statePath, sandboxStateToJson(state));
        for (int waited = 0; waited < delayMs && !QFile::exists(stopMark); waited += 50)
            QThread::msleep(50);
        if (QFile::exists(stopMark)) {
            QFile::remove(stopMark);
            return exit;
        }
        delayMs = qMin(delayMs * 2, kMaxRestartDelayMs);
        ++state.restarts;
        state.startedAt = QDateTime::currentDateTimeUtc();
    }
}

Result<SandboxState> startSandboxDetached(const SandboxStore& store, const QString& name,
                                          const QStringList& runtimeArgv) {
    if (!store.exists(name))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("sandbox '%1' does not exist").arg(name),
                         QStringLiteral("create it with 'vireoctl sandbox create'"));
    if (FileLock::isHeld(store.lockPath(name)))
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("sandbox '%1' is already running").arg(name),
                         QStringLiteral("stop it first with 'vireoctl sandbox stop %1'").arg(name));
    const QString statePath = store.statePath(name);
    QFile::remove(statePath); // the record of this start is the next one to appear
    DetachedLaunch launch;
    launch.argv = runtimeArgv;
    launch.stderrPath = store.logPath(name);
    launch.stdoutToo = true;
    launch.exitStatusPath = store.sandboxDir(name) + QStringLiteral("/runtime.exit");
    launch.pidPath = store.sandboxDir(name) + QStringLiteral("/runtime.pid");
    launch.fix = QStringLiteral("check that %1 runs").arg(runtimeArgv.value(0));
    auto pid = launchDetached(launch);
    if (!pid) return pid.error();

    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (!deadline.hasExpired()) {
        if (auto bytes = readWholeFile(statePath)) {
            auto state = sandboxStateFromJson(*bytes, statePath);
            if (!state) return state.error();
            if (state->state == SandboxRunState::Exited && !state->error.isEmpty())
                return makeError(ErrorCode::Process, state->error);
            return state;
        }
        if (!readExitStatus(launch.exitStatusPath).isEmpty()) {
            QString why;
            if (auto log = readWholeFile(launch.stderrPath)) why = lastLine(*log);
            return makeError(
                ErrorCode::Process,
                QStringLiteral("sandbox '%1' did not start: %2")
                    .arg(name, why.isEmpty() ? QStringLiteral("its runtime ended") : why),
                QStringLiteral("see %1").arg(launch.stderrPath));
        }
        QThread::msleep(2);
    }
    return makeError(ErrorCode::Timeout,
                     QStringLiteral("sandbox '%1' did not start within %2 s")
                         .arg(name)
                         .arg(kStartTimeoutMs / 1000),
                     QStringLiteral("see %1").arg(launch.stderrPath));
}

Result<SandboxState> sandboxState(const SandboxStore& store, const QString& name) {
    VIREO_TRY(validateSandboxName(name));
    if (!store.exists(name))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("sandbox '%1' does not exist").arg(name),
                         QStringLiteral("see 'vireoctl sandbox list'"));
    const QString statePath = store.statePath(name);
    if (!QFile::exists(statePath)) return SandboxState{};
    auto bytes = readWholeFile(statePath);
    if (!bytes) return bytes.error();
    auto state = sandboxStateFromJson(*bytes, statePath);
    if (!state) return state.error();
    if (state->state == SandboxRunState::Running && !FileLock::isHeld(store.lockPath(name))) {
        // The runtime died (kill -9, a crash): its init died with it (PDEATHSIG), and with
        // the init every process of the sandbox. Only the empty cgroups are left.
        for (const auto& dir : std::as_const(state->cgroups))
            (void)removeCgroupDir(dir.toStdString(), 200);
        state->state = SandboxRunState::Exited;
        state->finishedAt = QDateTime::currentDateTimeUtc();
        state->error = QStringLiteral("its runtime (pid %1) ended unexpectedly, and the "
                                      "sandbox with it")
                           .arg(state->runtimePid);
        state->cgroups.clear();
        (void)writeFileAtomically(statePath, sandboxStateToJson(*state));
    }
    return state;
}

Status signalSandbox(const SandboxStore& store, const QString& name, int signal) {
    auto state = sandboxState(store, name);
    if (!state) return state.error();
    if (state->state != SandboxRunState::Running || state->initPid <= 0) return notRunning(name);
    // A pidfd pins the process; the lock, checked after, proves the runtime (the init's
    // parent) still lives, so the pid cannot have been reused.
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, state->initPid, 0));
    if (pidfd < 0) return notRunning(name);
    Status result;
    if (!FileLock::isHeld(store.lockPath(name)))
        result = notRunning(name);
    else if (::syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0) != 0 && errno != ESRCH)
        result = makeError(ErrorCode::Process,
                           QStringLiteral("cannot signal sandbox '%1': %2")
                               .arg(name, QString::fromLocal8Bit(std::strerror(errno))),
                           QStringLiteral("run vireoctl as root"));
    ::close(pidfd);
    return result;
}

Result<SandboxState> stopSandbox(const SandboxStore& store, const QString& name, int graceMs) {
    auto state = sandboxState(store, name);
    if (!state) return state;
    const QString lockPath = store.lockPath(name);
    // Also when it is between two runs of its restart policy (recorded as exited).
    if (FileLock::isHeld(lockPath)) (void)writeFileAtomically(stopRequestPath(store, name), {});
    if (state->state != SandboxRunState::Running) {
        return stateOnceEnded(store, name, state->runtimePid,
                              QStringLiteral("while waiting to restart"));
    }
    if (auto s = signalSandbox(store, name, SIGTERM); !s) {
        if (s.error().code != ErrorCode::InvalidState) return s.error();
    } else if (!waitForLockRelease(lockPath, graceMs)) {
        (void)signalSandbox(store, name, SIGKILL);
        return stateOnceEnded(store, name, state->runtimePid, QStringLiteral("after SIGKILL"));
    }
    return sandboxState(store, name);
}

Result<SandboxState> killSandbox(const SandboxStore& store, const QString& name) {
    auto state = sandboxState(store, name);
    if (!state) return state;
    const QString lockPath = store.lockPath(name);
    if (!FileLock::isHeld(lockPath)) return notRunning(name);
    (void)writeFileAtomically(stopRequestPath(store, name), {});
    if (state->state == SandboxRunState::Running)
        if (auto s = signalSandbox(store, name, SIGKILL);
            !s && s.error().code != ErrorCode::InvalidState)
            return s.error();
    return stateOnceEnded(store, name, state->runtimePid, QStringLiteral("after SIGKILL"));
}

Status removeSandbox(const SandboxStore& store, const QString& name, bool force) {
    auto state = sandboxState(store, name);
    if (!state) return state.error();
    if (state->state == SandboxRunState::Running) {
        if (!force)
            return makeError(ErrorCode::InvalidState,
                             QStringLiteral("sandbox '%1' is running").arg(name),
                             QStringLiteral("stop it first, or pass --force to kill it"));
        if (auto stopped = stopSandbox(store, name, 0); !stopped) return stopped.error();
    }
    // A detached start's supervisor writes the runtime's exit record just after the
    // runtime ends; removing the folder under it would race.
    const QString dir = store.sandboxDir(name);
    const QDeadlineTimer deadline(1000);
    while (QFile::exists(dir + QStringLiteral("/runtime.pid")) &&
           readExitStatus(dir + QStringLiteral("/runtime.exit")).isEmpty() &&
           !deadline.hasExpired())
        QThread::msleep(5);
    return store.remove(name);
}

SandboxUsage readSandboxUsage(const SandboxState& state) {
    SandboxUsage u;
    const QStringList& dirs = state.cgroups;
    u.accounted = !dirs.isEmpty();
    u.memoryBytes = firstNumber(dirs, {"memory.current", "memory.usage_in_bytes"});
    u.memoryLimit = firstNumber(dirs, {"memory.max", "memory.limit_in_bytes"});
    u.pids = firstNumber(dirs, {"pids.current"});
    u.pidsLimit = firstNumber(dirs, {"pids.max"});
    u.cpuNanoseconds = firstNumber(dirs, {"cpuacct.usage"});
    if (!u.cpuNanoseconds)
        for (const auto& dir : dirs) {
            const long long usec = readCgroupKeyedCounter(
                (dir + QStringLiteral("/cpu.stat")).toStdString().c_str(), "usage_usec");
            if (usec > 0) {
                u.cpuNanoseconds = static_cast<quint64>(usec) * 1000;
                break;
            }
        }
    return u;
}

} // namespace vireo
