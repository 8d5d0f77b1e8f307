#include "network/VirtualNetworks.h"

#include "network/DpdkSwitch.h"
#include "network/HelperClient.h"
#include "network/UplinkChecks.h"
#include "qemu/QemuCommandBuilder.h"
#include "spec/VmSpecValidation.h"
#include "store/AtomicFile.h"
#include "store/FileLock.h"
#include "vm/VmRuntime.h"

#include <QCryptographicHash>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <algorithm>
#include <functional>

namespace vireo {

namespace {

QString shortHash(const QString& text) {
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
}

int interfaceMtu(const QString& name) {
    QFile f(QStringLiteral("/sys/class/net/%1/mtu").arg(name));
    const int mtu = f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toInt() : 0;
    return mtu > 0 ? mtu : 1500;
}

Error noSuchNetwork(const QString& name) {
    return makeError(
        ErrorCode::NotFound, QStringLiteral("network '%1' does not exist").arg(name),
        QStringLiteral("create it with 'vireoctl network create %1 --mode ...'").arg(name));
}

} // namespace

QString VirtualNetworks::specPath(const QString& name) const {
    return m_library.root() + QStringLiteral("/.networks/") + name + QStringLiteral(".json");
}

QString VirtualNetworks::bridgeName(const QString& network) const {
    return QStringLiteral("vibr") + shortHash(m_library.root() + QLatin1Char('\n') + network);
}

QString VirtualNetworks::tapNameOf(const VmSpec& vm, int nicIndex) {
    return QStringLiteral("vitp") + shortHash(vm.uuid.toString() + QString::number(nicIndex));
}

QStringList VirtualNetworks::guestAddresses(const VmSpec& vm) const {
    QStringList addresses;
    for (const auto& nic : vm.nics) {
        if (nic.network == QLatin1String("user")) {
            // QEMU's user-mode DHCP gives its only client the first address of 10.0.2.0/24.
            addresses << QStringLiteral("10.0.2.15");
            continue;
        }
        // dnsmasq lease lines: "EXPIRY MAC IP HOSTNAME CLIENT-ID".
        QFile leases(runDir(nic.network) + QStringLiteral("/leases"));
        if (!leases.open(QIODevice::ReadOnly)) continue;
        for (const QByteArray& line : leases.readAll().split('\n')) {
            const QList<QByteArray> f = line.split(' ');
            if (f.size() >= 3 &&
                QString::fromLatin1(f[1]).compare(nic.mac, Qt::CaseInsensitive) == 0)
                addresses << QString::fromLatin1(f[2]);
        }
    }
    return addresses;
}

QVector<DhcpLease> VirtualNetworks::leases(const QString& network) const {
    QVector<DhcpLease> out;
    QFile file(runDir(network) + QStringLiteral("/leases"));
    if (!file.open(QIODevice::ReadOnly)) return out;
    QHash<QString, QString> owners; // MAC -> VM
    for (const QString& name : m_library.vmNames())
        if (auto spec = m_library.load(name))
            for (const auto& nic : spec->nics)
                if (nic.network == network) owners.insert(nic.mac.toLower(), name);
    // "EXPIRY MAC IP HOSTNAME CLIENT-ID"; a hostname of "*" means none was sent.
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QList<QByteArray> f = line.split(' ');
        if (f.size() < 4) continue;
        DhcpLease l;
        l.expires = QDateTime::fromSecsSinceEpoch(f[0].toLongLong());
        l.mac = QString::fromLatin1(f[1]).toLower();
        l.ip = QString::fromLatin1(f[2]);
        l.hostname = f[3] == "*" ? QString() : QString::fromUtf8(f[3]);
        l.vm = owners.value(l.mac);
        out.append(l);
    }
    std::sort(out.begin(), out.end(),
              [](const DhcpLease& a, const DhcpLease& b) { return a.expires < b.expires; });
    return out;
}

Ipv4Subnet VirtualNetworks::freeSubnet() const {
    const QVector<NetworkStatus> all = list();
    for (int n = 1; n < 255; ++n) {
        auto candidate = Ipv4Subnet::parse(QStringLiteral("10.80.%1.0/24").arg(n));
        bool taken = false;
        for (const auto& other : all)
            taken |=
                other.spec.mode != NetworkMode::Bridged && other.spec.subnet.overlaps(*candidate);
        if (!taken) return *candidate;
    }
    return *Ipv4Subnet::parse(QStringLiteral("10.81.0.0/24"));
}

