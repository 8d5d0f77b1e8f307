#include "vm/VmSnapshots.h"

#include "qemu/QemuCommandBuilder.h"
#include "qemu/QmpJobs.h"
#include "qemu/QmpSync.h"
#include "spec/VmSpecValidation.h"
#include "storage/QemuImg.h"
#include "vm/GuestOperations.h"
#include "vm/LockedVm.h"
#include "vm/VmLifecycle.h"
#include "vm/VmRuntime.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QScopeGuard>

namespace vireo {

namespace {

constexpr int kSnapshotJobTimeoutMs = 10 * 60 * 1000;

// One image a snapshot covers and its QEMU node name.
struct SnapshotTarget {
    QString path;
    QString node;
};

// What a snapshot covers: every writable disk (all qcow2), then the UEFI variable store
// when it is qcow2, so a revert also brings back the boot entries of that moment. The
// first target is a disk: it holds the memory state of live snapshots.
Result<QVector<SnapshotTarget>> snapshotTargets(const Library& library, const VmSpec& spec) {
    QVector<SnapshotTarget> targets;
    for (const auto& d : spec.disks) {
        if (d.readOnly) continue;
        if (d.format != QLatin1String("qcow2"))
            return makeError(
                ErrorCode::Unsupported,
                QStringLiteral("VM '%1': disk '%2' is %3; snapshots need qcow2")
                    .arg(spec.name, d.path, d.format),
                QStringLiteral("convert it with 'vireoctl disk convert' or make it read-only"));
        targets.append({d.path, diskNodeName(d)});
    }
    if (targets.isEmpty())
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("VM '%1' has no writable qcow2 disk to hold a snapshot").arg(spec.name),
            QStringLiteral("attach one with 'vireoctl disk attach'"));
    const QString vars = uefiVarsPath(library, spec.name);
    if (spec.firmware == Firmware::Uefi && vars.endsWith(QLatin1String(".qcow2")) &&
        QFileInfo::exists(vars))
        targets.append({vars, QStringLiteral("ovmf-vars")});
    return targets;
}

QJsonArray nodeNames(const QVector<SnapshotTarget>& targets) {
    QJsonArray a;
    for (const auto& t : targets)
        a.append(t.node);
    return a;
}

// swtpm keeps its state in files beside the VM; an offline or disk-only snapshot keeps a
// copy of them (a live one with memory has the TPM state inside its vmstate).
QString tpmCopyPath(const Library& library, const QString& vm, const QString& snapshot) {
    return library.vmDir(vm) + QStringLiteral("/snapshots/") + snapshot + QStringLiteral("/tpm");
}

Status copyFolder(const QString& from, const QString& to) {
    QDir(to).removeRecursively();
    if (!QDir().mkpath(to))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create '%1'").arg(to));
    for (const auto& f : QDir(from).entryList(QDir::Files | QDir::Hidden))
        if (!QFile::copy(from + QLatin1Char('/') + f, to + QLatin1Char('/') + f))
            return makeError(ErrorCode::Io,
                             QStringLiteral("cannot copy the TPM state file '%1'").arg(f),
                             QStringLiteral("check free space in the VM's folder"));
    return {};
}

bool hasSnapshot(const QString& path, const QString& snapshot) {
    auto info = QemuImg::info(path);
    if (!info) return false;
    for (const auto& s : info->snapshots)
        if (s.toObject().value(QStringLiteral("name")).toString() == snapshot) return true;
    return false;
}

Error noSuchSnapshot(const QString& vm, const QString& snap) {
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("VM '%1' has no snapshot '%2'").arg(vm, snap),
                     QStringLiteral("see 'vireoctl snapshot list %1'").arg(vm));
}

} // namespace

Result<SnapshotTree> VmSnapshots::list(const QString& vm) const {
    if (!m_library.exists(vm)) return m_library.load(vm).error();
    return SnapshotTree::load(m_library.snapshotsPath(vm));
}

