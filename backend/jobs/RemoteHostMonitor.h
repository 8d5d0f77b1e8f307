#pragma once

#include "libvirt/LibvirtConnection.h"
#include "libvirt/Remotes.h"
#include "vm/VmEngine.h"

#include <QMutex>
#include <QObject>
#include <QVector>
#include <memory>

class QTimer;

namespace vireo {

class LibvirtEventWatch;

// One libvirt host as the app sees it: its VMs, refreshed when libvirt pushes a lifecycle
// event (never on a timer), and its connection, opened again every few seconds while the
// host is away. Lives on a worker thread of its own (libvirt calls block); its signals
// reach the UI queued.
class RemoteHostMonitor : public QObject {
    Q_OBJECT
public:
    // `prompt` answers a login (SASL) from this monitor's thread.
    explicit RemoteHostMonitor(Remote remote, CredentialPrompt prompt = {},
                               QObject* parent = nullptr);
    ~RemoteHostMonitor() override;
    const Remote& remote() const { return m_remote; }
    // The open connection (null while the host is away), for the app's actions on this
    // host: one connection, and one login, per host. Any thread.
    std::shared_ptr<LibvirtConnection> connection() const;

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
    void setConnection(std::shared_ptr<LibvirtConnection> conn);
    void onClosed();
    Remote m_remote;
    CredentialPrompt m_prompt;
    std::shared_ptr<LibvirtConnection> m_conn;
    mutable QMutex m_connMutex; // guards m_conn for connection()
    std::unique_ptr<LibvirtEventWatch> m_watch;
    QTimer* m_retry = nullptr;
    bool m_refreshQueued = false;
};

} // namespace vireo

Q_DECLARE_METATYPE(QVector<vireo::VmSummary>)
