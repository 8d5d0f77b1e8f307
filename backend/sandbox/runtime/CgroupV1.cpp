// The cgroup v1 driver: one folder per controller hierarchy.
#include "sandbox/runtime/Cgroup.h"
#include "sandbox/runtime/CgroupFiles.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace vireo {

namespace {

Fault missingFile(const std::string& file, const std::string& what, const std::string& fix) {
    return {Fault::Unsupported, what + " needs " + file + ", which this kernel does not offer",
            fix};
}

// BFQ's weight (1-1000) where the disk uses BFQ, else CFQ's blkio.weight (10-1000) on old
// kernels: v2's 1-10000 scaled by ten.
MaybeFault writeIoWeight(const std::string& dir, std::uint32_t weight) {
    for (const char* name : {"/blkio.bfq.weight", "/blkio.weight"}) {
        const std::string file = dir + name;
        if (!fileExists(file)) continue;
        return writeCgroupFile(file,
                               std::to_string(std::clamp<std::uint32_t>(weight / 10, 10, 1000)));
    }
    return missingFile(dir + "/blkio.bfq.weight", "an I/O weight",
                       "use the bfq I/O scheduler with its cgroup support, or leave --io-weight "
                       "out");
}

class CgroupV1Driver final : public CgroupDriver {
public:
    CgroupV1Driver(const CgroupLayout& layout, const std::string& groupName,
                   const std::vector<std::string>& controllers) {
        for (const auto& c : controllers) {
            if (!layout.hasV1(c)) continue;
            const std::string dir = layout.v1OwnDir(c) + "/" + groupName;
            // cpu and cpuacct often share one hierarchy: one folder serves both.
            if (std::any_of(m_groups.begin(), m_groups.end(),
                            [&](const Group& g) { return g.dir == dir; }))
                continue;
            m_groups.push_back({c, dir, dir + "/tasks", layout.v1OwnDir(c) + "/tasks"});
        }
    }

    CgroupLayoutKind kind() const override { return CgroupLayoutKind::V1; }

    MaybeFault create(const SandboxLimits& limits) override {
        for (const auto& g : m_groups) {
            VIREO_TRY_FAULT(makeCgroupDir(g.dir));
            m_created.push_back(g.dir);
            if (g.controller == "memory" && limits.memoryBytes) {
                VIREO_TRY_FAULT(writeCgroupFile(g.dir + "/memory.limit_in_bytes",
                                                std::to_string(limits.memoryBytes)));
                // Without swap accounting the limit could be dodged by swapping; memsw
                // counts memory and swap together.
                const std::string memsw = g.dir + "/memory.memsw.limit_in_bytes";
                if (fileExists(memsw))
                    VIREO_TRY_FAULT(writeCgroupFile(
                        memsw, std::to_string(limits.memoryBytes + limits.swapBytes)));
                else if (limits.swapBytes)
                    return missingFile(memsw, "a swap limit", "boot with swapaccount=1");
            } else if (g.controller == "pids" && limits.pids) {
                VIREO_TRY_FAULT(writeCgroupFile(g.dir + "/pids.max", std::to_string(limits.pids)));
            } else if (g.controller == "cpu") {
                if (limits.cpus > 0) {
                    VIREO_TRY_FAULT(writeCgroupFile(g.dir + "/cpu.cfs_period_us", "100000"));
                    VIREO_TRY_FAULT(writeCgroupFile(
                        g.dir + "/cpu.cfs_quota_us",
                        std::to_string(static_cast<long long>(limits.cpus * 100000))));
                }
                // v1 shares are 1024 for everyone's default where v2 weights are 100.
                if (limits.cpuWeight)
                    VIREO_TRY_FAULT(writeCgroupFile(g.dir + "/cpu.shares",
                                                    std::to_string(std::max<unsigned long long>(
                                                        2, limits.cpuWeight * 1024ULL / 100))));
            } else if (g.controller == "blkio" && limits.ioWeight) {
                VIREO_TRY_FAULT(writeIoWeight(g.dir, limits.ioWeight));
            }
        }
        return {};
    }

    bool joinThread(SysFailure* f) const noexcept override {
        // Writing "0" to `tasks` moves only the calling thread and skips the global
        // threadgroup lock (and its RCU grace period) that cgroup.procs takes.
        for (const auto& g : m_groups)
            if (!joinCgroupFile(g.tasks.c_str(), f)) return false;
        return true;
    }

    bool joinedByInit() const override { return true; }

    std::vector<int> openTasksFiles(SysFailure* f) const override {
        return openEach(&Group::tasks, f);
    }

    std::vector<int> openOwnTasksFiles(SysFailure* f) const override {
        return openEach(&Group::ownTasks, f);
    }

    bool leaveThread(SysFailure* f) const noexcept override {
        for (const auto& g : m_groups)
            if (!joinCgroupFile(g.ownTasks.c_str(), f)) return false;
        return true;
    }

    std::vector<std::string> oomEventFiles() const override {
        for (const auto& g : m_groups)
            if (g.controller == "memory") return {g.dir + "/memory.oom_control"};
        return {};
    }

    MaybeFault destroy() override {
        MaybeFault first;
        for (const auto& dir : m_created)
            if (auto f = removeCgroupDir(dir); f && !first) first = f;
        m_created.clear();
        return first;
    }

    std::vector<std::string> directories() const override {
        std::vector<std::string> out;
        for (const auto& g : m_groups)
            out.push_back(g.dir);
        return out;
    }

private:
    struct Group {
        std::string controller;
        std::string dir;
        std::string tasks;
        std::string ownTasks; // of this process's own group, to go back to
    };
    std::vector<int> openEach(std::string Group::*file, SysFailure* f) const {
        std::vector<int> fds;
        for (const auto& g : m_groups) {
            const int fd = ::open((g.*file).c_str(), O_WRONLY | O_CLOEXEC);
            if (fd < 0) {
                setSysFailure(f, "opening", (g.*file).c_str(), errno);
                for (int open : fds)
                    ::close(open);
                return {};
            }
            fds.push_back(fd);
        }
        return fds;
    }

    std::vector<Group> m_groups;
    std::vector<std::string> m_created;
};

} // namespace

std::unique_ptr<CgroupDriver> makeCgroupV1Driver(const CgroupLayout& layout,
                                                 const std::string& groupName,
                                                 const std::vector<std::string>& controllers) {
    return std::make_unique<CgroupV1Driver>(layout, groupName, controllers);
}

} // namespace vireo
