#include "passthrough/PciInventory.h"

#include "passthrough/PciIds.h"

#include <QRegularExpression>
#include <algorithm>

namespace vireo {

namespace {

const QString kDevices = QStringLiteral("sys/bus/pci/devices");
const QString kGroups = QStringLiteral("sys/kernel/iommu_groups");

int toInt(const QString& text, int fallback) {
    bool ok = false;
    const int v = text.toInt(&ok, 0);
    return ok ? v : fallback;
}

PciDevice readDevice(const HostRoot& host, const QString& address) {
    // Resolve the device folder once; every attribute lives right under it.
    const QString dir = host.resolve(kDevices + QLatin1Char('/') + address);
    auto at = [&](const char* name) { return dir + QLatin1Char('/') + QLatin1String(name); };
    PciDevice d;
    d.address = address;
    bool ok = false;
    d.classCode = host.readText(at("class")).toUInt(&ok, 16);
    d.vendorId = host.readText(at("vendor")).toLower();
    d.deviceId = host.readText(at("device")).toLower();
    d.driver = host.linkName(at("driver"));
    const QString group = host.linkName(at("iommu_group"));
    if (!group.isEmpty()) d.iommuGroup = toInt(group, -1);
    d.bootVga = host.readText(at("boot_vga")) == QLatin1String("1");
    d.physfn = host.linkName(at("physfn"));
    d.sriovTotalVfs = toInt(host.readText(at("sriov_totalvfs")), 0);
    d.sriovNumVfs = toInt(host.readText(at("sriov_numvfs")), 0);
    // reset_method appeared in Linux 5.15; without it we do not know, which is not "none".
    if (host.exists(at("reset_method"))) {
        d.resetMethodsKnown = true;
        d.resetMethods =
            host.readText(at("reset_method")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    const QStringList entries = host.list(dir);
    for (const auto& e : entries) {
        if (e.startsWith(QLatin1String("virtfn"))) {
            const QString vf = host.linkName(dir + QLatin1Char('/') + e);
            if (!vf.isEmpty()) d.virtfns.append(vf);
        }
    }
    std::sort(d.virtfns.begin(), d.virtfns.end());
    if (entries.contains(QLatin1String("net"))) d.netInterfaces = host.list(at("net"));
    return d;
}

} // namespace

bool isPciAddress(const QString& text) {
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]$"));
    return re.match(text).hasMatch();
}

QString PciDevice::classHex() const {
    return QStringLiteral("0x%1").arg(classCode, 6, 16, QLatin1Char('0'));
}

const PciDevice* PciInventory::find(const QString& address) const {
    const auto it =
        std::lower_bound(devices.begin(), devices.end(), address,
                         [](const PciDevice& d, const QString& a) { return d.address < a; });
    return it != devices.end() && it->address == address ? &*it : nullptr;
}

Result<PciInventory> readPciInventory(const HostRoot& host) {
    PciInventory inv;
    for (const auto& address : host.list(kDevices)) {
        if (!isPciAddress(address)) continue;
        inv.devices.append(readDevice(host, address));
    }
    std::sort(inv.devices.begin(), inv.devices.end(),
              [](const PciDevice& a, const PciDevice& b) { return a.address < b.address; });
    // The groups folder is the truth about membership; the per-device link only fills
    // in a device whose group folder is missing from a partial tree.
    for (const auto& name : host.list(kGroups)) {
        const int group = toInt(name, -1);
        if (group < 0) continue;
        inv.iommuGroupsPresent = true;
        QStringList members;
        for (const auto& m :
             host.list(kGroups + QLatin1Char('/') + name + QStringLiteral("/devices")))
            if (isPciAddress(m)) members.append(m);
        members.sort();
        inv.groups.insert(group, members);
    }
    for (auto& d : inv.devices) {
        if (d.iommuGroup < 0) {
            for (auto it = inv.groups.cbegin(); it != inv.groups.cend(); ++it)
                if (it->contains(d.address)) d.iommuGroup = it.key();
        } else if (!inv.groups.value(d.iommuGroup).contains(d.address)) {
            // Only the groups folder says the IOMMU is on (rule 1); a stray link does not.
            QStringList& members = inv.groups[d.iommuGroup];
            members.append(d.address);
            members.sort();
        }
    }
    VIREO_TRY(host.status());
    fillPciNames(inv.devices);
    return inv;
}

} // namespace vireo
