#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"

namespace vireo {

// A socket connected to a remote VM's VNC screen, opening no port on the network. Over a
// unix-socket connection (qemu:///system, qemu+unix://) libvirt hands it over itself
// (virDomainOpenGraphicsFD). Over qemu+ssh it is one more channel of the host's
// multiplexed ssh connection (ssh -W) to the VNC server, which listens on the host's
// loopback only (DomainXml). qemu+tcp and qemu+tls can carry neither, and say so in one
// line. The caller owns the socket.
Result<int> openRemoteDisplay(const LibvirtConnection& connection, const QString& vm);

} // namespace vireo
