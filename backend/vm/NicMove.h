#pragma once

#include "core/Result.h"
#include "store/Library.h"

namespace vireo {

// Where a NIC goes: a named network (or "user" for per-VM NAT) and, on a named network,
// its VLANs ("" untagged, "10", "trunk:10,20-30").
struct NicTarget {
    QString network;
    QString vlan;
};

// Moves one NIC of a VM to another network, as VirtualBox's "attached to" does. A shut-off
// VM only changes its definition. A running VM on a kernel network keeps its NIC: the
// NIC's tap changes bridge and the guest sees its link go down and up, so its DHCP client
// asks the new network for an address; the definition changes with it.
class NicMove {
public:
    explicit NicMove(const Library& library) : m_library(library) {}

    Status move(const QString& vm, int nicIndex, const NicTarget& target) const;

private:
    const Library& m_library;
};

} // namespace vireo
