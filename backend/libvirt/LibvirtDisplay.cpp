#include "libvirt/LibvirtDisplay.h"

#include <QUrl>

namespace vireo {

Result<int> openRemoteDisplay(const LibvirtConnection& connection, const QString& vm) {
    const Remote& remote = connection.remote();
    const QString scheme = QUrl(remote.uri).scheme();
    // Checked first: libvirt's own refusal over a network transport is a protocol error.
    if (scheme.contains(QLatin1Char('+')) && !scheme.endsWith(QLatin1String("+unix")))
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("the screen of VM '%1' on remote '%2' needs a libvirt "
                                        "connection over a unix socket, and %3 cannot pass one")
                             .arg(vm, remote.name, scheme),
                         QStringLiteral("use the serial console ('vireoctl --remote %1 console "
                                        "%2'), or add the host as qemu+unix:// where its socket "
                                        "is reachable")
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
