#pragma once

#include "Forwarding.h"
#include "MacTable.h"
#include "PortsFile.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct rte_mempool;

namespace vswitch {

constexpr int kMaxThreads = 16;
// The host port (a kernel tap the host's address and dnsmasq sit on) and the uplink (a NIC
// of a bridged network) always have these slots; VM ports take the others.
constexpr int kHostSlot = kMaxPorts - 1;
constexpr int kUplinkSlot = kMaxPorts - 2;
constexpr int kMaxVmPorts = kMaxPorts - 2;

// Counters of one port kept by one packet thread (only that thread writes them), so no
// two cores ever write one cache line per frame.
struct alignas(64) PortCounters {
    std::atomic<std::uint64_t> rxPackets{0}, rxBytes{0}, rxDrops{0}; // from the guest
    std::atomic<std::uint64_t> txPackets{0}, txBytes{0}, txDrops{0}; // to the guest
};

inline void bump(std::atomic<std::uint64_t>& counter, std::uint64_t by) {
    counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

// One slot of the switch. `config` changes only while the slot is unregistered, so the
// vhost callbacks (which come only for registered sockets) read it without a lock: they
// must not take `SwitchState::control`, which is held while librte_vhost waits for them.
struct Port {
    PortConfig config;
    std::atomic<bool> registered{false};
    std::atomic<int> vid{-1}; // the vhost device while a peer is connected
    int owner = 0;            // the packet thread that polls it
    int ethPort = -1; // the host port or uplink: a DPDK ethdev (tap, af_packet), not vhost-user
};

// What a packet thread publishes so the control side knows when it no longer holds a
// device or a port map it is about to take away.
// Also how the thread spends its core, as OVS's pmd-stats-show tells: of its polling
// rounds, how many found frames, and how often it went to sleep. Only the thread writes.
struct alignas(64) ThreadPresence {
    std::atomic<std::uint64_t> iterations{0};
    std::atomic<std::uint64_t> busyIterations{0}; // rounds that moved frames
    std::atomic<std::uint64_t> sleeps{0};
    std::atomic<bool> sleeping{false};
    int wakeFd = -1; // eventfd: the control side's "look again"
};

struct SwitchState {
    std::array<Port, kMaxPorts> ports;
    std::atomic<const PortMap*> portMap{nullptr};
    std::atomic<std::uint64_t> generation{0}; // bumped on every port or device change
    std::atomic<PortMask> connected{0};       // ports with a live vhost device
    MacTable macs;
    rte_mempool* pool = nullptr;
    bool hasHostPort = false;
    bool hasUplink = false;
    std::string uplinkName;
    short uplinkFlags = 0; // the NIC's IFF_UP / IFF_PROMISC as found, restored at the end
    int uplinkWakeFd = -1; // see armUplinkWake
    int threadCount = 0;
    std::array<ThreadPresence, kMaxThreads> threads;
    std::array<std::array<PortCounters, kMaxPorts>, kMaxThreads> counters;
    bool busyPoll = false;
    std::atomic<bool> stopping{false};
    std::mutex control; // port changes: the vhost callbacks and the control socket

    // Returns once every packet thread has finished the iteration it was in (or sleeps),
    // so nothing it read before the caller's change is still in use.
    void waitForQuiescence();
    void wakeThreads();
};

std::uint64_t nowMs();

} // namespace vswitch
