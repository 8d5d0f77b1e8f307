#pragma once

// Shared by the sandbox tests: a busybox root file system and vireoctl runs against a
// private library.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStringList>

#include <unistd.h>

namespace vireo::test {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

inline Run runVireoctl(const QString& library, const QStringList& args,
                       const QByteArray& input = {}, int timeoutMs = 60000) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("VIREO_LIBRARY"), library);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(VIREOCTL_PATH), args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
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

inline QStringList leftoverSandboxCgroups() {
    QProcess find;
    find.start(QStringLiteral("find"),
               {QStringLiteral("/sys/fs/cgroup"), QStringLiteral("-maxdepth"), QStringLiteral("6"),
                QStringLiteral("-name"), QStringLiteral("vireo-sb.*")});
    find.waitForFinished();
    return QString::fromLocal8Bit(find.readAllStandardOutput())
        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace vireo::test
