#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"
#include "store/Library.h"
#include "vm/GuestSsh.h"

namespace vireo {

// `vm ssh` to a VM on a libvirt host. The address is what the guest's agent reports, else
// the DHCP lease of a NIC on one of the host's libvirt networks. Over qemu+ssh the
// connection goes through the host (ssh -W over its one multiplexed connection), so a
// guest on the host's private network is reachable; over tcp, tls or a local socket it goes
// straight to the address. The user defaults to the VM's name for a VM made from a cloud
// image (its seed volume is NAME-seed.iso), as locally; its host keys are kept in
// <library>/.remote-ssh/REMOTE-VM.known_hosts.
Result<SshTarget> findRemoteSshTarget(const LibvirtConnection& connection, const Library& library,
                                      const QString& vm, const QString& user);

} // namespace vireo
