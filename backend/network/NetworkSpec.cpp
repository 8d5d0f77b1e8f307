#include "network/NetworkSpec.h"

#include <QCryptographicHash>
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

Result<Ipv6Prefix> Ipv6Prefix::parse(const QString& cidr) {
    const QString fix = QStringLiteral("use a /64 such as fd12:3456:789a:1::/64, or --ipv6 auto");
    QHostAddress addr;
    if (!cidr.endsWith(QLatin1String("/64")) || !addr.setAddress(cidr.chopped(3)) ||
        addr.protocol() != QAbstractSocket::IPv6Protocol)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("IPv6 prefix '%1' is not an IPv6 /64").arg(cidr), fix);
    Q_IPV6ADDR bytes = addr.toIPv6Address();
    bool hostBits = false;
    for (int i = 8; i < 16; ++i)
        hostBits |= bytes[i] != 0;
    if (hostBits)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("IPv6 prefix '%1' has host bits set").arg(cidr), fix);
    // Unique local (fc00::/7) or global unicast (2000::/3): SLAAC needs one of them.
    if ((bytes[0] & 0xfe) != 0xfc && (bytes[0] & 0xe0) != 0x20)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("IPv6 prefix '%1' is not a global or unique local prefix").arg(cidr),
            fix);
    return Ipv6Prefix{QHostAddress(bytes).toString()};
}

Ipv6Prefix Ipv6Prefix::uniqueLocal(const QString& seed) {
    // RFC 4193: fd + 40 bits of global ID (here from the seed) + a 16-bit subnet ID.
    const QByteArray h = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha1);
    Q_IPV6ADDR bytes{};
    bytes[0] = 0xfd;
    for (int i = 1; i < 8; ++i)
        bytes[i] = static_cast<quint8>(h[i]);
    return Ipv6Prefix{QHostAddress(bytes).toString()};
}

QString Ipv6Prefix::cidr() const {
    return network + QStringLiteral("/64");
}

QString Ipv6Prefix::gateway() const {
    return network + QStringLiteral("1");
}

DhcpRange NetworkSpec::effectiveDhcpRange() const {
    return dhcpRange.isEmpty() ? DhcpRange{subnet.dhcpStart(), subnet.dhcpEnd()} : dhcpRange;
}

QString NetworkSpec::socketGroup() const {
    // One group and port per network, from its name (and subnet, so a network deleted and
    // made again under the same name by someone else does not meet old guests by chance).
    const QByteArray h = QCryptographicHash::hash(
        (name + QLatin1Char('\n') + subnet.cidr()).toUtf8(), QCryptographicHash::Sha1);
    const auto byte = [&](int i) { return int(static_cast<quint8>(h[i])); };
    return QStringLiteral("230.%1.%2.%3:%4")
        .arg(byte(0))
        .arg(byte(1))
        .arg(byte(2))
        .arg(20000 + ((byte(3) << 8 | byte(4)) % 40000));
}

Status validateNetworkOptions(const NetworkSpec& spec) {
    const QString what = QStringLiteral("network '%1'").arg(spec.name);
    if (spec.socketSwitch && spec.mode != NetworkMode::Internal)
        return makeError(ErrorCode::Unsupported,
                         what + QStringLiteral(": the socket switch is for internal networks"),
                         QStringLiteral("use --mode internal, or drop --switch socket"));
    if (spec.socketSwitch && spec.mtu != 1500)
        return makeError(ErrorCode::Unsupported,
                         what + QStringLiteral(": the socket switch carries 1500-byte frames"),
                         QStringLiteral("drop --mtu, or use --switch kernel"));
    if (spec.mtu < 576 || spec.mtu > 9000)
        return makeError(ErrorCode::InvalidArgument,
                         what + QStringLiteral(": MTU %1 is out of range").arg(spec.mtu),
                         QStringLiteral("use --mtu 576 to 9000 (1500 is Ethernet's)"));
    if (!spec.ipv6.isEmpty()) {
        if (spec.mode != NetworkMode::NatNetwork && spec.mode != NetworkMode::HostOnly)
            return makeError(
                ErrorCode::Unsupported,
                what + QStringLiteral(": IPv6 is for NAT and host-only networks"),
                spec.mode == NetworkMode::Bridged
                    ? QStringLiteral("a bridged guest gets IPv6 from its LAN's router; drop --ipv6")
                    : QStringLiteral("an internal network has no host side; drop --ipv6 (guests "
                                     "can still use link-local addresses)"));
        if (spec.mtu < 1280)
            return makeError(ErrorCode::InvalidArgument,
                             what + QStringLiteral(": IPv6 needs an MTU of at least 1280"),
                             QStringLiteral("raise --mtu or drop --ipv6"));
    }
    if (spec.mode == NetworkMode::Bridged && spec.mtu != 1500)
        return makeError(ErrorCode::Unsupported,
                         what + QStringLiteral(": a bridged network has its uplink's MTU"),
                         QStringLiteral("set the MTU on the host bridge; drop --mtu"));
    return {};
}

