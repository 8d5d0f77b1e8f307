#include "vm/VmBackups.h"

#include "core/ProcessRunner.h"
#include "qemu/QemuCommandBuilder.h"
#include "qemu/QmpJobs.h"
#include "qemu/QmpSync.h"
#include "spec/VmSpecJson.h"
#include "storage/QemuImg.h"
#include "store/FileLock.h"
#include "vm/GuestOperations.h"
#include "vm/LockedVm.h"
#include "vm/VmLifecycle.h"
#include "vm/VmRuntime.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>

#include <optional>

namespace vireo {

namespace {

constexpr int kBackupTimeoutMs = 6 * 60 * 60 * 1000;
const QString kBitmapPrefix = QStringLiteral("vireo-backup-");
const QString kJobPrefix = QStringLiteral("vireo-backup-job-");

QString bitmapName(const QString& point) {
    return kBitmapPrefix + point;
}
const QString kTargetPrefix = QStringLiteral("vireo-backup-target");
QString targetNode(int i) {
    return kTargetPrefix + QString::number(i);
}

// The disks a backup covers: every writable one (qcow2 or raw), in definition order.
QVector<DiskSpec> backedUpDisks(const VmSpec& spec) {
    QVector<DiskSpec> disks;
    for (const auto& d : spec.disks)
        if (!d.readOnly) disks.append(d);
    return disks;
}

// The dirty bitmaps each disk node carries: name -> still trustworthy.
Result<QHash<QString, QHash<QString, bool>>> bitmapsByNode(QmpClient& qmp) {
    auto nodes = QmpSync::call(qmp, QStringLiteral("query-named-block-nodes"),
                               QJsonObject{{QStringLiteral("flat"), true}});
    if (!nodes) return nodes.error();
    QHash<QString, QHash<QString, bool>> out;
    for (const auto& n : nodes->toArray()) {
        const auto node = n.toObject();
        for (const auto& b : node.value(QStringLiteral("dirty-bitmaps")).toArray()) {
            const auto bm = b.toObject();
            out[node.value(QStringLiteral("node-name")).toString()]
               [bm.value(QStringLiteral("name")).toString()] =
                   !bm.value(QStringLiteral("inconsistent")).toBool();
        }
    }
    return out;
}

void removeBitmaps(QmpClient& qmp, const QVector<DiskSpec>& disks, const QString& keep) {
    auto all = bitmapsByNode(qmp);
    if (!all) return;
    for (const auto& d : disks)
        for (const auto& name : all->value(diskNodeName(d)).keys())
            if (name.startsWith(kBitmapPrefix) && name != keep)
                (void)QmpSync::call(qmp, QStringLiteral("block-dirty-bitmap-remove"),
                                    QJsonObject{{QStringLiteral("node"), diskNodeName(d)},
                                                {QStringLiteral("name"), name}});
}

// Interrupted backups leave incomplete points (and maybe QEMU jobs still copying into
// them): cancel those jobs and remove the points' files.
QStringList discardIncomplete(BackupChain& chain, QmpClient* qmp) {
    if (qmp) {
        if (auto jobs = QmpSync::call(*qmp, QStringLiteral("query-jobs"))) {
            for (const auto& v : jobs->toArray()) {
                const QString id = v.toObject().value(QStringLiteral("id")).toString();
                if (!id.startsWith(kJobPrefix)) continue;
                (void)QmpSync::call(*qmp, QStringLiteral("job-cancel"),
                                    QJsonObject{{QStringLiteral("id"), id}});
                (void)waitForQmpJobs(*qmp, {id}, 60000);
            }
        }
        // Only the target nodes an interrupted backup really left behind.
        if (auto nodes = QmpSync::call(*qmp, QStringLiteral("query-named-block-nodes"),
                                       QJsonObject{{QStringLiteral("flat"), true}}))
            for (const auto& n : nodes->toArray()) {
                const QString name = n.toObject().value(QStringLiteral("node-name")).toString();
                if (name.startsWith(kTargetPrefix))
                    (void)QmpSync::call(*qmp, QStringLiteral("blockdev-del"),
                                        QJsonObject{{QStringLiteral("node-name"), name}});
            }
    }
    return chain.discardIncomplete();
}

} // namespace

Result<BackupResult> VmBackups::backup(const QString& vm, const QString& folder,
                                       const BackupOptions& options) const {
    auto locked = BackupChain::lockForBackup(folder);
    if (!locked) return locked.error();
    BackupChain* chain = &locked->second;
    auto spec = m_library.load(vm);
    if (!spec) return spec.error();
    const QString uuid = spec->uuid.toString(QUuid::WithoutBraces);
    VIREO_TRY(chain->checkOwner(vm, uuid));
    if (backedUpDisks(*spec).isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("VM '%1' has no writable disk to back up").arg(vm));
    const VmStatus st = VmRuntime(m_library, *spec).status();
    if (st.state == VmState::Saved || st.state == VmState::Crashed)
        return makeError(
            ErrorCode::InvalidState, QStringLiteral("VM '%1' is %2").arg(vm, toString(st.state)),
            QStringLiteral("restore or start it (or 'vireoctl vm kill %1') first").arg(vm));
    if (st.isActive()) return backupRunning(vm, *chain, options);
    // Shut off: QEMU starts paused (the guest never runs) so the same consistent copy and
    // change tracking apply; its clean quit afterwards stores the new bitmap in the disks.
    const VmLifecycle lifecycle(m_library);
    VIREO_TRY(lifecycle.start(vm, StartOptions{true}));
    auto result = backupRunning(vm, *chain, options);
    const Status stopped = lifecycle.kill(vm);
    if (result && !stopped) return stopped.error();
    return result;
}

Result<BackupResult> VmBackups::backupRunning(const QString& vm, BackupChain& chain,
                                              const BackupOptions& options) const {
    auto locked = lockAndLoad(m_library, vm);
    if (!locked) return locked.error();
    const VmSpec& spec = locked->spec;
    const QVector<DiskSpec> disks = backedUpDisks(spec);
    VmRuntime rt(m_library, spec);

    BackupResult result;
    auto qmp = QmpSync::connect(rt.qmpSocket(), 10000);
    if (!qmp) return qmp.error();
    // QEMU's monitor takes one client at a time: the agent checks go through this one.
    const GuestOperations guest(m_library, vm);
    const auto present = guest.agentPresent(qmp->get());
    bool frozen = false;
    auto thaw = qScopeGuard([&] {
        if (frozen) (void)guest.thaw(qmp->get());
    });
    result.discarded = discardIncomplete(chain, qmp->get());

    // Incremental only from a complete point whose bitmap every disk still trusts.
    // A copy: the chain's list grows below, which would leave a pointer dangling.
    std::optional<BackupPoint> parent;
    if (options.incremental && chain.lastComplete()) parent = *chain.lastComplete();
    if (options.incremental && !parent) result.note = QStringLiteral("no earlier backup: full");
    if (parent) {
        auto bitmaps = bitmapsByNode(**qmp);
        if (!bitmaps) return bitmaps.error();
        for (const auto& d : disks) {
            const auto& mine = bitmaps->value(diskNodeName(d));
            if (!mine.value(bitmapName(parent->id), false) ||
                parent->disks.size() != disks.size()) {
                result.note = QStringLiteral("the VM's change tracking since %1 is lost (QEMU "
                                             "ended without a clean shutdown, or a disk was "
                                             "added): full")
                                  .arg(parent->id);
                parent.reset();
                break;
            }
        }
    }

    BackupPoint point;
    point.id = chain.newPointId();
    point.parent = parent ? parent->id : QString();
    point.created = QDateTime::currentDateTimeUtc();
    if (!QDir().mkpath(chain.absolute(point.id)))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write to '%1'").arg(chain.folder()));
    for (int i = 0; i < disks.size(); ++i) {
        auto info = QemuImg::info(disks[i].path);
        if (!info) return info.error();
        point.disks.append({BackupChain::diskFile(point.id, i), info->virtualSize, 0});
    }
    chain.vmName = spec.name;
    chain.vmUuid = spec.uuid.toString(QUuid::WithoutBraces);
    chain.vmSpec = vmSpecToJson(spec);
    chain.points.append(point); // incomplete until the copy is done
    VIREO_TRY(chain.save());

    auto fail = [&](const Error& e) -> Error {
        for (int i = 0; i < disks.size(); ++i)
            (void)QmpSync::call(**qmp, QStringLiteral("blockdev-del"),
                                QJsonObject{{QStringLiteral("node-name"), targetNode(i)}});
        (void)QmpSync::call(**qmp, QStringLiteral("block-dirty-bitmap-remove"),
                            QJsonObject{{QStringLiteral("node"), diskNodeName(disks.first())},
                                        {QStringLiteral("name"), bitmapName(point.id)}});
        chain.points.removeLast();
        (void)chain.save();
        QDir(chain.absolute(point.id)).removeRecursively();
        return e;
    };

    QJsonArray actions;
    QStringList jobs;
    for (int i = 0; i < disks.size(); ++i) {
        DiskCreateOptions create;
        create.path = chain.absolute(point.disks[i].file);
        create.sizeBytes = point.disks[i].virtualSize;
        if (parent) {
            // Relative to this file: the folder stays valid when moved as a whole.
            create.backingFile = QStringLiteral("../") + parent->disks[i].file;
            create.backingFormat = QStringLiteral("qcow2");
        }
        if (auto s = QemuImg::create(create); !s) return fail(s.error());
        auto added = QmpSync::call(
            **qmp, QStringLiteral("blockdev-add"),
            QJsonObject{{QStringLiteral("driver"), QStringLiteral("qcow2")},
                        {QStringLiteral("node-name"), targetNode(i)},
                        {QStringLiteral("file"),
                         QJsonObject{{QStringLiteral("driver"), QStringLiteral("file")},
                                     {QStringLiteral("filename"), create.path}}}});
        if (!added) return fail(added.error());
        const QString node = diskNodeName(disks[i]);
        // The new point's bitmap starts in the same transaction as the copy: every write
        // after this instant is in it, every write before is in the copy.
        actions.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("block-dirty-bitmap-add")},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("node"), node},
                                                 {QStringLiteral("name"), bitmapName(point.id)},
                                                 {QStringLiteral("persistent"), true}}}});
        QJsonObject backup{
            {QStringLiteral("job-id"), kJobPrefix + QString::number(i)},
            {QStringLiteral("device"), node},
            {QStringLiteral("target"), targetNode(i)},
            {QStringLiteral("auto-dismiss"), false},
            {QStringLiteral("sync"), parent ? QStringLiteral("bitmap") : QStringLiteral("full")}};
        if (parent) {
            // "never": the parent's bitmap stays whole until this point is complete, so an
            // interrupted incremental can simply be taken again.
            backup.insert(QStringLiteral("bitmap"), bitmapName(parent->id));
            backup.insert(QStringLiteral("bitmap-mode"), QStringLiteral("never"));
        }
        actions.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("blockdev-backup")},
                                   {QStringLiteral("data"), backup}});
        jobs << kJobPrefix + QString::number(i);
    }

    if (present && *present) {
        // The monitor connection stays open: the agent speaks on its own socket.
        frozen = guest.freeze(qmp->get()).ok();
        point.quiesced = frozen;
    }
    // One transaction: bitmaps and copies start at the same instant on every disk. (QEMU
    // refuses "grouped" completion with bitmap actions; a failed disk fails the point.)
    auto started = QmpSync::call(**qmp, QStringLiteral("transaction"),
                                 QJsonObject{{QStringLiteral("actions"), actions}});
    // Copy-before-write keeps the point in time: the guest may run on at once.
    if (frozen) {
        (void)guest.thaw(qmp->get());
        frozen = false;
    }
    if (!started) return fail(started.error());
    if (auto done = waitForQmpJobs(**qmp, jobs, kBackupTimeoutMs, options.progress); !done)
        return fail(done.error());
    for (int i = 0; i < disks.size(); ++i)
        (void)QmpSync::call(**qmp, QStringLiteral("blockdev-del"),
                            QJsonObject{{QStringLiteral("node-name"), targetNode(i)}});
    for (auto& d : point.disks)
        d.bytes = std::uint64_t(QFileInfo(chain.absolute(d.file)).size());
    point.complete = true;
    chain.points.last() = point;
    VIREO_TRY(chain.save());
    // Only now may the parent's bitmap go: the new point is the base of the next one.
    removeBitmaps(**qmp, disks, bitmapName(point.id));
    qmp->reset();
    VIREO_TRY(chain.applyRetention(options.keep));
    result.point = point;
    return result;
}

