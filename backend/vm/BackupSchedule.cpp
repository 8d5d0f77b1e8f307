#include "vm/BackupSchedule.h"

#include "spec/VmSpecValidation.h"
#include "store/AtomicFile.h"
#include "vm/LockedVm.h"

#include <QDir>
#include <QFileInfo>

namespace vireo {

Status setBackupSchedule(const Library& library, const QString& vm,
                         const BackupSchedule& schedule) {
    auto locked = lockAndLoad(library, vm);
    if (!locked) return locked.error();
    VmSpec spec = locked->spec;
    spec.backup = schedule;
    VIREO_TRY(validateVmSpec(spec));
    return library.save(spec);
}

bool backupDue(const VmSpec& spec, const QDateTime& now) {
    if (!spec.backup.enabled()) return false;
    auto chain = BackupChain::load(spec.backup.folder);
    if (!chain) return true; // an unreadable folder: the attempt says why
    const BackupPoint* last = chain->lastComplete();
    return !last || last->created.secsTo(now) >= qint64(spec.backup.everyHours) * 3600;
}

QStringList dueBackups(const Library& library, const QDateTime& now) {
    QStringList due;
    for (const QString& name : library.vmNames()) {
        auto spec = library.load(name);
        if (spec && backupDue(*spec, now)) due << name;
    }
    return due;
}

Result<BackupResult> runScheduledBackup(const Library& library, const QString& vm,
                                        const std::function<void(double)>& progress) {
    auto spec = library.load(vm);
    if (!spec) return spec.error();
    if (!spec->backup.enabled())
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("VM '%1' has no backup schedule").arg(vm),
                         QStringLiteral("set one with 'vireoctl backup schedule %1 --to DIR "
                                        "--every HOURS'")
                             .arg(vm));
    QDir().mkpath(spec->backup.folder);
    BackupOptions options;
    options.incremental = true;
    options.keep = spec->backup.keep;
    options.progress = progress;
    return VmBackups(library).backup(vm, spec->backup.folder, options);
}

SystemdUnits backupTimerUnits(const QString& vireoctlPath, const QString& libraryRoot) {
    SystemdUnits u;
    u.serviceName = QStringLiteral("vireo-backups.service");
    u.timerName = QStringLiteral("vireo-backups.timer");
    // systemd quoting: the paths in double quotes with '\' and '"' escaped; no shell runs.
    const auto quoted = [](QString s) {
        s.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('"'), QStringLiteral("\\\""));
        s.replace(QLatin1Char('%'), QStringLiteral("%%"));
        return QLatin1Char('"') + s + QLatin1Char('"');
    };
    u.service = QStringLiteral("[Unit]\n"
                               "Description=Vireo scheduled VM backups\n\n"
                               "[Service]\n"
                               "Type=oneshot\n"
                               "ExecStart=%1 --library %2 backup run-due\n")
                    .arg(quoted(vireoctlPath), quoted(libraryRoot))
                    .toUtf8();
    u.timer = QByteArrayLiteral("[Unit]\n"
                                "Description=Run Vireo's due VM backups\n\n"
                                "[Timer]\n"
                                "OnCalendar=*:0/15\n"
                                "Persistent=true\n\n"
                                "[Install]\n"
                                "WantedBy=timers.target\n");
    return u;
}

Status installBackupTimerUnits(const SystemdUnits& units, const QString& unitDir) {
    if (!QDir().mkpath(unitDir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create '%1'").arg(unitDir));
    VIREO_TRY(writeFileAtomically(unitDir + QLatin1Char('/') + units.serviceName, units.service));
    return writeFileAtomically(unitDir + QLatin1Char('/') + units.timerName, units.timer);
}

} // namespace vireo
