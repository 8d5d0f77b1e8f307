#include "HelperRequest.h"

#include "HelperValidation.h"

namespace vireo::helper {

namespace {

using Args = std::vector<std::string>;

// "" when the arguments of `op` are valid; else the line naming the first bad one. The
// argument counts are checked by the caller's table.
// The refused value as printable text on one line (a caller's bytes may hold anything).
std::string invalid(const std::string& what, const std::string& value) {
    std::string shown;
    for (unsigned char c : value.substr(0, 80)) {
        if (c >= ' ' && c < 127) {
            shown += static_cast<char>(c);
        } else {
            static const char hex[] = "0123456789abcdef";
            shown += std::string("\\x") + hex[c >> 4] + hex[c & 15];
        }
    }
    if (value.size() > 80) shown += "...";
    return "invalid " + what + " '" + shown + "'";
}

std::string checkBridgeUp(const Args& a) {
    if (!isOwnBridge(a[0])) return invalid("bridge name", a[0]);
    if (a[1] != "none" && !isIpv4HostWithPrefix(a[1])) return invalid("address", a[1]);
    if (!isMtu(a[2])) return invalid("MTU", a[2]);
    if (a.size() == 4 && (a[1] == "none" || !isIpv6HostWith64(a[3])))
        return invalid("IPv6 address", a[3]);
    return {};
}

std::string checkTap(const Args& a) {
    if (!isOwnTap(a[0])) return invalid("tap name", a[0]);
    if (!isInterfaceName(a[1])) return invalid("bridge name", a[1]);
    if (!isMtu(a[2])) return invalid("MTU", a[2]);
    if (a.size() == 4 && a[3] != "multi-queue") return invalid("tap option", a[3]);
    return {};
}

std::string checkVlanBridge(const Args& a) {
    if (!isOwnBridge(a[0])) return invalid("bridge name", a[0]);
    if (!isOwnBridge(a[1]) || a[1] == a[0]) return invalid("parent bridge name", a[1]);
    if (!isVlanSpec(a[2]) || a[2].compare(0, 6, "trunk:") == 0) return invalid("VLAN", a[2]);
    if (!isMtu(a[3])) return invalid("MTU", a[3]);
    return {};
}

std::string checkVethUp(const Args& a) {
    if (!isOwnVeth(a[0])) return invalid("veth name", a[0]);
    if (!isOwnBridge(a[1])) return invalid("bridge name", a[1]);
    if (!isPid(a[2])) return invalid("pid", a[2]);
    if (!isMtu(a[3])) return invalid("MTU", a[3]);
    if (!isIpv4HostWithPrefix(a[4])) return invalid("address", a[4]);
    if (a[5] != "none" && !isIpv4(a[5])) return invalid("gateway", a[5]);
    return {};
}

std::string checkFirewallUp(const Args& a) {
    if (!isOwnTable(a[0])) return invalid("table name", a[0]);
    if (!isMode(a[1])) return invalid("mode", a[1]);
    if (!isOwnBridge(a[2])) return invalid("bridge name", a[2]);
    if (!isIpv4Cidr(a[3])) return invalid("subnet", a[3]);
    for (size_t i = 4; i < a.size(); ++i)
        if (!isPortForward(a[i], a[3])) return invalid("port forward", a[i]);
    return {};
}

std::string checkDhcpUp(const Args& a) {
    if (!isOwnBridge(a[0])) return invalid("bridge name", a[0]);
    for (int i : {1, 2, 3})
        if (!isIpv4(a[i])) return invalid("address", a[i]);
    if (!isRunDir(a[4])) return invalid("run folder", a[4]);
    if (a[5] != "router" && a[5] != "no-router") return invalid("router flag", a[5]);
    bool mtu = false, ipv6 = false;
    for (size_t i = 6; i < a.size(); ++i) {
        if (a[i].compare(0, 4, "mtu=") == 0 && !mtu && isMtu(a[i].substr(4)))
            mtu = true;
        else if (a[i].compare(0, 5, "ipv6=") == 0 && !ipv6 && isIpv6Prefix64(a[i].substr(5)))
            ipv6 = true;
        else
            return invalid("DHCP option", a[i]);
    }
    return {};
}

// Checks shared by an operation and its undo (up/down, write/remove, detach/reattach).
std::string checkUplink(const Args& a) {
    if (!isOwnBridge(a[0])) return invalid("bridge name", a[0]);
    if (!isHostNic(a[1])) return invalid("NIC name", a[1]);
    return {};
}

std::string checkHugepages(const Args& a) {
    return isHugepageCount(a[0]) ? std::string() : invalid("hugepage count", a[0]);
}

std::string checkHostFile(const Args& a) {
    return isHostBootFile(a[0]) ? std::string() : invalid("host file", a[0]);
}

std::string checkPciAddress(const Args& a) {
    return isPciAddress(a[0]) ? std::string() : invalid("PCI address", a[0]);
}

struct Operation {
    const char* name;
    size_t minArgs, maxArgs;
    std::string (*check)(const Args&);
};

// The fixed set: name, argument count, and the check of every argument.
const Operation kOperations[] = {
    {"bridge-up", 3, 4, checkBridgeUp},
    {"host-port-up", 3, 3,
     [](const Args& a) -> std::string {
         if (!isOwnBridge(a[0])) return invalid("host port name", a[0]);
         if (!isIpv4HostWithPrefix(a[1])) return invalid("address", a[1]);
         if (!isMtu(a[2])) return invalid("MTU", a[2]);
         return {};
     }},
    {"bridge-down", 1, 1,
     [](const Args& a) {
         return isOwnBridge(a[0]) ? std::string() : invalid("bridge name", a[0]);
     }},
    {"tap-up", 3, 4, checkTap},
    {"tap-move", 3, 3, checkTap},
    {"uplink-bridge-up", 2, 2, checkUplink},
    {"uplink-bridge-down", 2, 2, checkUplink},
    {"vlan-bridge-up", 4, 4, checkVlanBridge},
    {"veth-up", 6, 6, checkVethUp},
    {"veth-down", 1, 1,
     [](const Args& a) { return isOwnVeth(a[0]) ? std::string() : invalid("veth name", a[0]); }},
    {"tap-down", 1, 1,
     [](const Args& a) { return isOwnTap(a[0]) ? std::string() : invalid("tap name", a[0]); }},
    {"firewall-up", 4, 4 + 256, checkFirewallUp},
    {"firewall-down", 1, 1,
     [](const Args& a) { return isOwnTable(a[0]) ? std::string() : invalid("table name", a[0]); }},
    {"dhcp-up", 6, 8, checkDhcpUp},
    {"hugepages-reserve", 1, 1, checkHugepages},
    {"hugepages-release", 1, 1, checkHugepages},
    {"dns-hosts", 2, 2,
     [](const Args& a) -> std::string {
         if (!isOwnBridge(a[0])) return invalid("bridge name", a[0]);
         if (!isRunDir(a[1])) return invalid("run folder", a[1]);
         return {};
     }},
    {"host-file-write", 1, 1, checkHostFile},
    {"host-file-remove", 1, 1, checkHostFile},
    {"host-run", 1, 1,
     [](const Args& a) { return isBootTool(a[0]) ? std::string() : invalid("boot tool", a[0]); }},
    {"pci-detach", 1, 1, checkPciAddress},
    {"pci-reattach", 1, 1, checkPciAddress},
    {"sriov-numvfs", 2, 2,
     [](const Args& a) -> std::string {
         if (!isPciAddress(a[0])) return invalid("PCI address", a[0]);
         if (!isVfCount(a[1])) return invalid("VF count", a[1]);
         return {};
     }},
    {"sriov-vf", 4, 2 + 14,
     [](const Args& a) -> std::string {
         if (!isInterfaceName(a[0])) return invalid("interface name", a[0]);
         if (!isVfCount(a[1])) return invalid("VF number", a[1]);
         const Args settings(a.begin() + 2, a.end());
         if (!isVfSettings(settings)) return invalid("VF settings", settings.front());
         return {};
     }},
    {"dhcp-down", 1, 1,
     [](const Args& a) { return isRunDir(a[0]) ? std::string() : invalid("run folder", a[0]); }},
};

} // namespace

Request parseRequest(const std::vector<std::string>& argv) {
    Request r;
    size_t first = 0;
    // An optional class first: what polkit authorized (pkexec matches it as argv1); the
    // operation must belong to it.
    if (!argv.empty() && isOperationClass(argv[0])) {
        if (argv.size() < 2) return r;
        if (operationClass(argv[1]) != argv[0]) {
            r.verdict = Request::Verdict::Invalid;
            r.error = "operation '" + argv[1] + "' is not of class '" + argv[0] + "'";
            return r;
        }
        first = 1;
    }
    if (argv.size() <= first) return r;
    r.op = argv[first];
    r.args.assign(argv.begin() + static_cast<std::ptrdiff_t>(first) + 1, argv.end());
    for (const auto& o : kOperations) {
        if (r.op != o.name) continue;
        if (r.args.size() < o.minArgs || r.args.size() > o.maxArgs) return r;
        r.error = o.check(r.args);
        r.verdict = r.error.empty() ? Request::Verdict::Valid : Request::Verdict::Invalid;
        return r;
    }
    return r;
}

} // namespace vireo::helper
