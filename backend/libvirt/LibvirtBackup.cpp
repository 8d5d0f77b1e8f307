#include "libvirt/LibvirtBackup.h"

#include "libvirt/DomainDocument.h"
#include "libvirt/DomainSpec.h"
#include "libvirt/LibvirtStorage.h"
#include "spec/VmSpecJson.h"
#include "storage/QemuImg.h"
#include "store/FileLock.h"

#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>
#include <QThread>
#include <algorithm>
#include <functional>
#include <optional>

namespace vireo {

namespace {

constexpr int kPollMs = 200;

struct BackedUpDisk {
    QString dev;    // the target libvirt names it by: vda, sda, ...
    QString source; // its file on the host
    QString target; // where the host writes its copy: a file of the same pool
};

const QString kCheckpointPrefix = QStringLiteral("vireo-backup-");

QString checkpointName(const QString& point) {
    return kCheckpointPrefix + point;
}

// The writable disks of the running domain, in definition order (as a local VM's are
// numbered in its backup points).
QVector<BackedUpDisk> writableDisks(const QDomDocument& live, const QString& pointId) {
    QVector<BackedUpDisk> out;
    for (const QDomElement& disk : devicesOf(live, QStringLiteral("disk"))) {
        if (disk.attribute(QStringLiteral("device"), QStringLiteral("disk")) !=
                QLatin1String("disk") ||
            !disk.firstChildElement(QStringLiteral("readonly")).isNull())
            continue;
        BackedUpDisk d;
        d.dev = disk.firstChildElement(QStringLiteral("target")).attribute(QStringLiteral("dev"));
        d.source =
            disk.firstChildElement(QStringLiteral("source")).attribute(QStringLiteral("file"));
        if (d.dev.isEmpty() || d.source.isEmpty()) continue;
        d.target = QFileInfo(d.source).path() +
                   QStringLiteral("/.vireo-backup-%1-%2.qcow2").arg(pointId, d.dev);
        out.append(d);
    }
    return out;
}

// <disks> naming every disk of the domain, each completed by `fill` with its entry in
// `disks`, or nullptr for a disk left out (a CD-ROM, a read-only disk).
QDomElement disksElement(QDomDocument& doc, const QDomDocument& live,
                         const QVector<BackedUpDisk>& disks,
                         const std::function<void(QDomElement&, const BackedUpDisk*)>& fill) {
    QDomElement list = doc.createElement(QStringLiteral("disks"));
    for (const QDomElement& disk : devicesOf(live, QStringLiteral("disk"))) {
        const QString dev =
            disk.firstChildElement(QStringLiteral("target")).attribute(QStringLiteral("dev"));
        if (dev.isEmpty()) continue;
        const auto it = std::find_if(disks.begin(), disks.end(),
                                     [&](const BackedUpDisk& d) { return d.dev == dev; });
        QDomElement e = doc.createElement(QStringLiteral("disk"));
        e.setAttribute(QStringLiteral("name"), dev);
        fill(e, it == disks.end() ? nullptr : &*it);
        list.appendChild(e);
    }
    return list;
}

QDomElement textElement(QDomDocument& doc, const QString& tag, const QString& text) {
    QDomElement e = doc.createElement(tag);
    e.appendChild(doc.createTextNode(text));
    return e;
}

// <domainbackup mode="push">: each backed-up disk into its target file as qcow2. With
// `since`, only what changed after that checkpoint is copied (the rest of the target
// stays unallocated).
QString backupXml(const QDomDocument& live, const QVector<BackedUpDisk>& disks,
                  const QString& since) {
    QDomDocument doc;
    QDomElement root = doc.createElement(QStringLiteral("domainbackup"));
    root.setAttribute(QStringLiteral("mode"), QStringLiteral("push"));
    doc.appendChild(root);
    if (!since.isEmpty()) root.appendChild(textElement(doc, QStringLiteral("incremental"), since));
    root.appendChild(disksElement(doc, live, disks, [&](QDomElement& e, const BackedUpDisk* d) {
        e.setAttribute(QStringLiteral("backup"), d ? QStringLiteral("yes") : QStringLiteral("no"));
        if (!d) return;
        e.setAttribute(QStringLiteral("type"), QStringLiteral("file"));
        QDomElement target = doc.createElement(QStringLiteral("target"));
        target.setAttribute(QStringLiteral("file"), d->target);
        e.appendChild(target);
        QDomElement driver = doc.createElement(QStringLiteral("driver"));
        driver.setAttribute(QStringLiteral("type"), QStringLiteral("qcow2"));
        e.appendChild(driver);
    }));
    return doc.toString(-1);
}

// <domaincheckpoint>: a change bitmap from this instant on each backed-up disk, taken by
// the backup itself (the next incremental point copies what it marks).
QString checkpointXml(const QDomDocument& live, const QVector<BackedUpDisk>& disks,
                      const QString& name) {
    QDomDocument doc;
    QDomElement root = doc.createElement(QStringLiteral("domaincheckpoint"));
    doc.appendChild(root);
    root.appendChild(textElement(doc, QStringLiteral("name"), name));
    root.appendChild(disksElement(doc, live, disks, [](QDomElement& e, const BackedUpDisk* d) {
        e.setAttribute(QStringLiteral("checkpoint"),
                       d ? QStringLiteral("bitmap") : QStringLiteral("no"));
    }));
    return doc.toString(-1);
}

// Vireo's checkpoints of the domain, by name (other tools' are left alone).
QStringList vireoCheckpoints(virDomainPtr dom) {
    QStringList names;
    virDomainCheckpointPtr* list = nullptr;
    const int n = virDomainListAllCheckpoints(dom, &list, 0);
    for (int i = 0; i < n; ++i) {
        const QString name = QString::fromUtf8(virDomainCheckpointGetName(list[i]));
        if (name.startsWith(kCheckpointPrefix)) names << name;
        virDomainCheckpointFree(list[i]);
    }
    std::free(list);
    return names;
}

// Deletes checkpoint `name` (its bitmaps merge into the one before, as libvirt does).
void deleteCheckpoint(virDomainPtr dom, const QString& name) {
    if (virDomainCheckpointPtr cp = virDomainCheckpointLookupByName(dom, qPrintable(name), 0)) {
        virDomainCheckpointDelete(cp, 0);
        virDomainCheckpointFree(cp);
    }
}

// Waits for the domain's backup job; progress from its statistics. Fails with the host's
// reason when the job failed, was cancelled or the domain went away.
Status waitForBackupJob(const LibvirtConnection& conn, virDomainPtr dom, const QString& vm,
                        const std::function<void(double)>& progress) {
    for (;;) {
        virTypedParameterPtr stats = nullptr;
        int n = 0, type = VIR_DOMAIN_JOB_NONE;
        if (virDomainGetJobStats(dom, &type, &stats, &n, 0) < 0)
            return conn.lastError(QStringLiteral("following the backup of VM '%1'").arg(vm));
        const qint64 total = typedParamValue(stats, n, VIR_DOMAIN_JOB_DATA_TOTAL);
        const qint64 done = typedParamValue(stats, n, VIR_DOMAIN_JOB_DATA_PROCESSED);
        virTypedParamsFree(stats, n);
        if (type == VIR_DOMAIN_JOB_NONE) break;
        if (progress && total > 0 && done >= 0) progress(0.5 * double(done) / double(total));
        QThread::msleep(kPollMs);
    }
    virTypedParameterPtr stats = nullptr;
    int n = 0, type = VIR_DOMAIN_JOB_NONE;
    if (virDomainGetJobStats(dom, &type, &stats, &n, VIR_DOMAIN_JOB_STATS_COMPLETED) < 0)
        return conn.lastError(QStringLiteral("reading how the backup of VM '%1' ended").arg(vm));
    const char* message = nullptr;
    virTypedParamsGetString(stats, n, VIR_DOMAIN_JOB_ERRMSG, &message);
    const QString why = message ? QString::fromUtf8(message) : QString();
    virTypedParamsFree(stats, n);
    if (type != VIR_DOMAIN_JOB_COMPLETED)
        return makeError(ErrorCode::Process,
                         QStringLiteral("the backup of VM '%1' on remote '%2' failed%3")
                             .arg(vm, conn.remote().name,
                                  why.isEmpty() ? QString() : QStringLiteral(": ") + why),
                         QStringLiteral("check the free space of its pool on that host"));
    return {};
}

} // namespace

Result<BackupResult> backupRemoteVm(const LibvirtConnection& conn, const QString& vm,
                                    const QString& folder, const BackupOptions& options) {
    auto locked = BackupChain::lockForBackup(folder);
    if (!locked) return locked.error();
    BackupChain* chain = &locked->second;
    auto dom = conn.domain(vm);
    if (!dom) return dom.error();
    char uuid[VIR_UUID_STRING_BUFLEN] = {};
    virDomainGetUUIDString(dom->get(), uuid);
    VIREO_TRY(chain->checkOwner(vm, QString::fromLatin1(uuid)));
    auto defined = domainDocument(conn, dom->get(), vm, VIR_DOMAIN_XML_INACTIVE);
    if (!defined) return defined.error();
    auto spec = vmSpecFromDomain(*defined);
    if (!spec) return spec.error();

    BackupResult result;
    result.discarded = chain->discardIncomplete();

    // A shut-off VM runs paused for the copy (libvirt backs up running domains only) and
    // until its checkpoints are settled; it is off again whatever happens.
    const bool wasRunning = virDomainIsActive(dom->get()) == 1;
    if (!wasRunning && virDomainCreateWithFlags(dom->get(), VIR_DOMAIN_START_PAUSED) < 0)
        return conn.lastError(QStringLiteral("starting VM '%1' paused for its backup").arg(vm));
    auto stopAgain = qScopeGuard([&] {
        if (!wasRunning) virDomainDestroy(dom->get());
    });
    auto live = domainDocument(conn, dom->get(), vm, 0);
    if (!live) return live.error();

    BackupPoint point;
    point.id = chain->newPointId();
    point.created = QDateTime::currentDateTimeUtc();
    const QVector<BackedUpDisk> disks = writableDisks(*live, point.id);
    if (disks.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("VM '%1' has no writable disk to back up").arg(vm));
    const LibvirtStorage storage(conn);
    // Change tracking needs qcow2 v3 disks (v2 and raw keep no bitmap).
    bool tracked = true;
    for (int i = 0; i < disks.size(); ++i) {
        auto volume = storage.volume(disks[i].source);
        if (!volume) return volume.error();
        tracked &=
            volume->format == QLatin1String("qcow2") && volume->compat != QLatin1String("0.10");
        point.disks.append({BackupChain::diskFile(point.id, i), volume->capacity, 0});
    }
    std::optional<BackupPoint> parent;
    if (options.incremental && chain->lastComplete()) parent = *chain->lastComplete();
    if (options.incremental && !parent) result.note = QStringLiteral("no earlier backup: full");
    if (parent && !tracked) {
        result.note = QStringLiteral("a disk of VM '%1' is raw or qcow2 v2, which keep no "
                                     "change bitmap: full")
                          .arg(vm);
        parent.reset();
    } else if (parent && (parent->disks.size() != disks.size() ||
                          !vireoCheckpoints(dom->get()).contains(checkpointName(parent->id)))) {
        result.note = QStringLiteral("the VM's change tracking since %1 is gone on remote '%2' "
                                     "(a disk was added, or its checkpoint removed): full")
                          .arg(parent->id, conn.remote().name);
        parent.reset();
    }
    point.parent = parent ? parent->id : QString();
    if (!QDir().mkpath(chain->absolute(point.id)))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write to '%1'").arg(folder));
    chain->vmName = vm;
    chain->vmUuid = QString::fromLatin1(uuid);
    chain->vmSpec = vmSpecToJson(*spec);
    chain->points.append(point); // incomplete until every disk is here
    VIREO_TRY(chain->save());
    // However it ends, the host keeps no copy, and a failed point leaves nothing here.
    bool complete = false;
    bool jobRunning = false;
    bool checkpointMade = false;
    auto cleanUp = qScopeGuard([&] {
        if (jobRunning) {
            virDomainAbortJob(dom->get());
            (void)waitForBackupJob(conn, dom->get(), vm, {});
        }
        // A failed point's checkpoint would make the next incremental skip its changes.
        if (checkpointMade && !complete) deleteCheckpoint(dom->get(), checkpointName(point.id));
        for (const auto& d : disks)
            if (storage.refresh(d.target)) (void)storage.remove(d.target);
        if (complete) return;
        chain->points.removeLast();
        (void)chain->save();
        QDir(chain->absolute(point.id)).removeRecursively();
    });

    // Each copy goes into a pool's folder, the only place it can be downloaded from.
    for (const auto& d : disks)
        VIREO_TRY(storage.refresh(d.target));
    const QByteArray xml =
        backupXml(*live, disks, parent ? checkpointName(parent->id) : QString()).toUtf8();
    const QByteArray checkpoint =
        tracked ? checkpointXml(*live, disks, checkpointName(point.id)).toUtf8() : QByteArray();
    if (virDomainBackupBegin(dom->get(), xml.constData(),
                             tracked ? checkpoint.constData() : nullptr, 0) < 0)
        return conn.lastError(QStringLiteral("starting the backup of VM '%1'").arg(vm),
                              QStringLiteral("the host needs libvirt 7.2 and QEMU 4.2 or newer"));
    jobRunning = true;
    checkpointMade = tracked;
    const Status copied = waitForBackupJob(conn, dom->get(), vm, options.progress);
    jobRunning = false;
    if (!copied) return copied.error();

    for (int i = 0; i < disks.size(); ++i) {
        VIREO_TRY(storage.refresh(disks[i].target));
        const QString local = chain->absolute(point.disks[i].file);
        auto part = [&, i](double f) {
            if (options.progress) options.progress(0.5 + 0.5 * (i + f) / disks.size());
        };
        VIREO_TRY(storage.download(disks[i].target, local, part));
        // An incremental copy holds only the changed clusters: the parent point's file
        // below it (relative, as locally, so the folder can move) supplies the rest.
        if (parent)
            VIREO_TRY(QemuImg::rebase(local, QStringLiteral("../") + parent->disks[i].file, true));
        point.disks[i].bytes = std::uint64_t(QFileInfo(local).size());
    }
    point.complete = true;
    chain->points.last() = point;
    VIREO_TRY(chain->save());
    complete = true;
    // Only this point's checkpoint is needed from now on.
    for (const QString& old : vireoCheckpoints(dom->get()))
        if (old != checkpointName(point.id)) deleteCheckpoint(dom->get(), old);
    VIREO_TRY(chain->applyRetention(options.keep));
    result.point = point;
    return result;
}

} // namespace vireo
