#pragma once
// What the vireoctl-driving unit tests share: running the real binary on a private
// library, and the check that no QEMU or swtpm of that library outlives the test.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <csignal>

namespace clitest {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

inline Run vireoctl(const QString& library, const QStringList& args, int timeoutMs = 60000) {
    QProcess p;
    p.start(QStringLiteral(VIREOCTL_PATH),
            QStringList{QStringLiteral("--library"), library} + args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// Kills and returns every process whose command line names the library: an orphan would
// mean a VM the CLI lost track of (e.g. vireoctl killed between launch and pid record).
inline QStringList killOrphansOf(const QString& library) {
    QStringList orphans;
    for (const auto& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (pid.toInt() > 0 && cmd.open(QIODevice::ReadOnly) &&
            cmd.readAll().contains(library.toUtf8())) {
            orphans << pid;
            ::kill(pid.toInt(), SIGKILL);
        }
    }
    return orphans;
}

} // namespace clitest
