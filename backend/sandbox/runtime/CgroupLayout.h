#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vireo {

// How the host mounts cgroups: pure v1 (one hierarchy per controller), pure v2 (one
// unified hierarchy) or hybrid (v1 controllers plus a cgroup2 mount, usually holding
// few or no controllers).
enum class CgroupLayoutKind { None, V1, Hybrid, V2 };

// "none", "v1", "hybrid" or "v2".
const char* cgroupLayoutName(CgroupLayoutKind kind);

struct CgroupLayout {
    CgroupLayoutKind kind = CgroupLayoutKind::None;
    std::map<std::string, std::string>
        v1Mounts; // controller -> mount point ("cpu" -> /sys/fs/cgroup/cpu)
    std::map<std::string, std::string> v1OwnPath; // controller -> this process's group ("/user/x")
    std::string v2Mount;                          // the cgroup2 mount point, empty if none
    std::string v2OwnPath;                        // this process's group in the v2 hierarchy
    std::vector<std::string> v2Controllers;       // what the v2 root offers (cgroup.controllers)

    bool hasV1(const std::string& controller) const { return v1Mounts.count(controller) > 0; }
    bool hasV2(const std::string& controller) const;
    // This process's own group folder in a v1 controller's hierarchy ("" without it).
    std::string v1OwnDir(const std::string& controller) const;
    // This process's own group folder in the cgroup2 hierarchy ("" without one).
    std::string v2OwnDir() const;
    // Where sandboxes' cgroup2 groups go ("" without a cgroup2 mount). v2 lets a group hand
    // controllers to its children only while it holds no process itself (the root is
    // exempt), and our own group holds us (on a systemd host, a login's session scope): so
    // our own group when it is the root, else a folder of their own at the root,
    // "<mount>/vireo", as Docker's cgroupfs driver uses /docker.
    std::string v2SandboxParent() const;
};

// Pure: from the text of /proc/self/mountinfo, /proc/self/cgroup and the v2 mount's
// cgroup.controllers (empty if none).
CgroupLayout parseCgroupLayout(std::string_view mountinfo, std::string_view selfCgroup,
                               std::string_view v2Controllers);

// Reads the real files of this host: the standard mounts are checked with statfs (see
// CgroupLayout.cpp), anything else comes from mountinfo.
CgroupLayout probeCgroupLayout();

// The same from /proc/self/mountinfo whatever the mounts (for tests: both must agree).
CgroupLayout probeCgroupLayoutFromMountinfo();

} // namespace vireo
