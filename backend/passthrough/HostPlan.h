#pragma once

#include "passthrough/HostRoot.h"
#include "passthrough/PassthroughReport.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace vireo {

// One file the plan writes: its in-root path, what it holds now (nullopt: absent) and
// what it will hold.
struct PlannedFile {
    QString path; // "etc/default/grub"
    std::optional<QByteArray> before;
    QByteArray after;
    QString why; // one line
};

// A command the plan runs after writing the files (initramfs, bootloader).
struct PlannedCommand {
    QStringList argv;
    QString why;
};

// What `vireoctl host plan --device ADDR` prints and `host apply` does, for the device and
// the functions that must go with it: the kernel command line (the bootloader found in the
// root: GRUB, systemd-boot or kernelstub), vfio-pci bound early by driver_override for those
// addresses only (never vfio-pci.ids, which would take identical cards too), softdeps, and
// the initramfs update.
struct HostPlan {
    QStringList devices;      // the device and its "together" functions
    QString bootloader;       // "grub", "systemd-boot", "kernelstub"
    QStringList addedParams;  // kernel parameters added ("intel_iommu=on", "iommu=pt")
    QString initramfs;        // "initramfs-tools", "dracut" or empty
    QList<PlannedFile> files; // only those that change
    QList<PlannedCommand> commands;
    bool rebootNeeded = false;
    QString rebootWhy;
};

// The device and the functions that must go to the same VM, or one line saying why it never
// goes to a VM (host-critical, blocked, not-applicable, unknown). With the IOMMU off, judged
// as if each card had a group of its own, unless `iommuMustWork` (vfio-pci needs it now).
Result<QStringList> devicesToPass(const HostRoot& host, const QString& address, bool iommuMustWork);
// The same from a scan already made (several devices judged on one scan).
Result<QStringList> devicesToPass(const PassthroughReport& report, const QString& address,
                                  bool iommuMustWork);

// Refuses (one line naming the device and the reason) host-critical, blocked and
// not-applicable devices, unknown addresses, and roots without a known bootloader.
Result<HostPlan> planHostChanges(const HostRoot& host, const QString& address);

} // namespace vireo
