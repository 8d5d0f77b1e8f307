#include "SwitchState.h"

#include <chrono>
#include <thread>
#include <unistd.h>

namespace vswitch {

std::uint64_t nowMs() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::steady_clock::now().time_since_epoch())
                                          .count());
}

void SwitchState::wakeThreads() {
    const std::uint64_t one = 1;
    for (int t = 0; t < threadCount; ++t)
        // A failed write means the counter is saturated: the thread is due to wake anyway.
        [[maybe_unused]] const ssize_t n = write(threads[t].wakeFd, &one, sizeof one);
}

void SwitchState::waitForQuiescence() {
    std::array<std::uint64_t, kMaxThreads> seen{};
    for (int t = 0; t < threadCount; ++t)
        seen[t] = threads[t].iterations.load(std::memory_order_acquire);
    wakeThreads();
    for (int t = 0; t < threadCount; ++t) {
        while (!stopping.load() && !threads[t].sleeping.load(std::memory_order_seq_cst) &&
               threads[t].iterations.load(std::memory_order_acquire) == seen[t])
            std::this_thread::yield();
    }
}

} // namespace vswitch
