#include "VhostPorts.h"
#include "SwitchState.h"

#include <rte_vhost.h>

#include <cstring>
#include <thread>

namespace vswitch {

namespace {
// librte_vhost's callbacks carry no context: the one switch of this process.
SwitchState* g_state = nullptr;

int slotOfSocket(const char* path) {
    for (int port = 0; port < kMaxVmPorts; ++port) {
        const Port& slot = g_state->ports[port];
        if (slot.registered.load(std::memory_order_acquire) && slot.config.socket == path)
            return port;
    }
    return -1;
}

int onNewDevice(int vid) {
    char path[PATH_MAX] = {};
    rte_vhost_get_ifname(vid, path, sizeof path);
    const int port = slotOfSocket(path);
    if (port < 0) return -1;
    g_state->ports[port].vid.store(vid, std::memory_order_release);
    g_state->connected.fetch_or(PortMask(1) << port, std::memory_order_seq_cst);
    g_state->generation.fetch_add(1, std::memory_order_seq_cst);
    g_state->wakeThreads();
    return 0;
}

void onDestroyDevice(int vid) {
    for (int port = 0; port < kMaxVmPorts; ++port) {
        Port& slot = g_state->ports[port];
        if (slot.vid.load(std::memory_order_acquire) != vid) continue;
        g_state->connected.fetch_and(~(PortMask(1) << port), std::memory_order_seq_cst);
        g_state->generation.fetch_add(1, std::memory_order_seq_cst);
        g_state->waitForQuiescence();
        slot.vid.store(-1, std::memory_order_release);
        // The VM may come back with other addresses, or another VM on this socket.
        g_state->macs.forgetPort(static_cast<std::uint16_t>(port));
    }
}

const rte_vhost_device_ops kDeviceOps = [] {
    rte_vhost_device_ops ops{};
    ops.new_device = onNewDevice;
    ops.destroy_device = onDestroyDevice;
    return ops;
}();

// Offloads stay off, as in OVS without userspace TSO: a frame switched between two guests
// must be a plain Ethernet frame that either of them accepts. (Feature bits of the virtio
// spec, 5.1.3; linux/virtio_net.h does not compile as C++.)
constexpr std::uint64_t kDisabledFeatures =
    1ULL << 0 /* CSUM */ | 1ULL << 1 /* GUEST_CSUM */ | 1ULL << 7 /* GUEST_TSO4 */ |
    1ULL << 8 /* GUEST_TSO6 */ | 1ULL << 9 /* GUEST_ECN */ | 1ULL << 10 /* GUEST_UFO */ |
    1ULL << 11 /* HOST_TSO4 */ | 1ULL << 12 /* HOST_TSO6 */ | 1ULL << 13 /* HOST_ECN */ |
    1ULL << 14 /* HOST_UFO */;

bool samePort(const PortConfig& a, const PortConfig& b) {
    return a.name == b.name && a.socket == b.socket;
}
} // namespace

VhostPorts::VhostPorts(SwitchState& state) : m_state(state) {
    g_state = &state;
}

std::string VhostPorts::apply(const std::vector<PortConfig>& wanted) {
    std::lock_guard lock(m_state.control);
    // Gone or moved ports first, so their slots and sockets are free for the new ones.
    for (int port = 0; port < kMaxVmPorts; ++port) {
        Port& slot = m_state.ports[port];
        if (!slot.registered.load()) continue;
        bool keep = false;
        for (const PortConfig& config : wanted)
            keep = keep || samePort(config, slot.config);
        if (keep) continue;
        // Busy while the vhost thread is inside a callback of this socket: try again.
        while (rte_vhost_driver_unregister(slot.config.socket.c_str()) == -EBUSY)
            std::this_thread::yield();
        slot.registered.store(false, std::memory_order_release);
        slot.config = PortConfig();
    }
    auto* map = new PortMap();
    std::string error;
    for (const PortConfig& config : wanted) {
        int port = -1;
        for (int p = 0; p < kMaxVmPorts && port < 0; ++p)
            if (m_state.ports[p].registered.load() && samePort(m_state.ports[p].config, config))
                port = p;
        if (port >= 0) {
            m_state.ports[port].config.vlan = config.vlan;
            m_state.ports[port].config.owner = config.owner;
        } else {
            for (int p = 0; p < kMaxVmPorts && port < 0; ++p)
                if (!m_state.ports[p].registered.load()) port = p;
            Port& slot = m_state.ports[port];
            slot.config = config;
            slot.owner = port % m_state.threadCount;
            const char* path = config.socket.c_str();
            if (rte_vhost_driver_register(path, RTE_VHOST_USER_CLIENT) != 0) {
                error = "port " + config.name + ": cannot use socket " + config.socket +
                        ": check that its folder exists and is writable";
                slot.config = PortConfig();
                continue;
            }
            rte_vhost_driver_disable_features(path, kDisabledFeatures);
            rte_vhost_driver_callback_register(path, &kDeviceOps);
            slot.registered.store(true, std::memory_order_release);
            // In client mode this connects now or keeps retrying in the background.
            rte_vhost_driver_start(path);
        }
        map->setPort(port, config.vlan);
    }
    if (m_state.hasHostPort) map->setPort(kHostSlot, m_state.ports[kHostSlot].config.vlan);
    if (m_state.hasUplink) map->setPort(kUplinkSlot, m_state.ports[kUplinkSlot].config.vlan);
    const PortMap* old = m_state.portMap.exchange(map, std::memory_order_acq_rel);
    m_state.generation.fetch_add(1, std::memory_order_seq_cst);
    m_state.waitForQuiescence();
    delete old;
    return error;
}

void VhostPorts::unregisterAll() {
    apply({});
}

} // namespace vswitch
