#include "vm/SharedFolders.h"

#include "qemu/QemuCommandBuilder.h"
#include "qemu/QmpSync.h"
#include "qemu/VirtiofsdLauncher.h"
#include "spec/VmSpecValidation.h"
#include "vm/HotplugPorts.h"
#include "vm/LockedVm.h"
#include "vm/VmRuntime.h"

#include <QFileInfo>
#include <QJsonObject>

namespace vireo {

QString SharedFolders::guestMountCommand(const SharedFolder& share) {
    return QStringLiteral("mount -t virtiofs %1 /mnt/%1").arg(share.tag);
}

Status SharedFolders::add(const QString& vm, SharedFolder share) const {
    auto locked = lockAndLoad(m_library, vm);
    if (!locked) return locked.error();
    share.hostDir = QFileInfo(share.hostDir).absoluteFilePath();
    for (const auto& f : locked->spec.shares)
        if (f.tag == share.tag)
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("VM '%1' already shares a folder as '%2' (%3)")
                                 .arg(vm, share.tag, f.hostDir),
                             QStringLiteral("choose another --tag, or remove it first"));
    VmSpec updated = locked->spec;
    updated.shares.append(share);
    VIREO_TRY(validateVmSpec(updated));
    if (locked->status.state == VmState::Saved)
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("VM '%1' has a saved state").arg(vm),
                         QStringLiteral("restore it first: its saved devices must not change"));
    if (locked->status.isActive()) {
        if (!usesSharedMemory(locked->spec))
            return makeError(
                ErrorCode::Unsupported,
                QStringLiteral("VM '%1' was started without shared memory, which virtiofs needs")
                    .arg(vm),
                QStringLiteral("the share is needed at start: stop the VM, add it, start again"));
        VmRuntime rt(m_library, locked->spec);
        auto qmp = QmpSync::connect(rt.qmpSocket(), 10000);
        if (!qmp) return qmp.error();
        auto fs = startVirtiofsd(share, rt.shareSocket(share.tag), rt.sharePidFile(share.tag),
                                 rt.shareLog(share.tag));
        if (!fs) return fs.error();
        const QJsonObject addr{{QStringLiteral("type"), QStringLiteral("unix")},
                               {QStringLiteral("data"),
                                QJsonObject{{QStringLiteral("path"), rt.shareSocket(share.tag)}}}};
        auto chardev = QmpSync::call(
            **qmp, QStringLiteral("chardev-add"),
            QJsonObject{{QStringLiteral("id"), shareChardevId(share.tag)},
                        {QStringLiteral("backend"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("socket")},
                                     {QStringLiteral("data"),
                                      QJsonObject{{QStringLiteral("addr"), addr},
                                                  {QStringLiteral("server"), false}}}}}});
        if (!chardev) {
            stopVirtiofsd(rt.sharePidFile(share.tag));
            return chardev.error();
        }
        auto plugged = plugIntoFreePort(
            **qmp,
            QJsonObject{{QStringLiteral("driver"), QStringLiteral("vhost-user-fs-pci")},
                        {QStringLiteral("chardev"), shareChardevId(share.tag)},
                        {QStringLiteral("tag"), share.tag},
                        {QStringLiteral("id"), shareDeviceId(share.tag)}},
            vm);
        if (!plugged) {
            (void)QmpSync::call(**qmp, QStringLiteral("chardev-remove"),
                                QJsonObject{{QStringLiteral("id"), shareChardevId(share.tag)}});
            stopVirtiofsd(rt.sharePidFile(share.tag));
            return plugged.error();
        }
    }
    return m_library.save(updated);
}

Status SharedFolders::remove(const QString& vm, const QString& tag) const {
    auto locked = lockAndLoad(m_library, vm);
    if (!locked) return locked.error();
    VmSpec updated = locked->spec;
    qsizetype index = -1;
    for (qsizetype i = 0; i < updated.shares.size(); ++i)
        if (updated.shares[i].tag == tag) index = i;
    if (index < 0)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("VM '%1' has no shared folder '%2'").arg(vm, tag),
                         QStringLiteral("see 'vireoctl vm share list %1'").arg(vm));
    updated.shares.removeAt(index);
    if (locked->status.state == VmState::Saved)
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("VM '%1' has a saved state").arg(vm),
                         QStringLiteral("restore it first: its saved devices must not change"));
    if (locked->status.isActive()) {
        VmRuntime rt(m_library, locked->spec);
        auto qmp = QmpSync::connect(rt.qmpSocket(), 10000);
        if (!qmp) return qmp.error();
        auto del = QmpSync::call(**qmp, QStringLiteral("device_del"),
                                 QJsonObject{{QStringLiteral("id"), shareDeviceId(tag)}});
        if (!del)
            return makeError(ErrorCode::Unsupported, del.error().message,
                             QStringLiteral("shares present at boot sit on the root bus; stop the "
                                            "VM to remove it"));
        auto gone = QmpSync::waitForEvent(
            **qmp, QStringLiteral("DEVICE_DELETED"), 30000, [&](const QmpEvent& e) {
                return e.data.value(QStringLiteral("device")).toString() == shareDeviceId(tag);
            });
        if (!gone)
            return makeError(
                ErrorCode::Timeout,
                QStringLiteral("the guest of VM '%1' did not release shared folder '%2'")
                    .arg(vm, tag),
                QStringLiteral("unmount it in the guest and retry, or stop the VM"));
        (void)QmpSync::call(**qmp, QStringLiteral("chardev-remove"),
                            QJsonObject{{QStringLiteral("id"), shareChardevId(tag)}});
        stopVirtiofsd(rt.sharePidFile(tag));
    }
    return m_library.save(updated);
}

} // namespace vireo