Result<QVector<BackupCheck>> VmBackups::verify(const QString& folder) {
    auto chain = BackupChain::load(folder);
    if (!chain) return chain.error();
    if (chain->points.isEmpty())
        return makeError(
            ErrorCode::NotFound, QStringLiteral("'%1' holds no backups").arg(folder),
            QStringLiteral("take one with 'vireoctl vm backup VM --to %1'").arg(folder));
    QVector<BackupCheck> out;
    for (const auto& p : chain->points) {
        BackupCheck c{p.id, p.complete, false, {}};
        if (!p.complete) {
            c.problem = QStringLiteral("incomplete: the backup was interrupted");
            out.append(c);
            continue;
        }
        if (!p.isFull() && !chain->find(p.parent))
            c.problem = QStringLiteral("its parent point %1 is missing").arg(p.parent);
        for (const auto& d : p.disks) {
            if (!c.problem.isEmpty()) break;
            const QString path = chain->absolute(d.file);
            auto check = runProcessAllowFailure(
                {{QStringLiteral("qemu-img"), QStringLiteral("check"), QStringLiteral("-q"),
                  QStringLiteral("-f"), QStringLiteral("qcow2"), path},
                 600000,
                 {},
                 nullptr});
            if (!check || check->exitCode != 0) {
                c.problem = QStringLiteral("%1 is damaged: %2")
                                .arg(d.file, check ? lastLine(check->stderrData + check->stdoutData)
                                                   : check.error().message);
                break;
            }
            auto info = QemuImg::info(path);
            if (!info) {
                c.problem = info.error().message;
                break;
            }
            // The chain on disk must be the recorded one (a moved or swapped parent would
            // restore someone else's data).
            const QString expected =
                p.isFull()
                    ? QString()
                    : QFileInfo(
                          chain->absolute(
                              chain->find(p.parent)->disks.value(int(&d - p.disks.data())).file))
                          .canonicalFilePath();
            const QString actual = info->backingChain.isEmpty()
                                       ? QString()
                                       : QFileInfo(info->backingChain.first()).canonicalFilePath();
            if (actual != expected || info->virtualSize != d.virtualSize)
                c.problem = QStringLiteral("%1 is not chained as recorded").arg(d.file);
        }
        c.ok = c.problem.isEmpty();
        out.append(c);
    }
    return out;
}

