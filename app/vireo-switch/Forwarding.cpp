#include "Forwarding.h"

namespace vswitch {

namespace {
constexpr std::uint16_t kEtherTypeVlan = 0x8100;
constexpr std::size_t kEthernetHeader = 14;
constexpr std::size_t kVlanHeader = 18;

std::uint16_t be16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}
} // namespace

PortMap::PortMap() : m_members(4096, 0) {}

void PortMap::setPort(int port, const VlanPolicy& policy) {
    m_policy[port] = policy;
    m_active |= PortMask(1) << port;
    rebuildMembers();
}

void PortMap::removePort(int port) {
    m_active &= ~(PortMask(1) << port);
    m_policy[port] = VlanPolicy();
    rebuildMembers();
}

void PortMap::rebuildMembers() {
    for (unsigned vlan = 0; vlan < 4096; ++vlan) {
        PortMask mask = 0;
        for (int port = 0; port < kMaxPorts; ++port)
            if (active(port) && m_policy[port].carries(static_cast<std::uint16_t>(vlan)))
                mask |= PortMask(1) << port;
        m_members[vlan] = mask;
    }
}

namespace {
// Remembers the last source learned and the last destination looked up, within a burst.
struct BurstMemo {
    MacAddress learnedMac = ~0ULL;
    std::uint16_t learnedVlan = 0;
    MacAddress foundMac = ~0ULL;
    std::uint16_t foundVlan = 0;
    int foundPort = -1;
};

Verdict decideOne(const PortMap& ports, MacTable& macs, int inPort, const std::uint8_t* frame,
                  std::size_t length, std::uint64_t nowMs, BurstMemo& memo) {
    Verdict verdict;
    if (length < kEthernetHeader) {
        verdict.drop = Drop::Malformed;
        return verdict;
    }
    const VlanPolicy& in = ports.policy(inPort);
    if (be16(frame + 12) == kEtherTypeVlan) {
        if (length < kVlanHeader) {
            verdict.drop = Drop::Malformed;
            return verdict;
        }
        const std::uint16_t vid = be16(frame + 14) & 0xfff;
        if (!in.tagged()) {
            verdict.drop = Drop::TaggedOnAccess;
            return verdict;
        }
        if (!in.carries(vid)) {
            verdict.drop = Drop::VlanNotAllowed;
            return verdict;
        }
        verdict.vlan = vid;
    } else {
        if (in.tagged()) {
            verdict.drop = Drop::VlanNotAllowed;
            return verdict;
        }
        verdict.vlan = in.accessVlan;
    }
    const MacAddress source = macFromBytes(frame + 6);
    if (isMulticast(source)) {
        verdict.drop = Drop::BadSource;
        return verdict;
    }
    if (source != memo.learnedMac || verdict.vlan != memo.learnedVlan) {
        macs.learn(source, verdict.vlan, static_cast<std::uint16_t>(inPort), nowMs);
        memo.learnedMac = source;
        memo.learnedVlan = verdict.vlan;
    }

    const PortMask members = ports.members(verdict.vlan);
    const MacAddress destination = macFromBytes(frame);
    if (!isMulticast(destination)) {
        if (destination != memo.foundMac || verdict.vlan != memo.foundVlan) {
            memo.foundPort = macs.lookup(destination, verdict.vlan, nowMs);
            memo.foundMac = destination;
            memo.foundVlan = verdict.vlan;
        }
        const int port = memo.foundPort;
        if (port >= 0 && ((members >> port) & 1)) {
            verdict.out = port == inPort ? 0 : PortMask(1) << port;
            return verdict;
        }
    }
    verdict.out = members & ~(PortMask(1) << inPort);
    return verdict;
}
} // namespace

Verdict decide(const PortMap& ports, MacTable& macs, int inPort, const std::uint8_t* frame,
               std::size_t length, std::uint64_t nowMs) {
    BurstMemo memo;
    return decideOne(ports, macs, inPort, frame, length, nowMs, memo);
}

void decideBurst(const PortMap& ports, MacTable& macs, int inPort,
                 const std::uint8_t* const* frames, const std::uint16_t* lengths, unsigned count,
                 std::uint64_t nowMs, Verdict* verdicts) {
    BurstMemo memo;
    for (unsigned i = 0; i < count; ++i)
        verdicts[i] = decideOne(ports, macs, inPort, frames[i], lengths[i], nowMs, memo);
}

} // namespace vswitch
