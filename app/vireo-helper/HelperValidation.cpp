#include "HelperValidation.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cstdlib>
#include <vector>

namespace vireo::helper {

namespace {
bool prefixedHex(const std::string& s, const std::string& prefix, size_t hexDigits) {
    if (s.size() != prefix.size() + hexDigits || s.compare(0, prefix.size(), prefix) != 0)
        return false;
    for (size_t i = prefix.size(); i < s.size(); ++i)
        if (!std::isxdigit(static_cast<unsigned char>(s[i])) ||
            std::isupper(static_cast<unsigned char>(s[i])))
            return false;
    return true;
}

bool allDigits(const std::string& s) {
    if (s.empty() || s.size() > 5) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

bool splitCidr(const std::string& text, in_addr* addr, int* prefix) {
    const auto slash = text.find('/');
    if (slash == std::string::npos) return false;
    const std::string ip = text.substr(0, slash), p = text.substr(slash + 1);
    if (!allDigits(p) || p.size() > 2 || inet_pton(AF_INET, ip.c_str(), addr) != 1) return false;
    *prefix = std::atoi(p.c_str());
    return *prefix >= 16 && *prefix <= 29;
}
} // namespace

bool isOwnBridge(const std::string& n) {
    return prefixedHex(n, "vibr", 8);
}
bool isOwnTap(const std::string& n) {
    return prefixedHex(n, "vitp", 8);
}
bool isOwnVeth(const std::string& n) {
    return prefixedHex(n, "visb", 8);
}
bool isPid(const std::string& t) {
    if (t.empty() || t.size() > 7 || t[0] == '0') return false;
    for (char c : t)
        if (c < '0' || c > '9') return false;
    const long v = std::stol(t);
    return v >= 2 && v <= 4194304;
}
bool isOwnTable(const std::string& n) {
    return prefixedHex(n, "vireo_", 8);
}

bool isInterfaceName(const std::string& n) {
    if (n.empty() || n.size() > 15 || n == "." || n == "..") return false;
    // A leading '-' would reach ip and nft as an option ("-j", "-force"); the fuzzer found it.
    if (n[0] == '-') return false;
    for (char c : n)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

bool isHostNic(const std::string& n) {
    return isInterfaceName(n) && n != "lo" && n.compare(0, 4, "vibr") != 0 &&
           n.compare(0, 4, "vitp") != 0 && n.compare(0, 4, "visb") != 0;
}

bool isIpv4(const std::string& text) {
    in_addr a{};
    return inet_pton(AF_INET, text.c_str(), &a) == 1;
}

bool isIpv4Cidr(const std::string& text) {
    in_addr a{};
    int prefix = 0;
    if (!splitCidr(text, &a, &prefix)) return false;
    const uint32_t host = ntohl(a.s_addr);
    const uint32_t mask = ~uint32_t(0) << (32 - prefix);
    return (host & ~mask) == 0;
}

bool isIpv4HostWithPrefix(const std::string& text) {
    in_addr a{};
    int prefix = 0;
    if (!splitCidr(text, &a, &prefix)) return false;
    const uint32_t host = ntohl(a.s_addr);
    const uint32_t mask = ~uint32_t(0) << (32 - prefix);
    return (host & ~mask) != 0 && (host & ~mask) != ~mask;
}

bool isMtu(const std::string& text) {
    if (!allDigits(text)) return false;
    const int v = std::atoi(text.c_str());
    return v >= 576 && v <= 65535;
}

bool isHugepageCount(const std::string& text) {
    if (!allDigits(text) || text.size() > 5) return false;
    const int v = std::atoi(text.c_str());
    return v >= 1 && v <= 16384;
}

bool isMacAny(const std::string& t) {
    if (t.size() != 17) return false;
    for (size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (i % 3 == 2 ? c != ':'
                       : !(std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

bool isMac(const std::string& t) {
    return isMacAny(t) && (std::stoi(t.substr(0, 2), nullptr, 16) & 1) == 0; // unicast
}

bool isDnsLabel(const std::string& t) {
    if (t.empty() || t.size() > 63 || t.front() == '-' || t.back() == '-') return false;
    for (char c : t)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    return true;
}

bool isPortForward(const std::string& text, const std::string& cidr) {
    std::vector<std::string> f;
    size_t start = 0;
    for (size_t c; (c = text.find(':', start)) != std::string::npos; start = c + 1)
        f.push_back(text.substr(start, c - start));
    f.push_back(text.substr(start));
    // tcp|udp:[HOSTADDR:]HOSTPORT:GUESTIP:GUESTPORT
    if (f.size() == 5) {
        if (!isIpv4(f[1])) return false;
        f.erase(f.begin() + 1);
    }
    if (f.size() != 4 || (f[0] != "tcp" && f[0] != "udp")) return false;
    for (const auto* port : {&f[1], &f[3]}) {
        if (!allDigits(*port) || port->size() > 5) return false;
        const int v = std::atoi(port->c_str());
        if (v < 1 || v > 65535) return false;
    }
    in_addr guest{}, net{};
    int prefix = 0;
    if (inet_pton(AF_INET, f[2].c_str(), &guest) != 1 || !splitCidr(cidr, &net, &prefix))
        return false;
    const uint32_t mask = ~uint32_t(0) << (32 - prefix);
    const uint32_t g = ntohl(guest.s_addr);
    return (g & mask) == ntohl(net.s_addr) && (g & ~mask) != 0 && (g & ~mask) != ~mask;
}

namespace {
// An IPv6 address followed by "/64", unique local or global unicast.
bool splitIpv6Slash64(const std::string& text, in6_addr* addr) {
    if (text.size() < 4 || text.size() > 60 || text.compare(text.size() - 3, 3, "/64") != 0)
        return false;
    const std::string ip = text.substr(0, text.size() - 3);
    if (inet_pton(AF_INET6, ip.c_str(), addr) != 1) return false;
    const unsigned char first = addr->s6_addr[0];
    return (first & 0xfe) == 0xfc || (first & 0xe0) == 0x20;
}
} // namespace

bool isIpv6Prefix64(const std::string& text) {
    in6_addr a{};
    if (!splitIpv6Slash64(text, &a)) return false;
    for (int i = 8; i < 16; ++i)
        if (a.s6_addr[i] != 0) return false;
    return true;
}

bool isIpv6HostWith64(const std::string& text) {
    in6_addr a{};
    if (!splitIpv6Slash64(text, &a)) return false;
    bool host = false;
    for (int i = 8; i < 16; ++i)
        host |= a.s6_addr[i] != 0;
    return host;
}

bool isVlanSpec(const std::string& text) {
    // "10" (untagged on VLAN 10) or "trunk:10,20-30" (tagged VLANs only).
    const auto vlan = [](const std::string& v) {
        if (!allDigits(v) || v.size() > 4 || v[0] == '0') return 0;
        const int id = std::atoi(v.c_str());
        return id >= 1 && id <= 4094 ? id : 0;
    };
    if (text.compare(0, 6, "trunk:") != 0) return vlan(text) != 0;
    std::string rest = text.substr(6);
    if (rest.empty() || rest.size() > 200) return false;
    size_t start = 0;
    while (start <= rest.size()) {
        const size_t comma = std::min(rest.find(',', start), rest.size());
        const std::string item = rest.substr(start, comma - start);
        const size_t dash = item.find('-');
        const int first = vlan(item.substr(0, dash));
        const int last = dash == std::string::npos ? first : vlan(item.substr(dash + 1));
        if (first == 0 || last < first) return false;
        start = comma + 1;
    }
    return true;
}

std::string operationClass(const std::string& op) {
    static const char* const network[] = {
        "bridge-up",   "bridge-down",    "host-port-up", "tap-up",    "tap-down",
        "tap-move",    "vlan-bridge-up", "veth-up",      "veth-down", "dns-hosts",
        "firewall-up", "firewall-down",  "dhcp-up",      "dhcp-down"};
    for (const char* o : network)
        if (op == o) return "network";
    if (op == "uplink-bridge-up" || op == "uplink-bridge-down") return "host-nic";
    if (op == "hugepages-reserve" || op == "hugepages-release") return "hugepages";
    if (op == "host-file-write" || op == "host-file-remove" || op == "host-run") return "host-boot";
    if (op == "pci-detach" || op == "pci-reattach" || op == "sriov-numvfs" || op == "sriov-vf")
        return "host-device";
    return {};
}

bool isOperationClass(const std::string& word) {
    return word == "network" || word == "host-nic" || word == "hugepages" || word == "host-boot" ||
           word == "host-device";
}

bool isMode(const std::string& t) {
    return t == "nat-network" || t == "host-only" || t == "internal";
}

bool isRunDir(const std::string& path) {
    if (path.size() < 2 || path[0] != '/' || path.find("/../") != std::string::npos ||
        path.find("/./") != std::string::npos || path.find("//") != std::string::npos)
        return false;
    for (char c : path)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '-' && c != '_' &&
            c != '.')
            return false;
    const std::string marker = "/vireo/net/";
    const auto at = path.rfind(marker);
    return at != std::string::npos && isOwnBridge(path.substr(at + marker.size()));
}

bool isHostBootFile(const std::string& path) {
    static const char* const files[] = {"/etc/default/grub",
                                        "/etc/kernel/cmdline",
                                        "/etc/kernelstub/configuration",
                                        "/etc/udev/rules.d/90-vireo-vfio.rules",
                                        "/etc/modprobe.d/vireo-vfio.conf",
                                        "/etc/initramfs-tools/modules",
                                        "/etc/initramfs-tools/hooks/vireo-vfio",
                                        "/etc/dracut.conf.d/vireo-vfio.conf"};
    for (const char* f : files)
        if (path == f) return true;
    // A journal entry: /var/lib/vireo/host-journal/20261127T101500Z[-N].json
    const std::string dir = "/var/lib/vireo/host-journal/";
    if (path.compare(0, dir.size(), dir) != 0) return false;
    const std::string name = path.substr(dir.size());
    if (name.size() < 21 || name.size() > 26 || name.compare(name.size() - 5, 5, ".json") != 0)
        return false;
    for (size_t i = 0; i < 16; ++i) {
        const char c = name[i];
        if (i == 8 ? c != 'T' : i == 15 ? c != 'Z' : !std::isdigit(static_cast<unsigned char>(c)))
            return false;
    }
    const std::string rest = name.substr(16, name.size() - 21);
    if (rest.empty()) return true;
    if (rest[0] != '-' || rest.size() < 2) return false;
    for (size_t i = 1; i < rest.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(rest[i]))) return false;
    return true;
}

bool isBootTool(const std::string& tool) {
    return tool == "update-grub" || tool == "grub2-mkconfig" || tool == "kernel-install" ||
           tool == "kernelstub" || tool == "update-initramfs" || tool == "dracut";
}

bool isVfCount(const std::string& t) {
    if (t.empty() || t.size() > 4 || (t.size() > 1 && t[0] == '0')) return false;
    for (char c : t)
        if (c < '0' || c > '9') return false;
    return std::stoi(t) <= 4096;
}

bool isVfSettings(const std::vector<std::string>& a) {
    if (a.empty() || a.size() % 2 != 0) return false;
    auto number = [](const std::string& t, long max) {
        if (t.empty() || t.size() > 6) return false;
        for (char c : t)
            if (c < '0' || c > '9') return false;
        return std::stol(t) <= max;
    };
    for (size_t i = 0; i < a.size(); i += 2) {
        const std::string& k = a[i];
        const std::string& v = a[i + 1];
        const bool ok = k == "mac"                                 ? isMac(v)
                        : k == "vlan"                              ? number(v, 4094)
                        : k == "spoofchk" || k == "trust"          ? v == "on" || v == "off"
                        : k == "min_tx_rate" || k == "max_tx_rate" ? number(v, 400000)
                        : k == "state" ? v == "auto" || v == "enable" || v == "disable"
                                       : false;
        if (!ok) return false;
    }
    return true;
}

bool isPciAddress(const std::string& a) {
    // 0000:01:00.0
    if (a.size() != 12 || a[4] != ':' || a[7] != ':' || a[10] != '.') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isxdigit(static_cast<unsigned char>(a[i])) ||
            std::isupper(static_cast<unsigned char>(a[i])))
            return false;
    return a[11] >= '0' && a[11] <= '7';
}

} // namespace vireo::helper
