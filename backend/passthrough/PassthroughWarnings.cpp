#include "passthrough/PassthroughWarnings.h"

#include <QHash>

namespace vireo {

namespace {

struct ResetBugFamily {
    const char* family;
    std::initializer_list<quint16> deviceIds;
};

// AMD GPUs that do not come back from a guest reboot without gnif/vendor-reset (the ids
// its device table handles). Navi 2x and later reset properly.
const ResetBugFamily kResetBugGpus[] = {
    {"Polaris 10",
     {0x67c0, 0x67c1, 0x67c2, 0x67c4, 0x67c7, 0x67c8, 0x67c9, 0x67ca, 0x67cc, 0x67cf, 0x67d0,
      0x67df, 0x6fdf}},
    {"Polaris 11", {0x67e0, 0x67e1, 0x67e3, 0x67e7, 0x67e8, 0x67e9, 0x67eb, 0x67ef, 0x67ff}},
    {"Polaris 12", {0x6980, 0x6981, 0x6985, 0x6986, 0x6987, 0x6995, 0x6997, 0x699f}},
    {"Vega 10",
     {0x6860, 0x6861, 0x6862, 0x6863, 0x6864, 0x6867, 0x6868, 0x6869, 0x686a, 0x686b, 0x686c,
      0x686d, 0x686e, 0x687f}},
    {"Vega 20", {0x66a0, 0x66a1, 0x66a2, 0x66a3, 0x66a4, 0x66a7, 0x66af}},
    {"Navi 10", {0x7310, 0x7312, 0x7318, 0x7319, 0x731a, 0x731b, 0x731e, 0x731f}},
    {"Navi 12", {0x7360, 0x7362}},
    {"Navi 14", {0x7340, 0x7341, 0x7347, 0x734f}},
};

bool isGpu(const PciDevice& d) {
    return d.baseClass() == 0x03;
}

bool isNic(const PciDevice& d) {
    return d.baseClass() == 0x02 && d.physfn.isEmpty();
}

void warn(DeviceVerdict& v, const char* code, const QString& message, const QString& fix) {
    v.reasons.append({QLatin1String(code), message, fix, ReasonSeverity::Warning});
}

} // namespace

QString knownResetBugFamily(const QString& vendorId, const QString& deviceId) {
    if (vendorId != QLatin1String("0x1002")) return {};
    bool ok = false;
    const uint id = deviceId.toUInt(&ok, 16);
    if (!ok) return {};
    for (const auto& f : kResetBugGpus)
        for (const quint16 d : f.deviceIds)
            if (d == id) return QLatin1String(f.family);
    return {};
}

void addPassthroughWarnings(const HostRoot& host, const PciInventory& inventory,
                            const HostFacts& facts, QList<DeviceVerdict>& verdicts) {
    qsizetype gpus = 0;
    qsizetype nics = 0;
    QHash<QString, QList<const PciDevice*>> slots; // "0000:01:00" → its functions
    for (const auto& d : inventory.devices) {
        slots[d.slot()].append(&d);
        gpus += isGpu(d) ? 1 : 0;
        nics += isNic(d) ? 1 : 0;
    }
    for (auto& v : verdicts) {
        const PciDevice* d = inventory.find(v.address);
        if (!d || v.verdict == Verdict::NotApplicable) continue;

        const QString family = knownResetBugFamily(d->vendorId, d->deviceId);
        if (!family.isEmpty())
            warn(v, "reset-bug",
                 QStringLiteral("AMD %1 GPU: does not reset when the guest reboots (the AMD "
                                "reset bug)")
                     .arg(family),
                 QStringLiteral("install the vendor-reset module (gnif/vendor-reset) and set "
                                "its reset_method to device_specific"));
        else if (d->resetMethodsKnown && d->resetMethods.isEmpty())
            warn(v, "no-reset-method",
                 QStringLiteral("the kernel knows no way to reset this device: it may hang on "
                                "the second VM start"),
                 QStringLiteral("reboot the host between VM runs, or use a card with FLR"));

        if (d->classWord() == 0x0302)
            warn(v, "muxless-dgpu",
                 QStringLiteral("3D controller without display outputs (a MUXless laptop "
                                "dGPU): the guest gets no monitor and may need the vBIOS from "
                                "ACPI"),
                 QStringLiteral("use Looking Glass or remote display, give QEMU the vBIOS as "
                                "romfile, expect NVIDIA Optimus code 43 workarounds"));
        if (isGpu(*d) && gpus == 1)
            warn(v, "single-gpu",
                 QStringLiteral("the host's only GPU: passing it leaves the host without a "
                                "display"),
                 QStringLiteral("manage the host over SSH while the VM runs, or add a second "
                                "GPU"));
        if (isNic(*d) && nics == 1)
            warn(v, "only-nic",
                 QStringLiteral("the host's only NIC: passing it takes the host off the "
                                "network"),
                 QStringLiteral("add a NIC, or give the VM a virtio NIC or an SR-IOV VF"));

        if (!d->physfn.isEmpty()) {
            const PciDevice* pf = inventory.find(d->physfn);
            for (const auto& ifname : pf ? pf->netInterfaces : QStringList()) {
                const QString state =
                    host.readText(QStringLiteral("sys/class/net/%1/operstate").arg(ifname));
                if (!state.isEmpty() && state != QLatin1String("up"))
                    warn(v, "vf-no-link",
                         QStringLiteral("the physical port %1 of this VF has no link (%2)")
                             .arg(ifname, state),
                         QStringLiteral("plug the cable or bring %1 up").arg(ifname));
            }
        }

        // Same-card functions in other groups: a GPU's audio, USB and UCSI functions still
        // belong to the card, and the guest driver expects them.
        QStringList slotMates;
        if (d->physfn.isEmpty())
            for (const PciDevice* o : slots.value(d->slot()))
                if (o->address != d->address && !v.together.contains(o->address) &&
                    o->physfn.isEmpty())
                    slotMates.append(o->address);
        if (!slotMates.isEmpty() && isGpu(*d))
            warn(v, "card-functions",
                 QStringLiteral("other functions of this card sit in other groups: %1")
                     .arg(slotMates.join(QStringLiteral(", "))),
                 QStringLiteral("pass them to the same VM as well"));

        QStringList mounts;
        for (const auto& use : facts.storage)
            if (!use.critical && use.address == d->address)
                mounts.append(QStringLiteral("%1 (%2)").arg(use.mountPoint, use.device));
        if (!mounts.isEmpty())
            warn(v, "host-mounts",
                 QStringLiteral("the host has %1 mounted from it")
                     .arg(mounts.join(QStringLiteral(", "))),
                 QStringLiteral("unmount them (and remove them from /etc/fstab) before "
                                "passing it"));
    }
}

} // namespace vireo
