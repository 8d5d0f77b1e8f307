#include "sandbox/CgroupLayout.h"

#include <QFile>

namespace vireo {

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// mountinfo escapes spaces and friends as \040 etc.
QString unescape(const QByteArray& field) {
    QByteArray out;
    for (int i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            out.append(static_cast<char>(field.mid(i + 1, 3).toInt(nullptr, 8)));
            i += 3;
        } else {
            out.append(field[i]);
        }
    }
    return QString::fromLocal8Bit(out);
}

} // namespace

QString toString(CgroupLayoutKind kind) {
    switch (kind) {
    case CgroupLayoutKind::V1:
        return QStringLiteral("v1");
    case CgroupLayoutKind::Hybrid:
        return QStringLiteral("hybrid");
    case CgroupLayoutKind::V2:
        return QStringLiteral("v2");
    case CgroupLayoutKind::None:
        break;
    }
    return QStringLiteral("none");
}

CgroupLayout parseCgroupLayout(const QByteArray& mountinfo, const QByteArray& selfCgroup,
                               const QByteArray& v2Controllers) {
    CgroupLayout layout;
    for (const auto& line : mountinfo.split('\n')) {
        // id parent major:minor root mountpoint options [optional...] - fstype source superopts
        const auto sep = line.indexOf(" - ");
        if (sep < 0) continue;
        const auto left = line.left(sep).split(' ');
        const auto right = line.mid(sep + 3).split(' ');
        if (left.size() < 5 || right.size() < 3) continue;
        const QString mountPoint = unescape(left[4]);
        if (right[0] == "cgroup2") {
            if (layout.v2Mount.isEmpty()) layout.v2Mount = mountPoint;
        } else if (right[0] == "cgroup") {
            for (const auto& opt : right[2].split(',')) {
                const QString o = QString::fromLatin1(opt);
                if (o == QLatin1String("rw") || o == QLatin1String("ro") ||
                    o.startsWith(QLatin1String("name=")) || o.contains(QLatin1Char('=')))
                    continue;
                if (!layout.v1Mounts.contains(o)) layout.v1Mounts.insert(o, mountPoint);
            }
        }
    }
    // /proc/self/cgroup: "4:memory:/a/b" (v1) and "0::/c" (v2).
    for (const auto& line : selfCgroup.split('\n')) {
        const auto parts = line.split(':');
        if (parts.size() < 3) continue;
        const QString path =
            QString::fromLocal8Bit(line.mid(parts[0].size() + parts[1].size() + 2));
        if (parts[1].isEmpty())
            layout.v2OwnPath = path;
        else
            for (const auto& c : parts[1].split(','))
                layout.v1OwnPath.insert(QString::fromLatin1(c), path);
    }
    for (const auto& c : v2Controllers.simplified().split(' '))
        if (!c.isEmpty()) layout.v2Controllers.append(QString::fromLatin1(c));
    const bool hasV1 = layout.v1Mounts.contains(QStringLiteral("memory")) ||
                       layout.v1Mounts.contains(QStringLiteral("pids")) ||
                       layout.v1Mounts.contains(QStringLiteral("cpu"));
    if (hasV1)
        layout.kind = layout.v2Mount.isEmpty() ? CgroupLayoutKind::V1 : CgroupLayoutKind::Hybrid;
    else if (!layout.v2Mount.isEmpty())
        layout.kind = CgroupLayoutKind::V2;
    return layout;
}

CgroupLayout probeCgroupLayout() {
    const QByteArray mountinfo = readAll(QStringLiteral("/proc/self/mountinfo"));
    const QByteArray self = readAll(QStringLiteral("/proc/self/cgroup"));
    CgroupLayout first = parseCgroupLayout(mountinfo, self, {});
    if (first.v2Mount.isEmpty()) return first;
    return parseCgroupLayout(mountinfo, self,
                             readAll(first.v2Mount + QStringLiteral("/cgroup.controllers")));
}

} // namespace vireo