QString VirtualNetworks::runDir(const QString& network) const {
    return VmRuntime::runtimeRoot() + QStringLiteral("/net/") + bridgeName(network);
}

Result<NetworkSpec> VirtualNetworks::load(const QString& name) const {
    VIREO_TRY(validateNetworkName(name));
    if (!QFileInfo::exists(specPath(name))) return noSuchNetwork(name);
    auto bytes = readWholeFile(specPath(name));
    if (!bytes) return bytes.error();
    return networkSpecFromJson(*bytes, specPath(name));
}

QVector<NetworkStatus> VirtualNetworks::list() const {
    QVector<NetworkStatus> out;
    const auto files = QDir(m_library.root() + QStringLiteral("/.networks"))
                           .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const auto& f : files) {
        auto spec = load(f.chopped(5));
        if (!spec) continue;
        NetworkStatus st;
        st.spec = *spec;
        st.bridge = spec->socketSwitch ? QString() : hostBridge(*spec);
        // A socket switch has nothing on the host to bring up: it is always there.
        st.active = spec->socketSwitch || interfaceExists(st.bridge);
        if (spec->dpdk) {
            st.switchRunning = DpdkSwitch(runDir(spec->name)).running();
            st.fallback = fallbackReason(spec->name);
            // A bridged one's "bridge" is its uplink NIC, there whether or not it runs.
            st.active = st.switchRunning || (spec->mode != NetworkMode::Bridged && st.active);
        }
        out.append(st);
    }
    return out;
}

// A bridged DPDK network's uplink: a NIC of this host the switch sends and receives on
// through a packet socket (DPDK's af_packet), alone, in place of a bridge.
Status VirtualNetworks::create(const NetworkSpec& spec) const {
    VIREO_TRY(validateNetworkName(spec.name));
    VIREO_TRY(validateDpdkOptions(spec));
    VIREO_TRY(validateNetworkOptions(spec));
    const QString what = QStringLiteral("network '%1'").arg(spec.name);
    if (spec.mode == NetworkMode::Bridged && (spec.dpdk || spec.ownBridge)) {
        QVector<NetworkSpec> others;
        for (const auto& other : list())
            others.append(other.spec);
        VIREO_TRY(checkUplinkToTake(spec, others));
    } else if (spec.mode == NetworkMode::Bridged) {
        if (spec.uplink.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             what + QStringLiteral(": bridged mode needs --uplink"),
                             QStringLiteral("name an existing host bridge, e.g. --uplink br0"));
        if (!interfaceExists(spec.uplink))
            return makeError(ErrorCode::NotFound,
                             what + QStringLiteral(": uplink '%1' does not exist").arg(spec.uplink),
                             QStringLiteral("see 'ip link' for the host's interfaces"));
        if (!isHostBridge(spec.uplink))
            return makeError(
                ErrorCode::Unsupported,
                what + QStringLiteral(": uplink '%1' is not a bridge").arg(spec.uplink),
                QStringLiteral("add --create-bridge to have Vireo bridge it (its addresses move "
                               "to the bridge), or name an existing bridge"));
    }
    if (!QDir().mkpath(m_library.root() + QStringLiteral("/.networks")))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create %1/.networks").arg(m_library.root()));
    auto lock = FileLock::acquire(m_library.root() + QStringLiteral("/.networks/.lock"),
                                  QStringLiteral("the network list"), 15000);
    if (!lock) return lock.error();
    if (QFileInfo::exists(specPath(spec.name)))
        return makeError(ErrorCode::AlreadyExists, what + QStringLiteral(" already exists"),
                         QStringLiteral("choose another name or delete it first"));
    if (spec.mode != NetworkMode::Bridged)
        for (const auto& other : list()) {
            if (other.spec.mode != NetworkMode::Bridged && other.spec.subnet.overlaps(spec.subnet))
                return makeError(
                    ErrorCode::InvalidArgument,
                    what + QStringLiteral(": subnet %1 overlaps network '%2' (%3)")
                               .arg(spec.subnet.cidr(), other.spec.name, other.spec.subnet.cidr()),
                    QStringLiteral("choose another --subnet"));
            if (spec.ipv6.overlaps(other.spec.ipv6))
                return makeError(ErrorCode::InvalidArgument,
                                 what + QStringLiteral(": IPv6 prefix %1 is network '%2''s")
                                            .arg(spec.ipv6.cidr(), other.spec.name),
                                 QStringLiteral("choose another --ipv6 prefix (or auto)"));
        }
    return writeFileAtomically(specPath(spec.name),
                               QJsonDocument(networkSpecToJson(spec)).toJson());
}

