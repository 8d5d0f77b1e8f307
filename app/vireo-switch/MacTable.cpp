#include "MacTable.h"

namespace vswitch {

namespace {
constexpr std::uint64_t kValid = 1ULL << 63;
constexpr std::uint64_t kPresent = 1ULL << 47;
constexpr std::uint64_t kTimeMask = kPresent - 1;
// A refresh of a known address on its known port is written at most this often, so a
// busy sender does not bounce the slot's cache line between packet threads per frame.
constexpr std::uint64_t kRefreshMs = 1000;

std::uint16_t portOf(std::uint64_t value) {
    return static_cast<std::uint16_t>(value >> 48);
}
std::uint64_t seenOf(std::uint64_t value) {
    return value & kTimeMask;
}
std::uint64_t valueOf(std::uint16_t port, std::uint64_t nowMs) {
    return static_cast<std::uint64_t>(port) << 48 | kPresent | (nowMs & kTimeMask);
}
// Milliseconds since `value` was seen. Packet threads read their clocks at different
// moments, so a time slightly ahead of `nowMs` counts as just now.
std::uint64_t ageOf(std::uint64_t value, std::uint64_t nowMs) {
    const std::uint64_t age = (nowMs - seenOf(value)) & kTimeMask;
    return age > kTimeMask / 2 ? 0 : age;
}
} // namespace

std::uint64_t MacTable::keyOf(MacAddress mac, std::uint16_t vlan) {
    return kValid | static_cast<std::uint64_t>(vlan & 0xfff) << 48 | (mac & 0xffffffffffffULL);
}

std::size_t MacTable::indexOf(std::uint64_t key) {
    // Fibonacci hashing: MACs of one vendor differ only in their low bytes.
    return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ULL) >> 51) & (kSlots - 1);
}

bool MacTable::live(std::uint64_t value, std::uint64_t nowMs) const {
    return (value & kPresent) != 0 && ageOf(value, nowMs) < m_agingMs;
}

bool MacTable::learn(MacAddress mac, std::uint16_t vlan, std::uint16_t port, std::uint64_t nowMs) {
    const std::uint64_t key = keyOf(mac, vlan);
    const std::size_t start = indexOf(key);
    int reusable = -1;
    for (int i = 0; i < kProbes; ++i) {
        Slot& slot = m_slots[(start + i) & (kSlots - 1)];
        const std::uint64_t k = slot.key.load(std::memory_order_relaxed);
        const std::uint64_t v = slot.value.load(std::memory_order_relaxed);
        if (k == key) {
            if (!live(v, nowMs) || portOf(v) != port || ageOf(v, nowMs) >= kRefreshMs)
                slot.value.store(valueOf(port, nowMs), std::memory_order_relaxed);
            return true;
        }
        if (reusable < 0 && (k == 0 || !live(v, nowMs))) reusable = (start + i) & (kSlots - 1);
        if (k == 0) break; // the key was never stored beyond a never-used slot
    }
    if (reusable < 0) return false;
    Slot& slot = m_slots[reusable];
    // Value first: a reader that sees the new key must not pair it with the old port.
    slot.value.store(valueOf(port, nowMs), std::memory_order_relaxed);
    slot.key.store(key, std::memory_order_release);
    return true;
}

int MacTable::lookup(MacAddress mac, std::uint16_t vlan, std::uint64_t nowMs) const {
    const std::uint64_t key = keyOf(mac, vlan);
    const std::size_t start = indexOf(key);
    for (int i = 0; i < kProbes; ++i) {
        const Slot& slot = m_slots[(start + i) & (kSlots - 1)];
        const std::uint64_t k = slot.key.load(std::memory_order_acquire);
        if (k == key) {
            const std::uint64_t v = slot.value.load(std::memory_order_relaxed);
            return live(v, nowMs) ? portOf(v) : -1;
        }
        if (k == 0) return -1;
    }
    return -1;
}

void MacTable::forgetPort(std::uint16_t port) {
    // Emptied slots keep their key so later probes still run past them; an aged value of
    // 0 makes them free for reuse.
    for (Slot& slot : m_slots) {
        const std::uint64_t v = slot.value.load(std::memory_order_relaxed);
        if (slot.key.load(std::memory_order_relaxed) != 0 && portOf(v) == port)
            slot.value.store(0, std::memory_order_relaxed);
    }
}

void MacTable::flush() {
    for (Slot& slot : m_slots)
        slot.value.store(0, std::memory_order_relaxed);
}

std::vector<MacTable::Entry> MacTable::entries(std::uint64_t nowMs) const {
    std::vector<Entry> out;
    for (const Slot& slot : m_slots) {
        const std::uint64_t k = slot.key.load(std::memory_order_acquire);
        const std::uint64_t v = slot.value.load(std::memory_order_relaxed);
        if (k == 0 || !live(v, nowMs)) continue;
        out.push_back({k & 0xffffffffffffULL, static_cast<std::uint16_t>((k >> 48) & 0xfff),
                       portOf(v), ageOf(v, nowMs)});
    }
    return out;
}

} // namespace vswitch
