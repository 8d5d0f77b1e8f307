#include "libvirt/LibvirtGuestSsh.h"

#include "libvirt/DomainDocument.h"
#include "libvirt/LibvirtGuestAgent.h"
#include "libvirt/LibvirtNetworks.h"
#include "libvirt/SshChannel.h"

#include <QDir>
#include <QUrl>

namespace vireo {

namespace {

bool isIpv4(const QString& address) {
    return !address.isEmpty() && !address.contains(QLatin1Char(':'));
}

// The DHCP lease of one of the domain's NICs on a libvirt network, or "".
QString leasedAddress(const LibvirtConnection& connection, const QDomDocument& doc) {
    const LibvirtNetworks networks(connection);
    for (const QDomElement& nic : devicesOf(doc, QStringLiteral("interface"))) {
        const QString network =
            nic.firstChildElement(QStringLiteral("source")).attribute(QStringLiteral("network"));
        const QString mac =
            nic.firstChildElement(QStringLiteral("mac")).attribute(QStringLiteral("address"));
        if (network.isEmpty() || mac.isEmpty()) continue;
        if (auto ip = networks.leasedAddress(network, mac); ip && !ip->isEmpty()) return *ip;
    }
    return {};
}

} // namespace

Result<SshTarget> findRemoteSshTarget(const LibvirtConnection& connection, const Library& library,
                                      const QString& vm, const QString& user) {
    auto dom = connection.runningDomain(vm);
    if (!dom) return dom.error();
    auto doc = domainDocument(connection, dom->get(), vm, 0);
    if (!doc) return doc.error();
    const QString remote = connection.remote().name;
    SshTarget t;
    const QString keys = library.root() + QStringLiteral("/.remote-ssh");
    QDir().mkpath(keys);
    t.knownHosts =
        keys + QLatin1Char('/') + remote + QLatin1Char('-') + vm + QStringLiteral(".known_hosts");
    t.user = user;
    for (const QDomElement& disk : devicesOf(*doc, QStringLiteral("disk")))
        if (t.user.isEmpty() && disk.firstChildElement(QStringLiteral("source"))
                                    .attribute(QStringLiteral("file"))
                                    .endsWith(QLatin1Char('/') + vm + QStringLiteral("-seed.iso")))
            t.user = vm;
    if (auto info = remoteGuestInfo(connection, vm)) {
        for (const QString& a : info->addresses)
            if (isIpv4(a) && !a.startsWith(QLatin1String("10.0.2."))) {
                t.host = a;
                t.via = QStringLiteral("guest agent");
                break;
            }
    }
    if (t.host.isEmpty()) {
        t.host = leasedAddress(connection, *doc);
        t.via = QStringLiteral("DHCP lease");
    }
    if (t.host.isEmpty())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("VM '%1' on remote '%2' has no address libvirt knows: no "
                                        "agent answer and no DHCP lease")
                             .arg(vm, remote),
                         QStringLiteral("put it on a libvirt network with DHCP ('vm nic'), or "
                                        "run qemu-guest-agent in it"));
    // Over ssh the host forwards the connection: its private networks are reachable.
    if (QUrl(connection.remote().uri).scheme().endsWith(QLatin1String("+ssh")))
        t.proxy = sshForwardCommand(connection.remote(),
                                    t.host + QLatin1Char(':') + QString::number(t.port));
    return t;
}

} // namespace vireo
