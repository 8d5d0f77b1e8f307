#pragma once

#include "core/Result.h"
#include "store/Library.h"
#include "usb/UsbBus.h"

#include <QMap>

namespace vireo {

class HostRoot;

// Host USB devices given to running VMs. QEMU is the record: a device a VM holds is a
// usb-host device with the id usbhost-BUS-PORT on its USB controller, so nothing is
// written to disk and a crashed VM holds nothing.
class UsbAttachments {
public:
    explicit UsbAttachments(const Library& library) : m_library(library) {}

    // Hands `device` to a running VM (QMP device_add). Refused when the VM has no USB
    // controller, when another VM holds the device, or when this user may not open it.
    Status attach(const QString& vm, const UsbDevice& device, const HostRoot& host) const;
    // Takes the device at `portId` ("1-2.1") back from the VM (QMP device_del).
    Status detach(const QString& vm, const QString& portId) const;
    // The ports the VM holds now; empty when it does not run.
    Result<QStringList> heldBy(const VmSpec& spec) const;
    // Every running VM's ports: VM name → ports.
    QMap<QString, QStringList> held() const;
    // The name of the running VM holding `portId`, or empty.
    QString holder(const QString& portId) const;

private:
    const Library& m_library;
};

// The VM in `held` (as UsbAttachments::held() gives it) that holds `portId`, or empty.
QString usbHolder(const QMap<QString, QStringList>& held, const QString& portId);

// Ports among `devices` that `spec`'s filters match and no other running VM holds: what a
// starting VM gets on its command line.
QStringList usbPortsForStart(const Library& library, const VmSpec& spec,
                             const QVector<UsbDevice>& devices, const HostRoot& host);

// Whether this user may open the device's usbfs node (always true in a captured tree).
Status checkUsbAccess(const UsbDevice& device, const HostRoot& host);

} // namespace vireo
