#include "sandbox/SandboxMounts.h"

#include <QFile>
#include <QFileInfo>

namespace vireo {

MountPlan makeMountPlan(const SandboxSpec& spec) {
    MountPlan plan =
        baseMountPlan(QFile::encodeName(QFileInfo(spec.rootfs).canonicalFilePath()).toStdString());
    for (const auto& b : spec.binds)
        addBindMount(&plan, QFile::encodeName(b.host).toStdString(),
                     QFile::encodeName(b.guest).toStdString(), b.readOnly);
    for (const auto& t : spec.tmpfs)
        addTmpfsMount(&plan, QFile::encodeName(t.guest).toStdString(), t.sizeBytes);
    plan.readOnlyRoot = spec.readOnlyRoot;
    plan.hostname =
        spec.hostname.isEmpty() ? spec.name.left(63).toStdString() : spec.hostname.toStdString();
    plan.cwd = QFile::encodeName(spec.cwd).toStdString();
    return plan;
}

} // namespace vireo
