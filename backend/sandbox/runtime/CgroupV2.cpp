// The cgroup v2 driver: one folder in the unified hierarchy.
#include "sandbox/runtime/Cgroup.h"
#include "sandbox/runtime/CgroupFiles.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace vireo {

namespace {

class CgroupV2Driver final : public CgroupDriver {
public:
    CgroupV2Driver(const std::string& parentDir, const std::string& groupName,
                   const std::vector<std::string>& controllers)
        : m_parent(parentDir), m_dir(parentDir + "/" + groupName), m_controllers(controllers) {}

    ~CgroupV2Driver() override {
        if (m_fd >= 0) ::close(m_fd);
    }

    CgroupLayoutKind kind() const override { return CgroupLayoutKind::V2; }

    MaybeFault create(const SandboxLimits& limits) override {
        // Controllers must be enabled for the parent's children before the group has them,
        // and for the parent itself first when the parent is a folder of ours (see
        // CgroupLayout::v2SandboxParent) rather than a group that was there.
        std::string enable;
        for (const auto& c : m_controllers)
            enable += (enable.empty() ? "+" : " +") + c;
        if (!fileExists(m_parent + "/cgroup.controllers")) {
            const std::string grandparent = m_parent.substr(0, m_parent.rfind('/'));
            if (!enable.empty())
                VIREO_TRY_FAULT(writeCgroupFile(grandparent + "/cgroup.subtree_control", enable));
            VIREO_TRY_FAULT(makeCgroupDir(m_parent));
        }
        if (!enable.empty())
            VIREO_TRY_FAULT(writeCgroupFile(m_parent + "/cgroup.subtree_control", enable));
        VIREO_TRY_FAULT(makeCgroupDir(m_dir));
        m_created = true;
        if (limits.memoryBytes) {
            VIREO_TRY_FAULT(
                writeCgroupFile(m_dir + "/memory.max", std::to_string(limits.memoryBytes)));
            const std::string swap = m_dir + "/memory.swap.max";
            if (fileExists(swap))
                VIREO_TRY_FAULT(writeCgroupFile(swap, std::to_string(limits.swapBytes)));
            else if (limits.swapBytes)
                return Fault{Fault::Unsupported,
                             "a swap limit needs " + swap + ", which this kernel does not offer",
                             "leave --swap out"};
        }
        if (limits.pids)
            VIREO_TRY_FAULT(writeCgroupFile(m_dir + "/pids.max", std::to_string(limits.pids)));
        if (limits.cpus > 0)
            VIREO_TRY_FAULT(writeCgroupFile(
                m_dir + "/cpu.max",
                std::to_string(static_cast<long long>(limits.cpus * 100000)) + " 100000"));
        if (limits.cpuWeight)
            VIREO_TRY_FAULT(
                writeCgroupFile(m_dir + "/cpu.weight", std::to_string(limits.cpuWeight)));
        if (limits.ioWeight) {
            // io.weight needs the iocost model; BFQ's own weight (1-1000) otherwise.
            const std::string io = m_dir + "/io.weight";
            const std::string bfq = m_dir + "/io.bfq.weight";
            if (fileExists(io))
                VIREO_TRY_FAULT(writeCgroupFile(io, "default " + std::to_string(limits.ioWeight)));
            else if (fileExists(bfq))
                VIREO_TRY_FAULT(writeCgroupFile(
                    bfq, std::to_string(std::clamp<std::uint32_t>(limits.ioWeight / 10, 1, 1000))));
            else
                return Fault{Fault::Unsupported,
                             "an I/O weight needs " + io + ", which this kernel does not offer",
                             "enable the io controller, or leave --io-weight out"};
        }
        m_fd = ::open(m_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (m_fd < 0) return systemFault("opening cgroup", m_dir, errno);
        return {};
    }

    // The init is placed by clone3(CLONE_INTO_CGROUP): nothing to join.
    bool joinThread(SysFailure*) const noexcept override { return true; }
    bool leaveThread(SysFailure*) const noexcept override { return true; }

    int cloneIntoFd() const override { return m_fd; }

    std::vector<std::string> oomEventFiles() const override { return {m_dir + "/memory.events"}; }

    MaybeFault destroy() override {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
        if (!m_created) return {};
        m_created = false;
        return removeCgroupDir(m_dir);
    }

    std::vector<std::string> directories() const override { return {m_dir}; }

private:
    std::string m_parent;
    std::string m_dir;
    std::vector<std::string> m_controllers;
    int m_fd = -1;
    bool m_created = false;
};

} // namespace

std::unique_ptr<CgroupDriver> makeCgroupV2Driver(const std::string& parentDir,
                                                 const std::string& groupName,
                                                 const std::vector<std::string>& controllers) {
    return std::make_unique<CgroupV2Driver>(parentDir, groupName, controllers);
}

} // namespace vireo
