#include "vm/DiskHotplug.h"

#include "qemu/QemuCommandBuilder.h"
#include "qemu/QmpSync.h"
#include "spec/VmSpecValidation.h"
#include "storage/QemuImg.h"
#include "vm/HotplugPorts.h"
#include "vm/LockedVm.h"
#include "vm/VmLifecycle.h"
#include "vm/VmRuntime.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace vireo {

Status DiskHotplug::attach(const QString& vm, DiskSpec disk) const {
    auto locked = lockAndLoad(m_library, vm);
    if (!locked) return locked.error();
    disk.path = QFileInfo(disk.path).absoluteFilePath();
    if (!QFileInfo::exists(disk.path))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("disk '%1' does not exist").arg(disk.path),
                         QStringLiteral("create it with 'vireoctl disk create'"));
    for (const auto& d : locked->spec.disks)
        if (QFileInfo(d.path).canonicalFilePath() == QFileInfo(disk.path).canonicalFilePath())
            return makeError(
                ErrorCode::AlreadyExists,
                QStringLiteral("disk '%1' is already attached to VM '%2'").arg(disk.path, vm));
    VIREO_TRY(completeDiskSpec(disk));
    VmSpec updated = locked->spec;
    updated.disks.append(disk);
    VIREO_TRY(validateVmSpec(updated));
    if (locked->status.isActive()) {
        if (disk.bus != DiskBus::Virtio)
            return makeError(
                ErrorCode::Unsupported,
                QStringLiteral("only virtio disks can be hot-plugged (VM '%1' is running)").arg(vm),
                QStringLiteral("use bus=virtio, or stop the VM to attach a %1 disk")
                    .arg(toString(disk.bus)));
        VmRuntime rt(m_library, locked->spec);
        auto qmp = QmpSync::connect(rt.qmpSocket(), 10000);
        if (!qmp) return qmp.error();
        auto added =
            QmpSync::call(**qmp, QStringLiteral("blockdev-add"), diskBlockdevOptions(disk));
        if (!added) return added.error();
        auto plugged = plugIntoFreePort(
            **qmp,
            QJsonObject{{QStringLiteral("driver"), QStringLiteral("virtio-blk-pci")},
                        {QStringLiteral("drive"), diskNodeName(disk)},
                        {QStringLiteral("id"), diskDeviceId(disk)}},
            vm);
        if (!plugged) {
            (void)QmpSync::call(**qmp, QStringLiteral("blockdev-del"),
                                QJsonObject{{QStringLiteral("node-name"), diskNodeName(disk)}});
            return plugged.error();
        }
    }
    return m_library.save(updated);
}

Status DiskHotplug::detach(const QString& vm, const QString& diskPath) const {
    auto locked = lockAndLoad(m_library, vm);
    if (!locked) return locked.error();
    VmSpec updated = locked->spec;
    const QString wanted = QFileInfo(diskPath).absoluteFilePath();
    qsizetype index = -1;
    for (qsizetype i = 0; i < updated.disks.size(); ++i)
        if (updated.disks[i].path == wanted ||
            QFileInfo(updated.disks[i].path).canonicalFilePath() ==
                QFileInfo(wanted).canonicalFilePath())
            index = i;
    if (index < 0)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("disk '%1' is not attached to VM '%2'").arg(diskPath, vm),
                         QStringLiteral("see 'vireoctl vm show %1'").arg(vm));
    const DiskSpec disk = updated.disks.takeAt(index);
    if (locked->status.isActive()) {
        VmRuntime rt(m_library, locked->spec);
        auto qmp = QmpSync::connect(rt.qmpSocket(), 10000);
        if (!qmp) return qmp.error();
        auto del = QmpSync::call(**qmp, QStringLiteral("device_del"),
                                 QJsonObject{{QStringLiteral("id"), diskDeviceId(disk)}});
        if (!del)
            return makeError(
                ErrorCode::Unsupported, del.error().message,
                QStringLiteral(
                    "disks present at boot sit on the root bus; stop the VM to detach it"));
        // The guest must let go of the device first (PCIe hot-unplug takes ~5 s of button
        // press in the guest); only then can the block node be removed.
        auto gone = QmpSync::waitForEvent(
            **qmp, QStringLiteral("DEVICE_DELETED"), 30000, [&](const QmpEvent& e) {
                return e.data.value(QStringLiteral("device")).toString() == diskDeviceId(disk);
            });
        if (!gone)
            return makeError(
                ErrorCode::Timeout,
                QStringLiteral("the guest of VM '%1' did not release disk '%2'").arg(vm, diskPath),
                QStringLiteral("unmount it in the guest and retry, or stop the VM"));
        auto r = QmpSync::call(**qmp, QStringLiteral("blockdev-del"),
                               QJsonObject{{QStringLiteral("node-name"), diskNodeName(disk)}});
        if (!r) return r.error();
    }
    return m_library.save(updated);
}

} // namespace vireo
