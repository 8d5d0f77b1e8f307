#include "qemu/SwtpmLauncher.h"

#include "qemu/DetachedLauncher.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

#include <csignal>

namespace vireo {

Result<pid_t> startSwtpm(const QString& stateDir, const QString& socketPath,
                         const QString& logPath) {
    if (QStandardPaths::findExecutable(QStringLiteral("swtpm")).isEmpty())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("this VM has a TPM, but swtpm is not installed"),
                         QStringLiteral("install the swtpm package, or turn the TPM off with "
                                        "'vireoctl vm edit NAME --no-tpm'"));
    if (!QDir().mkpath(stateDir))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create the TPM state folder '%1'").arg(stateDir));
    QFile::remove(socketPath);
    auto pid = launchDetached(
        {{QStringLiteral("swtpm"), QStringLiteral("socket"), QStringLiteral("--tpm2"),
          QStringLiteral("--tpmstate"), QStringLiteral("dir=") + stateDir, QStringLiteral("--ctrl"),
          QStringLiteral("type=unixio,path=") + socketPath, QStringLiteral("--terminate")},
         logPath,
         logPath + QStringLiteral(".exit"),
         {},
         -1,
         {},
         QStringLiteral("install the swtpm package")});
    if (!pid) return pid.error();
    QDeadlineTimer deadline(5000);
    while (!QFileInfo::exists(socketPath)) {
        if (deadline.hasExpired() || ::kill(*pid, 0) != 0) {
            ::kill(*pid, SIGKILL);
            return makeError(
                ErrorCode::Process, QStringLiteral("swtpm did not start (see %1)").arg(logPath),
                QStringLiteral("check that the TPM state folder '%1' is writable").arg(stateDir));
        }
        QThread::msleep(10);
    }
    return *pid;
}

} // namespace vireo
