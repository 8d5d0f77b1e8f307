#include "passthrough/PassthroughVerdicts.h"

#include <QSet>
#include <optional>

namespace vireo {

namespace {

// Rule 2: never assigned, tolerated in any group.
std::optional<VerdictReason> notApplicable(const PciDevice& d) {
    switch (d.classWord()) {
    case 0x0600:
        return VerdictReason{QStringLiteral("host-bridge"),
                             QStringLiteral("host bridge: part of the platform"),
                             {},
                             ReasonSeverity::Info};
    case 0x0604:
        return VerdictReason{QStringLiteral("pci-bridge"),
                             QStringLiteral("PCI bridge / root port: never assigned, harmless "
                                            "in a group"),
                             {},
                             ReasonSeverity::Info};
    case 0x1300:
        return VerdictReason{QStringLiteral("dummy-function"),
                             QStringLiteral("AMD dummy function: never assigned, harmless in "
                                            "a group"),
                             {},
                             ReasonSeverity::Info};
    default:
        return std::nullopt;
    }
}

// Rule 3: why the host cannot give this device away (empty: it can).
QList<VerdictReason> hostCriticalReasons(const PciDevice& d, const HostFacts& facts) {
    QList<VerdictReason> reasons;
    if (d.bootVga)
        reasons.append({QStringLiteral("boot-vga"),
                        QStringLiteral("the boot GPU: firmware and the host console use it"),
                        QStringLiteral("boot from another GPU (firmware 'primary display' "
                                       "setting) or use the integrated one for the host"),
                        ReasonSeverity::Blocker});
    QStringList held;
    for (const auto& use : facts.storage)
        if (use.critical && use.address == d.address)
            held.append(use.mountPoint == QLatin1String("swap")
                            ? QStringLiteral("swap on %1").arg(use.device)
                            : QStringLiteral("%1 (%2)").arg(use.mountPoint, use.device));
    if (!held.isEmpty())
        reasons.append(
            {QStringLiteral("host-storage"),
             QStringLiteral("carries the host's %1").arg(held.join(QStringLiteral(", "))),
             QStringLiteral("move the host's system disk to another controller "
                            "before passing this one"),
             ReasonSeverity::Blocker});
    for (const auto& nic : facts.defaultRoute)
        if (nic.address == d.address)
            reasons.append(
                {QStringLiteral("default-route"),
                 QStringLiteral("carries the host's default route (%1)")
                     .arg(
                         nic.port == nic.interface ? nic.interface : QStringLiteral("%1 via %2").arg(nic.port, nic.interface)),
                 QStringLiteral("route the host through another NIC first, or give "
                                "the VM a virtio NIC or an SR-IOV VF instead"),
                 ReasonSeverity::Blocker});
    if (d.classWord() == 0x0601)
        reasons.append({QStringLiteral("isa-bridge"),
                        QStringLiteral("ISA/LPC bridge: the chipset's own function"),
                        QStringLiteral("cannot be passed through"), ReasonSeverity::Blocker});
    if (d.classWord() == 0x0c05)
        reasons.append({QStringLiteral("smbus"),
                        QStringLiteral("SMBus controller: the host's sensors and memory SPD"),
                        QStringLiteral("cannot be passed through"), ReasonSeverity::Blocker});
    return reasons;
}

} // namespace

QString verdictName(Verdict verdict) {
    switch (verdict) {
    case Verdict::Passable:
        return QStringLiteral("passable");
    case Verdict::PassableTogether:
        return QStringLiteral("passable-together");
    case Verdict::Blocked:
        return QStringLiteral("blocked");
    case Verdict::HostCritical:
        return QStringLiteral("host-critical");
    case Verdict::AcsOverrideOnly:
        return QStringLiteral("acs-override-only");
    case Verdict::NotApplicable:
        return QStringLiteral("not-applicable");
    }
    return {};
}

QString severityName(ReasonSeverity severity) {
    switch (severity) {
    case ReasonSeverity::Info:
        return QStringLiteral("info");
    case ReasonSeverity::Warning:
        return QStringLiteral("warning");
    case ReasonSeverity::Blocker:
        return QStringLiteral("blocker");
    }
    return {};
}

QList<DeviceVerdict> decideVerdicts(const PciInventory& inventory, const HostFacts& facts) {
    QList<DeviceVerdict> out;
    out.reserve(inventory.devices.size());

    // Rule 1: without IOMMU groups nothing can be isolated.
    if (!inventory.iommuGroupsPresent) {
        for (const auto& d : inventory.devices)
            out.append({d.address,
                        Verdict::Blocked,
                        {},
                        {{QStringLiteral("iommu-off"),
                          QStringLiteral("the IOMMU is not enabled (no IOMMU groups)"),
                          QStringLiteral("enable VT-d / AMD-Vi in the firmware setup; on Intel "
                                         "also add intel_iommu=on to the kernel command line"),
                          ReasonSeverity::Blocker}}});
        return out;
    }

    // Rules 2 and 3 first: rule 4 needs to know every group member's standing.
    QSet<QString> notApplicableSet;
    QSet<QString> criticalSet;
    for (const auto& d : inventory.devices) {
        if (notApplicable(d))
            notApplicableSet.insert(d.address);
        else if (!hostCriticalReasons(d, facts).isEmpty())
            criticalSet.insert(d.address);
    }

    for (const auto& d : inventory.devices) {
        DeviceVerdict v{d.address, Verdict::Blocked, {}, {}};
        if (const auto na = notApplicable(d)) {
            v.verdict = Verdict::NotApplicable;
            v.reasons.append(*na);
            out.append(v);
            continue;
        }
        if (criticalSet.contains(d.address)) {
            v.verdict = Verdict::HostCritical;
            v.reasons = hostCriticalReasons(d, facts);
            out.append(v);
            continue;
        }
        if (d.iommuGroup < 0) {
            v.reasons.append({QStringLiteral("no-iommu-group"),
                              QStringLiteral("the device is in no IOMMU group"),
                              QStringLiteral("devices behind Intel VMD or without DMA cannot "
                                             "be isolated; disable VMD in firmware"),
                              ReasonSeverity::Blocker});
            out.append(v);
            continue;
        }
        // Rule 4: O = the other members of the group that are not not-applicable.
        QStringList others;
        for (const auto& m : inventory.groups.value(d.iommuGroup))
            if (m != d.address && !notApplicableSet.contains(m)) others.append(m);
        others.sort();
        v.together = others;
        QStringList critical;
        for (const auto& m : others)
            if (criticalSet.contains(m)) critical.append(m);
        const bool pfInGroup = !d.physfn.isEmpty() && others.contains(d.physfn);
        if (!critical.isEmpty() || pfInGroup) {
            v.verdict = Verdict::Blocked;
            if (!critical.isEmpty())
                v.reasons.append({QStringLiteral("group-has-host-critical"),
                                  QStringLiteral("IOMMU group %1 also holds %2, which the host "
                                                 "needs")
                                      .arg(d.iommuGroup)
                                      .arg(critical.join(QStringLiteral(", "))),
                                  QStringLiteral("move the card to a slot with its own group "
                                                 "(usually the CPU-attached x16 slot)"),
                                  ReasonSeverity::Blocker});
            if (pfInGroup)
                v.reasons.append({QStringLiteral("vf-shares-pf-group"),
                                  QStringLiteral("this VF shares IOMMU group %1 with its physical "
                                                 "function %2")
                                      .arg(d.iommuGroup)
                                      .arg(d.physfn),
                                  QStringLiteral("enable ACS on the port in firmware or use a "
                                                 "NIC/slot whose VFs get their own groups"),
                                  ReasonSeverity::Blocker});
            out.append(v);
            continue;
        }
        bool sameSlot = true;
        for (const auto& m : others)
            sameSlot = sameSlot && m.section(QLatin1Char('.'), 0, 0) == d.slot();
        if (sameSlot) {
            v.verdict = Verdict::Passable;
            if (!others.isEmpty())
                v.reasons.append({QStringLiteral("same-card-functions"),
                                  QStringLiteral("goes with the other functions of its card: %1")
                                      .arg(others.join(QStringLiteral(", "))),
                                  QStringLiteral("assign them to the same VM"),
                                  ReasonSeverity::Info});
        } else {
            v.verdict = Verdict::PassableTogether;
            v.reasons.append({QStringLiteral("shared-group"),
                              QStringLiteral("IOMMU group %1 also holds %2; all of them go to "
                                             "the same VM")
                                  .arg(d.iommuGroup)
                                  .arg(others.join(QStringLiteral(", "))),
                              QStringLiteral("pass the whole group, or move the card to a slot "
                                             "with its own group"),
                              ReasonSeverity::Warning});
        }
        // Rule 5: an overridden group is a software fiction.
        if (facts.acsOverride) {
            v.verdict = Verdict::AcsOverrideOnly;
            v.reasons.append({QStringLiteral("acs-override"),
                              QStringLiteral("isolated only by pcie_acs_override: the hardware "
                                             "does not enforce this group"),
                              QStringLiteral("accept that the device can reach its neighbours, "
                                             "or use a slot with real isolation"),
                              ReasonSeverity::Warning});
        }
        out.append(v);
    }
    return out;
}

} // namespace vireo
