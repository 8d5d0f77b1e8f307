#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>
#include <cstdint>
#include <optional>

namespace vireo {

// What an OVF descriptor (DMTF DSP0243, 1.x and 2.x, as VirtualBox and VMware write it)
// says about its one virtual machine, mapped onto what Vireo can run. Whatever has no
// counterpart is listed in `unmapped`, never dropped silently.
struct OvfFileRef {
    QString id;
    QString href;
    std::optional<std::uint64_t> size; // ovf:size, when declared
};

struct OvfDrive {
    QString href;               // the disk image file (a References entry)
    std::uint64_t capacity = 0; // bytes the guest sees, as declared
    DiskBus bus = DiskBus::Sata;
};

struct OvfAppliance {
    QString name;
    QString osType; // the descriptor's words for it (vbox:OSType, vmw:osType, description)
    QString os;     // Vireo's preset id: debian, ubuntu, win11, ... or "other"
    int cpus = 1;
    std::uint64_t memoryMiB = 1024;
    Firmware firmware = Firmware::Bios;
    // Appliances from elsewhere come from desktops with a screen; Vireo's say what they had.
    DisplayType display = DisplayType::Vnc;
    QVector<OvfFileRef> files;
    QVector<OvfDrive> drives;
    QVector<NicModel> nics;
    bool cdrom = false;
    QStringList unmapped;
};

// `source` names the descriptor in error messages.
Result<OvfAppliance> parseOvf(const QByteArray& xml, const QString& source);

// One exported disk: its file in the OVA and what the guest sees.
struct OvfExportDisk {
    QString fileName;
    std::uint64_t fileSize = 0;
    std::uint64_t capacity = 0;
};

// An OVF 1.0 descriptor for `spec` that VirtualBox's and VMware's importers take:
// streamOptimized VMDK disks on a SATA (AHCI) controller, SCSI ones on an LSI Logic one,
// e1000-family NICs, firmware as VMware's and VirtualBox's own hints, and Vireo's exact
// buses and models in a section the others skip (ovf:required="false").
QByteArray writeOvf(const VmSpec& spec, const QVector<OvfExportDisk>& disks);

} // namespace vireo
