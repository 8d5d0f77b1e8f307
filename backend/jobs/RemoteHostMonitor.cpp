#include "jobs/RemoteHostMonitor.h"

#include "libvirt/LibvirtEngine.h"
#include "libvirt/LibvirtEvents.h"

#include <QTimer>

namespace vireo {

RemoteHostMonitor::RemoteHostMonitor(Remote remote, CredentialPrompt prompt, QObject* parent)
    : QObject(parent), m_remote(std::move(remote)), m_prompt(std::move(prompt)) {
    qRegisterMetaType<QVector<vireo::VmSummary>>();
}

RemoteHostMonitor::~RemoteHostMonitor() = default;

std::shared_ptr<LibvirtConnection> RemoteHostMonitor::connection() const {
    QMutexLocker lock(&m_connMutex);
    return m_conn;
}

void RemoteHostMonitor::start() {
    if (!m_retry) {
        m_retry = new QTimer(this);
        m_retry->setInterval(3000);
        connect(m_retry, &QTimer::timeout, this, &RemoteHostMonitor::connectNow);
    }
    connectNow();
}

void RemoteHostMonitor::connectNow() {
    m_watch.reset();
    auto conn = LibvirtConnection::open(m_remote, m_prompt);
    if (!conn) {
        setConnection({});
        Q_EMIT connectionChanged(m_remote.name, false, conn.error().line());
        // A refused or cancelled login is not retried behind the user's back.
        if (conn.error().code != ErrorCode::Cancelled &&
            conn.error().code != ErrorCode::InvalidArgument)
            m_retry->start();
        return;
    }
    setConnection(*conn);
    // libvirt calls these on its event thread: hop to this object's thread.
    auto watch = LibvirtEventWatch::start(
        m_conn,
        [this](const DomainEvent& e) {
            Q_EMIT vmEvent(m_remote.name, e.vm, e.event);
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_refreshQueued) return;
                    m_refreshQueued = true;
                    // Events come in bursts (a start is "resumed" then "started"): one list.
                    QTimer::singleShot(50, this, &RemoteHostMonitor::refresh);
                },
                Qt::QueuedConnection);
        },
        [this] {
            QMetaObject::invokeMethod(this, &RemoteHostMonitor::onClosed, Qt::QueuedConnection);
        });
    if (!watch) {
        setConnection({});
        Q_EMIT connectionChanged(m_remote.name, false, watch.error().line());
        m_retry->start();
        return;
    }
    m_watch = std::move(*watch);
    m_retry->stop();
    Q_EMIT connectionChanged(m_remote.name, true, QString());
    refresh();
}

void RemoteHostMonitor::setConnection(std::shared_ptr<LibvirtConnection> conn) {
    QMutexLocker lock(&m_connMutex);
    m_conn = std::move(conn);
}

void RemoteHostMonitor::onClosed() {
    m_watch.reset();
    setConnection({});
    Q_EMIT connectionChanged(m_remote.name, false,
                             tr("lost the connection to %1; trying again").arg(m_remote.uri));
    m_retry->start();
}

void RemoteHostMonitor::refresh() {
    m_refreshQueued = false;
    if (!m_conn) return;
    auto vms = LibvirtEngine(m_conn).list();
    if (!vms) {
        Q_EMIT connectionChanged(m_remote.name, m_conn->isAlive(), vms.error().line());
        return;
    }
    Q_EMIT vmsListed(m_remote.name, *vms);
}

} // namespace vireo
