#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace vswitch {

// A MAC address in the low 48 bits, first byte on the wire most significant.
using MacAddress = std::uint64_t;

// Two loads straight into registers: assembling the bytes in a stack word made each call
// wait for a failed store-to-load forward (a 6-byte store read back as 8), which was 70%
// of the forwarding decision's time and ~10% of the switch's.
inline MacAddress macFromBytes(const std::uint8_t* bytes) {
    std::uint16_t high = 0;
    std::uint32_t low = 0;
    std::memcpy(&high, bytes, 2);
    std::memcpy(&low, bytes + 2, 4);
    return static_cast<MacAddress>(__builtin_bswap16(high)) << 32 | __builtin_bswap32(low);
}
inline bool isMulticast(MacAddress mac) {
    return (mac >> 40) & 1;
}

// The learned (VLAN, MAC) → port table of the switch. Fixed size and lock-free: packet
// threads read it per frame and learn into it without a lock; two threads learning the
// same new address at once may store it twice, which costs a slot, never a wrong answer
// (both copies name the port the address was last seen on, and the older one ages out).
class MacTable {
public:
    static constexpr std::size_t kSlots = 8192; // a power of two
    static constexpr int kProbes = 16;

    explicit MacTable(std::uint64_t agingMs = 300'000) : m_agingMs(agingMs) {}

    // Records that `mac` on `vlan` was seen on `port` at `nowMs`. Returns false when the
    // table is full around this address (the frame is still forwarded, by flooding).
    bool learn(MacAddress mac, std::uint16_t vlan, std::uint16_t port, std::uint64_t nowMs);
    // The port `mac` on `vlan` was last seen on, or -1 (unknown, or aged out).
    int lookup(MacAddress mac, std::uint16_t vlan, std::uint64_t nowMs) const;
    // Drops every address learned on `port` (the port went away).
    void forgetPort(std::uint16_t port);
    void flush();

    struct Entry {
        MacAddress mac;
        std::uint16_t vlan;
        std::uint16_t port;
        std::uint64_t ageMs;
    };
    std::vector<Entry> entries(std::uint64_t nowMs) const;
    std::uint64_t agingMs() const { return m_agingMs; }

private:
    struct Slot {
        std::atomic<std::uint64_t> key{0};   // 1 << 63 | vlan << 48 | mac; 0 = never used
        std::atomic<std::uint64_t> value{0}; // port << 48 | present | last seen (ms)
    };
    static std::uint64_t keyOf(MacAddress mac, std::uint16_t vlan);
    static std::size_t indexOf(std::uint64_t key);
    bool live(std::uint64_t value, std::uint64_t nowMs) const;

    std::uint64_t m_agingMs;
    Slot m_slots[kSlots];
};

} // namespace vswitch
