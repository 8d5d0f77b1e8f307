// The whole life of a VM with a real Linux guest, driven through vireoctl exactly as a
// user would: every step is checked by what the guest itself prints on its serial
// console (its markers) or by what is left on the host.
#include "GuestTestSupport.h"

#include <QDeadlineTimer>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <csignal>

using guesttest::kGuest;
using guesttest::Run;

class TestVmGuest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void fullLifecycle();
    void qemuKilledDuringSave();
    void firmwareBootResetAndVireoctlKilledDuringSave();

private:
    Run vireoctl(const QStringList& args, const QByteArray& input = {}, int timeoutMs = 180000) {
        return m_lab.vireoctl(args, input, timeoutMs);
    }
    QString state(const QString& vm);
    qint64 pid(const QString& vm);
    QString consoleLog(const QString& vm) const { return m_lab.consoleLog(vm); }
    // Waits until the VM's console log matches `pattern` more than `already` times.
    bool waitForMarker(const QString& vm, const QString& pattern, int timeoutMs = 90000,
                       int already = 0) {
        return m_lab.waitForMarker(vm, pattern, already, timeoutMs);
    }
    int countMarker(const QString& vm, const QString& pattern) const {
        return m_lab.countMarker(vm, pattern);
    }
    QStringList createGuestVm(const QString& name, const QString& disk);
    // The pid records of every QEMU the test's runtime folder holds.
    QStringList qemuPidFiles() const;

    guesttest::GuestLab m_lab;
    QString m_lib;
    QString m_run;
};

QString TestVmGuest::state(const QString& vm) {
    const auto r =
        vireoctl({QStringLiteral("vm"), QStringLiteral("list"), QStringLiteral("--json")});
    for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
        if (v.toObject().value(QStringLiteral("name")).toString() == vm)
            return v.toObject().value(QStringLiteral("state")).toString();
    return QStringLiteral("missing");
}

qint64 TestVmGuest::pid(const QString& vm) {
    const auto r =
        vireoctl({QStringLiteral("vm"), QStringLiteral("list"), QStringLiteral("--json")});
    for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
        if (v.toObject().value(QStringLiteral("name")).toString() == vm)
            return v.toObject().value(QStringLiteral("pid")).toInteger();
    return 0;
}

