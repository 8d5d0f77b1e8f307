#include "passthrough/SriovConfig.h"

#include "passthrough/HostJournal.h"
#include "passthrough/HostRoot.h"

#include "core/ProcessRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace vireo {

bool VfSettings::isEmpty() const {
    return mac.isEmpty() && vlan < 0 && spoofCheck < 0 && trust < 0 && minRateMbps < 0 &&
           maxRateMbps < 0 && linkState.isEmpty();
}

namespace {

Error badItem(const QString& item, const QString& why) {
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("VF setting '%1': %2").arg(item.left(60), why),
                     QStringLiteral("give mac=MAC vlan=0-4094 spoofchk=on|off trust=on|off "
                                    "min-rate=MBPS max-rate=MBPS state=auto|enable|disable"));
}

bool parseNumber(const QString& text, int max, int* out) {
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,6}$"));
    if (!digits.match(text).hasMatch()) return false;
    *out = text.toInt();
    return *out <= max;
}

bool parseOnOff(const QString& text, int* out) {
    if (text != QLatin1String("on") && text != QLatin1String("off")) return false;
    *out = text == QLatin1String("on") ? 1 : 0;
    return true;
}

Error noSuchPf(const QString& address) {
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("%1 is not an SR-IOV card (no sriov_totalvfs)").arg(address),
                     QStringLiteral("'vireoctl host sriov' lists the cards that have VFs"));
}

} // namespace

Result<VfSettings> parseVfSettings(const QStringList& items) {
    VfSettings s;
    static const QRegularExpression macRe(
        QStringLiteral("^[0-9a-f][02468ace](:[0-9a-f]{2}){5}$")); // unicast
    for (const auto& item : items) {
        const QString key = item.section(QLatin1Char('='), 0, 0);
        const QString value = item.section(QLatin1Char('='), 1).toLower();
        if (!item.contains(QLatin1Char('=')) || value.isEmpty())
            return badItem(item, QStringLiteral("not KEY=VALUE"));
        if (key == QLatin1String("mac")) {
            if (!macRe.match(value).hasMatch() || value == QLatin1String("00:00:00:00:00:00"))
                return badItem(item, QStringLiteral("not a unicast MAC address"));
            s.mac = value;
        } else if (key == QLatin1String("vlan")) {
            if (!parseNumber(value, 4094, &s.vlan))
                return badItem(item, QStringLiteral("not a VLAN id 0-4094"));
        } else if (key == QLatin1String("spoofchk")) {
            if (!parseOnOff(value, &s.spoofCheck))
                return badItem(item, QStringLiteral("not on/off"));
        } else if (key == QLatin1String("trust")) {
            if (!parseOnOff(value, &s.trust)) return badItem(item, QStringLiteral("not on/off"));
        } else if (key == QLatin1String("min-rate") || key == QLatin1String("max-rate")) {
            int* field = key == QLatin1String("min-rate") ? &s.minRateMbps : &s.maxRateMbps;
            if (!parseNumber(value, 400000, field))
                return badItem(item, QStringLiteral("not a rate in Mbit/s (0-400000)"));
        } else if (key == QLatin1String("state")) {
            if (value != QLatin1String("auto") && value != QLatin1String("enable") &&
                value != QLatin1String("disable"))
                return badItem(item, QStringLiteral("not auto, enable or disable"));
            s.linkState = value;
        } else {
            return badItem(item, QStringLiteral("unknown setting"));
        }
    }
    if (s.minRateMbps > 0 && s.maxRateMbps > 0 && s.minRateMbps > s.maxRateMbps)
        return badItem(QStringLiteral("min-rate"), QStringLiteral("above max-rate"));
    if (s.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no VF setting given"),
                         QStringLiteral("give e.g. mac=52:54:00:12:34:56 vlan=10"));
    return s;
}

