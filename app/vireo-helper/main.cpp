// vireo-helper: the one program through which Vireo does privileged network work. It has
// a fixed set of operations, validates every argument before use (HelperValidation), only
// ever touches objects carrying Vireo's prefixes (vibr*, vitp*, table vireo_*), runs tools
// by absolute path with argument vectors (never a shell), and prints one error line.
// Run directly by root, or through pkexec (installer/ ships the polkit policy).
#include "HelperProcess.h"
#include "HelperRequest.h"
#include "HelperValidation.h"
#include "HostOps.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace vireo::helper;

namespace {

std::vector<std::string> words(const std::string& line) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
            ++i;
        const size_t start = i;
        while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])))
            ++i;
        if (i > start) out.push_back(line.substr(start, i - start));
    }
    return out;
}

bool exists(const std::string& iface) {
    return ::access(("/sys/class/net/" + iface).c_str(), F_OK) == 0;
}
bool isBridge(const std::string& iface) {
    return ::access(("/sys/class/net/" + iface + "/bridge").c_str(), F_OK) == 0;
}

int bridgeUp(const std::string& br, const std::string& address, const std::string& mtu,
             const std::string& address6) {
    if (!exists(br) && run({"ip", "link", "add", br, "type", "bridge", "forward_delay", "0"}) != 0)
        return fail("cannot create bridge " + br);
    if (run({"ip", "link", "set", br, "mtu", mtu}) != 0) return fail("cannot set MTU of " + br);
    // IPv4 and global IPv6 only: the link-local address dnsmasq sends its router
    // advertisements from stays.
    run({"ip", "-4", "address", "flush", "dev", br});
    run({"ip", "-6", "address", "flush", "dev", br, "scope", "global"});
    // Internal networks give the host no address at all, not even an IPv6 link-local one.
    std::ofstream(("/proc/sys/net/ipv6/conf/" + br + "/disable_ipv6").c_str())
        << (address == "none" ? "1\n" : "0\n");
    if (address != "none" && run({"ip", "address", "add", address, "dev", br}) != 0)
        return fail("cannot set address " + address + " on " + br);
    if (!address6.empty() && run({"ip", "-6", "address", "add", address6, "dev", br, "nodad"}) != 0)
        return fail("cannot set address " + address6 + " on " + br);
    if (run({"ip", "link", "set", br, "up"}) != 0) return fail("cannot bring up " + br);
    return 0;
}

// The ifalias that ties a VLAN's bridge to its network's bridge, so taking the network
// down finds every VLAN bridge it has, even after a crash.
std::string vlanAlias(const std::string& parent, const std::string& vlan) {
    return "vireo vlan " + vlan + " of " + parent;
}

// An access VLAN of a kernel network: a bridge of its own, without any host address,
// for the NICs of that VLAN (the kernel needs neither 8021q nor VLAN filtering for it).
int vlanBridgeUp(const std::string& br, const std::string& parent, const std::string& vlan,
                 const std::string& mtu) {
    if (!isBridge(parent)) return fail(parent + " is not a bridge");
    if (!exists(br) && run({"ip", "link", "add", br, "type", "bridge", "forward_delay", "0"}) != 0)
        return fail("cannot create bridge " + br);
    std::ofstream(("/proc/sys/net/ipv6/conf/" + br + "/disable_ipv6").c_str()) << "1\n";
    if (run({"ip", "link", "set", br, "alias", vlanAlias(parent, vlan)}) != 0 ||
        run({"ip", "link", "set", br, "mtu", mtu, "up"}) != 0)
        return fail("cannot bring up VLAN bridge " + br);
    return 0;
}

