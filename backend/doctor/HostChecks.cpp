// library-space, iommu: room for disks, and what passthrough can do here.
#include "core/Size.h"
#include "doctor/Doctor.h"

#include <QDir>
#include <QFileInfo>

#include <sys/statvfs.h>

namespace vireo {

namespace {

constexpr qint64 kGiB = 1024LL * 1024 * 1024;

// The library may not exist yet: its nearest existing folder is where it will be.
QString existingAncestor(QString path) {
    while (!path.isEmpty() && !QFileInfo(path).isDir()) {
        const QString up = QFileInfo(path).absolutePath();
        if (up == path) break;
        path = up;
    }
    return path.isEmpty() ? QStringLiteral("/") : path;
}

QString gib(qint64 bytes) {
    return QString::number(double(bytes) / double(kGiB), 'f', 1) + QStringLiteral(" GiB");
}

} // namespace

DoctorCheck librarySpaceCheck(const DoctorContext& c) {
    const QString id = QStringLiteral("library-space");
    const QString dir = existingAncestor(QDir::cleanPath(c.libraryDir));
    struct statvfs fs {};
    if (::statvfs(QFile::encodeName(dir).constData(), &fs) != 0)
        return {
            id, CheckLevel::Fail,
            QStringLiteral("cannot read the free space of %1 (library %2)").arg(dir, c.libraryDir),
            QStringLiteral("create the folder, or point --library at a writable one")};
    const qint64 free = qint64(fs.f_bavail) * qint64(fs.f_frsize);
    const QString message =
        QStringLiteral("%1 free for the library (%2)").arg(gib(free), c.libraryDir);
    if (free < kGiB)
        return {id, CheckLevel::Fail,
                message + QStringLiteral(": too little for a disk image or a snapshot"),
                QStringLiteral("free space on that file system, or move the library "
                               "(--library DIR or VIREO_LIBRARY)")};
    if (free < 10 * kGiB)
        return {id, CheckLevel::Warn, message + QStringLiteral(": one installed guest fills it"),
                QStringLiteral("free space on that file system, or move the library "
                               "(--library DIR or VIREO_LIBRARY)")};
    return {id, CheckLevel::Pass, message, {}};
}

DoctorCheck iommuCheck(const DoctorContext& c) {
    const QString id = QStringLiteral("iommu");
    const IommuStatus s = readIommuStatus(c.host);
    if (s.enabled)
        return {id,
                CheckLevel::Pass,
                QStringLiteral("IOMMU on (%1, %2 groups): PCI passthrough is possible; see "
                               "'vireoctl host passthrough'")
                    .arg(s.vendor.isEmpty() ? QStringLiteral("vendor unknown") : s.vendor)
                    .arg(s.groupCount),
                {}};
    // The passthrough readiness checks know why, and the fix.
    auto checks = runReadinessChecks(c.host);
    if (checks)
        for (const auto& r : *checks)
            if (r.level != CheckLevel::Pass)
                return {
                    id, CheckLevel::Warn,
                    QStringLiteral("no IOMMU: PCI passthrough is not possible (%1)").arg(r.message),
                    r.fix};
    return {id, CheckLevel::Warn, QStringLiteral("no IOMMU: PCI passthrough is not possible"),
            QStringLiteral("see 'vireoctl host checks'")};
}

} // namespace vireo
