#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"
#include "vm/VmState.h"

#include <functional>
#include <memory>

namespace vireo {

// A lifecycle change of one domain, pushed by the daemon (no polling): also the changes
// made behind Vireo's back (virsh, another client, the guest powering off).
struct DomainEvent {
    QString vm;
    QString event;  // defined, undefined, started, paused, resumed, stopped, shutdown, crashed
    QString detail; // libvirt's reason: booted, migrated, destroyed, saved, ...
    VmState state = VmState::Shutoff; // the state it is in after the event
    bool stateKnown = false;          // defined/undefined say nothing about the state
};

// Delivers a remote's domain events from libvirt's event thread until destroyed; tells
// when the connection closes (the daemon went away or keepalive gave up).
class LibvirtEventWatch {
public:
    using EventHandler = std::function<void(const DomainEvent&)>;
    using ClosedHandler = std::function<void()>;
    static Result<std::unique_ptr<LibvirtEventWatch>>
    start(std::shared_ptr<LibvirtConnection> connection, EventHandler onEvent,
          ClosedHandler onClosed);
    ~LibvirtEventWatch();

    // Public for libvirt's C callbacks.
    EventHandler m_onEvent;
    ClosedHandler m_onClosed;

private:
    LibvirtEventWatch() = default;
    std::shared_ptr<LibvirtConnection> m_conn;
    int m_callbackId = -1;
    bool m_closeRegistered = false;
};

} // namespace vireo