// Removes a bridge and the taps on it.
int deleteBridgeWithTaps(const std::string& br) {
    const std::string brif = "/sys/class/net/" + br + "/brif";
    std::vector<std::string> taps;
    if (auto* dir = ::opendir(brif.c_str())) {
        while (auto* e = ::readdir(dir))
            if (isOwnTap(e->d_name)) taps.emplace_back(e->d_name);
        ::closedir(dir);
    }
    for (const auto& t : taps)
        run({"ip", "link", "del", t});
    if (exists(br) && run({"ip", "link", "del", br}) != 0)
        return fail("cannot delete bridge " + br);
    return 0;
}

// The host's side of a DPDK network: the tap vireo-switch made (named like our bridges),
// given the network's host address.
int hostPortUp(const std::string& port, const std::string& address, const std::string& mtu) {
    if (!exists(port))
        return fail("host port " + port + " does not exist (is the switch running?)");
    if (isBridge(port)) return fail(port + " is a bridge, not a DPDK host port");
    if (run({"ip", "link", "set", port, "mtu", mtu}) != 0) return fail("cannot set MTU of " + port);
    run({"ip", "address", "flush", "dev", port});
    if (run({"ip", "address", "add", address, "dev", port}) != 0)
        return fail("cannot set address " + address + " on " + port);
    if (run({"ip", "link", "set", port, "up"}) != 0) return fail("cannot bring up " + port);
    return 0;
}

int bridgeDown(const std::string& br) {
    ::unlink(("/run/vireo-dns/" + br + ".hosts").c_str()); // its DNS names (dns-hosts)
    // Its VLANs' bridges first (our names only, tied to it by their alias).
    const std::string prefix = "vireo vlan ";
    const std::string suffix = " of " + br;
    std::vector<std::string> vlanBridges;
    if (auto* dir = ::opendir("/sys/class/net")) {
        while (auto* e = ::readdir(dir)) {
            if (!isOwnBridge(e->d_name) || br == e->d_name) continue;
            std::ifstream aliasFile(std::string("/sys/class/net/") + e->d_name + "/ifalias");
            std::string alias;
            std::getline(aliasFile, alias);
            if (alias.compare(0, prefix.size(), prefix) == 0 && alias.size() > suffix.size() &&
                alias.compare(alias.size() - suffix.size(), suffix.size(), suffix) == 0)
                vlanBridges.emplace_back(e->d_name);
        }
        ::closedir(dir);
    }
    int result = 0;
    for (const auto& v : vlanBridges)
        result |= deleteBridgeWithTaps(v);
    // Our taps on the bridge go with it (a crash may have left some).
    return deleteBridgeWithTaps(br) | result;
}

// What makes an interface the host's way onto its LAN: global addresses and the routes
// that are not the kernel's own (those follow the addresses).
struct HostAddressing {
    std::vector<std::string> addresses; // "192.168.1.5/24", "2001:db8::5/64"
    std::vector<std::vector<std::string>> routes4, routes6;
};

HostAddressing readAddressing(const std::string& dev) {
    HostAddressing a;
    for (const auto& line :
         outputLines({"ip", "-o", "address", "show", "dev", dev, "scope", "global"})) {
        const auto w = words(line);
        for (size_t i = 0; i + 1 < w.size(); ++i)
            if (w[i] == "inet" || w[i] == "inet6") a.addresses.push_back(w[i + 1]);
    }
    const auto routes = [&](const char* family, std::vector<std::vector<std::string>>* out) {
        for (const auto& line : outputLines({"ip", family, "route", "show", "dev", dev})) {
            auto w = words(line);
            const auto has = [&](const char* word) {
                return std::find(w.begin(), w.end(), word) != w.end();
            };
            // The kernel's and router advertisements' routes come back by themselves.
            if (w.empty() || (has("proto") && (has("kernel") || has("ra"))) ||
                w[0].compare(0, 4, "fe80") == 0 || w[0] == "multicast" || has("expires"))
                continue;
            w.erase(std::remove_if(w.begin(), w.end(),
                                   [](const std::string& t) {
                                       return t == "linkdown" || t == "dead" || t == "offload";
                                   }),
                    w.end());
            out->push_back(w);
        }
    };
    routes("-4", &a.routes4);
    routes("-6", &a.routes6);
    return a;
}

