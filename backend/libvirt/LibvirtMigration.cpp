#include "libvirt/LibvirtMigration.h"

#include "libvirt/XmlPath.h"

#include <QElapsedTimer>
#include <QThread>
#include <libvirt/virterror.h>
#include <thread>

namespace vireo {

namespace {

// libvirt's wording of the failures users meet, and what to do about each.
Error explainMigrationFailure(const LibvirtConnection& source, const LibvirtConnection& target,
                              const QString& name, const QString& reason) {
    const QString what = QStringLiteral("migrating VM '%1' from '%2' to '%3' failed: %4")
                             .arg(name, source.remote().name, target.remote().name, reason);
    auto err = [&](ErrorCode code, const QString& fix) { return makeError(code, what, fix); };
    if (reason.contains(QLatin1String("same host")))
        return err(ErrorCode::InvalidArgument,
                   QStringLiteral("both remotes report the same host UUID: give each host its "
                                  "own host_uuid in libvirtd.conf"));
    if (reason.contains(QLatin1String("shared storage")))
        return err(ErrorCode::InvalidState,
                   QStringLiteral("the disks are not on shared storage: add --copy-storage to "
                                  "copy them to the target"));
    if (reason.contains(QLatin1String("pool")) || reason.contains(QLatin1String("Storage")))
        return err(ErrorCode::NotFound,
                   QStringLiteral("--copy-storage needs a storage pool on '%1' covering the disks' "
                                  "folder (virsh pool-define-as NAME dir --target DIR)")
                       .arg(target.remote().name));
    if (reason.contains(QLatin1String("CPU")) || reason.contains(QLatin1String("cpu")))
        return err(ErrorCode::InvalidState,
                   QStringLiteral("the target's CPU lacks features the VM uses: give the VM a "
                                  "CPU model both hosts have"));
    if (!target.isAlive())
        return err(ErrorCode::Process,
                   QStringLiteral("'%1' stopped answering in the middle: the VM stays on '%2'; "
                                  "check that libvirtd runs on '%1' and try again")
                       .arg(target.remote().name, source.remote().name));
    if (!source.isAlive())
        return err(ErrorCode::Process,
                   QStringLiteral("'%1' stopped answering: the VM stays there if it was running "
                                  "(see 'vireoctl --remote %1 vm list' once it is back)")
                       .arg(source.remote().name));
    return err(ErrorCode::Process,
               QStringLiteral("the VM stays on '%1'").arg(source.remote().name));
}

// The host UUID in a daemon's capabilities.
QString hostUuid(const LibvirtConnection& c) {
    char* caps = virConnectGetCapabilities(c.get());
    if (!caps) return {};
    const QByteArray xml(caps);
    free(caps);
    return xmlValueAt(
        xml, {QStringLiteral("capabilities"), QStringLiteral("host"), QStringLiteral("uuid")});
}

Status checkMigration(const LibvirtConnection& source, const LibvirtConnection& target,
                      const QString& name, virDomainPtr dom, const MigrateOptions& options) {
    if (source.remote().name == target.remote().name || source.remote().uri == target.remote().uri)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("VM '%1' is already on '%2'").arg(name, target.remote().name),
            QStringLiteral("pick another remote with --to"));
    // Two names for one daemon (or two hosts cloned with the same UUID): libvirt would
    // refuse later, and the name check below would mislead first.
    if (const QString uuid = hostUuid(source); !uuid.isEmpty() && uuid == hostUuid(target))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' and '%2' are the same host (same host UUID %3)")
                             .arg(source.remote().name, target.remote().name, uuid),
                         QStringLiteral("migrate to another host, or give each host its own "
                                        "host_uuid in libvirtd.conf"));
    DomainRef clash(virDomainLookupByName(target.get(), qPrintable(name)));
    if (clash)
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("a VM named '%1' already exists on '%2'")
                             .arg(name, target.remote().name),
                         QStringLiteral("rename or delete that VM first"));
    if (!target.isAlive()) return target.lastError(QStringLiteral("looking up VM '%1'").arg(name));
    const int active = virDomainIsActive(dom);
    if (active < 0)
        return source.lastError(QStringLiteral("reading the state of VM '%1'").arg(name));
    if (active == 1 && options.offline)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' is running, and --offline moves shut-off VMs").arg(name),
            QStringLiteral("leave out --offline to move it live"));
    if (active == 0 && !options.offline)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' on '%2' is not running").arg(name, source.remote().name),
            QStringLiteral("add --offline to move its definition"));
    return {};
}

} // namespace

