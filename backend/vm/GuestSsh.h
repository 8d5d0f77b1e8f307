#pragma once

#include "core/Result.h"
#include "store/Library.h"

#include <QString>
#include <QStringList>

namespace vireo {

// Where to reach a running VM's SSH server from the host, and as whom.
struct SshTarget {
    QString host;
    int port = 22;
    QString user;       // empty = ssh's own default
    QString knownHosts; // the VM's own known_hosts file (its host keys are its own)
    QString via;        // "port forward", "DHCP lease" or "guest agent"
    // A command whose stdin/stdout reach host:port (ssh's ProxyCommand), e.g. through a
    // libvirt host; empty: straight to the address.
    QStringList proxy;
};

// Finds the address in this order: a per-VM NAT port forward to the guest's port 22 (its
// real host port read from QEMU, so "any free port" forwards work), the DHCP lease of a
// NIC on a Vireo network, the addresses the guest agent reports. The user defaults to the
// VM's name for VMs made from a cloud image (that is the user cloud-init created).
Result<SshTarget> findSshTarget(const Library& library, const QString& vm,
                                const QString& user = {});

// The ssh command line for `target` (no shell involved; run with execvp).
QStringList sshArgv(const SshTarget& target, const QString& identity, bool batch,
                    const QStringList& command);

} // namespace vireo
