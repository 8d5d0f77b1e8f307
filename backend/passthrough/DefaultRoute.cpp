#include "passthrough/DefaultRoute.h"

#include "passthrough/HostStorageUse.h"

namespace vireo {

namespace {

constexpr int kMaxStackDepth = 8;  // bridge on bond on VLAN...; deeper is a loop
constexpr unsigned kRouteUp = 0x1; // RTF_UP

void collectPorts(const HostRoot& host, const QString& route, const QString& ifname, int depth,
                  QList<DefaultRouteNic>& out) {
    if (depth > kMaxStackDepth) return;
    const QString dir = QStringLiteral("sys/class/net/") + ifname;
    if (const auto device = host.readLink(dir + QStringLiteral("/device"))) {
        const QStringList addresses = pciAddressesOnPath(*device);
        if (!addresses.isEmpty()) out.append({route, ifname, addresses.last()});
        return;
    }
    QStringList lower;
    for (const auto& e : host.list(dir))
        if (e.startsWith(QLatin1String("lower_"))) lower.append(e.mid(6));
    for (const auto& e : host.list(dir + QStringLiteral("/brif")))
        if (!lower.contains(e)) lower.append(e);
    for (const auto& port : lower)
        collectPorts(host, route, port, depth + 1, out);
}

} // namespace

Result<QList<DefaultRouteNic>> findDefaultRouteNics(const HostRoot& host) {
    QList<DefaultRouteNic> nics;
    const QStringList lines =
        host.readText(QStringLiteral("proc/net/route")).split(QLatin1Char('\n'));
    for (qsizetype i = 1; i < lines.size(); ++i) { // line 0 is the header
        const QStringList f = lines.at(i).simplified().split(QLatin1Char(' '));
        if (f.size() < 8) continue;
        bool ok = false;
        const unsigned flags = f.at(3).toUInt(&ok, 16);
        if (f.at(1) != QLatin1String("00000000") || f.at(7) != QLatin1String("00000000") ||
            !(flags & kRouteUp))
            continue;
        QList<DefaultRouteNic> found;
        collectPorts(host, f.at(0), f.at(0), 0, found);
        for (const auto& n : found) {
            bool seen = false;
            for (const auto& o : nics)
                seen = seen || o.address == n.address;
            if (!seen) nics.append(n);
        }
    }
    VIREO_TRY(host.status());
    return nics;
}

} // namespace vireo
