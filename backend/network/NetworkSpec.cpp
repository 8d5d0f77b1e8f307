#include "network/NetworkSpec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <unistd.h>

namespace vireo {

namespace {
const std::pair<NetworkMode, const char*> kModes[] = {{NetworkMode::NatNetwork, "nat-network"},
                                                      {NetworkMode::HostOnly, "host-only"},
                                                      {NetworkMode::Internal, "internal"},
                                                      {NetworkMode::Bridged, "bridged"}};

QString ipString(quint32 a) {
    return QHostAddress(a).toString();
}
quint32 mask(int prefix) {
    return prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
}
} // namespace

QString toString(NetworkMode mode) {
    for (const auto& [m, s] : kModes)
        if (m == mode) return QLatin1String(s);
    return {};
}

bool parseNetworkMode(const QString& text, NetworkMode* out) {
    for (const auto& [m, s] : kModes)
        if (text == QLatin1String(s)) {
            *out = m;
            return true;
        }
    return false;
}

Result<Ipv4Subnet> Ipv4Subnet::parse(const QString& cidr) {
    static const QRegularExpression re(QStringLiteral("^(\\d{1,3}(?:\\.\\d{1,3}){3})/(\\d{1,2})$"));
    const auto m = re.match(cidr);
    QHostAddress addr;
    const int prefix = m.hasMatch() ? m.captured(2).toInt() : -1;
    if (!m.hasMatch() || !addr.setAddress(m.captured(1)) || prefix < 16 || prefix > 29)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("subnet '%1' is not an IPv4 CIDR between /16 and /29").arg(cidr),
            QStringLiteral("use e.g. --subnet 10.80.1.0/24"));
    Ipv4Subnet s;
    s.prefix = prefix;
    s.network = addr.toIPv4Address() & mask(prefix);
    if (s.network != addr.toIPv4Address())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("subnet '%1' has host bits set").arg(cidr),
                         QStringLiteral("use the network address, e.g. %1").arg(s.cidr()));
    return s;
}

QString Ipv4Subnet::cidr() const {
    return QStringLiteral("%1/%2").arg(ipString(network)).arg(prefix);
}
QString Ipv4Subnet::gateway() const {
    return ipString(network + 1);
}
QString Ipv4Subnet::netmask() const {
    return ipString(mask(prefix));
}
QString Ipv4Subnet::dhcpStart() const {
    const quint32 size = quint32(1) << (32 - prefix);
    return ipString(network + size / 2);
}
QString Ipv4Subnet::dhcpEnd() const {
    const quint32 size = quint32(1) << (32 - prefix);
    return ipString(network + size - 2);
}
bool Ipv4Subnet::contains(quint32 address) const {
    return (address & mask(prefix)) == network;
}
bool Ipv4Subnet::overlaps(const Ipv4Subnet& o) const {
    const int p = std::min(prefix, o.prefix);
    return (network & mask(p)) == (o.network & mask(p));
}

Status validatePortForward(const NetworkSpec& spec, const QString& forward) {
    static const QRegularExpression re(
        QStringLiteral("^(tcp|udp):(\\d{1,5}):(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})$"));
    const auto m = re.match(forward);
    const QString fix =
        QStringLiteral("use tcp|udp:HOSTPORT:GUESTIP:GUESTPORT with the guest's address in %1")
            .arg(spec.subnet.cidr());
    if (spec.mode != NetworkMode::NatNetwork)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("network '%1' is %2; port forwards need a NAT network")
                             .arg(spec.name, toString(spec.mode)),
                         QStringLiteral("use a nat-network, or hostfwd on a per-VM NAT NIC"));
    QHostAddress guest;
    const int hostPort = m.captured(2).toInt(), guestPort = m.captured(4).toInt();
    if (!m.hasMatch() || !guest.setAddress(m.captured(3)) || hostPort < 1 || hostPort > 65535 ||
        guestPort < 1 || guestPort > 65535 || !spec.subnet.contains(guest.toIPv4Address()) ||
        guest.toString() == spec.subnet.gateway())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("port forward '%1' is not valid for network '%2'")
                             .arg(forward, spec.name),
                         fix);
    return {};
}

