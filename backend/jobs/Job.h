#pragma once

#include "core/Result.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

class QThreadPool;

namespace vireo {

struct JobShared;

// What a job's body sees on its worker thread: a cancel flag to poll (or to hand to
// backend calls that take one) and a thread-safe progress reporter.
class JobContext {
public:
    explicit JobContext(std::shared_ptr<JobShared> shared) : m_shared(std::move(shared)) {}

    bool cancelled() const;
    const std::atomic_bool* cancelFlag() const;
    // percent in 0..100; delivered to the Job's thread as progressChanged().
    void setProgress(double percent) const;
    std::function<void(double)> progressReporter() const;

private:
    std::shared_ptr<JobShared> m_shared;
};

// One long backend operation run off the calling (UI) thread. Signals are emitted on the
// thread the Job lives in. The Job must outlive its body: destroying a running Job
// cancels it and waits for the body to return.
class Job : public QObject {
    Q_OBJECT
public:
    using Body = std::function<Status(JobContext&)>;

    Job(QString title, Body body, QObject* parent = nullptr);
    ~Job() override;

    // Runs the body on `pool` (jobPool() when null). A Job runs once.
    void start(QThreadPool* pool = nullptr);
    // Asks the body to stop; it finishes with ErrorCode::Cancelled when it honours it.
    void cancel();

    const QString& title() const { return m_title; }
    bool isRunning() const { return m_running; }
    bool isFinished() const { return m_finished; }
    double progress() const { return m_progress; } // -1 while unknown
    const Status& status() const { return m_status; }

    // The pool long jobs share: generous, since most jobs only wait on QEMU.
    static QThreadPool* jobPool();

Q_SIGNALS:
    void progressChanged(double percent);
    void finished(const vireo::Status& status);

private:
    void deliverProgress(double percent);
    void deliverResult(const Status& status);

    QString m_title;
    Body m_body;
    std::shared_ptr<JobShared> m_shared;
    bool m_running = false;
    bool m_finished = false;
    double m_progress = -1;
    Status m_status;

    friend class JobContext;
    friend struct JobShared;
};

} // namespace vireo

Q_DECLARE_METATYPE(vireo::Status)
