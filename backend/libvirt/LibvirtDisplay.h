#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"

namespace vireo {

// A remote VM's VNC screen through the libvirt connection itself (virDomainOpenGraphicsFD):
// libvirt hands over a socket already connected to QEMU's VNC server, which listens on no
// port (the domain XML says <listen type='none'/>). Passing a socket needs a connection
// over a unix socket (qemu:///system, qemu+unix://); qemu+ssh and qemu+tcp cannot carry
// one, and say so in one line. Returns the socket; the caller owns it.
Result<int> openRemoteDisplay(const LibvirtConnection& connection, const QString& vm);

} // namespace vireo
