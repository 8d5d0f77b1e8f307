#include "qemu/DetachedLauncher.h"

#include <QByteArrayList>
#include <QFile>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

namespace vireo {

namespace {

// Between fork and exec only async-signal-safe calls are allowed: everything below
// uses plain syscalls on buffers prepared before the fork.
void writeAll(int fd, const void* data, size_t len) {
    const char* p = static_cast<const char*>(data);
    while (len > 0) {
        const ssize_t n = ::write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        p += n;
        len -= static_cast<size_t>(n);
    }
}

size_t formatRecord(char* buf, const char* word, int value) {
    // A tiny itoa, since snprintf is not async-signal-safe.
    size_t n = 0;
    for (const char* w = word; *w; ++w)
        buf[n++] = *w;
    buf[n++] = ' ';
    char digits[12];
    int d = 0;
    unsigned v = value < 0 ? 0u : static_cast<unsigned>(value);
    do {
        digits[d++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v && d < 11);
    while (d)
        buf[n++] = digits[--d];
    buf[n++] = '\n';
    return n;
}

void writeFileOrDrop(const char* path, const char* temp, const char* data, size_t len) {
    const int fd = ::open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    writeAll(fd, data, len);
    ::fsync(fd);
    ::close(fd);
    ::rename(temp, path);
}

struct SupervisorPaths {
    const char* status;
    const char* statusTemp;
    const char* pid;
    const char* pidTemp;
    const char* readOnlyFolder; // "" for none
    bool stdoutToo;
    char* const* afterExit; // null for none
};

// Bind-mounts `dir` onto itself read-only in a new private mount namespace; 0 or -errno.
int makeFolderReadOnly(const char* dir) {
    if (::unshare(CLONE_NEWNS) != 0) return -errno;
    // Private first: our mounts must not propagate back to the host.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return -errno;
    if (::mount(dir, dir, nullptr, MS_BIND | MS_REC, nullptr) != 0) return -errno;
    struct mount_attr attr {};
    attr.attr_set = MOUNT_ATTR_RDONLY;
    // Recursive, so a filesystem mounted inside the folder is read-only too.
    if (::mount_setattr(AT_FDCWD, dir, AT_RECURSIVE, &attr, sizeof attr) == 0) return 0;
    if (errno != ENOSYS) return -errno;
    if (::mount(nullptr, dir, nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0)
        return -errno;
    return 0;
}

[[noreturn]] void superviseAndExec(char* const* argv, int stderrFd, int pipeFd, int holdFd,
                                   const SupervisorPaths& paths) {
    ::setsid();
    // Move the held fd out of the way of the fixed numbers below before using them.
    if (holdFd >= 0) holdFd = ::fcntl(holdFd, F_DUPFD, 10);
    // Leave nothing of ours open in the supervisor or the program: a held pipe or
    // terminal would keep a caller's `$(vireoctl ...)` waiting forever.
    ::dup2(pipeFd, 3);
    ::dup2(stderrFd, 4);
    int lastKept = 4;
    if (holdFd >= 0) {
        ::dup2(holdFd, 5);
        lastKept = 5;
    }
    ::close_range(static_cast<unsigned>(lastKept + 1), ~0u, 0);
    const int devNull = ::open("/dev/null", O_RDWR);
    ::dup2(devNull, 0);
    ::dup2(devNull, 1);
    ::dup2(devNull, 2);
    if (devNull > lastKept) ::close(devNull);
    for (int fd = 3; fd <= lastKept; ++fd)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD})
        ::sigaction(sig, &dfl, nullptr);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);

