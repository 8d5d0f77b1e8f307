#pragma once

// Shared by the sandbox tests: a busybox root file system and vireoctl runs against a
// private library.
#include "sandbox/runtime/CgroupLayout.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStringList>

#include <QElapsedTimer>

#include <csignal>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <linux/sched.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace vireo::test {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// Why sandboxes cannot run here ("" when they can): root, busybox-static for the test
// root file systems, a cgroup hierarchy.
inline const char* sandboxSkipReason() {
    if (::geteuid() != 0)
        return "these tests need root (cgroups, host-side checks); tst_sandbox_user covers users";
    if (!QFile::exists(QStringLiteral("/bin/busybox")))
        return "needs busybox-static (/bin/busybox) for the test rootfs";
    if (vireo::probeCgroupLayout().kind == vireo::CgroupLayoutKind::None)
        return "this host mounts no cgroup hierarchy";
    return "";
}

inline Run runVireoctl(const QString& library, const QStringList& args,
                       const QByteArray& input = {}, int timeoutMs = 60000) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("VIREO_LIBRARY"), library);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(VIREOCTL_PATH), args);
    p.write(input);
    p.closeWriteChannel();
    // A run that outlives its time is a failure (-1), never the exit code 0 QProcess reports
    // for a process that has not ended.
    const bool finished = p.waitForFinished(timeoutMs);
    if (!finished) {
        p.kill();
        p.waitForFinished();
    }
    return {finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromLocal8Bit(p.readAllStandardOutput()),
            QString::fromLocal8Bit(p.readAllStandardError())};
}

// A root file system of busybox-static's applets, with a /tmp the sandbox's root (host uid
// 100000) can write. False when a step failed.
inline bool makeBusyboxRoot(const QString& root, const QStringList& applets) {
    for (const char* d : {"bin", "proc", "sys", "dev", "tmp", "etc", "data", "ro"})
        if (!QDir().mkpath(root + QLatin1Char('/') + QLatin1String(d))) return false;
    if (!QFile::copy(QStringLiteral("/bin/busybox"), root + QStringLiteral("/bin/busybox")))
        return false;
    for (const auto& a : applets)
        if (!QFile::link(QStringLiteral("busybox"), root + QStringLiteral("/bin/") + a))
            return false;
    return ::chown(QFile::encodeName(root + QStringLiteral("/tmp")).constData(), 100000, 100000) ==
           0;
}

// A command prefix that runs a program in network namespace `ns` (ip netns exec) with the
// host's cgroup hierarchies mounted again: ip netns exec mounts the namespace's own sysfs
// over /sys, which hides /sys/fs/cgroup, and sandboxes need it.
inline QStringList netnsWithCgroupsPrefix(const QString& ns) {
    QString script = QStringLiteral("set -e; ");
    QFile mountinfo(QStringLiteral("/proc/self/mountinfo"));
    if (mountinfo.open(QIODevice::ReadOnly))
        for (const auto& line : QString::fromUtf8(mountinfo.readAll()).split(QLatin1Char('\n'))) {
            const QStringList f = line.split(QLatin1Char(' '));
            const int sep = f.indexOf(QStringLiteral("-"));
            if (sep < 0 || sep + 3 >= f.size() || !f[4].startsWith(QLatin1String("/sys/fs/cgroup")))
                continue;
            const QString type = f[sep + 1], point = f[4];
            if (type == QLatin1String("tmpfs"))
                script += QStringLiteral("mount -t tmpfs -o mode=755 tmpfs %1; ").arg(point);
            else if (type == QLatin1String("cgroup"))
                script += QStringLiteral("mkdir -p %1; mount -t cgroup -o %2 cgroup %1; ")
                              .arg(point, f[sep + 3]);
            else if (type == QLatin1String("cgroup2"))
                script += QStringLiteral("mkdir -p %1; mount -t cgroup2 cgroup2 %1; ").arg(point);
        }
    script += QStringLiteral("exec \"$@\"");
    return {QStringLiteral("ip"),
            QStringLiteral("netns"),
            QStringLiteral("exec"),
            ns,
            QStringLiteral("sh"),
            QStringLiteral("-c"),
            script,
            QStringLiteral("sh")};
}

