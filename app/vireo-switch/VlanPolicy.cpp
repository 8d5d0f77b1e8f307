#include "VlanPolicy.h"

#include <charconv>

namespace vswitch {

namespace {
std::optional<std::uint16_t> parseVlanId(std::string_view text) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > 4094)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}
} // namespace

std::optional<VlanPolicy> VlanPolicy::parse(std::string_view text, std::string* error) {
    VlanPolicy policy;
    if (text.empty() || text == "access") return policy;
    if (text.starts_with("access:")) text.remove_prefix(7);
    if (!text.starts_with("trunk:")) {
        const auto id = parseVlanId(text);
        if (!id) {
            *error = "VLAN '" + std::string(text) +
                     "' is not a VLAN id: use a number from 1 to 4094, or trunk:LIST";
            return std::nullopt;
        }
        policy.accessVlan = *id;
        return policy;
    }
    text.remove_prefix(6);
    policy.mode = Mode::Trunk;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        const std::string_view item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        const std::size_t dash = item.find('-');
        const auto first = parseVlanId(item.substr(0, dash));
        const auto last =
            dash == std::string_view::npos ? first : parseVlanId(item.substr(dash + 1));
        if (!first || !last || *last < *first) {
            *error = "trunk VLANs '" + std::string(item) +
                     "' are not a VLAN or a range: write them like trunk:10,20-30 (1 to 4094)";
            return std::nullopt;
        }
        for (unsigned v = *first; v <= *last; ++v)
            policy.trunkVlans.set(v);
    }
    if (policy.trunkVlans.none()) {
        *error = "a trunk carries no VLAN: list them, like trunk:10,20-30";
        return std::nullopt;
    }
    return policy;
}

std::string VlanPolicy::toString() const {
    if (mode == Mode::Access) return "access:" + std::to_string(accessVlan);
    std::string out = "trunk:";
    for (unsigned v = 1; v < 4095; ++v) {
        if (!trunkVlans.test(v)) continue;
        unsigned last = v;
        while (last + 1 < 4095 && trunkVlans.test(last + 1))
            ++last;
        if (out.size() > 6) out += ',';
        out += std::to_string(v);
        if (last != v) out += '-' + std::to_string(last);
        v = last;
    }
    return out;
}

} // namespace vswitch
