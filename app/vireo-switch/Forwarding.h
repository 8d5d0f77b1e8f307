#pragma once

#include "MacTable.h"
#include "VlanPolicy.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace vswitch {

constexpr int kMaxPorts = 64;
using PortMask = std::uint64_t;

// Why a frame went nowhere; counted per ingress port.
enum class Drop : std::uint8_t {
    None,
    Malformed,      // shorter than an Ethernet (or 802.1Q) header
    VlanNotAllowed, // a tag the trunk does not carry, or untagged on a trunk
    TaggedOnAccess, // a guest on an access port sent its own tag
    BadSource,      // a multicast source address
};

// The ports of a switch and their VLANs, as packet threads see them: built whole by the
// control thread and swapped in, never changed while a packet thread reads it.
class PortMap {
public:
    PortMap();
    void setPort(int port, const VlanPolicy& policy);
    void removePort(int port);
    bool active(int port) const { return (m_active >> port) & 1; }
    const VlanPolicy& policy(int port) const { return m_policy[port]; }
    // The ports that carry `vlan`.
    PortMask members(std::uint16_t vlan) const { return m_members[vlan & 0xfff]; }

private:
    void rebuildMembers();
    PortMask m_active = 0;
    std::array<VlanPolicy, kMaxPorts> m_policy;
    std::vector<PortMask> m_members; // 4096 entries
};

struct Verdict {
    Drop drop = Drop::None;
    std::uint16_t vlan = 0;
    PortMask out = 0; // empty without a drop: the destination is the port it came from
};

// The L2 decision for one frame from `inPort`: classify its VLAN, learn its source,
// and pick the known port of its destination or flood the VLAN (broadcast, multicast
// and unknown unicast).
Verdict decide(const PortMap& ports, MacTable& macs, int inPort, const std::uint8_t* frame,
               std::size_t length, std::uint64_t nowMs);

// The same for a burst of frames from one port. A burst is nearly always one guest
// talking to one peer, so the table is consulted once per distinct address, not per frame.
void decideBurst(const PortMap& ports, MacTable& macs, int inPort,
                 const std::uint8_t* const* frames, const std::uint16_t* lengths, unsigned count,
                 std::uint64_t nowMs, Verdict* verdicts);

} // namespace vswitch
