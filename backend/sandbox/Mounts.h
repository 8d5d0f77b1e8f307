#pragma once

#include "sandbox/SandboxSpec.h"
#include "sandbox/SysFailure.h"

#include <string>
#include <vector>

namespace vireo {

// Every path the sandbox's init needs to build its root, computed in the runtime before
// fork so the init itself only makes system calls.
struct MountPlan {
    struct Bind {
        std::string source; // host path
        std::string target; // <rootfs>/<guest>
        bool readOnly = false;
        bool isDir = true;
    };
    std::string rootfs;
    std::string overlay; // overlayfs options mounted at rootfs, or "" to bind rootfs itself
    std::vector<Bind> binds;
    struct Tmpfs {
        std::string target; // <rootfs>/<guest>
        std::string options;
    };
    std::vector<Tmpfs> tmpfs;
    bool readOnlyRoot = false;
    std::vector<std::string> devices;   // "null", "zero", ... bound from the host's /dev
    std::vector<std::string> maskFiles; // /proc files hidden behind /dev/null
    std::vector<std::string> maskDirs;  // folders hidden behind an empty read-only tmpfs
    std::vector<std::string> readOnly;  // /proc folders made read-only
    std::string hostname;
    std::string cwd;
};

MountPlan makeMountPlan(const SandboxSpec& spec);

// In the sandbox's init (new user, mount, pid, net and uts namespaces), before anything
// else runs there: private propagation, the rootfs bound onto itself, proc, read-only
// sys, a tmpfs /dev with host device nodes bound in, volumes, masked paths, hostname,
// loopback up, then pivot_root and the old root detached. Returns false and fills `f` with
// the step and path that failed.
bool buildSandboxRoot(const MountPlan& plan, SysFailure* f) noexcept;

} // namespace vireo