QStringList TestVmGuest::qemuPidFiles() const {
    QStringList files;
    QDirIterator it(m_run, {QStringLiteral("vireo.pid")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

QStringList TestVmGuest::createGuestVm(const QString& name, const QString& disk) {
    return {QStringLiteral("vm"),
            QStringLiteral("create"),
            name,
            QStringLiteral("--memory"),
            QStringLiteral("256M"),
            QStringLiteral("--kernel"),
            kGuest + QStringLiteral("/vmlinux"),
            QStringLiteral("--initrd"),
            kGuest + QStringLiteral("/initramfs.cpio.gz"),
            QStringLiteral("--append"),
            QStringLiteral("console=ttyS0 quiet cryptomgr.notests panic=-1"),
            QStringLiteral("--disk"),
            disk,
            QStringLiteral("--nic"),
            QStringLiteral("user")};
}

void TestVmGuest::initTestCase() {
    if (!QFile::exists(kGuest + QStringLiteral("/vmlinux")))
        QSKIP("the test guest is not built (tests/guest/build.sh failed?)");
    QVERIFY(m_lab.init());
    m_lib = m_lab.lib();
    m_run = m_lab.runtimeDir();
}

void TestVmGuest::cleanupTestCase() {
    if (m_lib.isEmpty()) return;
    m_lab.killAll();
}

void TestVmGuest::fullLifecycle() {
    const QString disk = m_lab.path(QStringLiteral("data.qcow2"));
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"), disk,
                       QStringLiteral("--size"), QStringLiteral("64M")})
                 .code,
             0);
    QCOMPARE(vireoctl(createGuestVm(QStringLiteral("g"), disk)).code, 0);
    QCOMPARE(state(QStringLiteral("g")), QStringLiteral("shutoff"));

    // Start → the guest reaches userspace and gets its address by DHCP from QEMU's NAT.
    QElapsedTimer boot;
    boot.start();
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("g")}).code,
             0);
    QVERIFY(waitForMarker(QStringLiteral("g"),
                          QStringLiteral("VIREO-GUEST: ready ip=10\\.0\\.2\\.15")));
    qInfo() << "start to ready:" << boot.elapsed() << "ms";
    QVERIFY(vireoctl({QStringLiteral("vm"), QStringLiteral("log"), QStringLiteral("g")})
                .out.contains(QStringLiteral("VIREO-GUEST: booted")));
    QCOMPARE(state(QStringLiteral("g")), QStringLiteral("running"));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("g")}).code,
             1);

    // The serial console carries a shell: a command typed in comes back evaluated.
    auto typed =
        vireoctl({QStringLiteral("console"), QStringLiteral("g")}, "echo CONSOLE-$((40+2))\n");
    QCOMPARE(typed.code, 0);
    QVERIFY(waitForMarker(QStringLiteral("g"), QStringLiteral("CONSOLE-42"), 20000));

    // Pause freezes the guest, resume continues it.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("pause"), QStringLiteral("g")}).code,
             0);
    QCOMPARE(state(QStringLiteral("g")), QStringLiteral("paused"));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("resume"), QStringLiteral("g")}).code,
             0);
    QCOMPARE(state(QStringLiteral("g")), QStringLiteral("running"));

    // Live snapshot with memory.
    QCOMPARE(vireoctl({QStringLiteral("snapshot"), QStringLiteral("create"), QStringLiteral("g"),
                       QStringLiteral("s1"), QStringLiteral("--description"),
                       QStringLiteral("after boot")})
                 .code,
             0);
    auto snaps =
        QJsonDocument::fromJson(vireoctl({QStringLiteral("snapshot"), QStringLiteral("list"),
                                          QStringLiteral("g"), QStringLiteral("--json")})
                                    .out.toUtf8())
            .array();
    QCOMPARE(snaps.size(), 1);
    QCOMPARE(snaps[0].toObject().value(QStringLiteral("memory")).toBool(), true);
    QCOMPARE(snaps[0].toObject().value(QStringLiteral("description")).toString(),
             QStringLiteral("after boot"));
    QCOMPARE(state(QStringLiteral("g")), QStringLiteral("running"));

    // Hot-plug: the guest sees a new virtio disk, then sees it go.
    const QString hot = m_lab.path(QStringLiteral("hot.qcow2"));
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"), hot,
                       QStringLiteral("--size"), QStringLiteral("32M")})
                 .code,
             0);
    QCOMPARE(
        vireoctl({QStringLiteral("disk"), QStringLiteral("attach"), QStringLiteral("g"), hot}).code,
        0);
    QVERIFY(waitForMarker(QStringLiteral("g"),
                          QStringLiteral("VIREO-GUEST: disk-added vd[b-z] size=65536"), 30000));
    QCOMPARE(
        vireoctl({QStringLiteral("disk"), QStringLiteral("detach"), QStringLiteral("g"), hot}).code,
        0);
    QVERIFY(waitForMarker(QStringLiteral("g"), QStringLiteral("VIREO-GUEST: disk-removed vd[b-z]"),
                          30000));

    // Save stops QEMU and keeps the state; restore continues the same guest (no new boot).
    const int bootsBefore = countMarker(QStringLiteral("g"), QStringLiteral("VIREO-GUEST: booted"));
    const qint64 qemuPid = pid(QStringLiteral("g"));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("save"), QStringLiteral("g")}).code, 0);
    QCOMPARE(state(QStringLiteral("g")), QStringLiteral("saved"));
    QTRY_VERIFY(::kill(static_cast<pid_t>(qemuPid), 0) != 0); // reaped by its supervisor
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("restore"), QStringLiteral("g")}).code,
             0);
    QCOMPARE(state(QStringLiteral("g")), QStringLiteral("running"));
    QVERIFY(!QFile::exists(m_lib + QStringLiteral("/g/saved.state")));
    vireoctl({QStringLiteral("console"), QStringLiteral("g")}, "echo RESTORED-$((6*7))\n");
    QVERIFY(waitForMarker(QStringLiteral("g"), QStringLiteral("RESTORED-42"), 20000));
    QCOMPARE(countMarker(QStringLiteral("g"), QStringLiteral("VIREO-GUEST: booted")), bootsBefore);

    // Live revert to s1: the guest is back at the snapshot and answers.
    QCOMPARE(vireoctl({QStringLiteral("snapshot"), QStringLiteral("revert"), QStringLiteral("g"),
                       QStringLiteral("s1")})
                 .code,
             0);
    QCOMPARE(state(QStringLiteral("g")), QStringLiteral("running"));
    vireoctl({QStringLiteral("console"), QStringLiteral("g")}, "echo REVERTED-$((5+5))\n");
    QVERIFY(waitForMarker(QStringLiteral("g"), QStringLiteral("REVERTED-10"), 20000));

    // ACPI stop: the guest sees the power button and powers off by itself. (Without
    // --mode acpi the guest agent would be asked first; tst_vm_agent covers that.)
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("stop"), QStringLiteral("g"),
                       QStringLiteral("--mode"), QStringLiteral("acpi"),
                       QStringLiteral("--timeout"), QStringLiteral("60")})
                 .code,
             0);
    QVERIFY(
        consoleLog(QStringLiteral("g")).contains(QStringLiteral("VIREO-GUEST: acpi-power-button")));
    QVERIFY(consoleLog(QStringLiteral("g")).contains(QStringLiteral("VIREO-GUEST: powered-off")));
    QCOMPARE(state(QStringLiteral("g")), QStringLiteral("shutoff"));

    // Offline revert, then the snapshot goes (a linked clone needs a VM without any).
    QCOMPARE(vireoctl({QStringLiteral("snapshot"), QStringLiteral("revert"), QStringLiteral("g"),
                       QStringLiteral("s1")})
                 .code,
             0);
    auto refused = vireoctl({QStringLiteral("vm"), QStringLiteral("clone"), QStringLiteral("g"),
                             QStringLiteral("g2"), QStringLiteral("--linked")});
    QCOMPARE(refused.code, 1);
    QVERIFY(refused.err.contains(QStringLiteral("snapshots")));
    QCOMPARE(vireoctl({QStringLiteral("snapshot"), QStringLiteral("delete"), QStringLiteral("g"),
                       QStringLiteral("s1")})
                 .code,
             0);

    // Linked clone: new identity, boots on its own overlay while the source keeps working.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("clone"), QStringLiteral("g"),
                       QStringLiteral("g2"), QStringLiteral("--linked")})
                 .code,
             0);
    const auto src = QJsonDocument::fromJson(vireoctl({QStringLiteral("vm"), QStringLiteral("show"),
                                                       QStringLiteral("g")})
                                                 .out.toUtf8())
                         .object();
    const auto cln = QJsonDocument::fromJson(vireoctl({QStringLiteral("vm"), QStringLiteral("show"),
                                                       QStringLiteral("g2")})
                                                 .out.toUtf8())
                         .object();
    QVERIFY(src.value(QStringLiteral("uuid")) != cln.value(QStringLiteral("uuid")));
    QVERIFY(
        src.value(QStringLiteral("nics")).toArray()[0].toObject().value(QStringLiteral("mac")) !=
        cln.value(QStringLiteral("nics")).toArray()[0].toObject().value(QStringLiteral("mac")));
    const QString clonedDisk = cln.value(QStringLiteral("disks"))
                                   .toArray()[0]
                                   .toObject()
                                   .value(QStringLiteral("path"))
                                   .toString();
    QVERIFY(clonedDisk.startsWith(m_lib + QStringLiteral("/g2/")));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("g2")}).code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("g")}).code,
             0);
    QVERIFY(waitForMarker(QStringLiteral("g2"),
                          QStringLiteral("VIREO-GUEST: ready ip=10\\.0\\.2\\.15")));
    QVERIFY(waitForMarker(QStringLiteral("g"),
                          QStringLiteral("VIREO-GUEST: ready ip=10\\.0\\.2\\.15"), 90000,
                          bootsBefore));
    // A clone of the clone makes g2's own disk (in g2's folder) a base: g2 cannot go first.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("clone"), QStringLiteral("g2"),
                       QStringLiteral("g3"), QStringLiteral("--linked")})
                 .code,
             1);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("g2")}).code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("clone"), QStringLiteral("g2"),
                       QStringLiteral("g3"), QStringLiteral("--linked")})
                 .code,
             0);
    // Refused even with --force, and refused before anything happened: g2 keeps running.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("g2")}).code,
             0);
    auto baseIsBusy = vireoctl({QStringLiteral("vm"), QStringLiteral("delete"),
                                QStringLiteral("g2"), QStringLiteral("--force")});
    QCOMPARE(baseIsBusy.code, 1);
    QVERIFY2(baseIsBusy.err.contains(QStringLiteral("linked clone 'g3'")),
             qPrintable(baseIsBusy.err));
    QCOMPARE(state(QStringLiteral("g2")), QStringLiteral("running"));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("g3")}).code,
             0);

    // Delete leaves no files, sockets or processes.
    const qint64 p1 = pid(QStringLiteral("g")), p2 = pid(QStringLiteral("g2"));
    QVERIFY(p1 > 0 && p2 > 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("g2"),
                       QStringLiteral("--force")})
                 .code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("g"),
                       QStringLiteral("--force")})
                 .code,
             0);
    QTRY_VERIFY(::kill(static_cast<pid_t>(p1), 0) != 0); // reaped by its supervisor
    QTRY_VERIFY(::kill(static_cast<pid_t>(p2), 0) != 0); // reaped by its supervisor
    QCOMPARE(QDir(m_lib).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList());
    QDirIterator leftovers(m_run, QDir::AllEntries | QDir::NoDotAndDotDot,
                           QDirIterator::Subdirectories);
    QStringList left;
    while (leftovers.hasNext())
        left << leftovers.next();
    QVERIFY2(left.isEmpty() || left == QStringList{m_run + QStringLiteral("/vireo")},
             qPrintable(left.join(QLatin1Char(' '))));
    QVERIFY(QFile::exists(disk)); // an external disk is the user's: kept
}

