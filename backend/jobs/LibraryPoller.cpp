#include "jobs/LibraryPoller.h"

#include "vm/VmRuntime.h"

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
    // The runtime folder gains and loses a sub-folder whenever any process starts or
    // stops a VM, so watching it shows CLI starts and stops at once, not at the next poll.
    const QStringList watched = m_watcher->directories();
    if (!watched.contains(m_root) && QDir(m_root).exists()) m_watcher->addPath(m_root);
    const QString runtime = VmRuntime::runtimeRoot();
    if (!watched.contains(runtime) && QDir().mkpath(runtime)) m_watcher->addPath(runtime);
}

void LibraryPoller::watchVmFolders(const QVector<VmRow>& rows) {
    // vm.json is replaced by rename inside its folder: a CLI edit shows up at once.
    QStringList wanted;
    for (const auto& row : rows)
        wanted << m_root + QLatin1Char('/') + row.name;
    const QStringList watched = m_watcher->directories();
    QStringList add;
    for (const auto& dir : wanted)
        if (!watched.contains(dir)) add << dir;
    if (!add.isEmpty()) m_watcher->addPaths(add);
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
    watchVmFolders(rows);
    Q_EMIT scanned(rows);
    if (m_again) {
        m_again = false;
        refresh();
    }
}

} // namespace vireo
