#pragma once

#include "passthrough/HostRoot.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace vireo {

// One PCI function as sysfs shows it.
struct PciDevice {
    QString address;       // "0000:01:00.0"
    quint32 classCode = 0; // 0x030000: base class, subclass, programming interface
    QString vendorId;      // "0x10de"
    QString deviceId;      // "0x1401"
    QString vendorName;    // from pci.ids; may be empty
    QString deviceName;
    QString driver;      // bound driver, empty when none
    int iommuGroup = -1; // -1: not in any group
    bool bootVga = false;
    QString physfn;      // the PF of an SR-IOV VF, else empty
    QStringList virtfns; // the VFs of a PF
    int sriovTotalVfs = 0;
    int sriovNumVfs = 0;
    QStringList resetMethods; // "flr", "bus", ...; empty when the kernel does not say
    bool resetMethodsKnown = false;
    QStringList netInterfaces; // names under the device's net/

    // "0000:01:00": every function of one card shares it.
    QString slot() const { return address.section(QLatin1Char('.'), 0, 0); }
    // 0x0300 for a VGA controller: what the rules talk about.
    quint32 classWord() const { return classCode >> 8; }
    quint32 baseClass() const { return classCode >> 16; }
    QString classHex() const;
};

struct PciInventory {
    QList<PciDevice> devices;      // sorted by address
    QMap<int, QStringList> groups; // group number → member addresses, sorted
    bool iommuGroupsPresent = false;

    const PciDevice* find(const QString& address) const;
};

// Reads sys/bus/pci/devices and sys/kernel/iommu_groups. Fails only when the tree is
// malformed (a link escaping the root); a host without PCI gives an empty inventory.
Result<PciInventory> readPciInventory(const HostRoot& host);

// "0000:01:00.0" (also for VMD domains like "10000:e1:00.0").
bool isPciAddress(const QString& text);

} // namespace vireo
