#include "libvirt/LibvirtDisplay.h"

#include "libvirt/SshChannel.h"
#include "libvirt/XmlPath.h"

#include <QUrl>
#include <cstdlib>

namespace vireo {

namespace {

// Over ssh: the VNC server listens on the host's loopback only (DomainXml), and one ssh
// channel of the host's multiplexed connection (ssh -W) carries the screen to us.
Result<int> openDisplayOverSsh(const LibvirtConnection& connection, const QString& vm) {
    const Remote& remote = connection.remote();
    auto dom = connection.runningDomain(vm);
    if (!dom) return dom.error();
    char* xml = virDomainGetXMLDesc(dom->get(), 0);
    if (!xml)
        return connection.lastError(QStringLiteral("reading the definition of VM '%1'").arg(vm));
    const QByteArray description(xml);
    std::free(xml);
    const QStringList graphics{QStringLiteral("domain"), QStringLiteral("devices"),
                               QStringLiteral("graphics")};
    const QString type = xmlValueAt(description, graphics, QStringLiteral("type"));
    const QString port = xmlValueAt(description, graphics, QStringLiteral("port"));
    QString address = xmlValueAt(description, graphics, QStringLiteral("listen"));
    if (type != QLatin1String("vnc") || port.toInt() <= 0)
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("VM '%1' on remote '%2' has no VNC screen that ssh can reach (it "
                           "listens on no port)")
                .arg(vm, remote.name),
            QStringLiteral("redefine it with 'vireoctl --remote %1 vm edit %2 --display vnc' "
                           "and restart it, or use 'vireoctl --remote %1 console %2'")
                .arg(remote.name, vm));
    if (address.isEmpty() || address == QLatin1String("0.0.0.0"))
        address = QStringLiteral("127.0.0.1");
    return openCommandChannel(sshForwardCommand(remote, address + QLatin1Char(':') + port));
}

} // namespace

Result<int> openRemoteDisplay(const LibvirtConnection& connection, const QString& vm) {
    const Remote& remote = connection.remote();
    const QString scheme = QUrl(remote.uri).scheme();
    if (scheme == QLatin1String("qemu+ssh")) return openDisplayOverSsh(connection, vm);
    // Checked first: libvirt's own refusal over a network transport is a protocol error.
    if (scheme.contains(QLatin1Char('+')) && !scheme.endsWith(QLatin1String("+unix")))
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("the screen of VM '%1' on remote '%2' needs a libvirt "
                                        "connection over ssh or a unix socket, and %3 carries "
                                        "neither")
                             .arg(vm, remote.name, scheme),
                         QStringLiteral("add the host again as qemu+ssh://USER@HOST/system, or "
                                        "use the serial console ('vireoctl --remote %1 console "
                                        "%2')")
                             .arg(remote.name, vm));
    auto dom = connection.runningDomain(vm);
    if (!dom) return dom.error();
    // Skip VNC's password: the libvirt connection was authenticated already.
    const int fd = virDomainOpenGraphicsFD(dom->get(), 0, VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH);
    if (fd < 0)
        return connection.lastError(
            QStringLiteral("opening the screen of VM '%1'").arg(vm),
            QStringLiteral("check that the VM has a VNC display ('vireoctl --remote %1 vm show "
                           "%2')")
                .arg(remote.name, vm));
    return fd;
}

} // namespace vireo