Status VmSnapshots::create(const QString& vm, const QString& snapshot, const QString& description,
                           bool withMemory) const {
    VIREO_TRY(validateSnapshotName(snapshot));
    auto locked = lockAndLoad(m_library, vm);
    if (!locked) return locked.error();
    auto tree = SnapshotTree::load(m_library.snapshotsPath(vm));
    if (!tree) return tree.error();
    if (tree->find(snapshot))
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("VM '%1' already has a snapshot '%2'").arg(vm, snapshot),
                         QStringLiteral("choose another name"));
    auto disks = snapshotTargets(m_library, locked->spec);
    if (!disks) return disks.error();
    const bool live = locked->status.isActive();
    if (locked->status.state == VmState::Saved)
        return makeError(
            ErrorCode::InvalidState, QStringLiteral("VM '%1' has a saved state").arg(vm),
            QStringLiteral(
                "restore it or discard the state with 'vireoctl vm kill %1' after restoring")
                .arg(vm));
    if (live && withMemory && locked->spec.clipboard)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("VM '%1' shares its clipboard (qemu-vdagent), whose state "
                                        "QEMU cannot save in a snapshot with memory")
                             .arg(vm),
                         QStringLiteral("take a disk-only snapshot with --no-memory (the guest "
                                        "agent freezes its filesystems for it)"));
    bool quiesced = false;
    if (live) {
        // Without RAM in the snapshot, data the guest has not flushed would be lost: freeze
        // its filesystems through the agent for the instant of the snapshot. (Before the QMP
        // connection, and thawed after it closes: QEMU's monitor takes one client at a time.)
        const GuestOperations guest(m_library, vm);
        if (!withMemory) {
            const auto present = guest.agentPresent();
            quiesced = present && *present && guest.freeze().ok();
        }
        auto thaw = qScopeGuard([&] {
            if (quiesced) (void)guest.thaw();
        });
        VmRuntime rt(m_library, locked->spec);
        auto qmp = QmpSync::connect(rt.qmpSocket(), 10000);
        if (!qmp) return qmp.error();
        if (!withMemory) {
            // One transaction: every disk gets the snapshot, or none does.
            QJsonArray actions;
            for (const auto& d : *disks)
                actions.append(QJsonObject{
                    {QStringLiteral("type"), QStringLiteral("blockdev-snapshot-internal-sync")},
                    {QStringLiteral("data"), QJsonObject{{QStringLiteral("device"), d.node},
                                                         {QStringLiteral("name"), snapshot}}}});
            auto done = QmpSync::call(**qmp, QStringLiteral("transaction"),
                                      QJsonObject{{QStringLiteral("actions"), actions}});
            if (!done) return done.error();
        } else
            VIREO_TRY(runQmpJob(**qmp, QStringLiteral("snapshot-save"),
                                QStringLiteral("vireo-snapshot"),
                                QJsonObject{{QStringLiteral("tag"), snapshot},
                                            {QStringLiteral("vmstate"), disks->first().node},
                                            {QStringLiteral("devices"), nodeNames(*disks)}},
                                kSnapshotJobTimeoutMs));
    } else {
        for (qsizetype i = 0; i < disks->size(); ++i) {
            if (auto s = QemuImg::snapshotCreate(disks->at(i).path, snapshot); !s) {
                for (qsizetype j = 0; j < i; ++j) // all disks or none
                    (void)QemuImg::snapshotDelete(disks->at(j).path, snapshot);
                return s;
            }
        }
    }
    if (locked->spec.tpm && !(live && withMemory) && QFileInfo::exists(tpmStatePath(m_library, vm)))
        VIREO_TRY(copyFolder(tpmStatePath(m_library, vm), tpmCopyPath(m_library, vm, snapshot)));
    tree->add({snapshot, tree->current(), QDateTime::currentDateTimeUtc(), description,
               live && withMemory, quiesced});
    return tree->save(m_library.snapshotsPath(vm));
}

