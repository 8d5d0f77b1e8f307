// The lifecycle verbs a guest is not needed for, run through vireoctl against a real QEMU
// (a VM with no bootable device sits in SeaBIOS and ignores the ACPI power button, which
// is exactly what a hung guest looks like): forced stop, edit, reset, delete with and
// without disks, the accelerator probe and its cache, the console's detach key on a real
// terminal, an offline snapshot tree checked by the disk's bytes, and a vireoctl killed
// in the middle of a full clone.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "CliTestSupport.h"

#include "qemu/QmpSync.h"

#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

namespace {

using clitest::Run;

} // namespace

class TestVmLifecycle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void stopForcesOffAfterTimeout();
    void editOnlyWhenShutOff();
    void resetKeepsTheVmRunning();
    void deleteKeepsOrRemovesDisks();
    void acceleratorIsProbedOnceAndExplained();
    void consoleDetachKeyRestoresTerminal();
    void offlineSnapshotTreeKeepsEachDiskState();
    void vireoctlKilledMidCloneLeavesNoHalfVm();
    void tpmVmRunsWithSwtpm();
    void liveDiskOnlySnapshot();
    void cdromChangesWhileRunning();
    void macsAreUniqueInTheLibrary();
    void pinnedVcpusRunWhereTheyWerePinned();
    void tooFewHugepagesStartsNothing();

private:
    // Arguments split on spaces: every path in this test is inside a space-free temp dir.
    Run ctl(const QString& args, int timeoutMs = 60000);
    Run ctlArgs(const QStringList& args, int timeoutMs = 60000);
    QJsonObject show(const QString& vm);
    QString state(const QString& vm) { return show(vm).value(QStringLiteral("state")).toString(); }
    qint64 pid(const QString& vm);
    void createIdleVm(const QString& name);
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_lib;
};

Run TestVmLifecycle::ctlArgs(const QStringList& args, int timeoutMs) {
    return clitest::vireoctl(m_lib, args, timeoutMs);
}

Run TestVmLifecycle::ctl(const QString& args, int timeoutMs) {
    return ctlArgs(args.split(QLatin1Char(' '), Qt::SkipEmptyParts), timeoutMs);
}

QJsonObject TestVmLifecycle::show(const QString& vm) {
    return QJsonDocument::fromJson(ctl(QStringLiteral("vm show ") + vm).out.toUtf8()).object();
}

qint64 TestVmLifecycle::pid(const QString& vm) {
    const auto list = ctl(QStringLiteral("vm list --json"));
    for (const auto& v : QJsonDocument::fromJson(list.out.toUtf8()).array())
        if (v.toObject().value(QStringLiteral("name")).toString() == vm)
            return v.toObject().value(QStringLiteral("pid")).toInteger();
    return 0;
}

void TestVmLifecycle::createIdleVm(const QString& name) {
    const auto r = ctl(QStringLiteral("vm create %1 --memory 64M --nic none").arg(name));
    QVERIFY2(r.code == 0, qPrintable(r.err));
}

void TestVmLifecycle::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_lib = path(QStringLiteral("lib"));
    QDir().mkpath(path(QStringLiteral("run")));
    qputenv("XDG_RUNTIME_DIR", path(QStringLiteral("run")).toUtf8());
    qputenv("XDG_CACHE_HOME", path(QStringLiteral("cache")).toUtf8());
    qunsetenv("VIREO_ACCEL");
}

void TestVmLifecycle::cleanupTestCase() {
    const auto list = ctl(QStringLiteral("vm list --json"));
    for (const auto& v : QJsonDocument::fromJson(list.out.toUtf8()).array())
        ctl(QStringLiteral("vm kill ") + v.toObject().value(QStringLiteral("name")).toString());
    const QStringList orphans = clitest::killOrphansOf(m_lib);
    QVERIFY2(orphans.isEmpty(), qPrintable(QStringLiteral("orphaned QEMU: ") + orphans.join(' ')));
}

void TestVmLifecycle::stopForcesOffAfterTimeout() {
    createIdleVm(QStringLiteral("mute"));
    QCOMPARE(ctl(QStringLiteral("vm start mute")).code, 0);
    const qint64 qemu = pid(QStringLiteral("mute"));
    QVERIFY(qemu > 0);
    // Nothing in the VM answers the power button: --no-force gives up and says what to do.
    const auto polite = ctl(QStringLiteral("vm stop mute --timeout 1 --no-force"));
    QCOMPARE(polite.code, 1);
    QVERIFY2(polite.err.contains(QStringLiteral("did not shut down")), qPrintable(polite.err));
    QVERIFY2(polite.err.contains(QStringLiteral("vireoctl vm kill mute")), qPrintable(polite.err));
    QCOMPARE(polite.err.count(QLatin1Char('\n')), 1);
    QCOMPARE(state(QStringLiteral("mute")), QStringLiteral("running"));
    // Without it, the VM is powered off once the timeout has passed.
    QElapsedTimer t;
    t.start();
    const auto forced = ctl(QStringLiteral("vm stop mute --timeout 1"));
    QVERIFY2(forced.code == 0, qPrintable(forced.err));
    QVERIFY(t.elapsed() >= 1000);
    QCOMPARE(state(QStringLiteral("mute")), QStringLiteral("shutoff"));
    QTRY_VERIFY(::kill(static_cast<pid_t>(qemu), 0) != 0);
    QCOMPARE(ctl(QStringLiteral("vm stop mute")).code, 1);
}