// vireoctl on a pseudo-terminal of the test's own, rows x cols, as a user at a terminal
// would run it.
class PtySession {
public:
    PtySession(const QString& library, const QStringList& args, unsigned short rows,
               unsigned short cols) {
        winsize ws{rows, cols, 0, 0};
        QList<QByteArray> argv{QByteArrayLiteral("vireoctl")};
        for (const auto& a : args)
            argv << QFile::encodeName(a);
        std::vector<char*> ptrs;
        for (auto& a : argv)
            ptrs.push_back(a.data());
        ptrs.push_back(nullptr);
        const QByteArray lib = QFile::encodeName(library);
        m_pid = ::forkpty(&m_master, nullptr, nullptr, &ws);
        if (m_pid == 0) {
            ::setenv("VIREO_LIBRARY", lib.constData(), 1);
            ::execv(VIREOCTL_PATH, ptrs.data());
            ::_exit(127);
        }
    }
    ~PtySession() {
        if (m_master >= 0) ::close(m_master);
        if (m_pid > 0 && !m_reaped) ::waitpid(m_pid, nullptr, 0);
    }
    bool started() const { return m_pid > 0; }
    pid_t pid() const { return m_pid; }
    const QByteArray& output() const { return m_out; }
    void type(const char* text) { (void)!::write(m_master, text, std::strlen(text)); }
    void resize(unsigned short rows, unsigned short cols) {
        winsize ws{rows, cols, 0, 0};
        ::ioctl(m_master, TIOCSWINSZ, &ws);
        ::kill(m_pid, SIGWINCH);
    }
    // Reads for `ms`, or until `until` shows up; false once the terminal hung up.
    bool read(int ms, const QByteArray& until = {}) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            if (!until.isEmpty() && m_out.contains(until)) return true;
            pollfd pfd{m_master, POLLIN, 0};
            if (::poll(&pfd, 1, 50) <= 0) continue;
            char buf[4096];
            const ssize_t n = ::read(m_master, buf, sizeof buf);
            if (n <= 0) return false;
            m_out.append(buf, n);
        }
        return true;
    }
    // Reads to the end; the exit code (-1 for a signal).
    int finish() {
        while (read(10000)) {
        }
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_reaped = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    int m_master = -1;
    pid_t m_pid = -1;
    bool m_reaped = false;
    QByteArray m_out;
};

// A busybox root at `dir`/root with `applets`, in a folder the sandbox's root (host uid
// 100000) can reach; "" when a step failed.
inline QString makeSandboxTestRoot(const QString& dir, const QStringList& applets) {
    ::chmod(QFile::encodeName(dir).constData(), 0755);
    const QString root = dir + QStringLiteral("/root");
    return makeBusyboxRoot(root, applets) ? root : QString();
}

inline QStringList leftoverSandboxCgroups() {
    QProcess find;
    find.start(QStringLiteral("find"),
               {QStringLiteral("/sys/fs/cgroup"), QStringLiteral("-maxdepth"), QStringLiteral("6"),
                QStringLiteral("-name"), QStringLiteral("vireo-sb.*")});
    find.waitForFinished();
    return QString::fromLocal8Bit(find.readAllStandardOutput())
        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// The cgroup2 group ("0::" line of /proc/self/cgroup) of a child that clone3 placed in the
// group `fd` names (CLONE_INTO_CGROUP); "" if it could not be cloned.
inline QString cgroup2OfChildBornIn(int fd) {
    int pipeFds[2];
    if (::pipe(pipeFds) != 0) return {};
    struct clone_args args {};
    args.flags = CLONE_INTO_CGROUP;
    args.exit_signal = SIGCHLD;
    args.cgroup = static_cast<std::uint64_t>(fd);
    const long pid = ::syscall(SYS_clone3, &args, sizeof args);
    if (pid == 0) {
        char buf[1024];
        const int self = ::open("/proc/self/cgroup", O_RDONLY);
        const ssize_t n = ::read(self, buf, sizeof buf);
        if (n > 0) (void)!::write(pipeFds[1], buf, static_cast<size_t>(n));
        ::_exit(0);
    }
    ::close(pipeFds[1]);
    char buf[1024] = {};
    const ssize_t n = pid > 0 ? ::read(pipeFds[0], buf, sizeof buf - 1) : -1;
    ::close(pipeFds[0]);
    if (pid > 0) ::waitpid(static_cast<pid_t>(pid), nullptr, 0);
    for (const QString& line :
         QString::fromLatin1(buf, n > 0 ? static_cast<int>(n) : 0).split(QLatin1Char('\n')))
        if (line.startsWith(QStringLiteral("0::"))) return line.mid(3);
    return {};
}

} // namespace vireo::test