Status VmSnapshots::revert(const QString& vm, const QString& snapshot) const {
    auto locked = lockAndLoad(m_library, vm);
    if (!locked) return locked.error();
    auto tree = SnapshotTree::load(m_library.snapshotsPath(vm));
    if (!tree) return tree.error();
    const SnapshotInfo* snap = tree->find(snapshot);
    if (!snap) return noSuchSnapshot(vm, snapshot);
    auto disks = snapshotTargets(m_library, locked->spec);
    if (!disks) return disks.error();
    if (locked->status.isActive()) {
        if (!snap->hasMemory)
            return makeError(
                ErrorCode::InvalidState,
                QStringLiteral("snapshot '%1' of VM '%2' was taken offline and has no memory state")
                    .arg(snapshot, vm),
                QStringLiteral("stop the VM, then revert"));
        VmRuntime rt(m_library, locked->spec);
        auto qmp = QmpSync::connect(rt.qmpSocket(), 10000);
        if (!qmp) return qmp.error();
        VIREO_TRY(runQmpJob(**qmp, QStringLiteral("snapshot-load"), QStringLiteral("vireo-revert"),
                            QJsonObject{{QStringLiteral("tag"), snapshot},
                                        {QStringLiteral("vmstate"), disks->first().node},
                                        {QStringLiteral("devices"), nodeNames(*disks)}},
                            kSnapshotJobTimeoutMs));
    } else {
        if (locked->status.state == VmState::Saved)
            return makeError(ErrorCode::InvalidState,
                             QStringLiteral("VM '%1' has a saved state").arg(vm),
                             QStringLiteral("restore and stop it first"));
        for (const auto& d : *disks)
            if (hasSnapshot(d.path, snapshot)) // a disk added later does not have it
                VIREO_TRY(QemuImg::snapshotApply(d.path, snapshot));
        if (QFileInfo::exists(tpmCopyPath(m_library, vm, snapshot)))
            VIREO_TRY(
                copyFolder(tpmCopyPath(m_library, vm, snapshot), tpmStatePath(m_library, vm)));
    }
    tree->setCurrent(snapshot);
    return tree->save(m_library.snapshotsPath(vm));
}

Status VmSnapshots::remove(const QString& vm, const QString& snapshot) const {
    auto locked = lockAndLoad(m_library, vm);
    if (!locked) return locked.error();
    auto tree = SnapshotTree::load(m_library.snapshotsPath(vm));
    if (!tree) return tree.error();
    if (!tree->find(snapshot)) return noSuchSnapshot(vm, snapshot);
    auto disks = snapshotTargets(m_library, locked->spec);
    if (!disks) return disks.error();
    if (locked->status.isActive()) {
        VmRuntime rt(m_library, locked->spec);
        auto qmp = QmpSync::connect(rt.qmpSocket(), 10000);
        if (!qmp) return qmp.error();
        VIREO_TRY(runQmpJob(**qmp, QStringLiteral("snapshot-delete"),
                            QStringLiteral("vireo-snapdel"),
                            QJsonObject{{QStringLiteral("tag"), snapshot},
                                        {QStringLiteral("devices"), nodeNames(*disks)}},
                            kSnapshotJobTimeoutMs));
    } else {
        for (const auto& d : *disks)
            if (hasSnapshot(d.path, snapshot)) // a disk added after the snapshot does not have it
                VIREO_TRY(QemuImg::snapshotDelete(d.path, snapshot));
    }
    QDir(tpmCopyPath(m_library, vm, snapshot)).removeRecursively();
    QDir().rmdir(m_library.vmDir(vm) + QStringLiteral("/snapshots/") + snapshot);
    tree->remove(snapshot);
    return tree->save(m_library.snapshotsPath(vm));
}

} // namespace vireo