Status validateStaticLease(const NetworkSpec& spec, const StaticLease& lease) {
    const QString what = QStringLiteral("network '%1'").arg(spec.name);
    if (spec.mode == NetworkMode::Bridged || spec.mode == NetworkMode::Internal || !spec.dhcp)
        return makeError(ErrorCode::Unsupported,
                         what + QStringLiteral(" has no DHCP server of Vireo's"),
                         QStringLiteral("static leases are for NAT and host-only networks with "
                                        "DHCP; set the address in the guest instead"));
    static const QRegularExpression macRe(QStringLiteral("^[0-9a-f][02468ace](:[0-9a-f]{2}){5}$"));
    if (!macRe.match(lease.mac).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("MAC '%1' is not a unicast address").arg(lease.mac),
                         QStringLiteral("use the form 52:54:00:12:34:56 (lower case)"));
    QHostAddress ip;
    if (!ip.setAddress(lease.ip) || ip.protocol() != QAbstractSocket::IPv4Protocol ||
        !spec.subnet.contains(ip.toIPv4Address()) || lease.ip == spec.subnet.gateway() ||
        ip.toIPv4Address() == spec.subnet.network ||
        ip.toIPv4Address() == (spec.subnet.network | ~(~quint32(0) << (32 - spec.subnet.prefix))))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("address '%1' is not a guest address of network '%2'")
                             .arg(lease.ip, spec.name),
                         QStringLiteral("choose a host address in %1 other than the gateway %2")
                             .arg(spec.subnet.cidr(), spec.subnet.gateway()));
    static const QRegularExpression label(
        QStringLiteral("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$"));
    if (!lease.hostname.isEmpty() && !label.match(lease.hostname).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("host name '%1' is not a DNS label").arg(lease.hostname),
                         QStringLiteral("use letters, digits and '-' (up to 63)"));
    for (const auto& other : spec.staticLeases) {
        if (other.mac == lease.mac)
            return makeError(
                ErrorCode::AlreadyExists,
                what + QStringLiteral(" already has a lease for %1 (%2)").arg(lease.mac, other.ip),
                QStringLiteral("remove it first with 'vireoctl network lease %1 "
                               "remove %2'")
                    .arg(spec.name, lease.mac));
        if (other.ip == lease.ip)
            return makeError(
                ErrorCode::AlreadyExists,
                what + QStringLiteral(": %1 is already leased to %2").arg(lease.ip, other.mac),
                QStringLiteral("choose another address"));
    }
    return {};
}

Status validatePortForward(const NetworkSpec& spec, const QString& forward) {
    // "tcp:[HOSTADDR:]HOSTPORT:GUESTIP:GUESTPORT"; without HOSTADDR, every local address.
    static const QRegularExpression re(
        QStringLiteral("^(tcp|udp):(?:(\\d{1,3}(?:\\.\\d{1,3}){3}):)?(\\d{1,5}):"
                       "(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})$"));
    const auto m = re.match(forward);
    const QString fix = QStringLiteral("use tcp|udp:[HOSTADDR:]HOSTPORT:GUESTIP:GUESTPORT with the "
                                       "guest's address in %1")
                            .arg(spec.subnet.cidr());
    if (spec.mode != NetworkMode::NatNetwork)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("network '%1' is %2; port forwards need a NAT network")
                             .arg(spec.name, toString(spec.mode)),
                         QStringLiteral("use a nat-network, or hostfwd on a per-VM NAT NIC"));
    QHostAddress guest, host;
    const int hostPort = m.captured(3).toInt(), guestPort = m.captured(5).toInt();
    if (!m.hasMatch() || !guest.setAddress(m.captured(4)) ||
        (!m.captured(2).isEmpty() && !host.setAddress(m.captured(2))) || hostPort < 1 ||
        hostPort > 65535 || guestPort < 1 || guestPort > 65535 ||
        !spec.subnet.contains(guest.toIPv4Address()) || guest.toString() == spec.subnet.gateway())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("port forward '%1' is not valid for network '%2'")
                             .arg(forward, spec.name),
                         fix);
    return {};
}

QString forwardHostAddress(const QString& forward) {
    return forward.count(QLatin1Char(':')) == 4 ? forward.section(QLatin1Char(':'), 1, 1)
                                                : QString();
}

QString forwardHostPort(const QString& forward) {
    return forward.section(QLatin1Char(':'), -3, -3);
}

Result<DhcpRange> DhcpRange::parse(const QString& text, const Ipv4Subnet& subnet) {
    const QString fix = QStringLiteral("give two addresses of %1 other than the gateway, the "
                                       "first not above the second: --dhcp-range START-END")
                            .arg(subnet.cidr());
    const QStringList ends = text.split(QLatin1Char('-'));
    QHostAddress a, b;
    if (ends.size() != 2 || !a.setAddress(ends[0]) || !b.setAddress(ends[1]) ||
        a.protocol() != QAbstractSocket::IPv4Protocol ||
        b.protocol() != QAbstractSocket::IPv4Protocol)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("DHCP range '%1' is not START-END").arg(text), fix);
    const quint32 first = a.toIPv4Address(), last = b.toIPv4Address();
    const quint32 gateway = subnet.network + 1;
    const quint32 broadcast = subnet.network | ~(~quint32(0) << (32 - subnet.prefix));
    if (!subnet.contains(first) || !subnet.contains(last) || first > last ||
        (gateway >= first && gateway <= last) || first == subnet.network || last == broadcast)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("DHCP range '%1' does not fit subnet %2").arg(text, subnet.cidr()), fix);
    return DhcpRange{a.toString(), b.toString()};
}

