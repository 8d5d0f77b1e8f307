#pragma once

#include "core/Result.h"
#include "sandbox/SandboxSpec.h"

#include <memory>
#include <sys/types.h>

namespace vireo {

// A sandbox's link to the world beyond loopback, set up in its new net namespace before
// its init starts and torn down (when the object goes) after the sandbox ended.
class SandboxNetworkAttachment {
public:
    virtual ~SandboxNetworkAttachment() = default;
    // The sandbox's ADDR/PREFIX on a named network; "" for NAT.
    virtual QString address() const { return {}; }
};

// Attaches the net namespace of `pid` as spec.network says; null for SandboxNetwork::None.
// Named networks are those of the library at `libraryRoot`.
Result<std::unique_ptr<SandboxNetworkAttachment>>
attachSandboxNetwork(const SandboxSpec& spec, pid_t pid, const QString& libraryRoot);

// The /etc/resolv.conf the sandbox gets for its network ("" when it gets none): its
// named network's dnsmasq (which knows the VMs' and sandboxes' names), or for NAT the
// host's own resolvers that are not on its loopback (unreachable from the sandbox).
QByteArray sandboxResolvConf(const SandboxSpec& spec, const QString& libraryRoot);

} // namespace vireo
