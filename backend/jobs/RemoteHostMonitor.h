#pragma once

#include "libvirt/Remotes.h"
#include "vm/VmEngine.h"

#include <QObject>
#include <QVector>
#include <memory>

class QTimer;

namespace vireo {

class LibvirtConnection;
class LibvirtEventWatch;

// One libvirt host as the app sees it: its VMs, refreshed when libvirt pushes a lifecycle
// event (never on a timer), and its connection, opened again every few seconds while the
// host is away. Lives on a worker thread of its own (libvirt calls block); its signals
// reach the UI queued.
class RemoteHostMonitor : public QObject {
    Q_OBJECT
public:
    explicit RemoteHostMonitor(Remote remote, QObject* parent = nullptr);
    ~RemoteHostMonitor() override;
    const Remote& remote() const { return m_remote; }

public Q_SLOTS:
    // Connects (or tries again later), lists the VMs and starts watching events.
    void start();
    // Lists the VMs again now (after an action of the app, or an event).
    void refresh();

Q_SIGNALS:
    void connectionChanged(const QString& remote, bool connected, const QString& detail);
    void vmsListed(const QString& remote, const QVector<vireo::VmSummary>& vms);
    // One lifecycle event ("started", "stopped", ...), as libvirt pushed it.
    void vmEvent(const QString& remote, const QString& vm, const QString& event);

private:
    void connectNow();
    void onClosed();
    Remote m_remote;
    std::shared_ptr<LibvirtConnection> m_conn;
    std::unique_ptr<LibvirtEventWatch> m_watch;
    QTimer* m_retry = nullptr;
    bool m_refreshQueued = false;
};

} // namespace vireo

Q_DECLARE_METATYPE(QVector<vireo::VmSummary>)
