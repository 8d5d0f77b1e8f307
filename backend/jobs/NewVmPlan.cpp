#include "jobs/NewVmPlan.h"

#include "appliance/Appliance.h"
#include "jobs/HostResources.h"
#include "spec/VmSpecValidation.h"
#include "storage/QemuImg.h"
#include "vm/CloudInit.h"
#include "vm/DiskHotplug.h"
#include "vm/VmLifecycle.h"

#include <QFileInfo>

namespace vireo {

QVector<PlanProblem> checkNewVmPlan(const Library& library, const NewVmPlan& plan) {
    QVector<PlanProblem> problems;
    const Status name = validateVmName(plan.spec.name);
    if (!name.ok())
        problems.append({PlanProblemKind::NameInvalid, name.error().line()});
    else if (library.exists(plan.spec.name))
        problems.append({PlanProblemKind::NameTaken, plan.spec.name});
    const std::uint64_t hostMiB = hostMemoryMiB();
    if (hostMiB > 0 && plan.spec.memoryMiB > hostMiB)
        problems.append({PlanProblemKind::MemoryExceedsHost, QString::number(hostMiB)});
    std::uint64_t needed = 0;
    if (plan.source == NewVmSource::ImportDisk && plan.convertImport)
        needed = std::uint64_t(QFileInfo(plan.importPath).size());
    // A new qcow2 is sparse, but a disk that can never fill up is still a promise we
    // cannot keep: ask for its full size to be free.
    if (plan.source == NewVmSource::Iso || plan.source == NewVmSource::KernelBoot)
        needed = plan.newDiskBytes;
    // An appliance unpacks and converts: about twice its size while it imports.
    if (plan.source == NewVmSource::Appliance)
        needed = 2 * std::uint64_t(QFileInfo(plan.appliancePath).size());
    const std::uint64_t freeBytes = freeDiskBytes(library.root());
    if (needed > 0 && freeBytes > 0 && needed > freeBytes)
        problems.append({PlanProblemKind::NotEnoughSpace, QString::number(freeBytes)});
    return problems;
}

Status executeNewVmPlan(const Library& library, const NewVmPlan& plan,
                        const std::function<void(double)>& progress,
                        const std::atomic_bool* cancel) {
    if (plan.source == NewVmSource::CloudImage) {
        auto made = createCloudVm(library, plan.spec,
                                  {plan.cloudImage, plan.sshKeyFile, plan.userDataFile, {}, false});
        if (!made) return made.error();
        if (progress) progress(100);
        return {};
    }
    if (plan.source == NewVmSource::Appliance) {
        auto made = Appliance(library).import(plan.appliancePath, plan.spec.name, progress, cancel);
        if (!made) return made.error();
        return {};
    }
    const VmLifecycle lifecycle(library);
    auto created = lifecycle.create(plan.spec);
    if (!created) return created.error();
    if (progress) progress(5);

    const QString name = plan.spec.name;
    auto rollBack = [&](const Error& error) -> Status {
        (void)lifecycle.remove(name, DeleteOptions{true, false});
        return error;
    };
    QString diskPath;
    if (plan.source == NewVmSource::ImportDisk) {
        if (plan.convertImport) {
            diskPath = library.vmDir(name) + QStringLiteral("/disk0.qcow2");
            auto scaled = [&](double p) {
                if (progress) progress(5 + p * 0.9);
            };
            const Status converted = QemuImg::convert(plan.importPath, diskPath,
                                                      QStringLiteral("qcow2"), scaled, cancel);
            if (!converted) return rollBack(converted.error());
        } else {
            diskPath = QFileInfo(plan.importPath).absoluteFilePath();
        }
    } else if (plan.newDiskBytes > 0) {
        diskPath = library.vmDir(name) + QStringLiteral("/disk0.qcow2");
        DiskCreateOptions options;
        options.path = diskPath;
        options.sizeBytes = plan.newDiskBytes;
        const Status made = QemuImg::create(options);
        if (!made) return rollBack(made.error());
    }
    if (cancel && cancel->load())
        return rollBack(makeError(ErrorCode::Cancelled,
                                  QStringLiteral("creating VM '%1' was cancelled").arg(name)));
    if (!diskPath.isEmpty()) {
        DiskSpec disk;
        disk.path = diskPath;
        disk.bus = plan.diskBus;
        const Status attached = DiskHotplug(library).attach(name, disk);
        if (!attached) return rollBack(attached.error());
    }
    if (progress) progress(100);
    return {};
}

} // namespace vireo
