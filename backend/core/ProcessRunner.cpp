#include "core/ProcessRunner.h"

#include <QDeadlineTimer>
#include <QProcess>

namespace vireo {

QString lastLine(const QByteArray& text) {
    const auto lines = QString::fromLocal8Bit(text).trimmed().split(QLatin1Char('\n'));
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

Result<ProcessOutput> runProcessAllowFailure(const ProcessRequest& r) {
    if (r.argv.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("empty command"));
    QProcess p;
    p.setProgram(r.argv.first());
    p.setArguments(r.argv.mid(1));
    if (r.stdinData.isEmpty()) p.setStandardInputFile(QProcess::nullDevice());
    p.start();
    if (!p.waitForStarted(10000))
        return makeError(ErrorCode::Process,
                         QStringLiteral("cannot run %1: %2").arg(r.argv.first(), p.errorString()),
                         QStringLiteral("install it (see README) or check PATH"));
    if (!r.stdinData.isEmpty()) {
        p.write(r.stdinData);
        p.closeWriteChannel();
    }
    ProcessOutput out;
    QDeadlineTimer deadline(r.timeoutMs);
    while (p.state() != QProcess::NotRunning) {
        p.waitForReadyRead(100);
        const QByteArray chunk = p.readAllStandardOutput();
        if (!chunk.isEmpty()) {
            out.stdoutData += chunk;
            if (r.onStdout) r.onStdout(chunk);
        }
        out.stderrData += p.readAllStandardError();
        const bool cancelled = r.cancel && r.cancel->load();
        if (cancelled || deadline.hasExpired()) {
            p.kill();
            p.waitForFinished(5000);
            if (cancelled)
                return makeError(ErrorCode::Cancelled,
                                 QStringLiteral("%1 was cancelled").arg(r.argv.first()));
            return makeError(ErrorCode::Timeout, QStringLiteral("%1 did not finish within %2 s")
                                                     .arg(r.argv.first())
                                                     .arg(r.timeoutMs / 1000));
        }
    }
    out.stdoutData += p.readAllStandardOutput();
    out.stderrData += p.readAllStandardError();
    out.exitCode = p.exitStatus() == QProcess::CrashExit ? 128 : p.exitCode();
    return out;
}

Result<ProcessOutput> runProcess(const ProcessRequest& r) {
    auto out = runProcessAllowFailure(r);
    if (out && out->exitCode != 0)
        return makeError(
            ErrorCode::Process,
            QStringLiteral("%1 failed: %2")
                .arg(r.argv.first(), lastLine(out->stderrData).isEmpty()
                                         ? QStringLiteral("exit code %1").arg(out->exitCode)
                                         : lastLine(out->stderrData)));
    return out;
}

} // namespace vireo