void TestVmGuest::qemuKilledDuringSave() {
    const QString disk = m_lab.path(QStringLiteral("k.qcow2"));
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"), disk,
                       QStringLiteral("--size"), QStringLiteral("64M")})
                 .code,
             0);
    QCOMPARE(vireoctl(createGuestVm(QStringLiteral("k"), disk)).code, 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("k")}).code,
             0);
    QVERIFY(waitForMarker(QStringLiteral("k"), QStringLiteral("VIREO-GUEST: ready")));
    const qint64 qemuPid = pid(QStringLiteral("k"));
    QProcess save;
    save.start(QStringLiteral(VIREOCTL_PATH),
               {QStringLiteral("--library"), m_lib, QStringLiteral("vm"), QStringLiteral("save"),
                QStringLiteral("k")});
    QVERIFY(save.waitForStarted());
    QTest::qWait(150);
    ::kill(static_cast<pid_t>(qemuPid), SIGKILL);
    QVERIFY(save.waitForFinished(60000));
    const QString st = state(QStringLiteral("k"));
    if (save.exitCode() == 0) {
        QCOMPARE(st, QStringLiteral("saved")); // the save won the race: a complete state file
    } else {
        QCOMPARE(st, QStringLiteral("crashed"));
        QVERIFY(!QFile::exists(m_lib + QStringLiteral("/k/saved.state")));
        QVERIFY(!QFile::exists(m_lib + QStringLiteral("/k/saved.state.partial")));
    }
    // Whatever happened, the next commands work on an intact library.
    if (st == QLatin1String("crashed"))
        QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("k")}).code,
                 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("k")}).code,
             0);
    QCOMPARE(state(QStringLiteral("k")), QStringLiteral("running"));
    if (st == QLatin1String("crashed"))
        QVERIFY(waitForMarker(QStringLiteral("k"), QStringLiteral("VIREO-GUEST: ready"), 90000, 1));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("k"),
                       QStringLiteral("--force")})
                 .code,
             0);
}

