// The cgroup v2 driver: one folder in the unified hierarchy.
#include "sandbox/Cgroup.h"
#include "sandbox/CgroupFiles.h"

#include <QFile>
#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace vireo {

namespace {

class CgroupV2Driver final : public CgroupDriver {
public:
    CgroupV2Driver(const QString& parentDir, const QString& groupName,
                   const QStringList& controllers)
        : m_parent(parentDir), m_dir(parentDir + QLatin1Char('/') + groupName),
          m_controllers(controllers),
          m_procs(QFile::encodeName(m_dir + QStringLiteral("/cgroup.procs")).toStdString()) {}

    ~CgroupV2Driver() override {
        if (m_fd >= 0) ::close(m_fd);
    }

    CgroupLayoutKind kind() const override { return CgroupLayoutKind::V2; }

    Status create(const SandboxLimits& limits) override {
        // Controllers must be enabled for the parent's children before the group has them.
        QByteArray enable;
        for (const auto& c : m_controllers)
            enable += (enable.isEmpty() ? "+" : " +") + c.toLatin1();
        if (!enable.isEmpty())
            VIREO_TRY(
                writeCgroupFile(m_parent + QStringLiteral("/cgroup.subtree_control"), enable));
        VIREO_TRY(makeCgroupDir(m_dir));
        m_created = true;
        if (limits.memoryBytes) {
            VIREO_TRY(
                writeCgroupFile(m_dir + QStringLiteral("/memory.max"),
                                QByteArray::number(static_cast<qulonglong>(limits.memoryBytes))));
            const QString swap = m_dir + QStringLiteral("/memory.swap.max");
            if (QFile::exists(swap))
                VIREO_TRY(writeCgroupFile(
                    swap, QByteArray::number(static_cast<qulonglong>(limits.swapBytes))));
            else if (limits.swapBytes)
                return makeError(ErrorCode::Unsupported,
                                 QStringLiteral("a swap limit needs %1, which this kernel does "
                                                "not offer")
                                     .arg(swap),
                                 QStringLiteral("leave --swap out"));
        }
        if (limits.pids)
            VIREO_TRY(writeCgroupFile(m_dir + QStringLiteral("/pids.max"),
                                      QByteArray::number(limits.pids)));
        if (limits.cpus > 0)
            VIREO_TRY(writeCgroupFile(
                m_dir + QStringLiteral("/cpu.max"),
                QByteArray::number(static_cast<qlonglong>(limits.cpus * 100000)) + " 100000"));
        if (limits.cpuWeight)
            VIREO_TRY(writeCgroupFile(m_dir + QStringLiteral("/cpu.weight"),
                                      QByteArray::number(limits.cpuWeight)));
        if (limits.ioWeight) {
            // io.weight needs the iocost model; BFQ's own weight (1-1000) otherwise.
            const QString io = m_dir + QStringLiteral("/io.weight");
            const QString bfq = m_dir + QStringLiteral("/io.bfq.weight");
            if (QFile::exists(io))
                VIREO_TRY(writeCgroupFile(io, "default " + QByteArray::number(limits.ioWeight)));
            else if (QFile::exists(bfq))
                VIREO_TRY(writeCgroupFile(bfq, QByteArray::number(std::clamp<std::uint32_t>(
                                                   limits.ioWeight / 10, 1, 1000))));
            else
                return makeError(ErrorCode::Unsupported,
                                 QStringLiteral("an I/O weight needs %1, which this kernel does "
                                                "not offer")
                                     .arg(io),
                                 QStringLiteral("enable the io controller, or leave --io-weight "
                                                "out"));
        }
        m_fd = ::open(QFile::encodeName(m_dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (m_fd < 0) return sysError(QStringLiteral("opening cgroup"), m_dir, errno);
        return {};
    }

    bool joinSelf(SysFailure* f) const noexcept override {
        // Only used when clone3(CLONE_INTO_CGROUP) is unavailable (kernels before 5.7).
        return joinCgroupFile(m_procs.c_str(), f);
    }

    int cloneIntoFd() const override { return m_fd; }

    QStringList oomEventFiles() const override {
        return {m_dir + QStringLiteral("/memory.events")};
    }

    Status destroy() override {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
        if (!m_created) return {};
        m_created = false;
        return removeCgroupDir(m_dir);
    }

    QStringList directories() const override { return {m_dir}; }

private:
    QString m_parent;
    QString m_dir;
    QStringList m_controllers;
    std::string m_procs;
    int m_fd = -1;
    bool m_created = false;
};

} // namespace

std::unique_ptr<CgroupDriver> makeCgroupV2Driver(const QString& parentDir, const QString& groupName,
                                                 const QStringList& controllers) {
    return std::make_unique<CgroupV2Driver>(parentDir, groupName, controllers);
}

} // namespace vireo