Status VmBackups::restore(const QString& folder, const QString& pointId,
                          const QString& newName) const {
    auto chain = BackupChain::load(folder);
    if (!chain) return chain.error();
    const BackupPoint* point = chain->find(pointId);
    if (!point)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("'%1' has no backup point '%2'").arg(folder, pointId),
                         QStringLiteral("see 'vireoctl backup list %1'").arg(folder));
    if (!point->complete)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("backup point '%1' is incomplete (interrupted)").arg(pointId),
            QStringLiteral("restore an earlier, complete point"));
    if (m_library.exists(newName))
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("VM '%1' already exists").arg(newName),
                         QStringLiteral("choose another name with --as"));
    auto spec = vmSpecFromBytes(QJsonDocument(chain->vmSpec).toJson(), folder);
    if (!spec) return spec.error();
    spec->name = newName;
    spec->uuid = QUuid();
    for (auto& n : spec->nics)
        n.mac.clear(); // a fresh, free MAC each
    spec->shares.clear();
    const QString dir = m_library.vmDir(newName);
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create '%1'").arg(dir));
    auto cleanup = qScopeGuard([&] { QDir(dir).removeRecursively(); });
    int i = 0;
    for (auto& d : spec->disks) {
        if (d.readOnly) continue; // shared read-only media stay where they are
        if (i >= point->disks.size()) break;
        const QString target = dir + QStringLiteral("/disk%1.qcow2").arg(i);
        VIREO_TRY(QemuImg::convert(chain->absolute(point->disks[i].file), target,
                                   QStringLiteral("qcow2")));
        d.path = target;
        d.format = QStringLiteral("qcow2");
        ++i;
    }
    auto created = VmLifecycle(m_library).create(*spec);
    if (!created) return created.error();
    cleanup.dismiss();
    return {};
}

} // namespace vireo
