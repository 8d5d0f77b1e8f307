#include "PacketThread.h"
#include "EthPorts.h"
#include "SwitchState.h"

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_vhost.h>

#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include <vector>

namespace vswitch {

namespace {
constexpr std::uint16_t kBurst = 32;
constexpr std::uint16_t kGuestRx = 0; // VIRTIO_RXQ: the switch fills it
constexpr std::uint16_t kGuestTx = 1; // VIRTIO_TXQ: the switch drains it
// How long the rings must stay empty before the thread sleeps. Short enough that an
// idle switch costs nothing, long enough that a busy one never pays for a wake-up.
constexpr std::uint64_t kIdleBeforeSleepUs = 200;
constexpr std::uint64_t kHostFdMark = 1ULL << 32;

std::uint64_t coarseMs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1000 +
           static_cast<std::uint64_t>(ts.tv_nsec) / 1'000'000;
}

class PacketThread {
public:
    PacketThread(SwitchState& state, int index)
        : m_state(state), m_index(index), m_presence(state.threads[index]),
          m_counters(state.counters[index]) {}
    ~PacketThread() {
        if (m_epoll >= 0) close(m_epoll);
    }
    void run();

private:
    struct Polled {
        int port;
        int vid;     // a vhost-user port
        int ethPort; // or the host port or uplink (a DPDK ethdev): -1 otherwise
    };
    void refresh();
    unsigned pollAll(const PortMap& map);
    unsigned pollPort(const PortMap& map, const Polled& polled);
    void send(int port, rte_mbuf** frames, unsigned count);
    void sendToEth(int ethPort, PortCounters& counters, rte_mbuf** frames, unsigned count);
    void sleepUntilKicked(const PortMap& map);
    void setNotifications(bool on);
    // Tells the control side this round is over (see SwitchState::waitForQuiescence): a
    // release store, as only this thread writes the count, not a locked add per round.
    void endRound() {
        m_presence.iterations.store(m_presence.iterations.load(std::memory_order_relaxed) + 1,
                                    std::memory_order_release);
    }

    SwitchState& m_state;
    int m_index;
    ThreadPresence& m_presence;
    std::array<PortCounters, kMaxPorts>& m_counters;
    std::vector<Polled> m_polled;
    std::uint64_t m_generation = ~0ULL;
    int m_epoll = -1;
    std::uint64_t m_now = 0;
};

void PacketThread::refresh() {
    m_generation = m_state.generation.load(std::memory_order_acquire);
    m_polled.clear();
    if (m_epoll >= 0) close(m_epoll);
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    epoll_event wake{};
    wake.events = EPOLLIN;
    wake.data.u64 = static_cast<std::uint32_t>(m_presence.wakeFd);
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_presence.wakeFd, &wake);
    const PortMask connected = m_state.connected.load(std::memory_order_acquire);
    // The host port: polled by the first thread; its fd (the tap's) wakes it. That fd is
    // the PMD's to read, so it is marked in the event data and never read here.
    if (m_state.hasHostPort && m_index == 0) {
        const int eth = m_state.ports[kHostSlot].ethPort;
        m_polled.push_back({kHostSlot, -1, eth});
        const int fd = rte_eth_dev_rx_intr_ctl_q_get_fd(static_cast<std::uint16_t>(eth), 0);
        if (fd >= 0) {
            epoll_event host{};
            host.events = EPOLLIN;
            host.data.u64 = kHostFdMark | static_cast<std::uint32_t>(fd);
            epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &host);
        }
    }
    // The uplink: polled by the first thread too; our packet socket on its NIC wakes it.
    if (m_state.hasUplink && m_index == 0) {
        m_polled.push_back({kUplinkSlot, -1, m_state.ports[kUplinkSlot].ethPort});
        epoll_event uplink{};
        uplink.events = EPOLLIN;
        uplink.data.u64 = kHostFdMark | static_cast<std::uint32_t>(m_state.uplinkWakeFd);
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_state.uplinkWakeFd, &uplink);
    }
    for (int port = 0; port < kMaxVmPorts; ++port) {
        const Port& slot = m_state.ports[port];
        if (!((connected >> port) & 1) || slot.owner != m_index) continue;
        const int vid = slot.vid.load(std::memory_order_acquire);
        if (vid < 0) continue;
        m_polled.push_back({port, vid, -1});
        rte_vhost_vring vring{};
        if (rte_vhost_get_vhost_vring(vid, kGuestTx, &vring) == 0 && vring.kickfd >= 0) {
            epoll_event kick{};
            kick.events = EPOLLIN;
            kick.data.u64 = static_cast<std::uint32_t>(vring.kickfd);
            epoll_ctl(m_epoll, EPOLL_CTL_ADD, vring.kickfd, &kick);
        }
        // Kicks cost the guest a system call per burst: off while we poll. The RX ring's
        // stay off for good (a refill of RX buffers never needs to wake the switch).
        rte_vhost_enable_guest_notification(vid, kGuestTx, 0);
        rte_vhost_enable_guest_notification(vid, kGuestRx, 0);
    }
}

