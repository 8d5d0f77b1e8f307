#include "sandbox/Cgroup.h"

#include "sandbox/CgroupFiles.h"
#include "sandbox/CgroupPrimitives.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <vector>

namespace vireo {

namespace {

class NoCgroupDriver final : public CgroupDriver {
public:
    CgroupLayoutKind kind() const override { return CgroupLayoutKind::None; }
    Status create(const SandboxLimits&) override { return {}; }
    bool joinSelf(SysFailure*) const noexcept override { return true; }
    QStringList oomEventFiles() const override { return {}; }
    Status destroy() override { return {}; }
    QStringList directories() const override { return {}; }
};

} // namespace

bool CgroupDriver::oomKilled() const {
    std::vector<QByteArray> files;
    std::vector<const char*> names;
    for (const QString& file : oomEventFiles())
        files.push_back(QFile::encodeName(file));
    for (const QByteArray& file : files)
        names.push_back(file.constData());
    return cgroupOomKilled(names.data(), static_cast<int>(names.size()));
}

std::unique_ptr<CgroupDriver> makeNoCgroupDriver() {
    return std::make_unique<NoCgroupDriver>();
}

bool hasLimits(const SandboxLimits& l) {
    return l.memoryBytes || l.pids || l.cpus > 0 || l.swapBytes || l.cpuWeight || l.ioWeight;
}

QStringList neededControllers(const SandboxLimits& limits) {
    // cpu too when unlimited: `sandbox stats` reports CPU time from it; cpuacct: where v1
    // mounts it apart from cpu, CPU time is counted only there.
    QStringList controllers{QStringLiteral("memory"), QStringLiteral("pids"), QStringLiteral("cpu"),
                            QStringLiteral("cpuacct")};
    // The disk controller is "blkio" on v1 and "io" on v2; each layout keeps the one it has.
    if (limits.ioWeight) controllers << QStringLiteral("blkio") << QStringLiteral("io");
    return controllers;
}

Result<std::unique_ptr<CgroupDriver>> makeCgroupDriver(const CgroupLayout& layout,
                                                       const QString& groupName,
                                                       const SandboxLimits& limits) {
    const QStringList controllers = neededControllers(limits);
    std::unique_ptr<CgroupDriver> driver;
    switch (layout.kind) {
    case CgroupLayoutKind::V1:
        driver = makeCgroupV1Driver(layout, groupName, controllers);
        break;
    case CgroupLayoutKind::Hybrid:
        driver = makeCgroupHybridDriver(layout, groupName, controllers);
        break;
    case CgroupLayoutKind::V2: {
        const QString own = layout.v2OwnPath == QLatin1String("/") ? QString() : layout.v2OwnPath;
        QStringList usable;
        for (const auto& c : controllers)
            if (layout.v2Controllers.contains(c)) usable.append(c);
        driver = makeCgroupV2Driver(layout.v2Mount + own, groupName, usable);
        break;
    }
    case CgroupLayoutKind::None:
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("this host mounts no cgroup hierarchy"),
                         QStringLiteral("mount cgroup2 on /sys/fs/cgroup"));
    }
    return driver;
}

void removeStaleSandboxCgroups(const CgroupLayout& layout) {
    QStringList parents;
    for (auto it = layout.v1Mounts.cbegin(); it != layout.v1Mounts.cend(); ++it) {
        const QString own = layout.v1OwnPath.value(it.key());
        parents.append(it.value() + (own == QLatin1String("/") ? QString() : own));
    }
    if (!layout.v2Mount.isEmpty())
        parents.append(layout.v2Mount +
                       (layout.v2OwnPath == QLatin1String("/") ? QString() : layout.v2OwnPath));
    parents.removeDuplicates();
    for (const auto& parent : parents) {
        const auto entries = QDir(parent).entryList({QStringLiteral("vireo-sb.*")}, QDir::Dirs);
        for (const auto& e : entries) {
            const QString pid = e.section(QLatin1Char('.'), -1);
            if (QFileInfo::exists(QStringLiteral("/proc/") + pid)) continue;
            (void)removeCgroupDir(parent + QLatin1Char('/') + e, 0); // busy ones stay for later
        }
    }
}

} // namespace vireo