void TestVmLifecycle::editOnlyWhenShutOff() {
    createIdleVm(QStringLiteral("ed"));
    const QString disk = path(QStringLiteral("ed.qcow2"));
    QCOMPARE(ctl(QStringLiteral("disk create %1 --size 16M").arg(disk)).code, 0);
    QCOMPARE(ctl(QStringLiteral("vm start ed")).code, 0);
    QFile spec(m_lib + QStringLiteral("/ed/vm.json"));
    QVERIFY(spec.open(QIODevice::ReadOnly));
    const QByteArray before = spec.readAll();
    spec.close();
    const auto refused = ctl(QStringLiteral("vm edit ed --memory 128M"));
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("running")), qPrintable(refused.err));
    QVERIFY(spec.open(QIODevice::ReadOnly));
    QCOMPARE(spec.readAll(), before);
    spec.close();
    QCOMPARE(ctl(QStringLiteral("vm kill ed")).code, 0);

    // A relative disk path given to edit is stored absolute, with the format qemu-img sees.
    QProcess edit;
    edit.setWorkingDirectory(m_dir.path());
    edit.start(QStringLiteral(VIREOCTL_PATH),
               {QStringLiteral("--library"), m_lib, QStringLiteral("vm"), QStringLiteral("edit"),
                QStringLiteral("ed"), QStringLiteral("--memory"), QStringLiteral("128M"),
                QStringLiteral("--disk"), QStringLiteral("ed.qcow2")});
    QVERIFY(edit.waitForFinished());
    QVERIFY2(edit.exitCode() == 0, edit.readAllStandardError().constData());
    const auto shown = show(QStringLiteral("ed"));
    QCOMPARE(shown.value(QStringLiteral("memoryMiB")).toInt(), 128);
    const auto d = shown.value(QStringLiteral("disks")).toArray().first().toObject();
    QCOMPARE(d.value(QStringLiteral("path")).toString(), disk);
    QCOMPARE(d.value(QStringLiteral("format")).toString(), QStringLiteral("qcow2"));
    // ...so the edited VM can take a snapshot and start.
    QCOMPARE(ctl(QStringLiteral("snapshot create ed s1")).code, 0);
    QCOMPARE(ctl(QStringLiteral("vm start ed")).code, 0);
    QCOMPARE(ctl(QStringLiteral("vm kill ed")).code, 0);
}

void TestVmLifecycle::resetKeepsTheVmRunning() {
    createIdleVm(QStringLiteral("rs"));
    const auto off = ctl(QStringLiteral("vm reset rs"));
    QCOMPARE(off.code, 1);
    QVERIFY2(off.err.contains(QStringLiteral("rs")), qPrintable(off.err));
    QCOMPARE(ctl(QStringLiteral("vm start rs")).code, 0);
    const qint64 qemu = pid(QStringLiteral("rs"));
    QVERIFY(qemu > 0);
    QCOMPARE(ctl(QStringLiteral("vm reset rs")).code, 0);
    // A reset restarts the guest, not QEMU (the guest test sees it boot twice).
    QCOMPARE(state(QStringLiteral("rs")), QStringLiteral("running"));
    QCOMPARE(pid(QStringLiteral("rs")), qemu);
    QCOMPARE(ctl(QStringLiteral("vm kill rs")).code, 0);
}

void TestVmLifecycle::deleteKeepsOrRemovesDisks() {
    const QString kept = path(QStringLiteral("kept.qcow2"));
    const QString gone = path(QStringLiteral("gone.qcow2"));
    for (const auto& d : {kept, gone})
        QCOMPARE(ctl(QStringLiteral("disk create %1 --size 8M").arg(d)).code, 0);
    QCOMPARE(ctl(QStringLiteral("vm create keep --nic none --disk ") + kept).code, 0);
    QCOMPARE(ctl(QStringLiteral("vm create drop --nic none --disk ") + gone).code, 0);
    QCOMPARE(ctl(QStringLiteral("vm delete keep")).code, 0);
    QVERIFY(!QFileInfo::exists(m_lib + QStringLiteral("/keep")));
    QVERIFY(QFileInfo::exists(kept));
    QCOMPARE(ctl(QStringLiteral("vm delete drop --remove-disks")).code, 0);
    QVERIFY(!QFileInfo::exists(m_lib + QStringLiteral("/drop")));
    QVERIFY(!QFileInfo::exists(gone));
    const auto list = QJsonDocument::fromJson(ctl(QStringLiteral("vm list --json")).out.toUtf8());
    for (const auto& v : list.array())
        QVERIFY(v.toObject().value(QStringLiteral("name")).toString() != QLatin1String("keep"));
}

