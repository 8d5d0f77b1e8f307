#include "sandbox/SandboxNetworking.h"

#include "sandbox/SandboxNat.h"

#include "network/HelperClient.h"
#include "network/VirtualNetworks.h"
#include "store/AtomicFile.h"
#include "store/FileLock.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QStandardPaths>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace vireo {

namespace {

// A veth pair from a Vireo network's bridge into the sandbox: eth0 inside, with an address
// of the network's subnet (a default route through the host when the network has one).
// Addresses are handed out from the top of the lower half of the subnet (DHCP owns the
// upper half), recorded with the runtime's pid in the network's run folder under a lock.
class VethAttachment final : public SandboxNetworkAttachment {
public:
    // `dnsBridge`: the network's bridge when its dnsmasq should answer the sandboxes' names.
    VethAttachment(QString veth, QString address, QString leases, QString dnsBridge)
        : m_veth(std::move(veth)), m_address(std::move(address)), m_leases(std::move(leases)),
          m_dnsBridge(std::move(dnsBridge)) {}
    ~VethAttachment() override {
        (void)HelperClient::run({QStringLiteral("veth-down"), m_veth});
        (void)releaseAddress(m_leases, m_address);
        (void)publishNames(m_leases, m_dnsBridge);
    }
    QString address() const override { return m_address; }

    struct Lease {
        QString address; // ADDR/PREFIX
        QString sandbox;
        qint64 pid = 0;
    };

    static QList<Lease> readLeases(const QString& file) {
        QList<Lease> out;
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) return out;
        for (const auto& line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
            const auto parts = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (parts.size() != 3) continue;
            const qint64 pid = parts[2].toLongLong();
            // A runtime that died (kill -9) left its line: its address is free again.
            if (pid <= 0 || !QFile::exists(QStringLiteral("/proc/%1").arg(pid))) continue;
            out.append({parts[0], parts[1], pid});
        }
        return out;
    }

    static Status writeLeases(const QString& file, const QList<Lease>& leases) {
        QByteArray text;
        for (const auto& l : leases)
            text += QStringLiteral("%1 %2 %3\n").arg(l.address, l.sandbox).arg(l.pid).toUtf8();
        return writeFileAtomically(file, text);
    }

    static Status releaseAddress(const QString& file, const QString& address) {
        auto lock = FileLock::acquire(file + QStringLiteral(".lock"),
                                      QStringLiteral("the network's sandbox addresses"), 5000);
        if (!lock) return lock.error();
        QList<Lease> leases = readLeases(file);
        leases.removeIf([&](const Lease& l) { return l.address == address; });
        return writeLeases(file, leases);
    }

    // NAME.vireo.internal for every sandbox on the network, through its dnsmasq.
    static Status publishNames(const QString& file, const QString& dnsBridge) {
        if (dnsBridge.isEmpty()) return {};
        QByteArray hosts;
        for (const auto& l : readLeases(file))
            hosts += QStringLiteral("%1 %2\n")
                         .arg(l.address.section(QLatin1Char('/'), 0, 0), l.sandbox)
                         .toUtf8();
        const QString runDir = QFileInfo(file).path();
        VIREO_TRY(writeFileAtomically(runDir + QStringLiteral("/sandbox-hosts"), hosts));
        return HelperClient::run({QStringLiteral("dns-hosts"), dnsBridge, runDir});
    }

private:
    QString m_veth;
    QString m_address;
    QString m_leases;
    QString m_dnsBridge;
};

quint32 ipv4(const QString& text) {
    return QHostAddress(text.section(QLatin1Char('/'), 0, 0)).toIPv4Address();
}

// Picks (or checks) the sandbox's address and records it; returns ADDR/PREFIX.
Result<QString> leaseAddress(const SandboxSpec& spec, const NetworkSpec& net, const QString& file) {
    auto lock = FileLock::acquire(file + QStringLiteral(".lock"),
                                  QStringLiteral("network '%1'").arg(net.name), 5000);
    if (!lock) return lock.error();
    QList<VethAttachment::Lease> leases = VethAttachment::readLeases(file);
    const auto taken = [&](quint32 a) {
        for (const auto& l : leases)
            if (ipv4(l.address) == a) return true;
        return false;
    };
    const quint32 gateway = ipv4(net.subnet.gateway());
    const quint32 dhcpStart = ipv4(net.subnet.dhcpStart());
    quint32 chosen = 0;
    if (!spec.address.isEmpty()) {
        chosen = ipv4(spec.address);
        if (!chosen || !net.subnet.contains(chosen) || chosen == gateway ||
            chosen == net.subnet.network)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("address %1 is not a host address of network '%2' "
                                            "(%3)")
                                 .arg(spec.address, net.name, net.subnet.cidr()),
                             QStringLiteral("pick one in %1 other than %2")
                                 .arg(net.subnet.cidr(), net.subnet.gateway()));
        if (taken(chosen))
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("address %1 on network '%2' is in use by another "
                                            "sandbox")
                                 .arg(spec.address, net.name),
                             QStringLiteral("pick another --ip, or leave it out"));
    } else {
        for (quint32 a = dhcpStart - 1; a > gateway; --a)
            if (!taken(a)) {
                chosen = a;
                break;
            }
        if (!chosen)
            return makeError(
                ErrorCode::Busy,
                QStringLiteral("network '%1' has no free address for a sandbox").arg(net.name),
                QStringLiteral("stop a sandbox on it, or give a larger subnet"));
    }
    const QString address =
        QStringLiteral("%1/%2").arg(QHostAddress(chosen).toString()).arg(net.subnet.prefix);
    leases.append({address, spec.name, ::getpid()});
    VIREO_TRY(VethAttachment::writeLeases(file, leases));
    return address;
}

