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

} // namespace vireo
