#include "libvirt/LibvirtNetworks.h"

#include "spec/VmSpecValidation.h"

#include <libvirt/virterror.h>

namespace vireo {

namespace {
struct NetFree {
    void operator()(virNetworkPtr n) const { virNetworkFree(n); }
};
using NetRef = std::unique_ptr<virNetwork, NetFree>;
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

} // namespace vireo