QStringList vfSettingsArguments(const VfSettings& s) {
    QStringList a;
    if (!s.mac.isEmpty()) a << QStringLiteral("mac") << s.mac;
    if (s.vlan >= 0) a << QStringLiteral("vlan") << QString::number(s.vlan);
    if (s.spoofCheck >= 0)
        a << QStringLiteral("spoofchk")
          << (s.spoofCheck ? QStringLiteral("on") : QStringLiteral("off"));
    if (s.trust >= 0)
        a << QStringLiteral("trust") << (s.trust ? QStringLiteral("on") : QStringLiteral("off"));
    if (s.minRateMbps >= 0) a << QStringLiteral("min_tx_rate") << QString::number(s.minRateMbps);
    if (s.maxRateMbps >= 0) a << QStringLiteral("max_tx_rate") << QString::number(s.maxRateMbps);
    if (!s.linkState.isEmpty()) a << QStringLiteral("state") << s.linkState;
    return a;
}

Result<SriovPf> readSriovPf(const HostRoot& host, const QString& address) {
    const auto dev = host.readLink(QStringLiteral("sys/bus/pci/devices/") + address);
    VIREO_TRY(host.status());
    if (!dev)
        return makeError(ErrorCode::NotFound, QStringLiteral("no PCI device %1 here").arg(address),
                         QStringLiteral("'vireoctl host sriov' lists the SR-IOV cards"));
    const QString total = host.readText(*dev + QStringLiteral("/sriov_totalvfs"));
    if (total.isEmpty()) return noSuchPf(address);
    SriovPf pf;
    pf.address = address;
    pf.totalVfs = total.toInt();
    pf.numVfs = host.readText(*dev + QStringLiteral("/sriov_numvfs")).toInt();
    const QStringList net = host.list(*dev + QStringLiteral("/net"));
    pf.interface = net.value(0);
    for (int i = 0; i < pf.numVfs; ++i) {
        const auto vf = host.readLink(*dev + QStringLiteral("/virtfn%1").arg(i));
        pf.vfs << (vf ? vf->section(QLatin1Char('/'), -1) : QString());
    }
    VIREO_TRY(host.status());
    return pf;
}

Status checkVfIndex(const SriovPf& pf, int vf) {
    if (vf >= 0 && vf < pf.numVfs) return {};
    return makeError(
        ErrorCode::NotFound,
        QStringLiteral("%1 has no VF %2 (it has %3)").arg(pf.address).arg(vf).arg(pf.numVfs),
        QStringLiteral("make more with 'vireoctl host sriov-vfs %1 N'").arg(pf.address));
}

Status setVfCount(const HostRoot& host, const QString& pfAddress, int count, HostWriter& writer) {
    auto pf = readSriovPf(host, pfAddress);
    if (!pf) return pf.error();
    if (count < 0 || count > pf->totalVfs)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 offers 0-%2 VFs, not %3")
                             .arg(pfAddress)
                             .arg(pf->totalVfs)
                             .arg(count),
                         QStringLiteral("ask for at most %1").arg(pf->totalVfs));
    if (count == pf->numVfs) return {};
    for (int i = count; i < pf->vfs.size(); ++i) {
        const QString vf = pf->vfs.at(i);
        if (vf.isEmpty()) continue;
        const auto dev = host.readLink(QStringLiteral("sys/bus/pci/devices/") + vf);
        if (dev && host.linkName(*dev + QStringLiteral("/driver")) == QLatin1String("vfio-pci"))
            return makeError(ErrorCode::Busy,
                             QStringLiteral("VF %1 (%2) of %3 is with vfio-pci: a VM may hold it")
                                 .arg(i)
                                 .arg(vf, pfAddress),
                             QStringLiteral("remove it from its VM and run 'vireoctl host "
                                            "reattach %1' first")
                                 .arg(vf));
    }
    // The kernel refuses to change a VF count that is not 0.
    if (pf->numVfs != 0 && count != 0) VIREO_TRY(writer.setVfCount(pfAddress, 0));
    return writer.setVfCount(pfAddress, count);
}

Status configureVf(const HostRoot& host, const QString& pfAddress, int vf,
                   const VfSettings& settings, HostWriter& writer) {
    auto pf = readSriovPf(host, pfAddress);
    if (!pf) return pf.error();
    VIREO_TRY(checkVfIndex(*pf, vf));
    if (pf->interface.isEmpty())
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("%1 has no network interface: VF settings are made on "
                                        "the PF's driver")
                             .arg(pfAddress),
                         QStringLiteral("bind the PF to its network driver"));
    return writer.configureVf(pf->interface, vf, vfSettingsArguments(settings));
}