void PacketThread::sendToEth(int ethPort, PortCounters& counters, rte_mbuf** frames,
                             unsigned count) {
    // The PMD frees what it sends, and the burst's frames are freed again after all their
    // ports had them: one more reference each, taken back for what it did not send.
    std::uint64_t bytes = 0;
    for (unsigned i = 0; i < count; ++i) {
        rte_pktmbuf_refcnt_update(frames[i], 1);
        bytes += rte_pktmbuf_pkt_len(frames[i]);
    }
    const std::uint16_t sent = rte_eth_tx_burst(static_cast<std::uint16_t>(ethPort), 0, frames,
                                                static_cast<std::uint16_t>(count));
    for (unsigned i = sent; i < count; ++i) {
        bytes -= rte_pktmbuf_pkt_len(frames[i]);
        rte_pktmbuf_free(frames[i]);
    }
    bump(counters.txPackets, sent);
    bump(counters.txBytes, bytes);
    if (sent < count) bump(counters.txDrops, count - sent);
}

void PacketThread::send(int port, rte_mbuf** frames, unsigned count) {
    PortCounters& counters = m_counters[port];
    if (port == kHostSlot || port == kUplinkSlot) {
        sendToEth(m_state.ports[port].ethPort, counters, frames, count);
        return;
    }
    const int vid = m_state.ports[port].vid.load(std::memory_order_acquire);
    if (vid < 0) {
        bump(counters.txDrops, count);
        return;
    }
    const std::uint16_t sent =
        rte_vhost_enqueue_burst(vid, kGuestRx, frames, static_cast<std::uint16_t>(count));
    std::uint64_t bytes = 0;
    for (unsigned i = 0; i < sent; ++i)
        bytes += rte_pktmbuf_pkt_len(frames[i]);
    bump(counters.txPackets, sent);
    bump(counters.txBytes, bytes);
    if (sent < count) bump(counters.txDrops, count - sent); // the guest's RX ring is full
}

unsigned PacketThread::pollPort(const PortMap& map, const Polled& polled) {
    rte_mbuf* frames[kBurst];
    const std::uint16_t count =
        polled.ethPort >= 0
            ? rte_eth_rx_burst(static_cast<std::uint16_t>(polled.ethPort), 0, frames, kBurst)
            : rte_vhost_dequeue_burst(polled.vid, kGuestTx, m_state.pool, frames, kBurst);
    if (count == 0) return 0;
    PortCounters& in = m_counters[polled.port];
    std::uint64_t bytes = 0;
    const std::uint8_t* heads[kBurst];
    std::uint16_t lengths[kBurst];
    for (unsigned i = 0; i < count; ++i) {
        bytes += rte_pktmbuf_pkt_len(frames[i]);
        heads[i] = rte_pktmbuf_mtod(frames[i], const std::uint8_t*);
        lengths[i] = rte_pktmbuf_data_len(frames[i]);
    }
    Verdict verdicts[kBurst];
    decideBurst(map, m_state.macs, polled.port, heads, lengths, count, m_now, verdicts);
    PortMask anyOut = 0;
    unsigned drops = 0;
    const PortMask connected = m_state.connected.load(std::memory_order_relaxed);
    for (unsigned i = 0; i < count; ++i) {
        verdicts[i].out &= connected;
        drops += verdicts[i].drop != Drop::None;
        anyOut |= verdicts[i].out;
    }
    bump(in.rxPackets, count);
    bump(in.rxBytes, bytes);
    if (drops) bump(in.rxDrops, drops);

    // Destinations that take frames as they came first; then the frames are re-tagged
    // (access ↔ trunk) in place for the others. librte_vhost copies on enqueue, so one
    // frame may go to many ports without a clone.
    const bool ingressTagged = map.policy(polled.port).tagged();
    PortMask convert = 0;
    rte_mbuf* batch[kBurst];
    const auto sendTo = [&](int port) {
        unsigned n = 0;
        for (unsigned i = 0; i < count; ++i)
            if ((verdicts[i].out >> port) & 1) batch[n++] = frames[i];
        send(port, batch, n);
    };
    for (PortMask pending = anyOut; pending; pending &= pending - 1) {
        const int port = __builtin_ctzll(pending);
        if (map.policy(port).tagged() != ingressTagged)
            convert |= PortMask(1) << port;
        else
            sendTo(port);
    }
    if (convert) {
        for (unsigned i = 0; i < count; ++i) {
            if (!(verdicts[i].out & convert)) continue;
            if (ingressTagged) {
                rte_vlan_strip(frames[i]);
            } else {
                frames[i]->vlan_tci = verdicts[i].vlan;
                rte_vlan_insert(&frames[i]);
            }
        }
        for (PortMask pending = convert; pending; pending &= pending - 1)
            sendTo(__builtin_ctzll(pending));
    }
    rte_pktmbuf_free_bulk(frames, count);
    return count;
}