Result<std::unique_ptr<SandboxNetworkAttachment>>
attachVireoNetwork(const SandboxSpec& spec, pid_t pid, const QString& libraryRoot) {
    const Library library(libraryRoot);
    const VirtualNetworks networks(library);
    auto net = networks.load(spec.networkName);
    if (!net) return net.error();
    if (net->mode == NetworkMode::Bridged || net->dpdk)
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("sandbox '%1': network '%2' is %3; sandboxes join "
                           "kernel-bridge networks only")
                .arg(spec.name, net->name,
                     net->dpdk ? QStringLiteral("a DPDK network") : QStringLiteral("bridged")),
            QStringLiteral("use an internal, host-only or NAT network, or "
                           "--network nat"));
    bool active = false;
    for (const auto& status : networks.list())
        if (status.spec.name == net->name) active = status.active;
    if (!active) VIREO_TRY(networks.start(net->name));

    const QString runDir = networks.runDir(net->name);
    QDir().mkpath(runDir);
    const QString leases = runDir + QStringLiteral("/sandbox-addresses");
    auto address = leaseAddress(spec, *net, leases);
    if (!address) return address.error();
    const QByteArray id = QCryptographicHash::hash(
        (library.root() + QLatin1Char('/') + spec.name).toUtf8(), QCryptographicHash::Sha1);
    const QString veth = QStringLiteral("visb") + QString::fromLatin1(id.toHex().left(8));
    const bool hasDns = net->dhcp && net->mode != NetworkMode::Internal;
    const QString bridge = networks.bridgeName(net->name);
    auto attachment =
        std::make_unique<VethAttachment>(veth, *address, leases, hasDns ? bridge : QString());
    const QString gateway =
        net->mode == NetworkMode::Internal ? QStringLiteral("none") : net->subnet.gateway();
    VIREO_TRY(HelperClient::run({QStringLiteral("veth-up"), veth, bridge, QString::number(pid),
                                 QString::number(net->mtu), *address, gateway}));
    // A name that does not resolve is no reason to fail the start.
    (void)VethAttachment::publishNames(leases, hasDns ? bridge : QString());
    return std::unique_ptr<SandboxNetworkAttachment>(std::move(attachment));
}

} // namespace

Result<std::unique_ptr<SandboxNetworkAttachment>>
attachSandboxNetwork(const SandboxSpec& spec, pid_t pid, const QString& libraryRoot) {
    switch (spec.network) {
    case SandboxNetwork::None:
        return std::unique_ptr<SandboxNetworkAttachment>();
    case SandboxNetwork::Nat: {
        const QString pasta = QStandardPaths::findExecutable(QStringLiteral("pasta"));
        if (!pasta.isEmpty()) return attachPasta(spec, pid, pasta);
        const QString slirp = QStandardPaths::findExecutable(QStringLiteral("slirp4netns"));
        if (!slirp.isEmpty()) return attachSlirp4netns(spec, pid, slirp);
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("sandbox '%1': --network nat needs pasta or slirp4netns").arg(spec.name),
            QStringLiteral("install the passt package, or use --network none"));
    }
    case SandboxNetwork::Named:
        return attachVireoNetwork(spec, pid, libraryRoot);
    }
    return std::unique_ptr<SandboxNetworkAttachment>();
}

QByteArray sandboxResolvConf(const SandboxSpec& spec, const QString& libraryRoot) {
    if (spec.network == SandboxNetwork::Named) {
        auto net = VirtualNetworks(Library(libraryRoot)).load(spec.networkName);
        if (!net || !net->dhcp || net->mode == NetworkMode::Internal) return {};
        return QStringLiteral("nameserver %1\nsearch vireo.internal\n")
            .arg(net->subnet.gateway())
            .toUtf8();
    }
    if (spec.network != SandboxNetwork::Nat) return {};
    QFile hostConf(QStringLiteral("/etc/resolv.conf"));
    if (!hostConf.open(QIODevice::ReadOnly)) return {};
    QByteArray out;
    bool resolver = false;
    for (const QByteArray& raw : hostConf.readAll().split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.startsWith("nameserver")) {
            const QHostAddress address(QString::fromLatin1(line.mid(10).trimmed()));
            if (address.isNull() || address.isLoopback()) continue;
            resolver = true;
        } else if (!line.startsWith("search") && !line.startsWith("options")) {
            continue;
        }
        out += line + '\n';
    }
    return resolver ? out : QByteArray();
}

} // namespace vireo