Result<MigrationResult> migrateVm(const LibvirtConnection& source, const LibvirtConnection& target,
                                  const QString& name, const MigrateOptions& options,
                                  const std::function<void(const MigrationProgress&)>& progress) {
    auto dom = source.domain(name);
    if (!dom) return dom.error();
    VIREO_TRY(checkMigration(source, target, name, dom->get(), options));

    virTypedParameterPtr params = nullptr;
    int nparams = 0, maxparams = 0;
    // Migration data goes straight to the target's address: otherwise the target
    // advertises its hostname, which the source may not resolve.
    if (const QString host = target.remote().host(); !host.isEmpty() && !options.offline)
        virTypedParamsAddString(&params, &nparams, &maxparams, VIR_MIGRATE_PARAM_URI,
                                qPrintable(QStringLiteral("tcp://") + host));
    // Memory and disks alike (libvirt gives the disks' copy jobs the same speed).
    if (options.bandwidthMiBs)
        virTypedParamsAddULLong(&params, &nparams, &maxparams, VIR_MIGRATE_PARAM_BANDWIDTH,
                                options.bandwidthMiBs);
    unsigned int flags = VIR_MIGRATE_PERSIST_DEST | VIR_MIGRATE_UNDEFINE_SOURCE;
    flags |= options.offline ? VIR_MIGRATE_OFFLINE : VIR_MIGRATE_LIVE;
    if (options.copyStorage) flags |= VIR_MIGRATE_NON_SHARED_DISK;

    QElapsedTimer wall;
    wall.start();
    std::atomic<bool> done{false};
    // The call blocks until the switch-over; job statistics and cancel come from here.
    std::thread watcher([&] {
        bool aborted = false;
        while (!done.load()) {
            QThread::msleep(200);
            if (done.load()) break;
            if (options.cancel && options.cancel->load() && !aborted) {
                virDomainAbortJob(dom->get());
                aborted = true;
            }
            if (!progress) continue;
            virTypedParameterPtr stats = nullptr;
            int n = 0, type = 0;
            if (virDomainGetJobStats(dom->get(), &type, &stats, &n, 0) < 0) continue;
            if (type != VIR_DOMAIN_JOB_NONE) {
                MigrationProgress p;
                p.elapsedMs = typedParamValue(stats, n, VIR_DOMAIN_JOB_TIME_ELAPSED);
                p.totalBytes = typedParamValue(stats, n, VIR_DOMAIN_JOB_DATA_TOTAL);
                p.processedBytes = typedParamValue(stats, n, VIR_DOMAIN_JOB_DATA_PROCESSED);
                p.remainingBytes = typedParamValue(stats, n, VIR_DOMAIN_JOB_DATA_REMAINING);
                p.bytesPerSecond = typedParamValue(stats, n, VIR_DOMAIN_JOB_MEMORY_BPS);
                p.expectedDowntimeMs = typedParamValue(stats, n, VIR_DOMAIN_JOB_DOWNTIME);
                progress(p);
            }
            virTypedParamsFree(stats, n);
        }
    });
    DomainRef moved(virDomainMigrate3(dom->get(), target.get(), params, nparams, flags));
    const QString reason = moved ? QString() : lastLibvirtMessage();
    const bool cancelled =
        !moved && virGetLastError() && virGetLastError()->code == VIR_ERR_OPERATION_ABORTED;
    done = true;
    watcher.join();
    virTypedParamsFree(params, nparams);
    if (!moved) {
        if (cancelled || (options.cancel && options.cancel->load()))
            return makeError(ErrorCode::Cancelled,
                             QStringLiteral("migration of VM '%1' was cancelled; it stays on '%2'")
                                 .arg(name, source.remote().name));
        return explainMigrationFailure(source, target, name, reason);
    }
    MigrationResult result;
    result.wallMs = wall.elapsed();
    // The target keeps the finished job's statistics (the source's domain is gone).
    virTypedParameterPtr stats = nullptr;
    int n = 0, type = 0;
    if (virDomainGetJobStats(moved.get(), &type, &stats, &n, VIR_DOMAIN_JOB_STATS_COMPLETED) == 0) {
        result.jobMs = typedParamValue(stats, n, VIR_DOMAIN_JOB_TIME_ELAPSED);
        result.downtimeMs = typedParamValue(stats, n, VIR_DOMAIN_JOB_DOWNTIME);
        result.transferredBytes = typedParamValue(stats, n, VIR_DOMAIN_JOB_DATA_PROCESSED);
        virTypedParamsFree(stats, n);
    }
    return result;
}

} // namespace vireo