QVector<VmSpec> VirtualNetworks::vmsOn(const QString& network) const {
    QVector<VmSpec> users;
    for (const auto& vmName : m_library.vmNames()) {
        auto vm = m_library.load(vmName);
        if (vm && std::any_of(vm->nics.begin(), vm->nics.end(),
                              [&](const NicSpec& nic) { return nic.network == network; }))
            users.append(*vm);
    }
    return users;
}

Status VirtualNetworks::writeDhcpHosts(const NetworkSpec& spec) const {
    // "MAC,IP,NAME" lines (IP or NAME may be empty). Every VM NIC on this network is known
    // to dnsmasq by its VM name, so guests resolve each other as NAME.vireo.internal; a
    // static lease adds a fixed address (and may name a MAC no VM of the library has).
    QHash<QString, QString> vmOfMac;
    for (const auto& vm : vmsOn(spec.name))
        for (const auto& nic : vm.nics)
            if (nic.network == spec.name) vmOfMac.insert(nic.mac.toLower(), vm.name);
    QByteArray hosts;
    for (const auto& lease : spec.staticLeases) {
        const QString name = lease.hostname.isEmpty() ? vmOfMac.value(lease.mac) : lease.hostname;
        hosts += QStringLiteral("%1,%2,%3\n").arg(lease.mac, lease.ip, name).toUtf8();
        vmOfMac.remove(lease.mac);
    }
    for (auto it = vmOfMac.cbegin(); it != vmOfMac.cend(); ++it)
        hosts += QStringLiteral("%1,,%2\n").arg(it.key(), it.value()).toUtf8();
    QDir().mkpath(runDir(spec.name));
    return writeFileAtomically(runDir(spec.name) + QStringLiteral("/hosts"), hosts);
}

Status VirtualNetworks::start(const QString& name) const {
    auto spec = load(name);
    if (!spec) return spec.error();
    if (spec->socketSwitch) return {};
    if (spec->mode == NetworkMode::Bridged && !spec->dpdk) {
        if (spec->ownBridge) {
            if (isHostBridge(bridgeName(name))) return {};
            if (!interfaceExists(spec->uplink))
                return makeError(
                    ErrorCode::NotFound,
                    QStringLiteral("network '%1': NIC '%2' is gone").arg(name, spec->uplink),
                    QStringLiteral("plug it back in or delete the network"));
            return HelperClient::run(
                {QStringLiteral("uplink-bridge-up"), bridgeName(name), spec->uplink});
        }
        if (!isHostBridge(spec->uplink))
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("network '%1': uplink bridge '%2' is gone").arg(name, spec->uplink),
                QStringLiteral("recreate the host bridge or delete the network"));
        return {};
    }
    if (spec->dpdk) {
        if (DpdkSwitch::programPath().isEmpty() && spec->mode == NetworkMode::Bridged)
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("network '%1': a bridged DPDK network needs "
                                            "vireo-switch, which is not installed")
                                 .arg(name),
                             QStringLiteral("install Vireo with DPDK support, or recreate it as "
                                            "--mode bridged --uplink %1 --create-bridge")
                                 .arg(spec->uplink));
        if (DpdkSwitch::programPath().isEmpty()) {
            // Same network, same guests' view; only slower. Said once, on start.
            QDir().mkpath(runDir(name));
            (void)writeFileAtomically(
                runDir(name) + QStringLiteral("/fallback"),
                QByteArrayLiteral("vireo-switch (DPDK) is not installed; the network runs on a "
                                  "kernel bridge"));
        } else {
            Status started = DpdkSwitch(runDir(name)).start(*spec);
            if (started && spec->mode != NetworkMode::Internal &&
                spec->mode != NetworkMode::Bridged)
                started = hostPortUp(*spec);
            if (!started) (void)tearDown(*spec);
            return started;
        }
    }
    // Half a network is worse than none: undo what was made if a step fails.
    Status made = bringUp(*spec);
    if (!made) {
        (void)tearDown(*spec);
        return made;
    }
    // Written last: a network whose bridge exists without it was cut short (a crash
    // between two steps) and is brought up again by the next VM start.
    QDir().mkpath(runDir(name));
    return writeFileAtomically(runDir(name) + QStringLiteral("/complete"), QByteArray());
}

