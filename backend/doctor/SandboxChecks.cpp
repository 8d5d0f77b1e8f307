// cgroups, userns: what container sandboxes need from the kernel.
#include "doctor/Doctor.h"
#include "sandbox/SandboxIdMap.h"
#include "sandbox/runtime/CgroupLayout.h"

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

namespace vireo {

namespace {

const char* const kLimitControllers[] = {"memory", "pids", "cpu"};

CgroupLayout layoutOf(const HostRoot& host) {
    const std::string mountinfo =
        host.readBytes(QStringLiteral("proc/self/mountinfo")).toStdString();
    const std::string self = host.readBytes(QStringLiteral("proc/self/cgroup")).toStdString();
    const CgroupLayout first = parseCgroupLayout(mountinfo, self, {});
    if (first.v2Mount.empty()) return first;
    const QString controllers =
        QString::fromStdString(first.v2Mount).mid(1) + QStringLiteral("/cgroup.controllers");
    return parseCgroupLayout(mountinfo, self, host.readBytes(controllers).toStdString());
}

// Really creating a user namespace is the only answer that covers every switch (sysctls,
// AppArmor's restriction, seccomp filters of a container the doctor runs in).
bool canCreateUserNamespace() {
    const pid_t pid = ::fork();
    if (pid < 0) return false;
    if (pid == 0) ::_exit(::unshare(CLONE_NEWUSER) == 0 ? 0 : 1);
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid) return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The same reading of the files as the runtime's (SandboxIdMap).
bool hasSubordinateRange(const HostRoot& host, const QString& file, const DoctorUser& user) {
    return findSubordinateIds(host.readText(file).toUtf8(), user.name, user.uid).has_value();
}

} // namespace

DoctorCheck cgroupsCheck(const DoctorContext& c) {
    const QString id = QStringLiteral("cgroups");
    const CgroupLayout layout = layoutOf(c.host);
    const QString kind = QString::fromLatin1(cgroupLayoutName(layout.kind));
    if (layout.kind == CgroupLayoutKind::None)
        return {id, CheckLevel::Fail,
                QStringLiteral("no cgroup hierarchy is mounted: sandboxes cannot start"),
                QStringLiteral("boot with systemd, or mount cgroup2 on /sys/fs/cgroup")};
    QStringList available;
    QStringList missing;
    for (const char* ctl : kLimitControllers) {
        const bool on = layout.kind == CgroupLayoutKind::V2 ? layout.hasV2(ctl) : layout.hasV1(ctl);
        (on ? available : missing) << QLatin1String(ctl);
    }
    QStringList v2Controllers;
    for (const std::string& c : layout.v2Controllers)
        v2Controllers << QString::fromStdString(c);
    QString where;
    if (layout.kind == CgroupLayoutKind::Hybrid)
        where = QStringLiteral(" (limits on the v1 hierarchies; the cgroup2 mount holds %1)")
                    .arg(v2Controllers.isEmpty() ? QStringLiteral("no controller")
                                                 : v2Controllers.join(QLatin1String(", ")));
    if (missing.isEmpty())
        return {id,
                CheckLevel::Pass,
                QStringLiteral("cgroup %1: memory, pids and cpu limits for sandboxes%2")
                    .arg(kind, where),
                {}};
    const QString fix =
        layout.kind == CgroupLayoutKind::V2
            ? QStringLiteral("enable the controllers: echo '+%1' | sudo tee "
                             "%2/cgroup.subtree_control (systemd: Delegate=yes for the user's "
                             "slice)")
                  .arg(missing.join(QLatin1String(" +")), QString::fromStdString(layout.v2Mount))
            : QStringLiteral("mount the missing v1 controllers (or boot with "
                             "systemd.unified_cgroup_hierarchy=1 for cgroup v2)");
    return {id, CheckLevel::Warn,
            QStringLiteral("cgroup %1 without %2: sandboxes run without those limits%3")
                .arg(kind, missing.join(QLatin1String(", ")), where),
            fix};
}

DoctorCheck usernsCheck(const DoctorContext& c) {
    const QString id = QStringLiteral("userns");
    const QString max = c.host.readText(QStringLiteral("proc/sys/user/max_user_namespaces"));
    if (max == QLatin1String("0"))
        return {id, CheckLevel::Fail,
                QStringLiteral("user namespaces are switched off (user.max_user_namespaces = 0): "
                               "sandboxes cannot start"),
                QStringLiteral("sudo sysctl -w user.max_user_namespaces=15000 (and in "
                               "/etc/sysctl.d/ to keep it)")};
    const bool root = c.user.uid == 0;
    if (!root) {
        if (c.host.readText(QStringLiteral("proc/sys/kernel/unprivileged_userns_clone")) ==
            QLatin1String("0"))
            return {id, CheckLevel::Fail,
                    QStringLiteral("unprivileged user namespaces are off "
                                   "(kernel.unprivileged_userns_clone = 0): %1 cannot start "
                                   "sandboxes")
                        .arg(c.user.name),
                    QStringLiteral("sudo sysctl -w kernel.unprivileged_userns_clone=1")};
        if (c.host.readText(QStringLiteral(
                "proc/sys/kernel/apparmor_restrict_unprivileged_userns")) == QLatin1String("1"))
            return {id, CheckLevel::Fail,
                    QStringLiteral("AppArmor restricts unprivileged user namespaces: %1 cannot "
                                   "start sandboxes")
                        .arg(c.user.name),
                    QStringLiteral("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 "
                                   "(or an AppArmor profile for vireoctl with 'userns,')")};
    }
    if (c.host.isRealHost() && !canCreateUserNamespace())
        return {id, CheckLevel::Fail,
                QStringLiteral("creating a user namespace failed: sandboxes cannot start"),
                QStringLiteral("check user.max_user_namespaces and any container or seccomp "
                               "policy this process runs under")};
    if (!root && (!hasSubordinateRange(c.host, QStringLiteral("etc/subuid"), c.user) ||
                  !hasSubordinateRange(c.host, QStringLiteral("etc/subgid"), c.user)))
        return {id, CheckLevel::Warn,
                QStringLiteral("%1 has no subordinate ids in /etc/subuid and /etc/subgid: "
                               "sandboxes map only %1's own id")
                    .arg(c.user.name),
                QStringLiteral("sudo usermod --add-subuids 100000-165535 --add-subgids "
                               "100000-165535 %1")
                    .arg(c.user.name)};
    if (!root && (!c.host.exists(QStringLiteral("usr/bin/newuidmap")) ||
                  !c.host.exists(QStringLiteral("usr/bin/newgidmap"))))
        return {id, CheckLevel::Warn,
                QStringLiteral("newuidmap/newgidmap are missing: %1's sandboxes map only %1's "
                               "own id, not its subordinate ids")
                    .arg(c.user.name),
                QStringLiteral("sudo apt-get install uidmap")};
    return {
        id,
        CheckLevel::Pass,
        root ? QStringLiteral("user namespaces work (root maps any range)")
             : QStringLiteral("user namespaces work, with %1's subordinate ids").arg(c.user.name),
        {}};
}

} // namespace vireo