// Puts addresses and routes read from one interface on another; a route that does not
// come back is said, and the rest still moves.
void applyAddressing(const HostAddressing& a, const std::string& dev) {
    for (const auto& address : a.addresses)
        if (run({"ip", "address", "add", address, "dev", dev}) != 0)
            std::fprintf(stderr, "vireo-helper: note: address %s did not move to %s\n",
                         address.c_str(), dev.c_str());
    for (const auto* family : {&a.routes4, &a.routes6})
        for (auto route : *family) {
            route.insert(route.begin(), {"ip", family == &a.routes4 ? "-4" : "-6", "route", "add"});
            route.insert(route.end(), {"dev", dev});
            if (run(route) != 0)
                std::fprintf(stderr, "vireo-helper: note: a route did not move to %s\n",
                             dev.c_str());
        }
}

std::string readLine(const std::string& path) {
    std::ifstream f(path);
    std::string line;
    std::getline(f, line);
    return line;
}

// A bridge of Vireo's over a host NIC for a bridged network: it takes the NIC's MAC (so
// the LAN's DHCP server and switches see the same host), MTU, addresses and routes, and
// the NIC becomes its port. The host stays reachable at the same address throughout.
int uplinkBridgeUp(const std::string& br, const std::string& nic) {
    const std::string sys = "/sys/class/net/" + nic;
    if (!exists(nic)) return fail("NIC " + nic + " does not exist");
    if (isBridge(nic)) return fail(nic + " is a bridge itself");
    if (::access((sys + "/master").c_str(), F_OK) == 0)
        return fail(nic + " is already a port of a bridge or bond");
    if (::access((sys + "/wireless").c_str(), F_OK) == 0 ||
        ::access((sys + "/phy80211").c_str(), F_OK) == 0)
        return fail(nic + " is a Wi-Fi NIC, which cannot be bridged");
    if (exists(br)) return isBridge(br) ? 0 : fail(br + " exists and is not a bridge");
    const std::string mac = readLine(sys + "/address"), mtu = readLine(sys + "/mtu");
    if (!isMacAny(mac) || !isMtu(mtu)) return fail("cannot read the MAC and MTU of " + nic);
    const HostAddressing addressing = readAddressing(nic);
    if (run({"ip", "link", "add", br, "type", "bridge", "forward_delay", "0"}) != 0)
        return fail("cannot create bridge " + br);
    if (run({"ip", "link", "set", br, "address", mac, "mtu", mtu, "alias",
             "vireo uplink " + nic}) != 0 ||
        run({"ip", "link", "set", nic, "master", br}) != 0 ||
        run({"ip", "link", "set", br, "up"}) != 0) {
        run({"ip", "link", "del", br});
        return fail("cannot put " + nic + " under bridge " + br);
    }
    run({"ip", "address", "flush", "dev", nic, "scope", "global"});
    applyAddressing(addressing, br);
    return 0;
}

// The reverse: the NIC gets the bridge's addresses and routes back, and the bridge goes
// (with the VMs' taps on it).
int uplinkBridgeDown(const std::string& br, const std::string& nic) {
    if (!exists(br)) return 0;
    if (readLine("/sys/class/net/" + br + "/ifalias") != "vireo uplink " + nic)
        return fail(br + " is not Vireo's bridge over " + nic);
    const HostAddressing addressing = readAddressing(br);
    run({"ip", "link", "set", nic, "nomaster"});
    if (deleteBridgeWithTaps(br) != 0) return 1;
    run({"ip", "link", "set", nic, "up"});
    applyAddressing(addressing, nic);
    return 0;
}