Status VirtualNetworks::bringUp(const NetworkSpec& spec) const {
    const QString br = bridgeName(spec.name);
    const QString address =
        spec.mode == NetworkMode::Internal
            ? QStringLiteral("none")
            : QStringLiteral("%1/%2").arg(spec.subnet.gateway()).arg(spec.subnet.prefix);
    QStringList bridgeUp{QStringLiteral("bridge-up"), br, address, QString::number(spec.mtu)};
    if (!spec.ipv6.isEmpty()) bridgeUp << spec.ipv6.gateway() + QStringLiteral("/64");
    VIREO_TRY(HelperClient::run(bridgeUp));
    VIREO_TRY(applyFirewall(spec));
    if (spec.dhcp && spec.mode != NetworkMode::Internal) VIREO_TRY(startDhcp(spec));
    return {};
}

Status VirtualNetworks::hostPortUp(const NetworkSpec& spec) const {
    VIREO_TRY(HelperClient::run(
        {QStringLiteral("host-port-up"), bridgeName(spec.name),
         QStringLiteral("%1/%2").arg(spec.subnet.gateway()).arg(spec.subnet.prefix),
         QString::number(spec.mtu)}));
    VIREO_TRY(applyFirewall(spec));
    if (spec.dhcp) VIREO_TRY(startDhcp(spec));
    return {};
}

Status VirtualNetworks::applyFirewall(const NetworkSpec& spec) const {
    QStringList args{QStringLiteral("firewall-up"), tableName(spec.name), toString(spec.mode),
                     bridgeName(spec.name), spec.subnet.cidr()};
    args << spec.forwards;
    return HelperClient::run(args);
}

Status VirtualNetworks::saveSpec(const NetworkSpec& spec) const {
    return writeFileAtomically(specPath(spec.name),
                               QJsonDocument(networkSpecToJson(spec)).toJson());
}

Status VirtualNetworks::addForward(const QString& name, const QString& forward) const {
    return changeSpec(name, [&](NetworkSpec& spec) -> Status {
        VIREO_TRY(validatePortForward(spec, forward));
        const QString proto = forward.section(QLatin1Char(':'), 0, 0);
        const QString port = forwardHostPort(forward), address = forwardHostAddress(forward);
        // Two forwards of one port clash unless both name different host addresses.
        for (const auto& other : list())
            for (const auto& f : other.spec.forwards)
                if (f.section(QLatin1Char(':'), 0, 0) == proto && forwardHostPort(f) == port &&
                    (address.isEmpty() || forwardHostAddress(f).isEmpty() ||
                     address == forwardHostAddress(f)))
                    return makeError(
                        ErrorCode::AlreadyExists,
                        QStringLiteral("host port %1/%2 is already forwarded by network '%3' (%4)")
                            .arg(port, proto, other.spec.name, f),
                        QStringLiteral("choose another host port or remove that forward first"));
        spec.forwards << forward;
        if (interfaceExists(bridgeName(name))) VIREO_TRY(applyFirewall(spec));
        return {};
    });
}

Status VirtualNetworks::removeForward(const QString& name, const QString& forward) const {
    return changeSpec(name, [&](NetworkSpec& spec) -> Status {
        if (!spec.forwards.removeOne(forward))
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("network '%1' has no port forward '%2'").arg(name, forward),
                QStringLiteral("see 'vireoctl network list --json'"));
        if (interfaceExists(bridgeName(name))) VIREO_TRY(applyFirewall(spec));
        return {};
    });
}