QJsonObject networkSpecToJson(const NetworkSpec& s) {
    return QJsonObject{
        {QStringLiteral("schema"), 1},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("mode"), toString(s.mode)},
        {QStringLiteral("subnet"), s.mode == NetworkMode::Bridged ? QString() : s.subnet.cidr()},
        {QStringLiteral("dhcp"), s.dhcp},
        {QStringLiteral("uplink"), s.uplink},
        {QStringLiteral("autostart"), s.autostart},
        {QStringLiteral("forwards"), QJsonArray::fromStringList(s.forwards)},
        {QStringLiteral("switch"), s.dpdk ? QStringLiteral("dpdk") : QStringLiteral("kernel")},
        {QStringLiteral("cores"), s.cores},
        {QStringLiteral("hugepages"), s.hugepages},
        {QStringLiteral("busyPoll"), s.busyPoll}};
}

Status validateDpdkOptions(const NetworkSpec& spec) {
    if (!spec.dpdk) return {};
    const QString what = QStringLiteral("network '%1'").arg(spec.name);
    if (spec.mode == NetworkMode::Bridged)
        return makeError(ErrorCode::Unsupported,
                         what + QStringLiteral(": a DPDK switch cannot bridge a host NIC here "
                                               "(it needs a NIC bound to vfio-pci)"),
                         QStringLiteral("drop --switch dpdk, or use --mode internal"));
    if (spec.hugepages < 16 || spec.hugepages > 16384)
        return makeError(ErrorCode::InvalidArgument,
                         what +
                             QStringLiteral(": %1 hugepages is out of range").arg(spec.hugepages),
                         QStringLiteral("reserve 16 to 16384 pages of 2 MiB (64 is plenty)"));
    static const QRegularExpression list(QStringLiteral("^\\d+(-\\d+)?(,\\d+(-\\d+)?)*$"));
    const long online = ::sysconf(_SC_NPROCESSORS_ONLN);
    const QString range = QStringLiteral("this host has CPUs 0-%1").arg(online - 1);
    if (!spec.cores.isEmpty()) {
        if (!list.match(spec.cores).hasMatch())
            return makeError(ErrorCode::InvalidArgument,
                             what +
                                 QStringLiteral(": --cores '%1' is not a CPU list").arg(spec.cores),
                             QStringLiteral("write it like 1 or 2-3 (%1)").arg(range));
        for (const QString& item : spec.cores.split(QRegularExpression(QStringLiteral("[,-]"))))
            if (item.toLong() >= online)
                return makeError(ErrorCode::InvalidArgument,
                                 what + QStringLiteral(": CPU %1 of --cores %2 does not exist")
                                            .arg(item, spec.cores),
                                 QStringLiteral("choose CPUs that exist: %1").arg(range));
    }
    return {};
}

Result<NetworkSpec> networkSpecFromJson(const QByteArray& bytes, const QString& origin) {
    const auto doc = QJsonDocument::fromJson(bytes);
    const QString fix =
        QStringLiteral("fix or delete the file by hand; Vireo will not overwrite it");
    if (!doc.isObject())
        return makeError(ErrorCode::Corrupt, QStringLiteral("%1: not valid JSON").arg(origin), fix);
    const auto o = doc.object();
    if (o.value(QStringLiteral("schema")).toInt() != 1)
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("%1: unknown schema version").arg(origin),
                         QStringLiteral("upgrade Vireo; the file is left untouched"));
    NetworkSpec s;
    s.name = o.value(QStringLiteral("name")).toString();
    if (!parseNetworkMode(o.value(QStringLiteral("mode")).toString(), &s.mode))
        return makeError(ErrorCode::Corrupt, QStringLiteral("%1: unknown mode").arg(origin), fix);
    if (s.mode != NetworkMode::Bridged) {
        auto subnet = Ipv4Subnet::parse(o.value(QStringLiteral("subnet")).toString());
        if (!subnet)
            return makeError(ErrorCode::Corrupt,
                             QStringLiteral("%1: %2").arg(origin, subnet.error().message), fix);
        s.subnet = *subnet;
    }
    s.dhcp = o.value(QStringLiteral("dhcp")).toBool(true);
    s.uplink = o.value(QStringLiteral("uplink")).toString();
    s.autostart = o.value(QStringLiteral("autostart")).toBool();
    for (const auto& f : o.value(QStringLiteral("forwards")).toArray())
        s.forwards.append(f.toString());
    s.dpdk = o.value(QStringLiteral("switch")).toString() == QLatin1String("dpdk");
    s.cores = o.value(QStringLiteral("cores")).toString();
    s.hugepages = o.value(QStringLiteral("hugepages")).toInt(64);
    s.busyPoll = o.value(QStringLiteral("busyPoll")).toBool();
    return s;
}

} // namespace vireo
