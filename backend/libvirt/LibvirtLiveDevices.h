#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"
#include "spec/VmSpec.h"

#include <QString>

namespace vireo {

// Changes to a remote VM's devices that, as locally, also work while it runs: the CD in its
// drive, the network of a NIC, disks plugged in and out. libvirt applies them to the running QEMU
// and to the definition together (virDomainUpdateDeviceFlags), or to the definition alone when the
// VM is shut off.
class LibvirtLiveDevices {
public:
    explicit LibvirtLiveDevices(const LibvirtConnection& connection) : m_conn(connection) {}

    // Inserts `iso` (a volume of the host's pools) into the VM's CD drive; empty: ejects.
    Status changeCdrom(const QString& vm, const QString& iso) const;
    // Moves NIC `index` (from 0) to the host's libvirt network `network`.
    Status moveNic(const QString& vm, int index, const QString& network) const;
    // Attaches a volume of the host's pools (its format from the pool) as the next free
    // disk of its bus; hot-plugged into a running VM.
    Status attachDisk(const QString& vm, DiskSpec disk) const;
    // Detaches the disk whose file is `path` (hot-unplugged while it runs); the volume stays.
    Status detachDisk(const QString& vm, const QString& path) const;

private:
    const LibvirtConnection& m_conn;
};

} // namespace vireo
