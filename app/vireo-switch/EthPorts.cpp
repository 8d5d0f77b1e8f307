#include "EthPorts.h"
#include "SwitchState.h"

#include <rte_errno.h>
#include <rte_ethdev.h>

#include <arpa/inet.h>
#include <cstring>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace vswitch {

namespace {

// Starts the ethdev `device` as the port in `slot`, named `name` in stats.
std::string configure(SwitchState& state, int slot, const char* device, const std::string& ifname,
                      const std::string& name, bool interrupts) {
    const std::string label = name == "host" ? "host port" : name;
    std::uint16_t port = 0;
    if (rte_eth_dev_get_port_by_name(device, &port) != 0)
        return label + " " + ifname + " was not created";
    rte_eth_conf conf{};
    conf.intr_conf.rxq = interrupts ? 1 : 0;
    const int socket = rte_eth_dev_socket_id(port);
    const unsigned numa = static_cast<unsigned>(socket < 0 ? 0 : socket);
    if (rte_eth_dev_configure(port, 1, 1, &conf) != 0 ||
        rte_eth_rx_queue_setup(port, 0, 1024, numa, nullptr, state.pool) != 0 ||
        rte_eth_tx_queue_setup(port, 0, 1024, numa, nullptr) != 0 || rte_eth_dev_start(port) != 0)
        return label + " " + ifname + " did not start (" + rte_strerror(rte_errno) + ")";
    rte_eth_promiscuous_enable(port);
    Port& p = state.ports[slot];
    p.config.name = name;
    p.config.owner = name;
    p.config.socket = ifname;
    p.ethPort = port;
    p.registered.store(true);
    state.connected.fetch_or(PortMask(1) << slot);
    return {};
}

// SIOCGIFFLAGS into *flags, or with `set` SIOCSIFFLAGS from it: a NIC's up and
// promiscuous flags, through a throwaway socket.
bool interfaceFlags(const std::string& ifname, short* flags, bool set = false) {
    const int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) return false;
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, ifname.c_str(), IFNAMSIZ - 1);
    if (set) ifr.ifr_flags = *flags;
    const bool ok = ioctl(s, set ? SIOCSIFFLAGS : SIOCGIFFLAGS, &ifr) == 0;
    if (ok && !set) *flags = ifr.ifr_flags;
    close(s);
    return ok;
}

void drain(int fd) {
    char byte;
    while (recv(fd, &byte, 1, MSG_DONTWAIT) >= 0) {
    }
}

} // namespace

std::string startHostPort(SwitchState& state, const std::string& ifname) {
    std::string error = configure(state, kHostSlot, "net_tap0", ifname, "host", true);
    if (!error.empty()) return error + ": is the tun module loaded?";
    state.hasHostPort = true;
    return {};
}

std::string startUplink(SwitchState& state, const std::string& ifname) {
    short flags = 0;
    if (!interfaceFlags(ifname, &flags)) return "uplink " + ifname + " does not exist";
    state.uplinkName = ifname;
    state.uplinkFlags = flags;
    const int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(ETH_P_ALL));
    if (fd < 0) return "uplink " + ifname + ": no packet socket (" + std::strerror(errno) + ")";
    // It only ever needs to hold one frame, and never the switch's own: a tiny buffer makes
    // the kernel drop the rest before copying (so it can stay open while the switch polls,
    // with no change to make on the wake-up path), and outgoing frames never reach it.
    const int smallest = 1, one = 1;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &smallest, sizeof smallest);
    setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
    sockaddr_ll where{};
    where.sll_family = AF_PACKET;
    where.sll_protocol = htons(ETH_P_ALL);
    where.sll_ifindex = static_cast<int>(if_nametoindex(ifname.c_str()));
    if (bind(fd, reinterpret_cast<sockaddr*>(&where), sizeof where) != 0) {
        close(fd);
        return "uplink " + ifname + ": cannot listen on it (" + std::strerror(errno) + ")";
    }
    state.uplinkWakeFd = fd;
    std::string error = configure(state, kUplinkSlot, "net_af_packet0", ifname, "uplink", false);
    if (!error.empty()) return error;
    state.hasUplink = true;
    return {};
}

void stopEthPorts(SwitchState& state) {
    if (state.hasHostPort) {
        const auto port = static_cast<std::uint16_t>(state.ports[kHostSlot].ethPort);
        rte_eth_dev_stop(port);
        rte_eth_dev_close(port);
    }
    if (state.hasUplink) {
        const auto port = static_cast<std::uint16_t>(state.ports[kUplinkSlot].ethPort);
        // The af_packet PMD takes the NIC down when it stops: put back what we found.
        rte_eth_dev_stop(port);
        rte_eth_dev_close(port);
        short now = 0;
        if (interfaceFlags(state.uplinkName, &now)) {
            const short keep = IFF_UP | IFF_PROMISC;
            short restored = static_cast<short>((now & ~keep) | (state.uplinkFlags & keep));
            interfaceFlags(state.uplinkName, &restored, true);
        }
    }
    if (state.uplinkWakeFd >= 0) close(state.uplinkWakeFd);
    state.uplinkWakeFd = -1;
}

void armUplinkWake(SwitchState& state, bool armed) {
    // Armed: only frames from now on count. Disarmed: nothing to do, the buffer is full.
    if (state.uplinkWakeFd >= 0 && armed) drain(state.uplinkWakeFd);
}

} // namespace vswitch