int tapUp(const std::string& tap, const std::string& br, const std::string& mtu, bool multiQueue) {
    if (!isBridge(br)) return fail(br + " is not a bridge");
    if (exists(tap)) run({"ip", "link", "del", tap}); // stale from a crash
    // A multiqueue NIC (one queue pair per vCPU) needs a tap made for it: QEMU opens each
    // queue as its own file descriptor.
    std::vector<std::string> add{"ip", "tuntap", "add", "dev", tap, "mode", "tap"};
    if (multiQueue) add.emplace_back("multi_queue");
    if (run(add) != 0) return fail("cannot create tap " + tap);
    if (run({"ip", "link", "set", tap, "master", br, "mtu", mtu, "up"}) != 0) {
        run({"ip", "link", "del", tap});
        return fail("cannot attach " + tap + " to " + br);
    }
    return 0;
}

// A running VM's NIC changes network: its tap (QEMU keeps it open) leaves its bridge for
// another one.
int tapMove(const std::string& tap, const std::string& br, const std::string& mtu) {
    if (!exists(tap)) return fail("tap " + tap + " does not exist (is the VM running?)");
    if (!isBridge(br)) return fail(br + " is not a bridge");
    if (run({"ip", "link", "set", tap, "nomaster"}) != 0 ||
        run({"ip", "link", "set", tap, "master", br, "mtu", mtu, "up"}) != 0)
        return fail("cannot move " + tap + " to " + br);
    return 0;
}

int tapDown(const std::string& tap) {
    if (exists(tap) && run({"ip", "link", "del", tap}) != 0)
        return fail("cannot delete tap " + tap);
    return 0;
}

// The inode of a namespace link ("/proc/PID/ns/net"); 0 when it cannot be read.
unsigned long namespaceId(const std::string& link) {
    struct stat st {};
    return ::stat(link.c_str(), &st) == 0 ? static_cast<unsigned long>(st.st_ino) : 0;
}

// A sandbox's veth pair: VETH on the bridge, its peer as eth0 in the net namespace of PID
// (the sandbox's launcher), with an address and, unless "none", a default route. Only a
// process in a user and net namespace of its own qualifies: never the host's.
int vethUp(const std::string& veth, const std::string& br, const std::string& pid,
           const std::string& mtu, const std::string& address, const std::string& gateway) {
    if (!isBridge(br)) return fail(br + " is not a bridge");
    const std::string proc = "/proc/" + pid + "/ns/";
    const unsigned long net = namespaceId(proc + "net"), user = namespaceId(proc + "user");
    if (net == 0 || user == 0) return fail("process " + pid + " does not exist");
    if (net == namespaceId("/proc/self/ns/net") || user == namespaceId("/proc/self/ns/user"))
        return fail("process " + pid + " is not in a sandbox's namespaces");
    if (exists(veth)) run({"ip", "link", "del", veth}); // stale from a crash
    if (run({"ip", "link", "add", veth, "mtu", mtu, "type", "veth", "peer", "name", "eth0", "mtu",
             mtu, "netns", pid}) != 0)
        return fail("cannot create veth " + veth);
    const std::string ns = "--net=" + proc + "net";
    if (run({"ip", "link", "set", veth, "master", br, "up"}) != 0 ||
        run({"nsenter", ns, "ip", "address", "add", address, "dev", "eth0"}) != 0 ||
        run({"nsenter", ns, "ip", "link", "set", "eth0", "up"}) != 0 ||
        (gateway != "none" &&
         run({"nsenter", ns, "ip", "route", "add", "default", "via", gateway}) != 0)) {
        run({"ip", "link", "del", veth});
        return fail("cannot attach " + veth + " to " + br + " and set up eth0 of process " + pid);
    }
    return 0;
}

int vethDown(const std::string& veth) {
    // Usually gone already: a veth pair ends with the sandbox's net namespace.
    if (exists(veth) && run({"ip", "link", "del", veth}) != 0)
        return fail("cannot delete veth " + veth);
    return 0;
}

struct Forward {
    std::string proto, hostAddress, hostPort, guestIp, guestPort; // hostAddress "" = any local
};