int VirtualNetworks::nicMtu(const NetworkSpec& spec) const {
    return spec.mode == NetworkMode::Bridged ? interfaceMtu(hostBridge(spec)) : spec.mtu;
}

QVector<int> VirtualNetworks::nicMtus(const VmSpec& vm) const {
    QVector<int> mtus;
    for (const auto& nic : vm.nics) {
        int mtu = 1500;
        if (nic.network != QLatin1String("user"))
            if (auto spec = load(nic.network)) mtu = nicMtu(*spec);
        mtus << mtu;
    }
    return mtus;
}

Status VirtualNetworks::changeSpec(const QString& name,
                                   const std::function<Status(NetworkSpec&)>& change) const {
    auto lock = FileLock::acquire(m_library.root() + QStringLiteral("/.networks/.lock"),
                                  QStringLiteral("the network list"), 15000);
    if (!lock) return lock.error();
    auto spec = load(name);
    if (!spec) return spec.error();
    VIREO_TRY(change(*spec));
    return saveSpec(*spec);
}

Status VirtualNetworks::setAutostart(const QString& name, bool on) const {
    return changeSpec(name, [&](NetworkSpec& spec) -> Status {
        spec.autostart = on;
        return {};
    });
}

// dnsmasq reads its host list (VM names, static leases) on start: a guest gets a new
// address on its next DHCP request (renewal, reboot or link change).
Status VirtualNetworks::restartDhcpIfActive(const QString& name) const {
    auto spec = load(name);
    if (!spec) return spec.error();
    if (!spec->dhcp || spec->mode == NetworkMode::Internal || spec->mode == NetworkMode::Bridged ||
        !interfaceExists(bridgeName(name)))
        return {};
    return startDhcp(*spec);
}

Status VirtualNetworks::addStaticLease(const QString& name, StaticLease lease) const {
    lease.mac = lease.mac.toLower();
    VIREO_TRY(changeSpec(name, [&](NetworkSpec& spec) -> Status {
        VIREO_TRY(validateStaticLease(spec, lease));
        spec.staticLeases.append(lease);
        return {};
    }));
    return restartDhcpIfActive(name);
}

Status VirtualNetworks::removeStaticLease(const QString& name, const QString& mac) const {
    VIREO_TRY(changeSpec(name, [&](NetworkSpec& spec) -> Status {
        const auto before = spec.staticLeases.size();
        spec.staticLeases.removeIf(
            [&](const StaticLease& l) { return l.mac.compare(mac, Qt::CaseInsensitive) == 0; });
        if (spec.staticLeases.size() == before)
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("network '%1' has no static lease for %2").arg(name, mac),
                QStringLiteral("see 'vireoctl network list --json'"));
        return {};
    }));
    return restartDhcpIfActive(name);
}

bool VirtualNetworks::isComplete(const NetworkSpec& spec) const {
    if (spec.mode == NetworkMode::Bridged || (spec.dpdk && fallbackReason(spec.name).isEmpty()))
        return false; // start() checks these itself, cheaply
    return interfaceExists(bridgeName(spec.name)) &&
           QFileInfo::exists(runDir(spec.name) + QStringLiteral("/complete"));
}

QString VirtualNetworks::hostBridge(const NetworkSpec& spec) const {
    return spec.mode == NetworkMode::Bridged && !spec.ownBridge ? spec.uplink
                                                                : bridgeName(spec.name);
}

QString VirtualNetworks::vlanBridgeName(const QString& network, const QString& vlan) const {
    return QStringLiteral("vibr") + shortHash(m_library.root() + QLatin1Char('\n') + network +
                                              QStringLiteral("\nvlan ") + vlan);
}

