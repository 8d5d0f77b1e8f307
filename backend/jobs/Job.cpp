#include "jobs/Job.h"

#include <QMetaObject>
#include <QThreadPool>
#include <condition_variable>
#include <mutex>

namespace vireo {

// Shared between the Job (owner thread) and its body (worker thread).
struct JobShared {
    std::atomic_bool cancel{false};
    std::mutex mutex;
    std::condition_variable doneChanged;
    bool done = false;
    Job* job = nullptr; // valid until `done`: ~Job waits for it

    void post(const std::function<void(Job*)>& fn) {
        Job* target = job;
        QMetaObject::invokeMethod(
            target, [target, fn] { fn(target); }, Qt::QueuedConnection);
    }
};

bool JobContext::cancelled() const {
    return m_shared->cancel.load();
}

const std::atomic_bool* JobContext::cancelFlag() const {
    return &m_shared->cancel;
}

void JobContext::setProgress(double percent) const {
    m_shared->post([percent](Job* job) { job->deliverProgress(percent); });
}

std::function<void(double)> JobContext::progressReporter() const {
    auto shared = m_shared;
    return [shared](double percent) {
        shared->post([percent](Job* job) { job->deliverProgress(percent); });
    };
}

Job::Job(QString title, Body body, QObject* parent)
    : QObject(parent), m_title(std::move(title)), m_body(std::move(body)),
      m_shared(std::make_shared<JobShared>()) {
    qRegisterMetaType<vireo::Status>();
    m_shared->job = this;
}

Job::~Job() {
    if (!m_running) return;
    m_shared->cancel = true;
    std::unique_lock lock(m_shared->mutex);
    m_shared->doneChanged.wait(lock, [this] { return m_shared->done; });
}

QThreadPool* Job::jobPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(16);
        p->setExpiryTimeout(30000);
        return p;
    }();
    return pool;
}

void Job::start(QThreadPool* pool) {
    if (m_running || m_finished) return;
    m_running = true;
    auto shared = m_shared;
    auto body = m_body;
    (pool ? pool : jobPool())->start([shared, body] {
        JobContext context(shared);
        Status status = body(context);
        if (!status.ok() && shared->cancel && status.error().code != ErrorCode::Cancelled)
            status = makeError(ErrorCode::Cancelled, status.error().message, status.error().fix);
        shared->post([status](Job* job) { job->deliverResult(status); });
        std::lock_guard lock(shared->mutex);
        shared->done = true;
        shared->doneChanged.notify_all();
    });
}

void Job::cancel() {
    m_shared->cancel = true;
}

void Job::deliverProgress(double percent) {
    if (m_finished) return;
    m_progress = percent;
    Q_EMIT progressChanged(percent);
}

void Job::deliverResult(const Status& status) {
    m_running = false;
    m_finished = true;
    m_status = status;
    Q_EMIT finished(m_status);
}

} // namespace vireo
