// Scheduled backups without QEMU: when a backup is due (interval, incomplete points, no
// schedule), schedule validation, and the systemd user units for `backup run-due`.
#include "vm/BackupSchedule.h"
#include "vm/MacAddresses.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace vireo;

class TestBackupSchedule : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dueFollowsTheLastGoodPoint();
    void scheduleIsValidated();
    void timerUnitsRunRunDue();
};

void TestBackupSchedule::dueFollowsTheLastGoodPoint() {
    QTemporaryDir dir;
    const Library lib(dir.filePath(QStringLiteral("lib")));
    VmSpec spec;
    spec.name = QStringLiteral("db");
    spec.uuid = QUuid::createUuid();
    QVERIFY(lib.create(spec).ok());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // No schedule: never due.
    QCOMPARE(dueBackups(lib, now), QStringList());
    const QString folder = dir.filePath(QStringLiteral("backups"));
    QVERIFY(setBackupSchedule(lib, QStringLiteral("db"), BackupSchedule{folder, 6, 3}).ok());
    QCOMPARE(lib.load(QStringLiteral("db"))->backup.everyHours, 6);
    // A schedule and no backup yet: due at once.
    QCOMPARE(dueBackups(lib, now), QStringList{QStringLiteral("db")});
    QDir().mkpath(folder);
    auto chain = BackupChain::load(folder);
    QVERIFY(chain.ok());
    BackupPoint p;
    p.id = QStringLiteral("p1");
    p.created = now.addSecs(-2 * 3600);
    p.complete = true;
    chain->points.append(p);
    QVERIFY(chain->save().ok());
    // Two hours old, every six: not due; seven hours later it is.
    QCOMPARE(dueBackups(lib, now), QStringList());
    QCOMPARE(dueBackups(lib, now.addSecs(5 * 3600)), QStringList{QStringLiteral("db")});
    // An interrupted newer point does not count as a backup.
    BackupPoint broken;
    broken.id = QStringLiteral("p2");
    broken.parent = QStringLiteral("p1");
    broken.created = now.addSecs(4 * 3600);
    chain->points.append(broken);
    QVERIFY(chain->save().ok());
    QCOMPARE(dueBackups(lib, now.addSecs(5 * 3600)), QStringList{QStringLiteral("db")});
    // Off again: never due.
    QVERIFY(setBackupSchedule(lib, QStringLiteral("db"), BackupSchedule{}).ok());
    QCOMPARE(dueBackups(lib, now.addSecs(100 * 3600)), QStringList());
    auto none = runScheduledBackup(lib, QStringLiteral("db"));
    QVERIFY(!none.ok());
    QVERIFY(none.error().line().contains(QStringLiteral("backup schedule db --to DIR")));
}

void TestBackupSchedule::scheduleIsValidated() {
    QTemporaryDir dir;
    const Library lib(dir.filePath(QStringLiteral("lib")));
    VmSpec spec;
    spec.name = QStringLiteral("web");
    spec.uuid = QUuid::createUuid();
    QVERIFY(lib.create(spec).ok());
    auto relative = setBackupSchedule(lib, QStringLiteral("web"),
                                      BackupSchedule{QStringLiteral("backups"), 1, 0});
    QVERIFY(!relative.ok());
    QVERIFY2(relative.error().line().contains(QStringLiteral("absolute folder")),
             qPrintable(relative.error().line()));
    QVERIFY(!setBackupSchedule(lib, QStringLiteral("web"), BackupSchedule{dir.path(), 24 * 400, 0})
                 .ok());
    // Nothing was stored by the refused attempts.
    QCOMPARE(lib.load(QStringLiteral("web"))->backup.everyHours, 0);
}

void TestBackupSchedule::timerUnitsRunRunDue() {
    const SystemdUnits u =
        backupTimerUnits(QStringLiteral("/usr/bin/vireoctl"), QStringLiteral("/home/ada/my vms"));
    QVERIFY(u.service.contains(
        "ExecStart=\"/usr/bin/vireoctl\" --library \"/home/ada/my vms\" backup run-due\n"));
    QVERIFY(u.service.contains("Type=oneshot\n"));
    QVERIFY(u.timer.contains("OnCalendar=*:0/15\n"));
    QVERIFY(u.timer.contains("Persistent=true\n"));
    QVERIFY(u.timer.contains("WantedBy=timers.target\n"));
    // A '%' in a path is a systemd specifier unless doubled.
    QVERIFY(backupTimerUnits(QStringLiteral("/opt/v%1/vireoctl"), QStringLiteral("/l"))
                .service.contains("/opt/v%%1/vireoctl"));
    QTemporaryDir dir;
    QVERIFY(installBackupTimerUnits(u, dir.filePath(QStringLiteral("systemd/user"))).ok());
    QFile timer(dir.filePath(QStringLiteral("systemd/user/vireo-backups.timer")));
    QVERIFY(timer.open(QIODevice::ReadOnly));
    QCOMPARE(timer.readAll(), u.timer);
    // systemd itself accepts them (with a vireoctl that exists), where it is installed.
    if (QStandardPaths::findExecutable(QStringLiteral("systemd-analyze")).isEmpty())
        QSKIP("systemd-analyze is not installed, so systemd's own check is skipped");
    const QString real = dir.filePath(QStringLiteral("real"));
    QVERIFY(
        installBackupTimerUnits(backupTimerUnits(QStringLiteral(VIREOCTL_PATH), dir.path()), real)
            .ok());
    QProcess p;
    p.start(QStringLiteral("systemd-analyze"),
            {QStringLiteral("verify"), QStringLiteral("--man=no"),
             real + QStringLiteral("/vireo-backups.timer"),
             real + QStringLiteral("/vireo-backups.service")});
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
}

QTEST_GUILESS_MAIN(TestBackupSchedule)
#include "tst_backup_schedule.moc"
