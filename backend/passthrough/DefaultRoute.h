#pragma once

#include "passthrough/HostRoot.h"

#include <QList>
#include <QString>

namespace vireo {

// A PCI NIC that carries the host's IPv4 default route.
struct DefaultRouteNic {
    QString interface; // the interface in proc/net/route ("vmbr0")
    QString port;      // the interface that owns the PCI function ("eno1")
    QString address;   // "0000:00:1f.6"
};

// proc/net/route → sys/class/net/IF/device; bridges, bonds and VLANs are followed to the
// ports under them (lower_* links, brif/), since the route usually sits on the bridge.
Result<QList<DefaultRouteNic>> findDefaultRouteNics(const HostRoot& host);

} // namespace vireo