    // The program reports a failed exec on this close-on-exec pipe; EOF means exec worked.
    int execPipe[2];
    if (::pipe2(execPipe, O_CLOEXEC) != 0) {
        const int err = -errno;
        writeAll(3, &err, sizeof err);
        ::_exit(1);
    }
    const pid_t program = ::fork();
    if (program == 0) {
        ::dup2(4, 2);
        if (paths.stdoutToo) ::dup2(4, 1);
        int err = paths.readOnlyFolder[0] ? makeFolderReadOnly(paths.readOnlyFolder) : 0;
        if (err == 0) {
            ::execvp(argv[0], argv);
            err = -errno;
        }
        writeAll(execPipe[1], &err, sizeof err);
        ::_exit(127);
    }
    ::close(execPipe[1]);
    if (program < 0) {
        const int err = -errno;
        writeAll(3, &err, sizeof err);
        ::_exit(1);
    }
    int execError = 0;
    while (::read(execPipe[0], &execError, sizeof execError) < 0 && errno == EINTR) {
    }
    ::close(execPipe[0]);
    if (execError == 0 && paths.pid[0] != '\0') {
        char buf[32];
        const size_t n = formatRecord(buf, "", program);
        // formatRecord puts a space after the empty word; the pid file holds just the pid.
        writeFileOrDrop(paths.pid, paths.pidTemp, buf + 1, n - 1);
    }
    if (holdFd >= 0) ::close(5);
    const int pidValue = program;
    writeAll(3, &pidValue, sizeof pidValue); // positive: a pid; an exec error follows it
    if (execError != 0) writeAll(3, &execError, sizeof execError);
    ::close(3);
    ::close(4);
    int status = 0;
    while (::waitpid(program, &status, 0) < 0 && errno == EINTR) {
    }
    char buf[32];
    const size_t n = WIFSIGNALED(status) ? formatRecord(buf, "signal", WTERMSIG(status))
                                         : formatRecord(buf, "exit", WEXITSTATUS(status));
    writeFileOrDrop(paths.status, paths.statusTemp, buf, n);
    if (paths.afterExit) ::execvp(paths.afterExit[0], paths.afterExit);
    ::_exit(0);
}

} // namespace

Result<pid_t> launchDetached(const DetachedLaunch& launch) {
    QByteArrayList args;
    for (const auto& a : launch.argv)
        args.append(QFile::encodeName(a));
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const QByteArray statusPath = QFile::encodeName(launch.exitStatusPath);
    const QByteArray statusTemp = statusPath + ".tmp";
    const QByteArray pidPath = QFile::encodeName(launch.pidPath);
    const QByteArray pidTemp = pidPath + ".tmp";
    ::unlink(statusPath.constData());
    if (!pidPath.isEmpty()) ::unlink(pidPath.constData());
    const QByteArray readOnlyFolder = QFile::encodeName(launch.readOnlyFolder);
    QByteArrayList afterArgs;
    for (const auto& a : launch.afterExit)
        afterArgs.append(QFile::encodeName(a));
    std::vector<char*> afterExit;
    for (auto& a : afterArgs)
        afterExit.push_back(a.data());
    afterExit.push_back(nullptr);
    const SupervisorPaths paths{statusPath.constData(),
                                statusTemp.constData(),
                                pidPath.constData(),
                                pidTemp.constData(),
                                readOnlyFolder.constData(),
                                launch.stdoutToo,
                                afterArgs.isEmpty() ? nullptr : afterExit.data()};

    const int errFd = ::open(QFile::encodeName(launch.stderrPath).constData(),
                             O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (errFd < 0)
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create '%1': %2")
                             .arg(launch.stderrPath, QString::fromLocal8Bit(std::strerror(errno))));
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        ::close(errFd);
        return makeError(ErrorCode::Io, QStringLiteral("cannot create a pipe"));
    }
    const pid_t middle = ::fork();
    if (middle == 0) {
        ::close(fds[0]);
        // Double fork: the supervisor is re-parented to init and never becomes our zombie.
        if (::fork() == 0) superviseAndExec(argv.data(), errFd, fds[1], launch.holdFd, paths);
        ::_exit(0);
    }
    ::close(fds[1]);
    ::close(errFd);
    if (middle < 0) {
        ::close(fds[0]);
        return makeError(ErrorCode::Process, QStringLiteral("cannot fork"));
    }
    while (::waitpid(middle, nullptr, 0) < 0 && errno == EINTR) {
    }
    int values[2] = {0, 0};
    size_t got = 0;
    while (got < sizeof values) {
        const ssize_t n =
            ::read(fds[0], reinterpret_cast<char*>(values) + got, sizeof values - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<size_t>(n);
    }
    ::close(fds[0]);
    // Errors travel as negative errno values, after the pid when exec itself failed.
    const int failure = got < sizeof(int) ? -EPIPE : values[0] < 0 ? values[0] : values[1];
    if (failure < 0)
        return makeError(
            ErrorCode::Process,
            QStringLiteral("cannot start %1: %2")
                .arg(launch.argv.first(), QString::fromLocal8Bit(std::strerror(-failure))),
            launch.fix.isEmpty() ? QStringLiteral("install QEMU (see README) or check PATH")
                                 : launch.fix);
    return static_cast<pid_t>(values[0]);
}

QString readExitStatus(const QString& exitStatusPath) {
    QFile f(exitStatusPath);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromLatin1(f.readAll()).trimmed();
}

} // namespace vireo
