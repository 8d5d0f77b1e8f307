#include "sandbox/runtime/Cgroup.h"

#include "sandbox/runtime/CgroupFiles.h"
#include "sandbox/runtime/CgroupPrimitives.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <dirent.h>
#include <signal.h>

namespace vireo {

namespace {

class NoCgroupDriver final : public CgroupDriver {
public:
    CgroupLayoutKind kind() const override { return CgroupLayoutKind::None; }
    MaybeFault create(const SandboxLimits&) override { return {}; }
    bool joinThread(SysFailure*) const noexcept override { return true; }
    bool leaveThread(SysFailure*) const noexcept override { return true; }
    std::vector<std::string> oomEventFiles() const override { return {}; }
    MaybeFault destroy() override { return {}; }
    std::vector<std::string> directories() const override { return {}; }
};

} // namespace

std::vector<int> CgroupDriver::openTasksFiles(SysFailure*) const {
    return {};
}

std::vector<int> CgroupDriver::openOwnTasksFiles(SysFailure*) const {
    return {};
}

bool CgroupDriver::oomKilled() const {
    const std::vector<std::string> files = oomEventFiles();
    std::vector<const char*> names;
    for (const std::string& file : files)
        names.push_back(file.c_str());
    return cgroupOomKilled(names.data(), static_cast<int>(names.size()));
}

std::unique_ptr<CgroupDriver> makeNoCgroupDriver() {
    return std::make_unique<NoCgroupDriver>();
}

bool hasLimits(const SandboxLimits& l) {
    return l.memoryBytes || l.pids || l.cpus > 0 || l.swapBytes || l.cpuWeight || l.ioWeight;
}

std::vector<std::string> neededControllers(const SandboxLimits& limits) {
    // cpu too when unlimited: `sandbox stats` reports CPU time from it; cpuacct: where v1
    // mounts it apart from cpu, CPU time is counted only there.
    std::vector<std::string> controllers{"memory", "pids", "cpu", "cpuacct"};
    // The disk controller is "blkio" on v1 and "io" on v2; each layout keeps the one it has.
    if (limits.ioWeight) controllers.insert(controllers.end(), {"blkio", "io"});
    return controllers;
}

std::vector<std::string> limitingControllers(const SandboxLimits& limits) {
    std::vector<std::string> controllers;
    if (limits.memoryBytes || limits.swapBytes) controllers.push_back("memory");
    if (limits.pids) controllers.push_back("pids");
    if (limits.cpus > 0 || limits.cpuWeight) controllers.push_back("cpu");
    if (limits.ioWeight) controllers.insert(controllers.end(), {"blkio", "io"});
    return controllers;
}

MaybeFault makeCgroupDriver(const CgroupLayout& layout, const std::string& groupName,
                            const SandboxLimits& limits, std::unique_ptr<CgroupDriver>* driver,
                            CgroupUse use) {
    const std::vector<std::string> controllers =
        use == CgroupUse::LimitsOnly ? limitingControllers(limits) : neededControllers(limits);
    switch (layout.kind) {
    case CgroupLayoutKind::V1:
        *driver = makeCgroupV1Driver(layout, groupName, controllers);
        return {};
    case CgroupLayoutKind::Hybrid:
        *driver = makeCgroupHybridDriver(layout, groupName, controllers);
        return {};
    case CgroupLayoutKind::V2: {
        std::vector<std::string> usable;
        for (const auto& c : controllers)
            if (layout.hasV2(c)) usable.push_back(c);
        *driver = makeCgroupV2Driver(layout.v2SandboxParent(), groupName, usable);
        return {};
    }
    case CgroupLayoutKind::None:
        break;
    }
    return Fault{Fault::Unsupported, "this host mounts no cgroup hierarchy",
                 "mount cgroup2 on /sys/fs/cgroup"};
}

std::vector<std::string> sandboxCgroupParents(const CgroupLayout& layout) {
    std::vector<std::string> parents;
    // Only the hierarchies a sandbox's groups are ever made in.
    SandboxLimits every;
    every.ioWeight = 1;
    for (const std::string& controller : neededControllers(every))
        if (layout.hasV1(controller)) parents.push_back(layout.v1OwnDir(controller));
    if (!layout.v2Mount.empty()) parents.push_back(layout.v2SandboxParent());
    std::sort(parents.begin(), parents.end());
    parents.erase(std::unique(parents.begin(), parents.end()), parents.end());
    return parents;
}

bool isStaleSandboxCgroup(const std::string& name) {
    if (name.rfind("vireo-sb.", 0) != 0) return false;
    const auto pid = std::strtol(name.substr(name.rfind('.') + 1).c_str(), nullptr, 10);
    return !(pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM));
}

void removeStaleSandboxCgroups(const CgroupLayout& layout) {
    for (const auto& parent : sandboxCgroupParents(layout)) {
        DIR* dir = ::opendir(parent.c_str()); // each costs a directory read
        if (!dir) continue;
        std::vector<std::string> stale;
        while (const dirent* e = ::readdir(dir))
            if (e->d_type == DT_DIR && isStaleSandboxCgroup(e->d_name))
                stale.push_back(parent + "/" + e->d_name);
        ::closedir(dir);
        for (const auto& group : stale)
            (void)removeCgroupDir(group, 0); // busy ones stay for later
    }
}

} // namespace vireo
