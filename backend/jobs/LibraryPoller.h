#pragma once

#include "jobs/LibraryScan.h"

#include <QObject>
#include <QTimer>
#include <memory>

class QFileSystemWatcher;
class QThreadPool;

namespace vireo {

// Keeps a list of the library's VMs fresh for a UI: rescans on its own worker thread when
// the library folder changes (a VM created or deleted by vireoctl) and every interval
// (states change without touching the folder). One scan at a time; results arrive on the
// poller's thread as scanned().
class LibraryPoller : public QObject {
    Q_OBJECT
public:
    explicit LibraryPoller(QString root, QObject* parent = nullptr);
    ~LibraryPoller() override;

    void start(int intervalMs = 1000);
    // Schedules a scan now (coalesced with one in flight).
    void refresh();
    const QString& root() const { return m_root; }

Q_SIGNALS:
    void scanned(const QVector<vireo::VmRow>& rows);

private:
    void watchRoot();
    void watchVmFolders(const QVector<VmRow>& rows);
    void onScanned(const QVector<VmRow>& rows);

    QString m_root;
    QFileSystemWatcher* m_watcher;
    QTimer m_timer;
    std::unique_ptr<QThreadPool> m_pool;
    bool m_inFlight = false;
    bool m_again = false;
};

} // namespace vireo

Q_DECLARE_METATYPE(vireo::VmRow)