void TestVmGuest::firmwareBootResetAndVireoctlKilledDuringSave() {
    // The guest's own QCOW2 root disk, booted through SeaBIOS and syslinux (no -kernel),
    // on an overlay so the cached image stays untouched.
    const QString overlay = m_lab.path(QStringLiteral("fw.qcow2"));
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"), overlay,
                       QStringLiteral("--backing"), kGuest + QStringLiteral("/disk.qcow2")})
                 .code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("fw"),
                       QStringLiteral("--memory"), QStringLiteral("256M"), QStringLiteral("--disk"),
                       overlay, QStringLiteral("--nic"), QStringLiteral("user")})
                 .code,
             0);
    const QString vm = QStringLiteral("fw");
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QVERIFY(waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready ip=10\\.0\\.2\\.15")));

    // Reset restarts the guest inside the same QEMU: it boots a second time.
    const qint64 qemuPid = pid(vm);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("reset"), vm}).code, 0);
    QVERIFY(waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready"), 90000, 1));
    QCOMPARE(countMarker(vm, QStringLiteral("VIREO-GUEST: booted")), 2);
    QCOMPARE(pid(vm), qemuPid);

    // vireoctl killed in the middle of a save, once its state file is being written (QEMU
    // paused, migrating into vireoctl's socket): the next command undoes the save, so the
    // same guest runs on, with no state file that could later take it back to the past.
    const QString stateFile = m_lib + QStringLiteral("/fw/saved.state");
    QProcess save;
    save.start(QStringLiteral(VIREOCTL_PATH), {QStringLiteral("--library"), m_lib,
                                               QStringLiteral("vm"), QStringLiteral("save"), vm});
    QVERIFY(save.waitForStarted());
    QDeadlineTimer writing(60000);
    while (!QFile::exists(stateFile + QStringLiteral(".partial")) &&
           save.state() == QProcess::Running && !writing.hasExpired())
        QTest::qWait(20);
    const bool interrupted = save.state() == QProcess::Running;
    save.kill();
    save.waitForFinished();
    const QString st = state(vm); // the first command after the kill
    qInfo() << "save killed" << (interrupted ? "mid-way" : "after it ended") << "-> state" << st;
    if (st == QLatin1String("saved")) {
        QVERIFY(!interrupted);
        QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    } else {
        QCOMPARE(st, QStringLiteral("running"));
        QVERIFY(!QFile::exists(stateFile));
        QVERIFY(!QFile::exists(stateFile + QStringLiteral(".partial")));
    }
    QCOMPARE(state(vm), QStringLiteral("running"));
    vireoctl({QStringLiteral("console"), vm}, "echo AFTER-SAVE-$((7*6))\n");
    QVERIFY(waitForMarker(vm, QStringLiteral("AFTER-SAVE-42"), 20000));
    QCOMPARE(countMarker(vm, QStringLiteral("VIREO-GUEST: booted")), 2); // the same guest

    // vireoctl killed while it restores, once QEMU is there to take the state: the next
    // command ends that QEMU and keeps the state file, and a second restore brings the same
    // guest back.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("save"), vm}).code, 0);
    QCOMPARE(state(vm), QStringLiteral("saved"));
    const QStringList pidFilesBefore = qemuPidFiles();
    QProcess restore;
    restore.start(
        QStringLiteral(VIREOCTL_PATH),
        {QStringLiteral("--library"), m_lib, QStringLiteral("vm"), QStringLiteral("restore"), vm});
    QVERIFY(restore.waitForStarted());
    QDeadlineTimer starting(60000);
    while (qemuPidFiles() == pidFilesBefore && restore.state() == QProcess::Running &&
           !starting.hasExpired())
        QTest::qWait(10);
    const bool restoring = restore.state() == QProcess::Running;
    restore.kill();
    restore.waitForFinished();
    const QString afterRestore = state(vm);
    qInfo() << "restore killed" << (restoring ? "mid-way" : "after it ended") << "-> state"
            << afterRestore;
    if (restoring) {
        QCOMPARE(afterRestore, QStringLiteral("saved"));
        QVERIFY(QFile::exists(stateFile));
        QVERIFY(qemuPidFiles() == pidFilesBefore); // that QEMU is gone with its folder
        QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("restore"), vm}).code, 0);
    }
    QCOMPARE(state(vm), QStringLiteral("running"));
    QVERIFY(!QFile::exists(stateFile));
    vireoctl({QStringLiteral("console"), vm}, "echo AFTER-RESTORE-$((6*7))\n");
    QVERIFY(waitForMarker(vm, QStringLiteral("AFTER-RESTORE-42"), 20000));
    QCOMPARE(countMarker(vm, QStringLiteral("VIREO-GUEST: booted")), 2);

    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("stop"), vm, QStringLiteral("--mode"),
                       QStringLiteral("acpi"), QStringLiteral("--timeout"), QStringLiteral("60")})
                 .code,
             0);
    QCOMPARE(state(vm), QStringLiteral("shutoff"));
    QVERIFY(consoleLog(vm).contains(QStringLiteral("VIREO-GUEST: powered-off")));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), vm}).code, 0);
}

QTEST_GUILESS_MAIN(TestVmGuest)
#include "tst_vm_guest.moc"
