#include "qemu/QmpJobs.h"

#include "qemu/QmpSync.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QThread>

namespace vireo {

Status runQmpJob(QmpClient& qmp, const QString& command, const QString& jobId,
                 QJsonObject arguments, int timeoutMs) {
    arguments.insert(QStringLiteral("job-id"), jobId);
    auto started = QmpSync::call(qmp, command, arguments);
    if (!started) return started.error();
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        auto jobs = QmpSync::call(qmp, QStringLiteral("query-jobs"));
        if (!jobs) return jobs.error();
        for (const auto& v : jobs->toArray()) {
            const auto job = v.toObject();
            if (job.value(QStringLiteral("id")).toString() != jobId) continue;
            if (job.value(QStringLiteral("status")).toString() != QLatin1String("concluded")) break;
            (void)QmpSync::call(qmp, QStringLiteral("job-dismiss"),
                                QJsonObject{{QStringLiteral("id"), jobId}});
            if (job.contains(QStringLiteral("error")))
                return makeError(ErrorCode::Process,
                                 QStringLiteral("QEMU %1 failed: %2")
                                     .arg(command, job.value(QStringLiteral("error")).toString()));
            return {};
        }
        if (deadline.hasExpired())
            return makeError(ErrorCode::Timeout,
                             QStringLiteral("QEMU %1 did not finish in time").arg(command));
        QThread::msleep(50);
    }
}

Status waitForQmpJobs(QmpClient& qmp, const QStringList& jobIds, int timeoutMs,
                      const std::function<void(double)>& progress) {
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        auto jobs = QmpSync::call(qmp, QStringLiteral("query-jobs"));
        if (!jobs) return jobs.error();
        int concluded = 0;
        double done = 0, total = 0;
        QString firstError;
        for (const auto& v : jobs->toArray()) {
            const auto job = v.toObject();
            if (!jobIds.contains(job.value(QStringLiteral("id")).toString())) continue;
            done += job.value(QStringLiteral("current-progress")).toDouble();
            total += job.value(QStringLiteral("total-progress")).toDouble();
            if (job.value(QStringLiteral("status")).toString() != QLatin1String("concluded"))
                continue;
            ++concluded;
            if (firstError.isEmpty()) firstError = job.value(QStringLiteral("error")).toString();
        }
        if (progress && total > 0) progress(100.0 * done / total);
        if (concluded == jobIds.size()) {
            for (const auto& id : jobIds)
                (void)QmpSync::call(qmp, QStringLiteral("job-dismiss"),
                                    QJsonObject{{QStringLiteral("id"), id}});
            if (!firstError.isEmpty())
                return makeError(ErrorCode::Process, QStringLiteral("QEMU: %1").arg(firstError));
            return {};
        }
        if (deadline.hasExpired())
            return makeError(ErrorCode::Timeout,
                             QStringLiteral("QEMU's jobs did not finish in time"));
        QThread::msleep(20);
    }
}

} // namespace vireo
