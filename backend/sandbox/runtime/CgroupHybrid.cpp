// The hybrid driver: each controller lives either in its v1 hierarchy or in the cgroup2
// mount; limits go wherever the controller is. On typical hybrid hosts (this one) the
// cgroup2 mount holds no controller we use, and nothing is created there.
#include "sandbox/runtime/Cgroup.h"

namespace vireo {

namespace {

std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

class CgroupHybridDriver final : public CgroupDriver {
public:
    CgroupHybridDriver(const CgroupLayout& layout, const std::string& groupName,
                       const std::vector<std::string>& controllers) {
        std::vector<std::string> onV1, onV2;
        for (const auto& c : controllers) {
            if (layout.hasV1(c))
                onV1.push_back(c);
            else if (layout.hasV2(c))
                onV2.push_back(c);
        }
        m_v1 = makeCgroupV1Driver(layout, groupName, onV1);
        if (!onV2.empty()) m_v2 = makeCgroupV2Driver(layout.v2SandboxParent(), groupName, onV2);
    }

    CgroupLayoutKind kind() const override { return CgroupLayoutKind::Hybrid; }

    MaybeFault create(const SandboxLimits& limits) override {
        VIREO_TRY_FAULT(m_v1->create(limits));
        if (m_v2) VIREO_TRY_FAULT(m_v2->create(limits));
        return {};
    }

    // The v1 groups are joined by the calling thread; the v2 one (if any) is where
    // clone3(CLONE_INTO_CGROUP) places the init, which inherits the v1 ones.
    bool joinThread(SysFailure* f) const noexcept override { return m_v1->joinThread(f); }
    bool leaveThread(SysFailure* f) const noexcept override { return m_v1->leaveThread(f); }
    int cloneIntoFd() const override { return m_v2 ? m_v2->cloneIntoFd() : -1; }
    bool joinedByInit() const override { return !m_v2; }
    std::vector<int> openTasksFiles(SysFailure* f) const override {
        return m_v1->openTasksFiles(f);
    }
    std::vector<int> openOwnTasksFiles(SysFailure* f) const override {
        return m_v1->openOwnTasksFiles(f);
    }

    std::vector<std::string> oomEventFiles() const override {
        return joined(m_v1->oomEventFiles(),
                      m_v2 ? m_v2->oomEventFiles() : std::vector<std::string>());
    }

    MaybeFault destroy() override {
        MaybeFault a = m_v1->destroy();
        MaybeFault b = m_v2 ? m_v2->destroy() : MaybeFault();
        return a ? a : b;
    }

    std::vector<std::string> directories() const override {
        return joined(m_v1->directories(), m_v2 ? m_v2->directories() : std::vector<std::string>());
    }

private:
    std::unique_ptr<CgroupDriver> m_v1;
    std::unique_ptr<CgroupDriver> m_v2;
};

} // namespace

std::unique_ptr<CgroupDriver> makeCgroupHybridDriver(const CgroupLayout& layout,
                                                     const std::string& groupName,
                                                     const std::vector<std::string>& controllers) {
    return std::make_unique<CgroupHybridDriver>(layout, groupName, controllers);
}

} // namespace vireo
