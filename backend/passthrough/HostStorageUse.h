#pragma once

#include "passthrough/HostRoot.h"

#include <QList>
#include <QString>

namespace vireo {

// A mounted filesystem or active swap and the PCI function its data flows through.
struct HostStorageUse {
    QString address;       // the PCI function ("0000:05:00.0")
    QString disk;          // the whole disk the data sits on ("nvme0n1")
    QString device;        // what the host names ("/dev/nvme0n1p2", "/dev/mapper/pve-root")
    QString mountPoint;    // "/", "/boot", ..., or "swap"
    bool critical = false; // "/", "/boot", "/boot/efi" or swap: the host cannot lose it
};

// Follows proc/mounts and proc/swaps to sys/class/block links, partitions to their disk
// and device-mapper / md devices to their slaves, then to every PCI function on the path.
Result<QList<HostStorageUse>> findHostStorageUse(const HostRoot& host);

// The PCI functions on the sysfs path of a device folder, outermost first.
QStringList pciAddressesOnPath(const QString& inRootPath);

} // namespace vireo
