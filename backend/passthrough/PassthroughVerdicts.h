#pragma once

#include "passthrough/DefaultRoute.h"
#include "passthrough/HostStorageUse.h"
#include "passthrough/PciInventory.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace vireo {

enum class Verdict {
    Passable,         // alone or only with functions of its own card
    PassableTogether, // with other devices of its IOMMU group
    Blocked,          // its group holds something the host needs, or its own PF
    HostCritical,     // the host needs it (boot GPU, root disk, default route, chipset)
    AcsOverrideOnly,  // passable only because pcie_acs_override split the groups
    NotApplicable,    // bridges and dummy functions: never assigned
};

QString verdictName(Verdict verdict); // "passable", "passable-together", ...

enum class ReasonSeverity { Info, Warning, Blocker };

QString severityName(ReasonSeverity severity);

struct VerdictReason {
    QString code; // stable: "boot-vga", "group-has-host-critical", "reset-bug", ...
    QString message;
    QString fix;
    ReasonSeverity severity = ReasonSeverity::Info;
};

struct DeviceVerdict {
    QString address;
    Verdict verdict = Verdict::Blocked;
    QStringList together; // sorted full addresses that must go to the same VM
    QList<VerdictReason> reasons;
};

// What the rules read besides the PCI inventory.
struct HostFacts {
    QList<HostStorageUse> storage;
    QList<DefaultRouteNic> defaultRoute;
    bool acsOverride = false;
};

// The rules of fixtures/RULES.md, exactly: IOMMU off → blocked; bridges and dummy
// functions → not-applicable; boot VGA, storage behind /, /boot, /boot/efi or swap, the
// default-route NIC, ISA/LPC and SMBus → host-critical; the rest by its IOMMU group;
// pcie_acs_override turns passable into acs-override-only. One entry per device, in
// inventory order. Warnings are added separately (addPassthroughWarnings).
QList<DeviceVerdict> decideVerdicts(const PciInventory& inventory, const HostFacts& facts);

} // namespace vireo
