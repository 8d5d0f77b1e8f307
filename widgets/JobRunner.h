#pragma once

#include "jobs/Job.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace vireo {

// Starts the app's jobs and keeps track of them: the status bar shows what runs, the
// message bar what failed. Every backend call of the UI goes through run().
class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QString libraryRoot, QObject* parent = nullptr);

    const QString& libraryRoot() const { return m_root; }
    // Starts `body` on a worker thread; the returned Job is deleted after finished().
    Job* run(const QString& title, Job::Body body);
    QList<Job*> running() const;
    void cancelAll();

Q_SIGNALS:
    void jobStarted(vireo::Job* job);
    void jobFinished(vireo::Job* job);
    void failed(const QString& title, const QString& errorLine);
    void changed(); // the set of running jobs or their progress changed

private:
    QString m_root;
    QList<QPointer<Job>> m_jobs;
};

} // namespace vireo