VfSettings vfSettingsFromArguments(const QStringList& a) {
    VfSettings s;
    for (int i = 0; i + 1 < a.size(); i += 2) {
        const QString& key = a.at(i);
        const QString& value = a.at(i + 1);
        if (key == QLatin1String("mac")) s.mac = value;
        if (key == QLatin1String("vlan")) s.vlan = value.toInt();
        if (key == QLatin1String("spoofchk")) s.spoofCheck = value == QLatin1String("on");
        if (key == QLatin1String("trust")) s.trust = value == QLatin1String("on");
        if (key == QLatin1String("min_tx_rate")) s.minRateMbps = value.toInt();
        if (key == QLatin1String("max_tx_rate")) s.maxRateMbps = value.toInt();
        if (key == QLatin1String("state")) s.linkState = value;
    }
    return s;
}

namespace {

// One entry of iproute2's "vfinfo_list" (ip -j link show).
VfSettings vfSettingsFromIpJson(const QJsonObject& o) {
    VfSettings s;
    s.mac = o.value(QStringLiteral("address")).toString(QStringLiteral("00:00:00:00:00:00"));
    const QJsonArray vlans = o.value(QStringLiteral("vlan_list")).toArray();
    s.vlan = vlans.isEmpty() ? o.value(QStringLiteral("vlan")).toInt()
                             : vlans.first().toObject().value(QStringLiteral("vlan")).toInt();
    if (o.contains(QStringLiteral("spoofchk")))
        s.spoofCheck = o.value(QStringLiteral("spoofchk")).toBool() ? 1 : 0;
    if (o.contains(QStringLiteral("trust")))
        s.trust = o.value(QStringLiteral("trust")).toBool() ? 1 : 0;
    const QJsonObject rate = o.value(QStringLiteral("rate")).toObject();
    if (rate.contains(QStringLiteral("min_tx")))
        s.minRateMbps = rate.value(QLatin1String("min_tx")).toInt();
    if (rate.contains(QStringLiteral("max_tx")))
        s.maxRateMbps = rate.value(QLatin1String("max_tx")).toInt();
    s.linkState = o.value(QStringLiteral("link_state")).toString();
    return s;
}

} // namespace

Result<VfSettings> readVfSettings(const HostRoot& host, const SriovPf& pf, int vf) {
    if (pf.interface.isEmpty())
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("%1 has no network interface: its VFs' settings live in "
                                        "the PF's driver")
                             .arg(pf.address),
                         QStringLiteral("bind the PF to its network driver"));
    if (!host.isRealHost()) {
        const QString recorded = host.readText(
            QStringLiteral("vireo-capture/ip-link-vf/%1/%2").arg(pf.interface).arg(vf));
        VfSettings s =
            vfSettingsFromArguments(recorded.split(QLatin1Char(' '), Qt::SkipEmptyParts));
        if (s.mac.isEmpty()) s.mac = QStringLiteral("00:00:00:00:00:00");
        if (s.vlan < 0) s.vlan = 0;
        if (s.spoofCheck < 0) s.spoofCheck = 1; // the drivers' default
        return s;
    }
    ProcessRequest ip;
    ip.argv = {QStringLiteral("ip"),   QStringLiteral("-j"),  QStringLiteral("link"),
               QStringLiteral("show"), QStringLiteral("dev"), pf.interface};
    ip.timeoutMs = 10000;
    auto out = runProcess(ip);
    if (!out) return out.error();
    const QJsonArray links = QJsonDocument::fromJson(out->stdoutData).array();
    for (const auto& v : links.first().toObject().value(QStringLiteral("vfinfo_list")).toArray())
        if (v.toObject().value(QStringLiteral("vf")).toInt(-1) == vf)
            return vfSettingsFromIpJson(v.toObject());
    return makeError(
        ErrorCode::NotFound,
        QStringLiteral("%1 (%2) shows no VF %3 over netlink").arg(pf.interface, pf.address).arg(vf),
        QStringLiteral("check the PF's driver with 'ip link show %1'").arg(pf.interface));
}

} // namespace vireo
