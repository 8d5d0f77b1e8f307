#pragma once

#include "core/Result.h"
#include "passthrough/PassthroughReport.h"
#include "spec/VmSpec.h"

#include <QHash>
#include <QStringList>

namespace vireo {

// The host devices a VM holds while it runs, like libvirt's managed hostdevs: PCI devices
// handed to vfio-pci at start (those already there, e.g. bound at boot, stay there) and
// SR-IOV VFs, given the VM's MAC and VLAN through their PF first. What was taken, and each
// VF's settings before, is recorded in the VM's runtime folder (host-devices.json) before
// it changes, so whichever process sees QEMU gone (the supervisor, vm stop, the next start)
// gives back exactly that.

struct TakenHostDevices {
    QStringList vfAddresses; // the VFs' PCI addresses, in spec.sriovVfs order
};

// Takes spec.hostPci and spec.sriovVfs on the host (HostRoot::defaultDir(): a tree in
// tests). A VF with vf < 0 is the PF's first VF that no VM holds and that may go to a VM.
// On failure what was taken is given back and the error names the VM and the device.
Result<TakenHostDevices> takeHostDevices(const VmSpec& spec, const QString& runtimeDir);

// Gives back what the record in runtimeDir names (VFs to their driver with their old
// settings, PCI devices to theirs) and removes the record. Idempotent and locked, so two
// processes noticing the same stop give back once. Returns one line per device that could
// not go back (it stays recorded for the next try).
QStringList releaseHostDevices(const QString& runtimeDir);

// The VFs running VMs hold on this host, by PCI address, with the VM's name.
QHash<QString, QString> heldVfs();

// Whether the pool of a VF's PF may hand VF `address` to a VM now: ok, or Busy (a VM holds
// it, it is with vfio-pci for another use, it must go with other devices) or the error of
// the verdict that keeps it from VMs. The one rule the start path picks by and the app's
// wizard counts by.
Status pooledVfAvailable(const PassthroughReport& report, const QString& address,
                         const QHash<QString, QString>& held);

} // namespace vireo
