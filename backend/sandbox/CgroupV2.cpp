// The cgroup v2 driver: one folder in the unified hierarchy.
#include "sandbox/Cgroup.h"
#include "sandbox/CgroupFiles.h"

#include <QFile>
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
            if (QFile::exists(swap)) VIREO_TRY(writeCgroupFile(swap, "0"));
        }
        if (limits.pids)
            VIREO_TRY(writeCgroupFile(m_dir + QStringLiteral("/pids.max"),
                                      QByteArray::number(limits.pids)));
        if (limits.cpus > 0)
            VIREO_TRY(writeCgroupFile(
                m_dir + QStringLiteral("/cpu.max"),
                QByteArray::number(static_cast<qlonglong>(limits.cpus * 100000)) + " 100000"));
        m_fd = ::open(QFile::encodeName(m_dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (m_fd < 0) return sysError(QStringLiteral("opening cgroup"), m_dir, errno);
        return {};
    }

    bool joinSelf(SysFailure* f) const noexcept override {
        // Only used when clone3(CLONE_INTO_CGROUP) is unavailable (kernels before 5.7).
        return joinCgroupFile(m_procs.c_str(), f);
    }

    int cloneIntoFd() const override { return m_fd; }

    bool oomKilled() const override {
        return cgroupKeyedValue(readCgroupFile(m_dir + QStringLiteral("/memory.events")),
                                "oom_kill") > 0;
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
