#pragma once

#include "sandbox/runtime/SysFailure.h"

#include <cstdint>

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

// What every sandbox gets over `rootfs` (a canonical path): the host's device nodes, and the
// /proc and /sys paths masked or made read-only. Its cwd is "/".
MountPlan baseMountPlan(const std::string& rootfs);
// A host path (a folder or a file) at `guest`, an absolute path inside.
void addBindMount(MountPlan* plan, const std::string& host, const std::string& guest,
                  bool readOnly);
// A tmpfs at `guest`; size 0 means 64 MiB.
void addTmpfsMount(MountPlan* plan, const std::string& guest, std::uint64_t sizeBytes);

// In the sandbox's init (new user, mount, pid, net and uts namespaces), before anything
// else runs there: private propagation, the rootfs bound onto itself, proc, read-only
// sys, a tmpfs /dev with host device nodes bound in, volumes, masked paths, hostname,
// loopback up, then pivot_root and the old root detached. Returns false and fills `f` with
// the step and path that failed.
bool buildSandboxRoot(const MountPlan& plan, SysFailure* f) noexcept;

} // namespace vireo