unsigned PacketThread::pollAll(const PortMap& map) {
    unsigned received = 0;
    for (const Polled& polled : m_polled)
        received += pollPort(map, polled);
    return received;
}

void PacketThread::setNotifications(bool on) {
    for (const Polled& polled : m_polled) {
        if (polled.ethPort < 0)
            rte_vhost_enable_guest_notification(polled.vid, kGuestTx, on);
        else if (polled.port == kUplinkSlot)
            armUplinkWake(m_state, on);
        else if (on)
            rte_eth_dev_rx_intr_enable(static_cast<std::uint16_t>(polled.ethPort), 0);
        else
            rte_eth_dev_rx_intr_disable(static_cast<std::uint16_t>(polled.ethPort), 0);
    }
}

void PacketThread::sleepUntilKicked(const PortMap& map) {
    setNotifications(true);
    std::atomic_thread_fence(std::memory_order_seq_cst);
    // A frame queued before the guest was asked to kick would never wake us: look again.
    if (pollAll(map) != 0) {
        setNotifications(false);
        return;
    }
    m_presence.sleeping.store(true, std::memory_order_seq_cst);
    bump(m_presence.sleeps, 1);
    epoll_event events[kMaxPorts + 1];
    const int ready = epoll_wait(m_epoll, events, kMaxPorts + 1, 1000);
    // Seq-cst against the control side's generation bump: after this store, either it sees
    // us awake and waits for us, or we see its change and leave its devices alone.
    m_presence.sleeping.store(false, std::memory_order_seq_cst);
    if (m_state.generation.load(std::memory_order_seq_cst) != m_generation) return;
    for (int i = 0; i < ready; ++i) {
        // The tap's (drained by rx_burst) or the uplink's wake socket (drained on disarm).
        if (events[i].data.u64 & kHostFdMark) continue;
        std::uint64_t value = 0;
        [[maybe_unused]] const ssize_t n =
            read(static_cast<int>(events[i].data.u64 & 0xffffffff), &value, sizeof value);
    }
    setNotifications(false);
}

void PacketThread::run() {
    const std::uint64_t idleCycles = rte_get_tsc_hz() / 1'000'000 * kIdleBeforeSleepUs;
    std::uint64_t idleSince = 0;
    while (!m_state.stopping.load(std::memory_order_relaxed)) {
        if (m_state.generation.load(std::memory_order_acquire) != m_generation) refresh();
        const PortMap* map = m_state.portMap.load(std::memory_order_acquire);
        m_now = coarseMs();
        const unsigned received = pollAll(*map);
        endRound();
        if (received != 0) bump(m_presence.busyIterations, 1);
        if (received != 0 || m_state.busyPoll) {
            idleSince = 0;
            continue;
        }
        const std::uint64_t now = rte_rdtsc();
        if (idleSince == 0) idleSince = now;
        if (now - idleSince < idleCycles) continue;
        sleepUntilKicked(*map);
        endRound();
        idleSince = 0;
    }
    m_presence.sleeping.store(true, std::memory_order_release);
}
} // namespace

void runPacketThread(SwitchState& state, int index) {
    PacketThread thread(state, index);
    thread.run();
}

} // namespace vswitch