void TestVmLifecycle::acceleratorIsProbedOnceAndExplained() {
    const QByteArray oldCache = qgetenv("XDG_CACHE_HOME");
    const QString cache = path(QStringLiteral("accel-cache"));
    qputenv("XDG_CACHE_HOME", cache.toUtf8());
    auto info = [&] {
        const auto r = ctl(QStringLiteral("host info --json"));
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    };
    const auto first = info();
    const QString accel = first.value(QStringLiteral("accelerator")).toString();
    QVERIFY2(accel == QLatin1String("kvm") || accel == QLatin1String("tcg"), qPrintable(accel));
    QVERIFY(!first.value(QStringLiteral("reason")).toString().isEmpty());
    QCOMPARE(first.value(QStringLiteral("cached")).toBool(), false);
    // The paravirtual kvm_pvm backend opens /dev/kvm but cannot run Linux guests.
    if (QFileInfo::exists(QStringLiteral("/sys/module/kvm_pvm")) &&
        ::access("/dev/kvm", R_OK | W_OK) == 0) {
        QCOMPARE(accel, QStringLiteral("tcg"));
        QVERIFY2(
            first.value(QStringLiteral("reason")).toString().contains(QStringLiteral("kvm_pvm")),
            qPrintable(first.value(QStringLiteral("reason")).toString()));
    }
    if (!QFileInfo::exists(QStringLiteral("/dev/kvm"))) QCOMPARE(accel, QStringLiteral("tcg"));
    const auto second = info();
    QCOMPARE(second.value(QStringLiteral("cached")).toBool(), true);
    QCOMPARE(second.value(QStringLiteral("accelerator")).toString(), accel);
    QCOMPARE(second.value(QStringLiteral("reason")), first.value(QStringLiteral("reason")));

    // A cache written for another host (other kernel, other QEMU) is not trusted.
    QFile stale(cache + QStringLiteral("/vireo/accel.json"));
    QVERIFY(stale.open(QIODevice::WriteOnly | QIODevice::Truncate));
    stale.write(R"({"key":"another host","accel":"kvm","reason":"stale"})");
    stale.close();
    const auto reprobed = info();
    QCOMPARE(reprobed.value(QStringLiteral("cached")).toBool(), false);
    QCOMPARE(reprobed.value(QStringLiteral("accelerator")).toString(), accel);

    // The first start after a probe that chose TCG warns once, in one line; later ones not.
    QVERIFY(QFile::remove(stale.fileName()));
    createIdleVm(QStringLiteral("acc"));
    const auto start = ctl(QStringLiteral("vm start acc"));
    QCOMPARE(start.code, 0);
    if (accel == QLatin1String("tcg")) {
        QCOMPARE(start.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(start.err.contains(QStringLiteral("TCG")), qPrintable(start.err));
    }
    QCOMPARE(ctl(QStringLiteral("vm kill acc")).code, 0);
    const auto again = ctl(QStringLiteral("vm start acc"));
    QCOMPARE(again.code, 0);
    QCOMPARE(again.err, QString());
    QCOMPARE(ctl(QStringLiteral("vm kill acc")).code, 0);

    qputenv("VIREO_ACCEL", "tcg");
    const auto forced = info();
    qunsetenv("VIREO_ACCEL");
    QCOMPARE(forced.value(QStringLiteral("accelerator")).toString(), QStringLiteral("tcg"));
    QVERIFY(
        forced.value(QStringLiteral("reason")).toString().contains(QStringLiteral("VIREO_ACCEL")));
    qputenv("XDG_CACHE_HOME", oldCache);
}

void TestVmLifecycle::consoleDetachKeyRestoresTerminal() {
    createIdleVm(QStringLiteral("tty"));
    QCOMPARE(ctl(QStringLiteral("vm start tty")).code, 0);
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    QVERIFY(master >= 0);
    QVERIFY(::grantpt(master) == 0 && ::unlockpt(master) == 0);
    const QByteArray slaveName = ::ptsname(master);
    // Our own handle on the terminal, to read its modes after vireoctl has left.
    const int slave = ::open(slaveName.constData(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    QVERIFY(slave >= 0);
    termios cooked{};
    QVERIFY(::tcgetattr(slave, &cooked) == 0);
    QVERIFY(cooked.c_lflag & ECHO);

    const QByteArray exe = VIREOCTL_PATH, lib = QFile::encodeName(m_lib);
    const pid_t child = ::fork();
    if (child == 0) {
        ::setsid();
        const int fd = ::open(slaveName.constData(), O_RDWR); // becomes the controlling tty
        ::dup2(fd, 0);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::execl(exe.constData(), exe.constData(), "--library", lib.constData(), "console", "tty",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    QVERIFY(child > 0);
    QByteArray seen;
    auto readFor = [&](int ms) {
        QElapsedTimer t;
        t.start();
        ::fcntl(master, F_SETFL, O_NONBLOCK);
        while (t.elapsed() < ms) {
            char buf[512];
            const ssize_t n = ::read(master, buf, sizeof buf);
            if (n > 0) seen.append(buf, n);
            if (seen.contains("Detached")) return;
            QTest::qWait(20);
        }
    };
    QElapsedTimer banner;
    banner.start();
    while (!seen.contains("Ctrl-]") && banner.elapsed() < 10000)
        readFor(100);
    QVERIFY2(seen.contains("Ctrl-]"), seen.constData());
    termios raw{};
    QVERIFY(::tcgetattr(slave, &raw) == 0);
    QVERIFY2(!(raw.c_lflag & (ECHO | ICANON)), "the console did not put the terminal in raw mode");

    QCOMPARE(::write(master, "\x1d", 1), 1);
    int status = -1;
    QElapsedTimer exitWait;
    exitWait.start();
    while (::waitpid(child, &status, WNOHANG) == 0 && exitWait.elapsed() < 5000)
        QTest::qWait(20);
    if (exitWait.elapsed() >= 5000) ::kill(child, SIGKILL);
    QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, "Ctrl-] did not end the console");
    readFor(500);
    QVERIFY2(seen.contains("Detached from VM 'tty'"), seen.constData());
    termios after{};
    QVERIFY(::tcgetattr(slave, &after) == 0);
    QCOMPARE(after.c_lflag & (ECHO | ICANON), cooked.c_lflag & (ECHO | ICANON));
    ::close(slave);
    ::close(master);
    // Detaching leaves the VM running.
    QCOMPARE(state(QStringLiteral("tty")), QStringLiteral("running"));
    QCOMPARE(ctl(QStringLiteral("vm kill tty")).code, 0);
}

void TestVmLifecycle::offlineSnapshotTreeKeepsEachDiskState() {
    const QString disk = path(QStringLiteral("tree.qcow2"));
    QCOMPARE(ctl(QStringLiteral("disk create %1 --size 16M").arg(disk)).code, 0);
    QCOMPARE(ctl(QStringLiteral("vm create tree --nic none --disk ") + disk).code, 0);
    // qemu-io writes and checks a byte pattern in the image, as a guest's data would be.
    auto qemuIo = [&](const QString& command) {
        QProcess p;
        p.start(QStringLiteral("qemu-io"), {QStringLiteral("-f"), QStringLiteral("qcow2"),
                                            QStringLiteral("-c"), command, disk});
        p.waitForFinished();
        const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        return p.exitCode() == 0 && !out.contains(QStringLiteral("fail"), Qt::CaseInsensitive);
    };
    if (QStandardPaths::findExecutable(QStringLiteral("qemu-io")).isEmpty())
        QSKIP("qemu-io (qemu-utils) is not installed");
    QVERIFY(qemuIo(QStringLiteral("write -P 0xaa 0 64k")));
    QCOMPARE(ctl(QStringLiteral("snapshot create tree a --description first")).code, 0);
    QVERIFY(qemuIo(QStringLiteral("write -P 0xbb 0 64k")));
    QCOMPARE(ctl(QStringLiteral("snapshot create tree b")).code, 0);
    QCOMPARE(ctl(QStringLiteral("snapshot revert tree a")).code, 0);
    QVERIFY2(qemuIo(QStringLiteral("read -P 0xaa 0 64k")),
             "revert to a did not bring back its data");
    QVERIFY(!qemuIo(QStringLiteral("read -P 0xbb 0 64k")));
    QCOMPARE(ctl(QStringLiteral("snapshot create tree c")).code, 0);

    auto tree = [&] {
        QMap<QString, QJsonObject> byName;
        const auto r = ctl(QStringLiteral("snapshot list tree --json"));
        for (const auto& s : QJsonDocument::fromJson(r.out.toUtf8()).array())
            byName.insert(s.toObject().value(QStringLiteral("name")).toString(), s.toObject());
        return byName;
    };
    auto t = tree();
    QCOMPARE(t.keys(),
             (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QVERIFY(t[QStringLiteral("a")].value(QStringLiteral("parent")).isNull());
    QCOMPARE(t[QStringLiteral("a")].value(QStringLiteral("description")).toString(),
             QStringLiteral("first"));
    QCOMPARE(t[QStringLiteral("b")].value(QStringLiteral("parent")).toString(),
             QStringLiteral("a"));
    QCOMPARE(t[QStringLiteral("c")].value(QStringLiteral("parent")).toString(),
             QStringLiteral("a"));
    QVERIFY(t[QStringLiteral("c")].value(QStringLiteral("current")).toBool());
    QVERIFY(!t[QStringLiteral("b")].value(QStringLiteral("current")).toBool());
    const auto text = ctl(QStringLiteral("snapshot list tree")).out;
    QVERIFY2(text.contains(QStringLiteral("\n  b")) && text.contains(QStringLiteral("\n  c")),
             qPrintable(text)); // children indented under a

    // Deleting a moves its children up; their data stays.
    QCOMPARE(ctl(QStringLiteral("snapshot delete tree a")).code, 0);
    t = tree();
    QCOMPARE(t.keys(), (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
    QVERIFY(t[QStringLiteral("b")].value(QStringLiteral("parent")).isNull());
    QVERIFY(t[QStringLiteral("c")].value(QStringLiteral("parent")).isNull());
    QProcess img;
    img.start(QStringLiteral("qemu-img"), {QStringLiteral("snapshot"), QStringLiteral("-l"), disk});
    img.waitForFinished();
    const QString listed = QString::fromUtf8(img.readAllStandardOutput());
    QVERIFY2(!listed.contains(QRegularExpression(QStringLiteral("\\sa\\s"))), qPrintable(listed));
    QCOMPARE(ctl(QStringLiteral("snapshot revert tree b")).code, 0);
    QVERIFY2(qemuIo(QStringLiteral("read -P 0xbb 0 64k")),
             "revert to b did not bring back its data");
    const auto missing = ctl(QStringLiteral("snapshot revert tree a"));
    QCOMPARE(missing.code, 1);
    QVERIFY2(missing.err.contains(QStringLiteral("no snapshot 'a'")), qPrintable(missing.err));
}

void TestVmLifecycle::vireoctlKilledMidCloneLeavesNoHalfVm() {
    // A raw disk full of random data takes a moment to copy; kill vireoctl during it.
    const QString disk = path(QStringLiteral("big.raw"));
    {
        QFile f(disk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QFile random(QStringLiteral("/dev/urandom"));
        QVERIFY(random.open(QIODevice::ReadOnly));
        for (int i = 0; i < 256; ++i)
            f.write(random.read(1 << 20));
    }
    QCOMPARE(ctl(QStringLiteral("vm create src --nic none --disk ") + disk).code, 0);
    bool sawInterrupted = false;
    for (int delayMs : {60, 150, 300, 600}) {
        const QString target = QStringLiteral("cl%1").arg(delayMs);
        QProcess p;
        p.start(QStringLiteral(VIREOCTL_PATH),
                {QStringLiteral("--library"), m_lib, QStringLiteral("vm"), QStringLiteral("clone"),
                 QStringLiteral("src"), target});
        QVERIFY(p.waitForStarted());
        QTest::qWait(delayMs);
        const bool killed = p.state() == QProcess::Running;
        p.kill();
        p.waitForFinished();
        sawInterrupted |= killed;
        // The library reads cleanly: the clone is either absent or complete.
        const auto list = ctl(QStringLiteral("vm list --json"));
        QCOMPARE(list.code, 0);
        bool listed = false;
        for (const auto& v : QJsonDocument::fromJson(list.out.toUtf8()).array()) {
            const auto o = v.toObject();
            QVERIFY2(!o.contains(QStringLiteral("error")),
                     qPrintable(o.value(QStringLiteral("error")).toString()));
            listed |= o.value(QStringLiteral("name")).toString() == target;
        }
        if (listed) {
            const auto cloned = show(target).value(QStringLiteral("disks")).toArray();
            const QString copy = cloned.first().toObject().value(QStringLiteral("path")).toString();
            QCOMPARE(QFileInfo(copy).size(), QFileInfo(disk).size());
        } else {
            // The same clone again succeeds and gives a complete VM.
            const auto retry = ctl(QStringLiteral("vm clone src ") + target, 120000);
            QVERIFY2(retry.code == 0, qPrintable(retry.err));
        }
        QCOMPARE(state(target), QStringLiteral("shutoff"));
        QCOMPARE(ctl(QStringLiteral("vm delete --remove-disks ") + target).code, 0);
        QVERIFY(!QFileInfo::exists(m_lib + QLatin1Char('/') + target));
    }
    QVERIFY2(sawInterrupted, "every clone finished before the kill: the test proved nothing");
    QCOMPARE(state(QStringLiteral("src")), QStringLiteral("shutoff"));
}

void TestVmLifecycle::tpmVmRunsWithSwtpm() {
    if (QStandardPaths::findExecutable(QStringLiteral("swtpm")).isEmpty())
        QSKIP("swtpm is not installed (installer/dev/install-deps.sh installs it)");
    QCOMPARE(ctl(QStringLiteral("vm create tpm --memory 64M --nic none --tpm")).code, 0);
    QVERIFY(show(QStringLiteral("tpm"))
                .value(QStringLiteral("firmware"))
                .toObject()
                .value(QStringLiteral("tpm"))
                .toBool());
    const auto start = ctl(QStringLiteral("vm start tpm"));
    QVERIFY2(start.code == 0, qPrintable(start.err));
    // SeaBIOS finds the CRB TPM and starts it up: swtpm then writes the TPM's permanent
    // state into the VM's folder, where it survives restarts (BitLocker keys live there).
    const QString state = m_lib + QStringLiteral("/tpm/tpm/tpm2-00.permall");
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(state), 20000);
    auto swtpmPids = [&] {
        QList<int> pids;
        for (const auto& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (pid.toInt() > 0 && cmd.open(QIODevice::ReadOnly)) {
                const QByteArray c = cmd.readAll();
                if (c.startsWith("swtpm") && c.contains((m_lib + QStringLiteral("/tpm/")).toUtf8()))
                    pids << pid.toInt();
            }
        }
        return pids;
    };
    QCOMPARE(swtpmPids().size(), 1);
    // swtpm ends with its QEMU.
    QCOMPARE(ctl(QStringLiteral("vm kill tpm")).code, 0);
    QTRY_VERIFY_WITH_TIMEOUT(swtpmPids().isEmpty(), 10000);
    QVERIFY(QFileInfo::exists(state));
    QCOMPARE(ctl(QStringLiteral("vm start tpm")).code, 0);
    QCOMPARE(swtpmPids().size(), 1);
    QCOMPARE(ctl(QStringLiteral("vm kill tpm")).code, 0);
    QCOMPARE(ctl(QStringLiteral("vm edit tpm --no-tpm")).code, 0);
    QVERIFY(!show(QStringLiteral("tpm"))
                 .value(QStringLiteral("firmware"))
                 .toObject()
                 .value(QStringLiteral("tpm"))
                 .toBool());
}

void TestVmLifecycle::liveDiskOnlySnapshot() {
    const QString a = path(QStringLiteral("live-a.qcow2")),
                  b = path(QStringLiteral("live-b.qcow2"));
    for (const auto& d : {a, b})
        QCOMPARE(ctl(QStringLiteral("disk create %1 --size 16M").arg(d)).code, 0);
    QCOMPARE(
        ctl(QStringLiteral("vm create live --memory 64M --nic none --disk %1 --disk %2").arg(a, b))
            .code,
        0);
    QCOMPARE(ctl(QStringLiteral("vm start live")).code, 0);
    const auto taken = ctl(QStringLiteral("snapshot create live disks --no-memory"));
    QVERIFY2(taken.code == 0, qPrintable(taken.err));
    QCOMPARE(state(QStringLiteral("live")), QStringLiteral("running"));
    const auto list =
        QJsonDocument::fromJson(ctl(QStringLiteral("snapshot list live --json")).out.toUtf8())
            .array();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(QStringLiteral("memory")).toBool(), false);
    // Both disks hold it (QEMU wrote it; -U reads an image in use).
    for (const auto& d : {a, b}) {
        QProcess img;
        img.start(QStringLiteral("qemu-img"),
                  {QStringLiteral("snapshot"), QStringLiteral("-U"), QStringLiteral("-l"), d});
        img.waitForFinished();
        QVERIFY2(img.readAllStandardOutput().contains(" disks "), qPrintable(d));
    }
    // No memory to go back to while running: refused with what to do.
    const auto refused = ctl(QStringLiteral("snapshot revert live disks"));
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("stop the VM")), qPrintable(refused.err));
    QCOMPARE(state(QStringLiteral("live")), QStringLiteral("running"));
    QCOMPARE(ctl(QStringLiteral("vm kill live")).code, 0);
    QCOMPARE(ctl(QStringLiteral("snapshot revert live disks")).code, 0);
    // With memory (the default) a running VM's snapshot records it.
    QCOMPARE(ctl(QStringLiteral("vm start live")).code, 0);
    QCOMPARE(ctl(QStringLiteral("snapshot create live full")).code, 0);
    const auto both =
        QJsonDocument::fromJson(ctl(QStringLiteral("snapshot list live --json")).out.toUtf8())
            .array();
    QCOMPARE(both.size(), 2);
    QCOMPARE(both.at(1).toObject().value(QStringLiteral("memory")).toBool(), true);
    QCOMPARE(ctl(QStringLiteral("vm kill live")).code, 0);
}

void TestVmLifecycle::cdromChangesWhileRunning() {
    const QString iso = path(QStringLiteral("tools.iso"));
    QFile f(iso);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(64 * 1024, 'x'));
    f.close();
    createIdleVm(QStringLiteral("cd"));
    QCOMPARE(ctl(QStringLiteral("vm start cd")).code, 0);
    // What QEMU itself says is in the drive.
    auto inserted = [&]() -> QString {
        const QString uuid = show(QStringLiteral("cd")).value(QStringLiteral("uuid")).toString();
        auto qmp =
            vireo::QmpSync::connect(path(QStringLiteral("run/vireo/%1/qmp.sock")).arg(uuid), 5000);
        if (!qmp) return QStringLiteral("<no qmp>");
        auto blocks = vireo::QmpSync::call(**qmp, QStringLiteral("query-block"));
        if (!blocks) return QStringLiteral("<no answer>");
        for (const auto& b : blocks->toArray()) {
            const auto o = b.toObject();
            if (o.value(QStringLiteral("qdev")).toString().contains(QStringLiteral("cdrom0-dev")))
                return o.value(QStringLiteral("inserted"))
                    .toObject()
                    .value(QStringLiteral("file"))
                    .toString();
        }
        return QStringLiteral("<no drive>");
    };
    QCOMPARE(inserted(), QString()); // an empty drive is there from the start
    const auto insert = ctl(QStringLiteral("vm cdrom cd ") + iso);
    QVERIFY2(insert.code == 0, qPrintable(insert.err));
    QCOMPARE(inserted(), iso);
    QCOMPARE(show(QStringLiteral("cd")).value(QStringLiteral("cdrom")).toString(), iso);
    const auto missing = ctl(QStringLiteral("vm cdrom cd ") + path(QStringLiteral("nope.iso")));
    QCOMPARE(missing.code, 1);
    QVERIFY2(missing.err.contains(QStringLiteral("does not exist")), qPrintable(missing.err));
    QCOMPARE(inserted(), iso); // unchanged
    QCOMPARE(ctl(QStringLiteral("vm cdrom cd --eject")).code, 0);
    QCOMPARE(inserted(), QString());
    QCOMPARE(show(QStringLiteral("cd")).value(QStringLiteral("cdrom")).toString(), QString());
    QCOMPARE(ctl(QStringLiteral("vm cdrom cd")).code, 2); // neither ISO nor --eject
    QCOMPARE(ctl(QStringLiteral("vm kill cd")).code, 0);
    // Shut off, it is the definition that changes.
    QCOMPARE(ctl(QStringLiteral("vm cdrom cd ") + iso).code, 0);
    QCOMPARE(show(QStringLiteral("cd")).value(QStringLiteral("cdrom")).toString(), iso);
}

void TestVmLifecycle::macsAreUniqueInTheLibrary() {
    const QString mac = QStringLiteral("52:54:00:12:34:56");
    QCOMPARE(ctl(QStringLiteral("vm create maca --nic user,mac=%1").arg(mac)).code, 0);
    const auto twice = ctl(QStringLiteral("vm create macb --nic user,mac=%1").arg(mac));
    QCOMPARE(twice.code, 1);
    QVERIFY2(twice.err.contains(QStringLiteral("already used by VM 'maca'")),
             qPrintable(twice.err));
    QVERIFY(!QFileInfo::exists(m_lib + QStringLiteral("/macb/vm.json")));
    const auto inOne = ctl(QStringLiteral("vm create macc --nic user,mac=52:54:00:aa:bb:cc "
                                          "--nic user,mac=52:54:00:AA:BB:CC"));
    QCOMPARE(inOne.code, 1);
    // A VM keeps its own MAC through an edit.
    QCOMPARE(ctl(QStringLiteral("vm edit maca --memory 128M")).code, 0);
    QCOMPARE(show(QStringLiteral("maca"))
                 .value(QStringLiteral("nics"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("mac"))
                 .toString(),
             mac);
    // Generated MACs (create, clone) never collide with any in the library.
    QCOMPARE(ctl(QStringLiteral("vm clone maca maca2")).code, 0);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(ctl(QStringLiteral("vm create many%1 --nic user --nic user").arg(i)).code, 0);
    QSet<QString> seen;
    int nics = 0;
    const auto list = QJsonDocument::fromJson(ctl(QStringLiteral("vm list --json")).out.toUtf8());
    for (const auto& v : list.array())
        for (const auto& n : show(v.toObject().value(QStringLiteral("name")).toString())
                                 .value(QStringLiteral("nics"))
                                 .toArray()) {
            seen.insert(n.toObject().value(QStringLiteral("mac")).toString());
            ++nics;
        }
    QVERIFY(nics >= 26);
    QCOMPARE(seen.size(), nics);
}

// Cpus_allowed_list of each thread of a process, by thread name ("CPU 0/TCG": "1").
static QMap<QString, QStringList> affinities(qint64 pid) {
    QMap<QString, QStringList> out;
    for (const auto& tid : QDir(QStringLiteral("/proc/%1/task").arg(pid))
                               .entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(QStringLiteral("/proc/%1/task/%2/comm").arg(pid).arg(tid));
        QFile status(QStringLiteral("/proc/%1/task/%2/status").arg(pid).arg(tid));
        if (!comm.open(QIODevice::ReadOnly) || !status.open(QIODevice::ReadOnly)) continue;
        const QString name = QString::fromUtf8(comm.readAll()).trimmed();
        for (const auto& line : QString::fromUtf8(status.readAll()).split(QLatin1Char('\n')))
            if (line.startsWith(QLatin1String("Cpus_allowed_list:")))
                out[name] << line.mid(18).trimmed();
    }
    return out;
}

void TestVmLifecycle::pinnedVcpusRunWhereTheyWerePinned() {
    if (QThread::idealThreadCount() < 2) QSKIP("pinning apart needs at least 2 host CPUs");
    QCOMPARE(ctl(QStringLiteral("vm create pinned --memory 64M --nic none --cpus 2 --cpu-pin 1,0 "
                                "--emulator-pin 0 --iothreads 1"))
                 .code,
             0);
    QCOMPARE(ctl(QStringLiteral("vm start pinned")).code, 0);
    const auto threads = affinities(pid(QStringLiteral("pinned")));
    // Read back from the kernel: vCPU 0 on CPU 1, vCPU 1 on CPU 0, the rest on CPU 0.
    auto vcpu = [&](int i) { // "CPU 0/TCG" or "CPU 0/KVM"
        for (auto it = threads.begin(); it != threads.end(); ++it)
            if (it.key().startsWith(QStringLiteral("CPU %1/").arg(i))) return it.value();
        return QStringList();
    };
    QCOMPARE(vcpu(0), QStringList{QStringLiteral("1")});
    QCOMPARE(vcpu(1), QStringList{QStringLiteral("0")});
    QVERIFY(threads.contains(QStringLiteral("IO iothread0")));
    for (auto it = threads.begin(); it != threads.end(); ++it)
        if (!it.key().startsWith(QLatin1String("CPU ")))
            for (const auto& a : it.value())
                QVERIFY2(a == QLatin1String("0"), qPrintable(it.key() + QLatin1String(": ") + a));
    // Started paused for the pinning, then running.
    QCOMPARE(state(QStringLiteral("pinned")), QStringLiteral("running"));
    QCOMPARE(ctl(QStringLiteral("vm kill pinned")).code, 0);
    // A pin to a CPU this host lacks: one line, nothing left running.
    QCOMPARE(ctl(QStringLiteral("vm edit pinned --cpu-pin 1,4000")).code, 0);
    const auto bad = ctl(QStringLiteral("vm start pinned"));
    QCOMPARE(bad.code, 1);
    QVERIFY2(bad.err.contains(QStringLiteral("cannot pin vCPU 1 to host CPU(s) 4000")),
             qPrintable(bad.err));
    QCOMPARE(bad.err.count(QLatin1Char('\n')), 1);
    QCOMPARE(state(QStringLiteral("pinned")), QStringLiteral("shutoff"));
}

void TestVmLifecycle::tooFewHugepagesStartsNothing() {
    QFile free(QStringLiteral("/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages"));
    if (!free.open(QIODevice::ReadOnly)) QSKIP("this kernel has no 2 MiB hugepage pool");
    const int have = free.readAll().trimmed().toInt();
    // Ask for more than the pool has free (at least 64 pages more).
    const int mib = (have + 64) * 2;
    QCOMPARE(
        ctl(QStringLiteral("vm create huge --memory %1M --nic none --hugepages 2M").arg(mib)).code,
        0);
    const auto r = ctl(QStringLiteral("vm start huge"));
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("needs %1 free 2 MiB hugepages").arg(have + 64)),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("nr_hugepages")), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QCOMPARE(state(QStringLiteral("huge")), QStringLiteral("shutoff"));
    QVERIFY(clitest::killOrphansOf(m_lib + QStringLiteral("/huge")).isEmpty());
    // Bad values are refused when set, naming the fix.
    const auto odd = ctl(QStringLiteral("vm edit huge --memory 65M"));
    QCOMPARE(odd.code, 1);
    QVERIFY2(odd.err.contains(QStringLiteral("not a whole number of 2 MiB hugepages")),
             qPrintable(odd.err));
    QCOMPARE(ctl(QStringLiteral("vm edit huge --hugepages 3M")).code, 1);
}

QTEST_GUILESS_MAIN(TestVmLifecycle)
#include "tst_vm_lifecycle.moc"
