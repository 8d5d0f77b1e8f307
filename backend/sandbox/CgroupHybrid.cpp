// The hybrid driver: each controller lives either in its v1 hierarchy or in the cgroup2
// mount; limits go wherever the controller is. On typical hybrid hosts (this one) the
// cgroup2 mount holds no controller we use, and nothing is created there.
#include "sandbox/Cgroup.h"

namespace vireo {

namespace {

class CgroupHybridDriver final : public CgroupDriver {
public:
    CgroupHybridDriver(const CgroupLayout& layout, const QString& groupName,
                       const QStringList& controllers) {
        QStringList onV1, onV2;
        for (const auto& c : controllers) {
            if (layout.v1Mounts.contains(c))
                onV1.append(c);
            else if (layout.v2Controllers.contains(c))
                onV2.append(c);
        }
        m_v1 = makeCgroupV1Driver(layout, groupName, onV1);
        if (!onV2.isEmpty()) {
            QString own = layout.v2OwnPath == QLatin1String("/") ? QString() : layout.v2OwnPath;
            m_v2 = makeCgroupV2Driver(layout.v2Mount + own, groupName, onV2);
        }
    }

    CgroupLayoutKind kind() const override { return CgroupLayoutKind::Hybrid; }

    Status create(const SandboxLimits& limits) override {
        VIREO_TRY(m_v1->create(limits));
        if (m_v2) VIREO_TRY(m_v2->create(limits));
        return {};
    }

    bool joinSelf(SysFailure* f) const noexcept override {
        // The v2 part (if any) is joined by writing too: CLONE_INTO_CGROUP would place the
        // launcher in v2 only, and it joins v1 itself anyway.
        return m_v1->joinSelf(f) && (!m_v2 || m_v2->joinSelf(f));
    }

    QStringList oomEventFiles() const override {
        return m_v1->oomEventFiles() + (m_v2 ? m_v2->oomEventFiles() : QStringList());
    }

    Status destroy() override {
        Status a = m_v1->destroy();
        Status b = m_v2 ? m_v2->destroy() : Status();
        return a ? b : a;
    }

    QStringList directories() const override {
        return m_v1->directories() + (m_v2 ? m_v2->directories() : QStringList());
    }

private:
    std::unique_ptr<CgroupDriver> m_v1;
    std::unique_ptr<CgroupDriver> m_v2;
};

} // namespace

std::unique_ptr<CgroupDriver> makeCgroupHybridDriver(const CgroupLayout& layout,
                                                     const QString& groupName,
                                                     const QStringList& controllers) {
    return std::make_unique<CgroupHybridDriver>(layout, groupName, controllers);
}

} // namespace vireo
