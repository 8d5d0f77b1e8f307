#include "JobRunner.h"

namespace vireo {

JobRunner::JobRunner(QString libraryRoot, QObject* parent)
    : QObject(parent), m_root(std::move(libraryRoot)) {}

Job* JobRunner::run(const QString& title, Job::Body body) {
    auto* job = new Job(title, std::move(body), this);
    m_jobs.append(job);
    connect(job, &Job::progressChanged, this, &JobRunner::changed);
    connect(job, &Job::finished, this, [this, job](const Status& status) {
        m_jobs.removeAll(job);
        if (!status.ok() && status.error().code != ErrorCode::Cancelled)
            Q_EMIT failed(job->title(), status.error().line());
        Q_EMIT jobFinished(job);
        Q_EMIT changed();
        job->deleteLater();
    });
    job->start();
    Q_EMIT jobStarted(job);
    Q_EMIT changed();
    return job;
}

QList<Job*> JobRunner::running() const {
    QList<Job*> out;
    for (const auto& j : m_jobs)
        if (j) out.append(j);
    return out;
}

void JobRunner::cancelAll() {
    for (const auto& j : m_jobs)
        if (j) j->cancel();
}

} // namespace vireo
