// vireoctl backup schedule|run-due|timer: scheduled backups, run by the app's timer or by
// a systemd user timer.
#include "Cli.h"

#include "vm/BackupSchedule.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>

namespace vireo::cli {

int runBackupSchedule(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Back a VM up on a schedule: incremental, into DIR, when its "
                           "last good point is HOURS old (the app, or 'backup timer "
                           "--install', runs what is due)."),
            {QStringLiteral("NAME")},
            {{QStringLiteral("to"), QStringLiteral("The backup folder."), QStringLiteral("DIR")},
             {QStringLiteral("every"), QStringLiteral("Hours between backups."),
              QStringLiteral("HOURS")},
             {QStringLiteral("keep"), QStringLiteral("Points to keep (default: all)."),
              QStringLiteral("N"), QStringLiteral("0")},
             {QStringLiteral("off"), QStringLiteral("Remove the schedule.")}}))
        return cli.exitCode();
    const QString vm = cli.positional().first();
    const bool off = cli.isSet(QStringLiteral("off"));
    if (!off && (!cli.isSet(QStringLiteral("to")) || !cli.isSet(QStringLiteral("every"))))
        return cli.usage(QStringLiteral("give --to DIR and --every HOURS, or --off"));
    BackupSchedule schedule;
    if (!off) {
        bool ok = false;
        schedule.folder = QFileInfo(cli.value(QStringLiteral("to"))).absoluteFilePath();
        schedule.everyHours = cli.value(QStringLiteral("every")).toInt(&ok);
        schedule.keep = cli.value(QStringLiteral("keep")).toInt();
        if (!ok || schedule.everyHours < 1)
            return cli.usage(QStringLiteral("--every takes a whole number of hours, 1 or more"));
    }
    if (auto s = setBackupSchedule(cli.library(), vm, schedule); !s) return cli.fail(s.error());
    cli.print(off ? QStringLiteral("VM '%1' has no backup schedule").arg(vm)
                  : QStringLiteral("VM '%1' is backed up every %2 h into %3")
                        .arg(vm)
                        .arg(schedule.everyHours)
                        .arg(schedule.folder));
    return ExitOk;
}

int runBackupRunDue(Cli& cli) {
    if (!cli.parse(QStringLiteral("Run every scheduled backup that is due (for a systemd timer "
                                  "or cron). Exits 1 when one failed."),
                   {}))
        return cli.exitCode();
    QJsonArray out;
    bool failed = false;
    for (const QString& vm : dueBackups(cli.library(), QDateTime::currentDateTimeUtc())) {
        auto r = runScheduledBackup(cli.library(), vm);
        QJsonObject o{{QStringLiteral("vm"), vm}, {QStringLiteral("ok"), r.ok()}};
        if (r) {
            o.insert(QStringLiteral("point"), r->point.id);
            if (!cli.json())
                cli.print(QStringLiteral("Backed up VM '%1' (%2)").arg(vm, r->point.id));
        } else {
            failed = true;
            o.insert(QStringLiteral("error"), r.error().line());
            cli.warn(QStringLiteral("backup of VM '%1' failed: %2").arg(vm, r.error().line()));
        }
        out.append(o);
    }
    if (cli.json()) (void)cli.printJson(out);
    return failed ? ExitFailed : ExitOk;
}

int runBackupTimer(Cli& cli) {
    if (!cli.parse(QStringLiteral("Print (or --install) a systemd user timer that runs 'backup "
                                  "run-due' for this library every 15 minutes."),
                   {},
                   {{QStringLiteral("install"),
                     QStringLiteral("Write the units to ~/.config/systemd/user (then: systemctl "
                                    "--user enable --now vireo-backups.timer).")}}))
        return cli.exitCode();
    const SystemdUnits units = backupTimerUnits(vireoctlProgram(), cli.library().root());
    if (cli.isSet(QStringLiteral("install"))) {
        const QString dir =
            QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
            QStringLiteral("/systemd/user");
        if (auto s = installBackupTimerUnits(units, dir); !s) return cli.fail(s.error());
        cli.print(QStringLiteral("Wrote %1 and %2 in %3; enable with: systemctl --user enable "
                                 "--now %2")
                      .arg(units.serviceName, units.timerName, dir));
        return ExitOk;
    }
    cli.print(QStringLiteral("# %1\n%2\n# %3\n%4")
                  .arg(units.serviceName, QString::fromUtf8(units.service), units.timerName,
                       QString::fromUtf8(units.timer)));
    return ExitOk;
}

} // namespace vireo::cli
