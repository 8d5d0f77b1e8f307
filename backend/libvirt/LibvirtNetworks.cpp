#include "libvirt/LibvirtNetworks.h"

#include "spec/VmSpecValidation.h"

#include <QDateTime>
#include <QJsonObject>
#include <QXmlStreamReader>
#include <libvirt/virterror.h>
#include <vector>

namespace vireo {

namespace {
struct NetFree {
    void operator()(virNetworkPtr n) const { virNetworkFree(n); }
};
using NetRef = std::unique_ptr<virNetwork, NetFree>;

// A NIC of one of the host's VMs that is plugged into a libvirt network.
struct NetworkNic {
    QString vm;
    QString mac;
    QString target; // the host's tap, while the VM runs
    bool running = false;
    virDomainPtr domain = nullptr;
};

// The <interface type='network'> NICs on `network` in a domain's XML.
void readNetworkNics(const QByteArray& xml, const QString& network, NetworkNic base,
                     QVector<NetworkNic>* out) {
    QXmlStreamReader r(xml);
    QStringList path;
    NetworkNic nic;
    QString source;
    while (!r.atEnd()) {
        const auto t = r.readNext();
        if (t == QXmlStreamReader::EndElement) {
            if (path == QStringList{QStringLiteral("domain"), QStringLiteral("devices"),
                                    QStringLiteral("interface")} &&
                source == network)
                out->append(nic);
            path.removeLast();
        }
        if (t != QXmlStreamReader::StartElement) continue;
        path << r.name().toString();
        const auto a = r.attributes();
        if (path.size() == 3 && path.at(2) == QLatin1String("interface")) {
            nic = base;
            source.clear();
        } else if (path.size() == 4 && path.at(2) == QLatin1String("interface")) {
            if (path.at(3) == QLatin1String("source"))
                source = a.value(QStringLiteral("network")).toString();
            else if (path.at(3) == QLatin1String("mac"))
                nic.mac = a.value(QStringLiteral("address")).toString().toLower();
            else if (path.at(3) == QLatin1String("target"))
                nic.target = a.value(QStringLiteral("dev")).toString();
        }
    }
}

// Every NIC of the host's VMs on a network; `domains` keeps the VMs open for their counters.
struct NetworkNics {
    std::vector<DomainRef> domains;
    QVector<NetworkNic> nics;
};

Result<NetworkNics> nicsOn(const LibvirtConnection& conn, const QString& network) {
    virDomainPtr* doms = nullptr;
    const int n = virConnectListAllDomains(conn.get(), &doms, 0);
    if (n < 0) return conn.lastError(QStringLiteral("listing VMs"));
    NetworkNics out;
    for (int i = 0; i < n; ++i) {
        out.domains.emplace_back(doms[i]);
        NetworkNic base;
        base.domain = doms[i];
        base.vm = QString::fromUtf8(virDomainGetName(doms[i]));
        base.running = virDomainIsActive(doms[i]) == 1;
        if (char* xml = virDomainGetXMLDesc(doms[i], 0)) { // null: undefined meanwhile
            readNetworkNics(QByteArray(xml), network, base, &out.nics);
            free(xml);
        }
    }
    free(doms);
    return out;
}
} // namespace

Result<QVector<RemoteNetwork>> LibvirtNetworks::list() const {
    virNetworkPtr* nets = nullptr;
    const int n = virConnectListAllNetworks(m_conn.get(), &nets, 0);
    if (n < 0) return m_conn.lastError(QStringLiteral("listing networks"));
    QVector<RemoteNetwork> out;
    for (int i = 0; i < n; ++i) {
        NetRef net(nets[i]);
        RemoteNetwork r;
        r.name = QString::fromUtf8(virNetworkGetName(net.get()));
        r.active = virNetworkIsActive(net.get()) == 1;
        int autostart = 0;
        r.autostart = virNetworkGetAutostart(net.get(), &autostart) == 0 && autostart;
        if (char* xml = virNetworkGetXMLDesc(net.get(), 0)) {
            r.shape = readNetworkXml(QByteArray(xml));
            free(xml);
        }
        out.append(r);
    }
    free(nets);
    std::sort(out.begin(), out.end(),
              [](const RemoteNetwork& a, const RemoteNetwork& b) { return a.name < b.name; });
    return out;
}

Result<virNetworkPtr> LibvirtNetworks::lookup(const QString& name) const {
    virNetworkPtr net = virNetworkLookupByName(m_conn.get(), qPrintable(name));
    if (net) return net;
    const virErrorPtr e = virGetLastError();
    if (e && e->code == VIR_ERR_NO_NETWORK)
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("network '%1' does not exist on remote '%2'")
                .arg(name, m_conn.remote().name),
            QStringLiteral("see 'vireoctl --remote %1 network list'").arg(m_conn.remote().name));
    return m_conn.lastError(QStringLiteral("looking up network '%1'").arg(name));
}