std::string ruleset(const std::string& table, const std::string& mode, const std::string& br,
                    const std::string& cidr, const std::vector<Forward>& forwards) {
    std::string r = "table inet " + table + "\ndelete table inet " + table + "\n";
    r += "table inet " + table +
         " {\n chain forward {\n  type filter hook forward priority filter; policy accept;\n";
    r += "  iifname \"" + br + "\" oifname \"" + br + "\" accept\n";
    // Vireo's networks never route into each other.
    r += "  iifname \"" + br + "\" oifname \"vibr*\" drop\n  oifname \"" + br +
         "\" iifname \"vibr*\" drop\n";
    if (mode == "nat-network") {
        r += "  oifname \"" + br + "\" ct status dnat accept\n"; // port forwards
        r += "  iifname \"" + br + "\" ip saddr " + cidr + " accept\n";
        r += "  oifname \"" + br + "\" ct state established,related accept\n";
        r += "  oifname \"" + br + "\" drop\n  iifname \"" + br + "\" drop\n";
    } else {
        r += "  iifname \"" + br + "\" drop\n  oifname \"" + br + "\" drop\n";
    }
    r += " }\n";
    if (mode == "nat-network")
        r += " chain postrouting {\n  type nat hook postrouting priority srcnat; policy accept;\n  "
             "ip saddr " +
             cidr + " ip daddr != " + cidr + " oifname != \"" + br + "\" masquerade\n }\n";
    if (mode == "nat-network" && !forwards.empty()) {
        // From outside (prerouting) and from the host itself (output, to a local address).
        std::string rules;
        for (const auto& f : forwards)
            rules += (f.hostAddress.empty() ? "  fib daddr type local "
                                            : "  ip daddr " + f.hostAddress + " ") +
                     f.proto + " dport " + f.hostPort + " dnat ip to " + f.guestIp + ":" +
                     f.guestPort + "\n";
        r += " chain prerouting {\n  type nat hook prerouting priority dstnat; policy accept;\n" +
             rules + " }\n";
        r += " chain output {\n  type nat hook output priority -100; policy accept;\n" + rules +
             " }\n";
    }
    if (mode == "internal")
        r += " chain input {\n  type filter hook input priority filter; policy accept;\n  iifname "
             "\"" +
             br + "\" drop\n }\n";
    r += "}\n";
    return r;
}

int firewallUp(const std::string& table, const std::string& mode, const std::string& br,
               const std::string& cidr, const std::vector<Forward>& forwards) {
    if (run({"nft", "-f", "-"}, ruleset(table, mode, br, cidr, forwards)) != 0)
        return fail("nft refused the rules for " + br);
    if (mode == "nat-network") {
        std::ofstream fwd("/proc/sys/net/ipv4/ip_forward");
        fwd << "1\n";
        if (!fwd) return fail("cannot enable IPv4 forwarding");
    }
    return 0;
}

int firewallDown(const std::string& table) {
    // "table X; delete table X" is a no-op when the table does not exist.
    if (run({"nft", "-f", "-"}, "table inet " + table + "\ndelete table inet " + table + "\n") != 0)
        return fail("cannot delete nft table " + table);
    return 0;
}

pid_t readPid(const std::string& runDir) {
    std::ifstream f(runDir + "/dnsmasq.pid");
    long pid = 0;
    f >> pid;
    if (pid <= 0) return 0;
    std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    comm >> name;
    return name == "dnsmasq" ? static_cast<pid_t>(pid) : 0; // never signal a reused pid
}

