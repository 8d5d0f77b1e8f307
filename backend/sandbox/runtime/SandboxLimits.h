#pragma once

#include <cstdint>

namespace vireo {

// Resource limits; 0 means "no limit".
struct SandboxLimits {
    std::uint64_t memoryBytes = 0;
    std::uint32_t pids = 0;
    double cpus = 0; // CPU time per wall second (1.5 = one and a half cores)
    // Swap the sandbox may use beyond memoryBytes (needs it); 0 = none, as before.
    std::uint64_t swapBytes = 0;
    // Shares against other groups when CPU or disk time is contended, 1-10000 (100 is
    // everyone's default, as cgroup v2's cpu.weight and io.weight); 0 = not set.
    std::uint32_t cpuWeight = 0;
    std::uint32_t ioWeight = 0;
};

} // namespace vireo
