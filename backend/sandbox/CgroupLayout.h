#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace vireo {

// How the host mounts cgroups: pure v1 (one hierarchy per controller), pure v2 (one
// unified hierarchy) or hybrid (v1 controllers plus a cgroup2 mount, usually holding
// few or no controllers).
enum class CgroupLayoutKind { None, V1, Hybrid, V2 };

QString toString(CgroupLayoutKind kind);

struct CgroupLayout {
    CgroupLayoutKind kind = CgroupLayoutKind::None;
    QMap<QString, QString> v1Mounts;  // controller -> mount point ("cpu" -> /sys/fs/cgroup/cpu)
    QMap<QString, QString> v1OwnPath; // controller -> this process's group ("/user/x")
    QString v2Mount;                  // the cgroup2 mount point, empty if none
    QString v2OwnPath;                // this process's group in the v2 hierarchy
    QStringList v2Controllers;        // what the v2 root offers (cgroup.controllers)
};

// Pure: from the text of /proc/self/mountinfo, /proc/self/cgroup and the v2 mount's
// cgroup.controllers (empty if none).
CgroupLayout parseCgroupLayout(const QByteArray& mountinfo, const QByteArray& selfCgroup,
                               const QByteArray& v2Controllers);

// Reads the real files of this host.
CgroupLayout probeCgroupLayout();

} // namespace vireo
