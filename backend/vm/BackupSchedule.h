#pragma once

#include "core/Result.h"
#include "store/Library.h"
#include "vm/VmBackups.h"

#include <QDateTime>
#include <QStringList>

namespace vireo {

// Sets (or clears, with a default BackupSchedule) a VM's schedule, also while it runs: it
// is not hardware.
Status setBackupSchedule(const Library& library, const QString& vm, const BackupSchedule& schedule);

// When a VM's scheduled backup is due: it has a schedule and its folder holds no complete
// point younger than the interval (an interrupted one does not count).
bool backupDue(const VmSpec& spec, const QDateTime& now);
QStringList dueBackups(const Library& library, const QDateTime& now);

// One scheduled backup: incremental onto the folder's chain (a full one when there is
// none), keeping the schedule's number of points.
Result<BackupResult> runScheduledBackup(const Library& library, const QString& vm,
                                        const std::function<void(double)>& progress = {});

// A systemd user service + timer that run `vireoctl backup run-due` for `libraryRoot`
// every 15 minutes (Persistent: a run missed while the machine slept happens at wake-up).
struct SystemdUnits {
    QString serviceName;
    QByteArray service;
    QString timerName;
    QByteArray timer;
};
SystemdUnits backupTimerUnits(const QString& vireoctlPath, const QString& libraryRoot);
// Writes them into `unitDir` (default ~/.config/systemd/user), atomically.
Status installBackupTimerUnits(const SystemdUnits& units, const QString& unitDir);

} // namespace vireo
