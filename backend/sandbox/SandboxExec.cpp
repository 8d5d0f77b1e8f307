// Joining a running sandbox: a child of the caller joins the sandbox's cgroups and, through
// a pidfd of its init, every namespace at once; a grandchild (which alone is inside the pid
// and time namespaces) drops privileges as the payload did and executes the command.
#include "sandbox/SandboxExec.h"
#include "sandbox/FaultError.h"
#include "sandbox/runtime/prebuilt/PrebuiltSeccomp.h"

#include "core/PreparedCommand.h"
#include "sandbox/SandboxImages.h"
#include "sandbox/SandboxLifecycle.h"
#include "sandbox/SandboxTerminal.h"
#include "sandbox/SandboxUser.h"
#include "sandbox/runtime/Capabilities.h"
#include "sandbox/runtime/CgroupFiles.h"
#include "sandbox/runtime/Seccomp.h"
#include "store/FileLock.h"

#include <QFile>

#include <cstdio>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <grp.h>
#include <memory>
#include <sched.h>
#include <string>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

extern char** environ;

namespace vireo {

namespace {

struct ExecPlan {
    int pidfd = -1;
    std::vector<std::string> cgroupFiles; // each group's tasks (v1) or cgroup.procs (v2)
    const CapabilitySet* caps = nullptr;
    const SeccompProgram* seccomp = nullptr;
    PreparedCommand command;
    std::string cwd;
    SandboxIds ids;
    int terminalFd = -1; // a pty slave for -t
    int failFd = -1;     // write end; close-on-exec, so EOF means the command was executed
};

[[noreturn]] void failed(const ExecPlan& plan, const char* step, const char* path, int err) {
    SysFailure f{};
    setSysFailure(&f, step, path, err);
    ssize_t n;
    do
        n = ::write(plan.failFd, &f, sizeof f);
    while (n < 0 && errno == EINTR);
    ::_exit(127);
}

[[noreturn]] void runCommand(const ExecPlan& plan) noexcept {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    SysFailure f{};
    if (plan.terminalFd >= 0 && !attachTerminal(plan.terminalFd, &f))
        failed(plan, f.step, f.path, f.err);
    if (::chdir(plan.cwd.c_str()) != 0)
        failed(plan, "entering working directory", plan.cwd.c_str(), errno);
    if (!plan.caps->apply(&f)) failed(plan, f.step, f.path, f.err);
    // The sandbox's user, as its payload runs (and with it, no capability).
    if (!switchToUser(plan.ids, &f)) failed(plan, f.step, f.path, f.err);
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        failed(plan, "setting no_new_privs", "", errno);
    if (!loadSeccompProgram(*plan.seccomp, &f)) failed(plan, f.step, f.path, f.err);
    environ = const_cast<char**>(plan.command.envPtrs.data());
    ::execvp(plan.command.argvPtrs[0], plan.command.argvPtrs.data());
    failed(plan, "executing", plan.command.argvPtrs[0], errno);
}

[[noreturn]] void joinAndRun(const ExecPlan& plan) noexcept {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    SysFailure f{};
    // Cgroups first, as host root, so the command is born inside them.
    for (const auto& file : plan.cgroupFiles)
        if (!joinCgroupFile(file.c_str(), &f)) failed(plan, f.step, f.path, f.err);
    const int all = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
                    CLONE_NEWCGROUP | CLONE_NEWPID | CLONE_NEWTIME;
    if (::setns(plan.pidfd, all) != 0) failed(plan, "joining the sandbox's namespaces", "", errno);
    if (!assumeIds(SandboxIds{})) failed(plan, "becoming root in the sandbox", "", errno);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL); // cleared by the change of ids
    const pid_t child = ::fork();       // the pid and time namespaces apply to children
    if (child < 0) failed(plan, "forking the command", "", errno);
    if (child == 0) runCommand(plan);
    ::close(plan.failFd);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

} // namespace

Result<int> execInSandbox(const SandboxStore& store, const QString& name,
                          const QStringList& command, const QStringList& env, const QString& cwd,
                          bool terminal) {
    auto spec = store.load(name);
    if (!spec) return spec.error();
    if (command.isEmpty() || command.first().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no command to run"),
                         QStringLiteral("give the command after '--'"));
    auto state = sandboxState(store, name);
    if (!state) return state.error();
    const Error notRunning =
        makeError(ErrorCode::InvalidState, QStringLiteral("sandbox '%1' is not running").arg(name),
                  QStringLiteral("start it with 'vireoctl sandbox start %1'").arg(name));
    if (state->state != SandboxRunState::Running || state->initPid <= 0) return notRunning;

    CapabilitySet caps;
    if (MaybeFault f = caps.prepare()) return toError(*f);
    ExecPlan plan;
    plan.caps = &caps;
    plan.seccomp = &prebuiltDefaultSeccompProgram();
    for (const auto& dir : std::as_const(state->cgroups)) {
        const QString tasks = dir + QStringLiteral("/tasks");
        plan.cgroupFiles.push_back(
            QFile::encodeName(QFile::exists(tasks) ? tasks : dir + QStringLiteral("/cgroup.procs"))
                .toStdString());
    }
    plan.command.prepare(command, env.isEmpty() ? sandboxEnvironment(*spec) : env);
    plan.cwd = (cwd.isEmpty() ? spec->cwd : cwd).toStdString();
    auto ids = resolveSandboxUser(sandboxBaseRootfs(*spec, store.libraryRoot()), spec->user);
    if (!ids) return ids.error();
    plan.ids = *ids;

    // A pidfd pins the init; the lock, checked after, proves it is still this sandbox's.
    plan.pidfd = static_cast<int>(::syscall(SYS_pidfd_open, state->initPid, 0));
    if (plan.pidfd < 0 || !FileLock::isHeld(store.lockPath(name))) {
        if (plan.pidfd >= 0) ::close(plan.pidfd);
        return notRunning;
    }
    std::unique_ptr<SandboxTerminal> pty;
    if (terminal) {
        auto opened = SandboxTerminal::open();
        if (!opened) {
            ::close(plan.pidfd);
            return opened.error();
        }
        pty = std::move(*opened);
        plan.terminalFd = pty->slaveFd();
    }
    int fail[2];
    if (::pipe2(fail, O_CLOEXEC) != 0) {
        ::close(plan.pidfd);
        return sysError(QStringLiteral("creating"), QStringLiteral("exec pipe"), errno);
    }
    plan.failFd = fail[1];
    std::fflush(stdout);
    const pid_t child = ::fork();
    if (child == 0) joinAndRun(plan);
    const int forkErr = errno;
    ::close(fail[1]);
    ::close(plan.pidfd);
    if (child < 0) {
        ::close(fail[0]);
        return sysError(QStringLiteral("forking for"), QStringLiteral("exec"), forkErr);
    }
    // Signals from the terminal reach the command itself (same process group); ours wait.
    struct sigaction ignore {
    }, oldInt{}, oldQuit{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGINT, &ignore, &oldInt);
    ::sigaction(SIGQUIT, &ignore, &oldQuit);
    SysFailure f{};
    ssize_t n;
    do
        n = ::read(fail[0], &f, sizeof f);
    while (n < 0 && errno == EINTR);
    ::close(fail[0]);
    if (pty) {
        pty->closeSlave();
        if (n != static_cast<ssize_t>(sizeof f)) pty->relayUntilExit(child);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    ::sigaction(SIGINT, &oldInt, nullptr);
    ::sigaction(SIGQUIT, &oldQuit, nullptr);
    if (n == static_cast<ssize_t>(sizeof f)) return sysFailureToError(name, f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace vireo
