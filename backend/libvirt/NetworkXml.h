#pragma once

#include "core/Result.h"
#include "network/NetworkSpec.h"

namespace vireo {

// The libvirt network XML of a Vireo network spec, the one place that writes it:
// nat-network = forward mode nat; host-only = no forward, an address and DHCP on the bridge
// (libvirt's isolated network); internal = no forward and no address; bridged = forward
// mode bridge onto the uplink bridge. Port forwards have no libvirt 9 form: Unsupported.
Result<QString> buildNetworkXml(const NetworkSpec& spec);

// The mode and subnet of a libvirt network, read back from its XML.
struct LibvirtNetworkShape {
    NetworkMode mode = NetworkMode::Internal;
    QString subnet; // CIDR, "" when it has no address
    QString bridge; // the bridge it uses (bridged: the uplink)
    bool dhcp = false;
    QVector<StaticLease> staticLeases; // the DHCP server's <host> entries
};
LibvirtNetworkShape readNetworkXml(const QByteArray& xml);

// The network spec a shape stands for, enough to validate a static lease against it.
NetworkSpec networkSpecOfShape(const QString& name, const LibvirtNetworkShape& shape);

// One <host mac ip [name]/> of a network's DHCP server, for virNetworkUpdate.
QString buildDhcpHostXml(const StaticLease& lease);

} // namespace vireo
