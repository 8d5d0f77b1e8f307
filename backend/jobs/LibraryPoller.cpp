#include "jobs/LibraryPoller.h"

#include <QDir>
#include <QFileSystemWatcher>
#include <QThreadPool>

namespace vireo {

LibraryPoller::LibraryPoller(QString root, QObject* parent)
    : QObject(parent), m_root(std::move(root)), m_watcher(new QFileSystemWatcher(this)),
      m_pool(std::make_unique<QThreadPool>()) {
    m_pool->setMaxThreadCount(1);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &LibraryPoller::refresh);
    connect(&m_timer, &QTimer::timeout, this, &LibraryPoller::refresh);
}

LibraryPoller::~LibraryPoller() {
    // The scan posts back to us; wait so it never outlives the poller.
    m_pool->waitForDone();
}

void LibraryPoller::start(int intervalMs) {
    watchRoot();
    m_timer.start(intervalMs);
    refresh();
}

void LibraryPoller::watchRoot() {
    // The library folder may not exist yet (first run); it is watched once it does.
    if (m_watcher->directories().isEmpty() && QDir(m_root).exists()) m_watcher->addPath(m_root);
}

void LibraryPoller::refresh() {
    watchRoot();
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    const QString root = m_root;
    m_pool->start([root, this] {
        const auto rows = scanLibrary(Library(root));
        QMetaObject::invokeMethod(
            this, [this, rows] { onScanned(rows); }, Qt::QueuedConnection);
    });
}

void LibraryPoller::onScanned(const QVector<VmRow>& rows) {
    m_inFlight = false;
    Q_EMIT scanned(rows);
    if (m_again) {
        m_again = false;
        refresh();
    }
}

} // namespace vireo
