#include "libvirt/LibvirtEvents.h"

namespace vireo {

namespace {

DomainEvent describe(virDomainPtr dom, int event, int detail) {
    DomainEvent e;
    e.vm = QString::fromUtf8(virDomainGetName(dom));
    e.stateKnown = true;
    switch (event) {
    case VIR_DOMAIN_EVENT_DEFINED:
        e.event = QStringLiteral("defined");
        e.stateKnown = false;
        e.detail = detail == VIR_DOMAIN_EVENT_DEFINED_ADDED ? QStringLiteral("added")
                                                            : QStringLiteral("updated");
        break;
    case VIR_DOMAIN_EVENT_UNDEFINED:
        e.event = QStringLiteral("undefined");
        e.stateKnown = false;
        break;
    case VIR_DOMAIN_EVENT_STARTED:
        e.event = QStringLiteral("started");
        e.state = VmState::Running;
        e.detail = detail == VIR_DOMAIN_EVENT_STARTED_MIGRATED   ? QStringLiteral("migrated")
                   : detail == VIR_DOMAIN_EVENT_STARTED_RESTORED ? QStringLiteral("restored")
                                                                 : QStringLiteral("booted");
        break;
    case VIR_DOMAIN_EVENT_SUSPENDED:
        e.event = QStringLiteral("paused");
        e.state = VmState::Paused;
        e.detail = detail == VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED ? QStringLiteral("migrated")
                                                                 : QStringLiteral("paused");
        break;
    case VIR_DOMAIN_EVENT_RESUMED:
        e.event = QStringLiteral("resumed");
        e.state = VmState::Running;
        break;
    case VIR_DOMAIN_EVENT_STOPPED:
        e.event = QStringLiteral("stopped");
        e.state = detail == VIR_DOMAIN_EVENT_STOPPED_SAVED ? VmState::Saved : VmState::Shutoff;
        e.detail = detail == VIR_DOMAIN_EVENT_STOPPED_DESTROYED  ? QStringLiteral("destroyed")
                   : detail == VIR_DOMAIN_EVENT_STOPPED_MIGRATED ? QStringLiteral("migrated")
                   : detail == VIR_DOMAIN_EVENT_STOPPED_SAVED    ? QStringLiteral("saved")
                   : detail == VIR_DOMAIN_EVENT_STOPPED_CRASHED  ? QStringLiteral("crashed")
                                                                 : QStringLiteral("shutdown");
        break;
    case VIR_DOMAIN_EVENT_SHUTDOWN:
        e.event = QStringLiteral("shutdown"); // the guest is going down; "stopped" follows
        e.stateKnown = false;
        break;
    case VIR_DOMAIN_EVENT_CRASHED:
        e.event = QStringLiteral("crashed");
        e.state = VmState::Crashed;
        break;
    default:
        e.event = QStringLiteral("changed");
        e.stateKnown = false;
        break;
    }
    return e;
}

int onLifecycle(virConnectPtr, virDomainPtr dom, int event, int detail, void* opaque) {
    auto* watch = static_cast<LibvirtEventWatch*>(opaque);
    if (watch->m_onEvent) watch->m_onEvent(describe(dom, event, detail));
    return 0;
}

void onClose(virConnectPtr, int, void* opaque) {
    auto* watch = static_cast<LibvirtEventWatch*>(opaque);
    if (watch->m_onClosed) watch->m_onClosed();
}

} // namespace

Result<std::unique_ptr<LibvirtEventWatch>>
LibvirtEventWatch::start(std::shared_ptr<LibvirtConnection> connection, EventHandler onEvent,
                         ClosedHandler onClosed) {
    std::unique_ptr<LibvirtEventWatch> w(new LibvirtEventWatch);
    w->m_onEvent = std::move(onEvent);
    w->m_onClosed = std::move(onClosed);
    w->m_conn = std::move(connection);
    w->m_callbackId =
        virConnectDomainEventRegisterAny(w->m_conn->get(), nullptr, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                         VIR_DOMAIN_EVENT_CALLBACK(onLifecycle), w.get(), nullptr);
    if (w->m_callbackId < 0) return w->m_conn->lastError(QStringLiteral("watching VM events"));
    w->m_closeRegistered =
        virConnectRegisterCloseCallback(w->m_conn->get(), onClose, w.get(), nullptr) == 0;
    return w;
}

LibvirtEventWatch::~LibvirtEventWatch() {
    if (m_callbackId >= 0) virConnectDomainEventDeregisterAny(m_conn->get(), m_callbackId);
    if (m_closeRegistered) virConnectUnregisterCloseCallback(m_conn->get(), onClose);
}

} // namespace vireo