Result<QString> VirtualNetworks::portBridge(const NetworkSpec& spec, const QString& vlan) const {
    if (spec.mode == NetworkMode::Bridged) {
        if (!vlan.isEmpty())
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("bridged network '%1' cannot tag VLANs").arg(spec.name),
                             QStringLiteral("tag the VLAN on the host (a VLAN interface in the "
                                            "uplink bridge), or drop vlan= on this NIC"));
        return hostBridge(spec);
    }
    // VLAN 1 is the untagged one, as on the DPDK switch.
    if (vlan.isEmpty() || vlan == QLatin1String("1")) return bridgeName(spec.name);
    if (vlan.startsWith(QLatin1String("trunk:")))
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("network '%1' cannot carry a VLAN trunk (%2)").arg(spec.name, vlan),
            QStringLiteral("trunks need a DPDK network (network create ... --switch "
                           "dpdk); on a kernel network a NIC joins one VLAN: vlan=ID"));
    // An access VLAN is a bridge of its own beside the network's: the same isolation a
    // VLAN-aware switch gives, on any kernel (no 8021q or bridge VLAN filtering needed).
    const QString bridge = vlanBridgeName(spec.name, vlan);
    VIREO_TRY(HelperClient::run({QStringLiteral("vlan-bridge-up"), bridge, bridgeName(spec.name),
                                 vlan, QString::number(spec.mtu)}));
    return bridge;
}

Status VirtualNetworks::startDhcp(const NetworkSpec& spec) const {
    VIREO_TRY(writeDhcpHosts(spec));
    QStringList args{QStringLiteral("dhcp-up"),
                     bridgeName(spec.name),
                     spec.subnet.gateway(),
                     spec.effectiveDhcpRange().start,
                     spec.effectiveDhcpRange().end,
                     runDir(spec.name),
                     spec.mode == NetworkMode::NatNetwork ? QStringLiteral("router")
                                                          : QStringLiteral("no-router")};
    if (spec.mtu != 1500) args << QStringLiteral("mtu=%1").arg(spec.mtu);
    if (!spec.ipv6.isEmpty()) args << QStringLiteral("ipv6=") + spec.ipv6.cidr();
    return HelperClient::run(args);
}

Status VirtualNetworks::tearDown(const NetworkSpec& spec) const {
    const QString& name = spec.name;
    // Every step runs even if an earlier one failed, so a retry has less to do.
    Status result = DpdkSwitch(runDir(name)).stop();
    // An internal network on the DPDK switch made nothing in the kernel (no bridge, DHCP or
    // firewall): its user needs no privilege to stop it either.
    const bool switchOnly =
        spec.dpdk && spec.mode == NetworkMode::Internal && fallbackReason(name).isEmpty();
    if (!switchOnly)
        for (const QStringList& op : {QStringList{QStringLiteral("dhcp-down"), runDir(name)},
                                      QStringList{QStringLiteral("firewall-down"), tableName(name)},
                                      QStringList{QStringLiteral("bridge-down"), bridgeName(name)}})
            if (auto s = HelperClient::run(op); !s && result.ok()) result = s;
    QDir(runDir(name)).removeRecursively();
    return result;
}

Status VirtualNetworks::stop(const QString& name) const {
    auto spec = load(name);
    if (!spec) return spec.error();
    for (const auto& vm : vmsOn(name))
        if (VmRuntime(m_library, vm).livePid() != 0)
            return makeError(
                ErrorCode::InvalidState,
                QStringLiteral("network '%1' is in use by running VM '%2'").arg(name, vm.name),
                QStringLiteral("stop the VM first"));
    if (spec->socketSwitch) return {};
    if (spec->mode == NetworkMode::Bridged && !spec->dpdk) {
        if (!spec->ownBridge || !interfaceExists(bridgeName(name))) return {};
        // The NIC gets its MAC, addresses and routes back; the VMs' taps go with the bridge.
        return HelperClient::run(
            {QStringLiteral("uplink-bridge-down"), bridgeName(name), spec->uplink});
    }
    return tearDown(*spec);
}

QString VirtualNetworks::tableName(const QString& network) const {
    return QStringLiteral("vireo_") + bridgeName(network).mid(4);
}

Status VirtualNetworks::remove(const QString& name) const {
    auto spec = load(name);
    if (!spec) return spec.error();
    if (const auto users = vmsOn(name); !users.isEmpty())
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("network '%1' is used by VM '%2'").arg(name, users.first().name),
            QStringLiteral("move the VM's NIC to another network or delete the VM first"));
    VIREO_TRY(stop(name));
    QFile::remove(specPath(name));
    return {};
}

} // namespace vireo
