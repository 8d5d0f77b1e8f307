#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"

#include <QString>

namespace vireo {

// Changes to a remote VM's devices that, as locally, also work while it runs: the CD in its
// drive and the network of a NIC. libvirt applies them to the running QEMU and to the
// definition together (virDomainUpdateDeviceFlags), or to the definition alone when the VM
// is shut off.
class LibvirtLiveDevices {
public:
    explicit LibvirtLiveDevices(const LibvirtConnection& connection) : m_conn(connection) {}

    // Inserts `iso` (a volume of the host's pools) into the VM's CD drive; empty: ejects.
    Status changeCdrom(const QString& vm, const QString& iso) const;
    // Moves NIC `index` (from 0) to the host's libvirt network `network`.
    Status moveNic(const QString& vm, int index, const QString& network) const;

private:
    const LibvirtConnection& m_conn;
};

} // namespace vireo
