#pragma once

#include "core/Result.h"
#include "libvirt/Remotes.h"

#include <functional>
#include <libvirt/libvirt.h>
#include <memory>
#include <optional>

namespace vireo {

struct DomainFree {
    void operator()(virDomainPtr d) const { virDomainFree(d); }
};
// A domain handle that frees itself.
using DomainRef = std::unique_ptr<virDomain, DomainFree>;

// One credential a daemon asks for while connecting (SASL user name, password, ...).
struct CredentialRequest {
    QString prompt;        // libvirt's wording
    bool userName = false; // the name to log in as
    bool secret = false;   // a password: never echoed, never stored
};
// Answers one request (from the connecting thread); nullopt = the user cancelled.
using CredentialPrompt =
    std::function<std::optional<QString>(const Remote& remote, const CredentialRequest& request)>;

// What a connection is for. A session (the app, a console, a migration, a backup) gets
// keepalive, so a host that drops is noticed within seconds, and libvirt's default event
// loop, in a thread of its own for the life of the process (keepalive, events and stream
// callbacks need it). A one-shot query (`vm list`) makes a burst of calls and closes: it
// runs without the loop, whose thread each call would wake three times (a 200-domain list
// took 12 ms longer with it here), unless the process already runs one.
enum class ConnectionUse { Session, OneShot };

// One open connection to a libvirt daemon, opened through virConnectOpenAuth (ssh agent,
// TLS certificates, or a SASL password asked for on the terminal; nothing stored).
class LibvirtConnection {
public:
    // Without `prompt`, libvirt asks on the terminal (vireoctl); the app passes its dialog.
    static Result<std::shared_ptr<LibvirtConnection>>
    open(const Remote& remote, const CredentialPrompt& prompt = {},
         ConnectionUse use = ConnectionUse::Session);
    ~LibvirtConnection();
    LibvirtConnection(const LibvirtConnection&) = delete;
    LibvirtConnection& operator=(const LibvirtConnection&) = delete;

    virConnectPtr get() const { return m_conn; }
    const Remote& remote() const { return m_remote; }
    bool isAlive() const { return virConnectIsAlive(m_conn) == 1; }

    // libvirt's last error as one line: what failed on which remote, libvirt's reason
    // and `fix` — or, when the daemon went away, that and how to get it back.
    Error lastError(const QString& what, const QString& fix = {}) const;
    // The domain called `name`, or a NotFound error naming this remote.
    Result<DomainRef> domain(const QString& name) const;
    // The same, and an InvalidState error (with how to start it) unless it runs.
    Result<DomainRef> runningDomain(const QString& name) const;

private:
    LibvirtConnection(Remote remote, virConnectPtr conn)
        : m_remote(std::move(remote)), m_conn(conn) {}
    Remote m_remote;
    virConnectPtr m_conn = nullptr;
};

// The URI libvirt is given for a remote: qemu+ssh ones run vireo-ssh (one shared ssh
// connection per host) unless the URI names its own command=.
QString libvirtUri(const Remote& remote);

// libvirt's message for the last failure in this thread ("" when none).
QString lastLibvirtMessage();

// An unsigned 64-bit value of libvirt's typed parameters (job statistics), -1 when absent.
qint64 typedParamValue(virTypedParameterPtr params, int n, const char* key);

} // namespace vireo
