// The cgroup v1 driver: one folder per controller hierarchy.
#include "sandbox/Cgroup.h"
#include "sandbox/CgroupFiles.h"

#include <QFile>
#include <algorithm>
#include <string>
#include <vector>

namespace vireo {

namespace {

Error missingFile(const QString& file, const QString& what, const QString& fix) {
    return makeError(
        ErrorCode::Unsupported,
        QStringLiteral("%1 needs %2, which this kernel does not offer").arg(what, file), fix);
}

// BFQ's weight (1-1000) where the disk uses BFQ, else CFQ's blkio.weight (10-1000) on old
// kernels: v2's 1-10000 scaled by ten.
Status writeIoWeight(const QString& dir, std::uint32_t weight) {
    for (const char* name : {"/blkio.bfq.weight", "/blkio.weight"}) {
        const QString file = dir + QLatin1String(name);
        if (!QFile::exists(file)) continue;
        const qulonglong v = std::clamp<qulonglong>(weight / 10, 10, 1000);
        return writeCgroupFile(file, QByteArray::number(v));
    }
    return missingFile(dir + QStringLiteral("/blkio.bfq.weight"), QStringLiteral("an I/O weight"),
                       QStringLiteral("use the bfq I/O scheduler with its cgroup support, or "
                                      "leave --io-weight out"));
}

class CgroupV1Driver final : public CgroupDriver {
public:
    CgroupV1Driver(const CgroupLayout& layout, const QString& groupName,
                   const QStringList& controllers) {
        for (const auto& c : controllers) {
            const QString mount = layout.v1Mounts.value(c);
            if (mount.isEmpty()) continue;
            QString own = layout.v1OwnPath.value(c);
            if (own == QLatin1String("/")) own.clear();
            const QString dir = mount + own + QLatin1Char('/') + groupName;
            // cpu and cpuacct often share one hierarchy: one folder serves both.
            bool seen = false;
            for (const auto& g : m_groups)
                seen |= g.dir == dir;
            if (seen) continue;
            m_groups.push_back(
                {c, dir, QFile::encodeName(dir + QStringLiteral("/tasks")).toStdString()});
        }
    }

    CgroupLayoutKind kind() const override { return CgroupLayoutKind::V1; }

    Status create(const SandboxLimits& limits) override {
        for (const auto& g : m_groups) {
            VIREO_TRY(makeCgroupDir(g.dir));
            m_created.append(g.dir);
            if (g.controller == QLatin1String("memory") && limits.memoryBytes) {
                const QByteArray v =
                    QByteArray::number(static_cast<qulonglong>(limits.memoryBytes));
                VIREO_TRY(writeCgroupFile(g.dir + QStringLiteral("/memory.limit_in_bytes"), v));
                // Without swap accounting the limit could be dodged by swapping; memsw
                // counts memory and swap together.
                const QString memsw = g.dir + QStringLiteral("/memory.memsw.limit_in_bytes");
                if (QFile::exists(memsw))
                    VIREO_TRY(writeCgroupFile(memsw, QByteArray::number(static_cast<qulonglong>(
                                                         limits.memoryBytes + limits.swapBytes))));
                else if (limits.swapBytes)
                    return missingFile(memsw, QStringLiteral("a swap limit"),
                                       QStringLiteral("boot with swapaccount=1"));
            } else if (g.controller == QLatin1String("pids") && limits.pids) {
                VIREO_TRY(writeCgroupFile(g.dir + QStringLiteral("/pids.max"),
                                          QByteArray::number(limits.pids)));
            } else if (g.controller == QLatin1String("cpu")) {
                if (limits.cpus > 0) {
                    VIREO_TRY(
                        writeCgroupFile(g.dir + QStringLiteral("/cpu.cfs_period_us"), "100000"));
                    VIREO_TRY(writeCgroupFile(
                        g.dir + QStringLiteral("/cpu.cfs_quota_us"),
                        QByteArray::number(static_cast<qlonglong>(limits.cpus * 100000))));
                }
                // v1 shares are 1024 for everyone's default where v2 weights are 100.
                if (limits.cpuWeight)
                    VIREO_TRY(writeCgroupFile(g.dir + QStringLiteral("/cpu.shares"),
                                              QByteArray::number(std::max<qulonglong>(
                                                  2, limits.cpuWeight * 1024ULL / 100))));
            } else if (g.controller == QLatin1String("blkio") && limits.ioWeight) {
                VIREO_TRY(writeIoWeight(g.dir, limits.ioWeight));
            }
        }
        return {};
    }

    bool joinSelf(SysFailure* f) const noexcept override {
        // Writing "0" to `tasks` moves only the calling thread and skips the global
        // threadgroup lock (and its RCU grace period) that cgroup.procs takes.
        for (const auto& g : m_groups)
            if (!joinCgroupFile(g.tasks.c_str(), f)) return false;
        return true;
    }

    QStringList oomEventFiles() const override {
        for (const auto& g : m_groups)
            if (g.controller == QLatin1String("memory"))
                return {g.dir + QStringLiteral("/memory.oom_control")};
        return {};
    }

    Status destroy() override {
        Status first;
        for (const auto& dir : m_created)
            if (auto s = removeCgroupDir(dir); !s && first) first = s;
        m_created.clear();
        return first;
    }

    QStringList directories() const override {
        QStringList out;
        for (const auto& g : m_groups)
            out.append(g.dir);
        return out;
    }

private:
    struct Group {
        QString controller;
        QString dir;
        std::string tasks; // prepared before fork: joinSelf must not allocate
    };
    std::vector<Group> m_groups;
    QStringList m_created;
};

} // namespace

std::unique_ptr<CgroupDriver> makeCgroupV1Driver(const CgroupLayout& layout,
                                                 const QString& groupName,
                                                 const QStringList& controllers) {
    return std::make_unique<CgroupV1Driver>(layout, groupName, controllers);
}

} // namespace vireo