// Alive and not a zombie: a daemon is reaped by whoever adopted it (PID 1, which may
// take seconds), and its socket is closed long before that.
bool running(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string all((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = all.rfind(')');
    return close != std::string::npos && close + 2 < all.size() && all[close + 2] != 'Z';
}

int dhcpDown(const std::string& runDir) {
    if (const pid_t pid = readPid(runDir)) {
        ::kill(pid, SIGTERM);
        for (int i = 0; i < 250 && running(pid); ++i)
            ::usleep(2000);
    }
    ::unlink((runDir + "/dnsmasq.pid").c_str());
    return 0;
}

// Names dnsmasq answers beside its leases (sandboxes on the network): a root-owned file
// per bridge that dnsmasq, once it runs as `nobody`, can still read when told to reload.
std::string dnsHostsPath(const std::string& br) {
    return "/run/vireo-dns/" + br + ".hosts";
}

// Copies the run folder's sandbox-hosts ("IPV4 NAME" lines; others are dropped) into the
// bridge's hosts file and has dnsmasq read it again.
int dnsHosts(const std::string& br, const std::string& runDir) {
    ::mkdir("/run/vireo-dns", 0755);
    std::ifstream in(runDir + "/sandbox-hosts");
    std::string out, ip, name;
    while (in >> ip >> name)
        if (isIpv4(ip) && isDnsLabel(name))
            out += ip + " " + name + " " + name + ".vireo.internal\n";
    const std::string path = dnsHostsPath(br), temp = path + ".tmp";
    {
        std::ofstream f(temp, std::ios::trunc);
        f << out;
        if (!f) return fail("cannot write " + temp);
    }
    ::chmod(temp.c_str(), 0644);
    if (::rename(temp.c_str(), path.c_str()) != 0) return fail("cannot write " + path);
    if (const pid_t pid = readPid(runDir)) ::kill(pid, SIGHUP);
    return 0;
}

// The DHCP host list ("MAC,IP,NAME" per line, IP and NAME optional; written by Vireo)
// goes on dnsmasq's command line rather than through --dhcp-hostsfile: dnsmasq drops to
// `nobody`, which cannot read a caller's private runtime folder. Lines that do not
// validate are skipped.
std::vector<std::string> dhcpHostArgs(const std::string& runDir) {
    std::vector<std::string> args;
    std::ifstream hosts(runDir + "/hosts");
    std::string line;
    while (std::getline(hosts, line) && args.size() < 4096) {
        std::vector<std::string> f;
        size_t start = 0;
        for (size_t c; (c = line.find(',', start)) != std::string::npos; start = c + 1)
            f.push_back(line.substr(start, c - start));
        f.push_back(line.substr(start));
        if (f.size() == 2) f.insert(f.begin() + 1, std::string()); // MAC,NAME (older files)
        if (f.size() != 3 || !isMac(f[0]) || (!f[1].empty() && !isIpv4(f[1])) ||
            (!f[2].empty() && !isDnsLabel(f[2])))
            continue;
        std::string arg = "--dhcp-host=" + f[0];
        if (!f[1].empty()) arg += "," + f[1];
        if (!f[2].empty()) arg += "," + f[2];
        args.push_back(arg);
    }
    return args;
}

struct DhcpOptions {
    bool router = false;
    std::string mtu;  // told to clients (option 26) when not empty
    std::string ipv6; // "PREFIX::/64": router advertisements for SLAAC
};

int dhcpUp(const std::string& br, const std::string& gateway, const std::string& start,
           const std::string& end, const std::string& runDir, const DhcpOptions& options) {
    dhcpDown(runDir);
    ::mkdir(runDir.c_str(), 0755);
    std::vector<std::string> argv{"dnsmasq",
                                  "--conf-file=/dev/null",
                                  "--pid-file=" + runDir + "/dnsmasq.pid",
                                  "--dhcp-leasefile=" + runDir + "/leases",
                                  "--interface=" + br,
                                  "--bind-interfaces",
                                  "--except-interface=lo",
                                  "--listen-address=" + gateway,
                                  "--dhcp-range=" + start + "," + end + ",1h",
                                  "--dhcp-authoritative",
                                  "--domain=vireo.internal",
                                  "--local=/vireo.internal/",
                                  "--log-facility=" + runDir + "/dnsmasq.log",
                                  "--addn-hosts=" + dnsHostsPath(br)};
    ::mkdir("/run/vireo-dns", 0755);
    std::ofstream(dnsHostsPath(br), std::ios::app).flush(); // there, even if empty
    ::chmod(dnsHostsPath(br).c_str(), 0644);
    for (auto& a : dhcpHostArgs(runDir))
        argv.push_back(std::move(a));
    if (!options.router) argv.emplace_back("--dhcp-option=3"); // host-only: no default route
    if (!options.mtu.empty()) argv.push_back("--dhcp-option=option:mtu," + options.mtu);
    if (!options.ipv6.empty()) {
        // SLAAC only, and router lifetime 0: guests reach the host and each other over
        // IPv6 but get no default route through it. Routing IPv6 out would take host-wide
        // forwarding, which stops the host itself from accepting router advertisements.
        argv.emplace_back("--enable-ra");
        argv.push_back("--dhcp-range=" + options.ipv6.substr(0, options.ipv6.size() - 3) +
                       ",ra-only,64");
        argv.push_back("--ra-param=" + br + ",10,0");
    }
    if (run(argv) != 0)
        return fail("dnsmasq did not start on " + br + " (see " + runDir + "/dnsmasq.log)");
    return 0;
}

int usage() {
    std::fprintf(
        stderr,
        "usage: vireo-helper [network|host-nic|hugepages|host-boot|host-device] OPERATION ARGS..., "
        "where OPERATION is\n"
        "       bridge-up BRIDGE ADDR/PREFIX|none MTU [ADDR6/64] |\n"
        "       bridge-down BRIDGE | host-port-up PORT ADDR/PREFIX MTU |\n"
        "       tap-up TAP BRIDGE MTU [multi-queue] | tap-down TAP | tap-move TAP BRIDGE MTU |\n"
        "       vlan-bridge-up BRIDGE PARENT-BRIDGE VLAN MTU |\n"
        "       uplink-bridge-up BRIDGE NIC | uplink-bridge-down BRIDGE NIC |\n"
        "       veth-up VETH BRIDGE PID MTU ADDR/PREFIX GATEWAY|none | veth-down VETH |\n"
        "       dns-hosts BRIDGE RUNDIR |\n"
        "       firewall-up TABLE MODE BRIDGE CIDR "
        "[tcp|udp:[HOSTADDR:]HOSTPORT:GUESTIP:GUESTPORT...] |\n"
        "       firewall-down TABLE |\n"
        "       dhcp-up BRIDGE GATEWAY START END RUNDIR router|no-router [mtu=MTU] "
        "[ipv6=PREFIX/64] |\n"
        "       dhcp-down RUNDIR |\n"
        "       hugepages-reserve COUNT | hugepages-release COUNT |\n"
        "       host-file-write FILE (content on stdin) | host-file-remove FILE |\n"
        "       host-run update-grub|grub2-mkconfig|kernel-install|kernelstub|update-initramfs|"
        "dracut |\n"
        "       pci-detach ADDRESS | pci-reattach ADDRESS |\n"
        "       sriov-numvfs ADDRESS COUNT | sriov-vf PF-INTERFACE VF KEY VALUE...\n");
    return 2;
}

// 2 MiB hugepages for a DPDK switch: added to (or taken from) the kernel's pool, so
// several switches and the user's own reservation add up. The kernel may give fewer than
// asked (fragmented memory): then nothing is kept and the caller is told.
int hugepagesChange(long delta) {
    const char* path = "/proc/sys/vm/nr_hugepages";
    long current = 0;
    if (!(std::ifstream(path) >> current)) return fail("cannot read /proc/sys/vm/nr_hugepages");
    const long wanted = std::max(0L, current + delta);
    if (!(std::ofstream(path) << wanted)) return fail("cannot write /proc/sys/vm/nr_hugepages");
    long now = 0;
    std::ifstream(path) >> now;
    if (now < wanted) {
        std::ofstream(path) << current;
        return fail("only " + std::to_string(now - current) + " of " + std::to_string(delta) +
                    " hugepages could be reserved (memory is short or fragmented): free memory "
                    "or ask for fewer with --hugepages");
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const Request request = parseRequest(std::vector<std::string>(argv + 1, argv + argc));
    if (request.verdict == Request::Verdict::Usage) return usage();
    if (request.verdict == Request::Verdict::Invalid) return fail(request.error);
    if (::geteuid() != 0) return fail("must run as root (Vireo runs it through pkexec)");
    const std::string& op = request.op;
    const std::vector<std::string>& a = request.args;
    // Every argument below passed parseRequest's checks.
    if (op == "bridge-up") return bridgeUp(a[0], a[1], a[2], a.size() == 4 ? a[3] : std::string());
    if (op == "host-port-up") return hostPortUp(a[0], a[1], a[2]);
    if (op == "bridge-down") return bridgeDown(a[0]);
    if (op == "tap-up") return tapUp(a[0], a[1], a[2], a.size() == 4);
    if (op == "tap-move") return tapMove(a[0], a[1], a[2]);
    if (op == "uplink-bridge-up") return uplinkBridgeUp(a[0], a[1]);
    if (op == "uplink-bridge-down") return uplinkBridgeDown(a[0], a[1]);
    if (op == "vlan-bridge-up") return vlanBridgeUp(a[0], a[1], a[2], a[3]);
    if (op == "veth-up") return vethUp(a[0], a[1], a[2], a[3], a[4], a[5]);
    if (op == "veth-down") return vethDown(a[0]);
    if (op == "tap-down") return tapDown(a[0]);
    if (op == "firewall-up") {
        std::vector<Forward> forwards;
        for (size_t i = 4; i < a.size(); ++i) {
            std::vector<std::string> f;
            size_t start = 0;
            for (size_t c; (c = a[i].find(':', start)) != std::string::npos; start = c + 1)
                f.push_back(a[i].substr(start, c - start));
            f.push_back(a[i].substr(start));
            if (f.size() == 4) f.insert(f.begin() + 1, std::string());
            forwards.push_back({f[0], f[1], f[2], f[3], f[4]});
        }
        return firewallUp(a[0], a[1], a[2], a[3], forwards);
    }
    if (op == "firewall-down") return firewallDown(a[0]);
    if (op == "dhcp-up") {
        DhcpOptions options;
        options.router = a[5] == "router";
        for (size_t i = 6; i < a.size(); ++i) {
            if (a[i].compare(0, 4, "mtu=") == 0) options.mtu = a[i].substr(4);
            if (a[i].compare(0, 5, "ipv6=") == 0) options.ipv6 = a[i].substr(5);
        }
        return dhcpUp(a[0], a[1], a[2], a[3], a[4], options);
    }
    if (op == "hugepages-reserve" || op == "hugepages-release") {
        const long count = std::atol(a[0].c_str());
        return hugepagesChange(op == "hugepages-reserve" ? count : -count);
    }
    if (op == "dns-hosts") return dnsHosts(a[0], a[1]);
    if (op == "dhcp-down") return dhcpDown(a[0]);
    if (op == "host-file-write") return hostFileWrite(a[0]);
    if (op == "host-file-remove") return hostFileRemove(a[0]);
    if (op == "host-run") return hostRun(a[0]);
    if (op == "pci-detach") return pciDetach(a[0]);
    if (op == "pci-reattach") return pciReattach(a[0]);
    if (op == "sriov-numvfs") return sriovNumVfs(a[0], std::atoi(a[1].c_str()));
    if (op == "sriov-vf")
        return sriovVf(a[0], std::atoi(a[1].c_str()),
                       std::vector<std::string>(a.begin() + 2, a.end()));
    return usage();
}
