#include "qemu/VirtiofsdLauncher.h"

#include "qemu/DetachedLauncher.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <csignal>

namespace vireo {

QString virtiofsdBinary() {
    const QString env = qEnvironmentVariable("VIREO_VIRTIOFSD");
    return env.isEmpty() ? QStringLiteral("/usr/lib/qemu/virtiofsd") : env;
}

namespace {

pid_t readPid(const QString& pidPath) {
    QFile f(pidPath);
    if (!f.open(QIODevice::ReadOnly)) return 0;
    return static_cast<pid_t>(f.readAll().trimmed().toInt());
}

bool isVirtiofsd(pid_t pid) {
    QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
    return f.open(QIODevice::ReadOnly) && f.readAll().contains("virtiofsd");
}

} // namespace

Result<pid_t> startVirtiofsd(const SharedFolder& share, const QString& socketPath,
                             const QString& pidPath, const QString& logPath) {
    const QString binary = virtiofsdBinary();
    if (!QFileInfo(binary).isExecutable())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("shared folder '%1' needs virtiofsd, which is not at %2")
                             .arg(share.tag, binary),
                         QStringLiteral("install the qemu-system-common package"));
    if (!QFileInfo(share.hostDir).isDir())
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("shared folder '%1' does not exist (tag %2)")
                .arg(share.hostDir, share.tag),
            QStringLiteral("create it, or remove the share with 'vireoctl vm share remove'"));
    QFile::remove(socketPath);
    // cache=auto: the guest revalidates after a second, so files the host changes show up.
    auto pid = launchDetached(
        {{binary, QStringLiteral("--socket-path=") + socketPath, QStringLiteral("-o"),
          QStringLiteral("source=") + share.hostDir, QStringLiteral("-o"),
          QStringLiteral("cache=auto"), QStringLiteral("-o"), QStringLiteral("sandbox=namespace"),
          QStringLiteral("-o"), QStringLiteral("log_level=warn")},
         logPath,
         logPath + QStringLiteral(".exit"),
         pidPath,
         -1,
         share.readOnly ? share.hostDir : QString(),
         QStringLiteral("virtiofsd needs root (or CAP_SYS_ADMIN) for its sandbox")});
    if (!pid) return pid.error();
    QDeadlineTimer deadline(5000);
    while (!QFileInfo::exists(socketPath)) {
        if (deadline.hasExpired() || ::kill(*pid, 0) != 0) {
            ::kill(*pid, SIGKILL);
            QFile log(logPath);
            const QString said =
                log.open(QIODevice::ReadOnly)
                    ? QString::fromLocal8Bit(log.readAll()).trimmed().section(QLatin1Char('\n'), -1)
                    : QString();
            return makeError(
                ErrorCode::Process,
                QStringLiteral("virtiofsd for shared folder '%1' did not start: %2")
                    .arg(share.tag, said.isEmpty() ? QStringLiteral("no output") : said),
                QStringLiteral("check that '%1' is readable and that Vireo runs "
                               "as root")
                    .arg(share.hostDir));
        }
        QThread::msleep(5);
    }
    return *pid;
}

void stopVirtiofsd(const QString& pidPath) {
    const pid_t pid = readPid(pidPath);
    if (pid > 0 && isVirtiofsd(pid)) ::kill(pid, SIGKILL);
    QFile::remove(pidPath);
}

} // namespace vireo