Status LibvirtNetworks::create(const NetworkSpec& spec) const {
    VIREO_TRY(validateNetworkName(spec.name));
    if (NetRef existing{virNetworkLookupByName(m_conn.get(), qPrintable(spec.name))})
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("network '%1' already exists on remote '%2'")
                             .arg(spec.name, m_conn.remote().name),
                         QStringLiteral("pick another name"));
    auto xml = buildNetworkXml(spec);
    if (!xml) return xml.error();
    NetRef net(
        virNetworkDefineXMLFlags(m_conn.get(), qPrintable(*xml), VIR_NETWORK_DEFINE_VALIDATE));
    if (!net) return m_conn.lastError(QStringLiteral("defining network '%1'").arg(spec.name));
    if (spec.autostart && virNetworkSetAutostart(net.get(), 1) < 0)
        return m_conn.lastError(QStringLiteral("marking network '%1' to autostart").arg(spec.name));
    return {};
}

Status LibvirtNetworks::start(const QString& name) const {
    auto net = lookup(name);
    if (!net) return net.error();
    NetRef ref(*net);
    if (virNetworkIsActive(ref.get()) == 1) return {};
    if (virNetworkCreate(ref.get()) < 0)
        return m_conn.lastError(QStringLiteral("starting network '%1'").arg(name));
    return {};
}

Status LibvirtNetworks::stop(const QString& name) const {
    auto net = lookup(name);
    if (!net) return net.error();
    NetRef ref(*net);
    if (virNetworkIsActive(ref.get()) != 1) return {};
    if (virNetworkDestroy(ref.get()) < 0)
        return m_conn.lastError(QStringLiteral("stopping network '%1'").arg(name));
    return {};
}

Status LibvirtNetworks::remove(const QString& name) const {
    auto net = lookup(name);
    if (!net) return net.error();
    NetRef ref(*net);
    if (virNetworkIsActive(ref.get()) == 1)
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("network '%1' on remote '%2' is running")
                             .arg(name, m_conn.remote().name),
                         QStringLiteral("stop it first with 'vireoctl --remote %1 network stop %2'")
                             .arg(m_conn.remote().name, name));
    if (virNetworkUndefine(ref.get()) < 0)
        return m_conn.lastError(QStringLiteral("deleting network '%1'").arg(name));
    return {};
}

Status LibvirtNetworks::setAutostart(const QString& name, bool on) const {
    auto net = lookup(name);
    if (!net) return net.error();
    NetRef ref(*net);
    if (virNetworkSetAutostart(ref.get(), on ? 1 : 0) < 0)
        return m_conn.lastError(QStringLiteral("changing the autostart of network '%1'").arg(name));
    return {};
}

Result<LibvirtNetworkShape> LibvirtNetworks::shape(const QString& name) const {
    auto net = lookup(name);
    if (!net) return net.error();
    NetRef ref(*net);
    // The definition (not the running copy): what a change is checked against and applied to.
    char* xml = virNetworkGetXMLDesc(ref.get(), VIR_NETWORK_XML_INACTIVE);
    if (!xml) return m_conn.lastError(QStringLiteral("reading network '%1'").arg(name));
    LibvirtNetworkShape s = readNetworkXml(QByteArray(xml));
    free(xml);
    return s;
}

Status LibvirtNetworks::updateDhcpHost(const QString& name, unsigned command,
                                       const StaticLease& lease) const {
    auto net = lookup(name);
    if (!net) return net.error();
    NetRef ref(*net);
    unsigned flags = VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (virNetworkIsActive(ref.get()) == 1) flags |= VIR_NETWORK_UPDATE_AFFECT_LIVE;
    if (virNetworkUpdate(ref.get(), command, VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                         qPrintable(buildDhcpHostXml(lease)), flags) < 0)
        return m_conn.lastError(
            QStringLiteral("changing the static lease of %1 on network '%2'").arg(lease.mac, name));
    return {};
}