QJsonArray staticLeasesToJson(const QVector<StaticLease>& leases) {
    QJsonArray out;
    for (const auto& l : leases)
        out.append(QJsonObject{{QStringLiteral("mac"), l.mac},
                               {QStringLiteral("ip"), l.ip},
                               {QStringLiteral("hostname"), l.hostname}});
    return out;
}

QJsonObject networkSpecToJson(const NetworkSpec& s) {
    return QJsonObject{
        {QStringLiteral("schema"), 1},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("mode"), toString(s.mode)},
        {QStringLiteral("subnet"), s.mode == NetworkMode::Bridged ? QString() : s.subnet.cidr()},
        {QStringLiteral("dhcp"), s.dhcp},
        {QStringLiteral("uplink"), s.uplink},
        {QStringLiteral("ownBridge"), s.ownBridge},
        {QStringLiteral("autostart"), s.autostart},
        {QStringLiteral("forwards"), QJsonArray::fromStringList(s.forwards)},
        {QStringLiteral("mtu"), s.mtu},
        {QStringLiteral("dhcpRange"), s.dhcpRange.isEmpty()
                                          ? QString()
                                          : s.dhcpRange.start + QLatin1Char('-') + s.dhcpRange.end},
        {QStringLiteral("ipv6"), s.ipv6.isEmpty() ? QString() : s.ipv6.cidr()},
        {QStringLiteral("staticLeases"), staticLeasesToJson(s.staticLeases)},
        {QStringLiteral("switch"), s.dpdk           ? QStringLiteral("dpdk")
                                   : s.socketSwitch ? QStringLiteral("socket")
                                                    : QStringLiteral("kernel")},
        {QStringLiteral("cores"), s.cores},
        {QStringLiteral("hugepages"), s.hugepages},
        {QStringLiteral("busyPoll"), s.busyPoll}};
}

Status validateDpdkOptions(const NetworkSpec& spec) {
    if (!spec.dpdk) return {};
    const QString what = QStringLiteral("network '%1'").arg(spec.name);
    if (spec.mode == NetworkMode::Bridged && spec.ownBridge)
        return makeError(ErrorCode::InvalidArgument,
                         what + QStringLiteral(": --create-bridge makes a kernel bridge, and a "
                                               "DPDK switch takes the NIC itself"),
                         QStringLiteral("drop --create-bridge (the switch's uplink is the NIC)"));
    if (spec.hugepages != 0 && (spec.hugepages < 16 || spec.hugepages > 16384))
        return makeError(
            ErrorCode::InvalidArgument,
            what + QStringLiteral(": %1 hugepages is out of range").arg(spec.hugepages),
            QStringLiteral("reserve 16 to 16384 pages of 2 MiB (64 is plenty), or 0 for "
                           "plain memory"));
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
    s.ownBridge = o.value(QStringLiteral("ownBridge")).toBool();
    s.autostart = o.value(QStringLiteral("autostart")).toBool();
    for (const auto& f : o.value(QStringLiteral("forwards")).toArray())
        s.forwards.append(f.toString());
    s.mtu = o.value(QStringLiteral("mtu")).toInt(1500);
    if (const QString range = o.value(QStringLiteral("dhcpRange")).toString(); !range.isEmpty()) {
        auto parsed = DhcpRange::parse(range, s.subnet);
        if (!parsed)
            return makeError(ErrorCode::Corrupt,
                             QStringLiteral("%1: %2").arg(origin, parsed.error().message), fix);
        s.dhcpRange = *parsed;
    }
    if (const QString v6 = o.value(QStringLiteral("ipv6")).toString(); !v6.isEmpty()) {
        auto prefix = Ipv6Prefix::parse(v6);
        if (!prefix)
            return makeError(ErrorCode::Corrupt,
                             QStringLiteral("%1: %2").arg(origin, prefix.error().message), fix);
        s.ipv6 = *prefix;
    }
    for (const auto& v : o.value(QStringLiteral("staticLeases")).toArray()) {
        const QJsonObject l = v.toObject();
        s.staticLeases.append({l.value(QStringLiteral("mac")).toString(),
                               l.value(QStringLiteral("ip")).toString(),
                               l.value(QStringLiteral("hostname")).toString()});
    }
    s.dpdk = o.value(QStringLiteral("switch")).toString() == QLatin1String("dpdk");
    s.socketSwitch = o.value(QStringLiteral("switch")).toString() == QLatin1String("socket");
    s.cores = o.value(QStringLiteral("cores")).toString();
    s.hugepages = o.value(QStringLiteral("hugepages")).toInt(64);
    s.busyPoll = o.value(QStringLiteral("busyPoll")).toBool();
    return s;
}

} // namespace vireo
