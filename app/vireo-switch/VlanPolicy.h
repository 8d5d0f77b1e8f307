#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vswitch {

// What a port carries: one VLAN untagged (an access port, what a VM's NIC is by default),
// or a set of VLANs tagged with 802.1Q (a trunk, for a guest that does its own VLANs).
struct VlanPolicy {
    enum class Mode { Access, Trunk };
    Mode mode = Mode::Access;
    std::uint16_t accessVlan = 1; // the VLAN of untagged frames on an access port
    std::bitset<4096> trunkVlans;

    bool carries(std::uint16_t vlan) const {
        return mode == Mode::Access ? vlan == accessVlan : trunkVlans.test(vlan);
    }
    bool tagged() const { return mode == Mode::Trunk; }

    // "" or "access" → VLAN 1 untagged; "10" or "access:10"; "trunk:10,20-30".
    // VLANs are 1–4094. On bad text: nullopt and `error` names the part and the fix.
    static std::optional<VlanPolicy> parse(std::string_view text, std::string* error);
    std::string toString() const;
};

} // namespace vswitch