Status LibvirtNetworks::addStaticLease(const QString& name, StaticLease lease) const {
    lease.mac = lease.mac.toLower();
    auto s = shape(name);
    if (!s) return s.error();
    VIREO_TRY(validateStaticLease(networkSpecOfShape(name, *s), lease));
    return updateDhcpHost(name, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, lease);
}

Status LibvirtNetworks::removeStaticLease(const QString& name, const QString& mac) const {
    auto s = shape(name);
    if (!s) return s.error();
    for (const StaticLease& lease : s->staticLeases)
        if (lease.mac.compare(mac, Qt::CaseInsensitive) == 0)
            return updateDhcpHost(name, VIR_NETWORK_UPDATE_COMMAND_DELETE, lease);
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("network '%1' on remote '%2' has no static lease for %3")
                         .arg(name, m_conn.remote().name, mac),
                     QStringLiteral("see 'vireoctl --remote %1 network leases %2'")
                         .arg(m_conn.remote().name, name));
}

Result<QVector<DhcpLease>> LibvirtNetworks::handedOut(const QString& name,
                                                      const QString& mac) const {
    auto net = lookup(name);
    if (!net) return net.error();
    NetRef ref(*net);
    virNetworkDHCPLeasePtr* found = nullptr;
    const int n =
        virNetworkGetDHCPLeases(ref.get(), mac.isEmpty() ? nullptr : qPrintable(mac), &found, 0);
    if (n < 0)
        return m_conn.lastError(QStringLiteral("reading the leases of network '%1'").arg(name));
    QVector<DhcpLease> out;
    for (int i = 0; i < n; ++i) {
        DhcpLease l;
        l.ip = QString::fromUtf8(found[i]->ipaddr);
        l.mac = QString::fromUtf8(found[i]->mac).toLower();
        l.hostname = QString::fromUtf8(found[i]->hostname);
        l.expires = QDateTime::fromSecsSinceEpoch(found[i]->expirytime, Qt::UTC);
        virNetworkDHCPLeaseFree(found[i]);
        out.append(l);
    }
    free(found);
    return out;
}

Result<QVector<DhcpLease>> LibvirtNetworks::leases(const QString& name) const {
    auto out = handedOut(name);
    if (!out) return out.error();
    auto nics = nicsOn(m_conn, name);
    if (!nics) return nics.error();
    for (DhcpLease& l : *out)
        for (const NetworkNic& nic : nics->nics)
            if (nic.mac == l.mac) l.vm = nic.vm;
    return out;
}

Result<QString> LibvirtNetworks::leasedAddress(const QString& name, const QString& mac) const {
    auto leases = handedOut(name, mac.toLower());
    if (!leases) return leases.error();
    for (const DhcpLease& l : *leases)
        if (!l.ip.contains(QLatin1Char(':'))) return l.ip;
    return QString();
}

Result<QJsonArray> LibvirtNetworks::portStats(const QString& name) const {
    auto net = lookup(name);
    if (!net) return net.error();
    NetRef ref(*net);
    auto nics = nicsOn(m_conn, name);
    if (!nics) return nics.error();
    QJsonArray out;
    for (const NetworkNic& nic : nics->nics) {
        if (!nic.running || nic.target.isEmpty()) continue;
        virDomainInterfaceStatsStruct st{};
        if (virDomainInterfaceStats(nic.domain, qPrintable(nic.target), &st, sizeof st) < 0)
            continue; // stopped meanwhile
        // libvirt counts a tap from the guest's side; locally a port counts from the
        // switch's side, where what the VM sent is received.
        out.append(QJsonObject{{QStringLiteral("port"), nic.target},
                               {QStringLiteral("vm"), nic.vm},
                               {QStringLiteral("connected"), true},
                               {QStringLiteral("rx_packets"), double(st.tx_packets)},
                               {QStringLiteral("rx_bytes"), double(st.tx_bytes)},
                               {QStringLiteral("tx_packets"), double(st.rx_packets)},
                               {QStringLiteral("tx_bytes"), double(st.rx_bytes)},
                               {QStringLiteral("drops"), double(st.rx_drop + st.tx_drop)}});
    }
    return out;
}

} // namespace vireo
