// The guest agent and shared folders with the real test guest (qemu-ga from Debian's
// qemu-guest-agent inside it, virtiofsd from qemu-system-common on the host), driven
// through vireoctl as a user would. Every check reads what the guest or the host really
// did: files on each side, the guest's console markers, the processes left behind.
#include "GuestTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <csignal>

using guesttest::kGuest;
using guesttest::Run;

namespace {

QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& data) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

} // namespace

class TestVmAgent : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void agentAndSharedFolders();
    void withoutAgentEverythingStillWorks();
    void uefiTpmSnapshotsNeverLoseADisk();
    void typedTextArrivesByteExact_data();
    void typedTextArrivesByteExact();
    void clipboardBothWays();

private:
    Run vireoctl(const QStringList& args) { return m_lab.vireoctl(args); }
    Run exec(const QString& vm, const QStringList& command);
    QJsonObject listEntry(const QString& vm);
    QString consoleLog(const QString& vm) const { return m_lab.consoleLog(vm); }
    bool waitForMarker(const QString& vm, const QString& pattern, int already = 0,
                       int timeoutMs = 90000) {
        return m_lab.waitForMarker(vm, pattern, already, timeoutMs);
    }
    // virtiofsd processes serving this test's VMs (their sockets are in our runtime dir).
    int virtiofsdCount() const;
    bool waitForNoVirtiofsd(int timeoutMs = 10000) const;
    QStringList createArgs(const QString& name) const;

    guesttest::GuestLab m_lab;
    QString m_lib;
    QString m_run;
};

Run TestVmAgent::exec(const QString& vm, const QStringList& command) {
    return vireoctl(
        QStringList{QStringLiteral("vm"), QStringLiteral("exec"), vm, QStringLiteral("--")} +
        command);
}

QJsonObject TestVmAgent::listEntry(const QString& vm) {
    const auto r =
        vireoctl({QStringLiteral("vm"), QStringLiteral("list"), QStringLiteral("--json")});
    for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
        if (v.toObject().value(QStringLiteral("name")).toString() == vm) return v.toObject();
    return {};
}

int TestVmAgent::virtiofsdCount() const {
    int n = 0;
    for (const auto& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        const QByteArray cmdline = readFile(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmdline.contains("virtiofsd") && cmdline.contains(m_run.toUtf8())) ++n;
    }
    return n;
}

bool TestVmAgent::waitForNoVirtiofsd(int timeoutMs) const {
    QElapsedTimer t;
    t.start();
    while (virtiofsdCount() > 0) {
        if (t.elapsed() > timeoutMs) return false;
        QTest::qWait(50);
    }
    return true;
}

QStringList TestVmAgent::createArgs(const QString& name) const {
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
            QStringLiteral("--nic"),
            QStringLiteral("user")};
}

void TestVmAgent::initTestCase() {
    if (!QFile::exists(kGuest + QStringLiteral("/vmlinux")))
        QSKIP("the test guest is not built (tests/guest/build.sh failed?)");
    if (::geteuid() != 0) QSKIP("virtiofsd needs root for its sandbox; run the tests as root");
    if (!QFileInfo(QStringLiteral("/usr/lib/qemu/virtiofsd")).isExecutable())
        QSKIP("virtiofsd is not installed (qemu-system-common)");
    QVERIFY(m_lab.init());
    m_lib = m_lab.lib();
    m_run = m_lab.runtimeDir();
}

void TestVmAgent::cleanupTestCase() {
    if (m_lib.isEmpty()) return;
    m_lab.killAll();
}

void TestVmAgent::agentAndSharedFolders() {
    const QString vm = QStringLiteral("agent");
    // Host side: a shared folder with a file and a symlink that points out of it, a
    // read-only share, one to hot-add later, and a secret outside every share.
    const QString outside = m_lab.path(QStringLiteral("outside"));
    const QString rw = m_lab.path(QStringLiteral("rw"));
    const QString ro = m_lab.path(QStringLiteral("ro"));
    const QString hot = m_lab.path(QStringLiteral("hot"));
    for (const auto& d : {outside, rw, ro, hot})
        QVERIFY(QDir().mkpath(d));
    writeFile(outside + QStringLiteral("/secret.txt"), "host-secret\n");
    writeFile(rw + QStringLiteral("/host.txt"), "written by the host\n");
    QVERIFY(QFile::link(outside + QStringLiteral("/secret.txt"), rw + QStringLiteral("/escape")));
    QVERIFY(QFile::link(QStringLiteral("/etc"), rw + QStringLiteral("/etc-link")));
    writeFile(ro + QStringLiteral("/keep.txt"), "read-only\n");
    writeFile(hot + QStringLiteral("/hot.txt"), "hot-added\n");
    const QString disk = m_lab.path(QStringLiteral("data.qcow2"));
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"), disk,
                       QStringLiteral("--size"), QStringLiteral("64M")})
                 .code,
             0);

    QCOMPARE(vireoctl(createArgs(vm) << QStringLiteral("--disk") << disk).code, 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("share"), QStringLiteral("add"), vm, rw,
                       QStringLiteral("--tag"), QStringLiteral("rw")})
                 .code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("share"), QStringLiteral("add"), vm, ro,
                       QStringLiteral("--tag"), QStringLiteral("ro"), QStringLiteral("--ro")})
                 .code,
             0);
    // Bad input: one line naming the thing and the fix, nothing stored.
    const Run dup = vireoctl({QStringLiteral("vm"), QStringLiteral("share"), QStringLiteral("add"),
                              vm, hot, QStringLiteral("--tag"), QStringLiteral("rw")});
    QCOMPARE(dup.code, 1);
    QVERIFY2(dup.err.contains(QStringLiteral("already shares a folder as 'rw'")),
             qPrintable(dup.err));
    const Run badTag =
        vireoctl({QStringLiteral("vm"), QStringLiteral("share"), QStringLiteral("add"), vm, hot,
                  QStringLiteral("--tag"), QStringLiteral("a b")});
    QCOMPARE(badTag.code, 1);
    QVERIFY2(badTag.err.contains(QStringLiteral("tag 'a b' is not valid")), qPrintable(badTag.err));
    const Run shares = vireoctl({QStringLiteral("vm"), QStringLiteral("share"),
                                 QStringLiteral("list"), vm, QStringLiteral("--json")});
    const QJsonArray shareList = QJsonDocument::fromJson(shares.out.toUtf8()).array();
    QCOMPARE(shareList.size(), 2);
    QCOMPARE(shareList.at(1).toObject().value(QStringLiteral("readOnly")).toBool(), true);

    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QVERIFY(waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready ip=10\\.0\\.2\\.15")));
    QCOMPARE(virtiofsdCount() > 0, true);

    // The agent's view in the list: hostname and the NAT address.
    const QJsonObject guest = listEntry(vm).value(QStringLiteral("guest")).toObject();
    QCOMPARE(guest.value(QStringLiteral("hostname")).toString(), QStringLiteral("vireo-guest"));
    QVERIFY2(
        guest.value(QStringLiteral("addresses")).toArray().contains(QStringLiteral("10.0.2.15")),
        qPrintable(QJsonDocument(guest).toJson()));

    // exec: the guest's stdout, stderr and exit code, as the command produced them.
    const Run e = exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                            QStringLiteral("echo out; echo err >&2; exit 3")});
    QCOMPARE(e.code, 3);
    QCOMPARE(e.out, QStringLiteral("out\n"));
    QCOMPARE(e.err, QStringLiteral("err\n"));
    QCOMPARE(exec(vm, {QStringLiteral("uname"), QStringLiteral("-n")}).out,
             QStringLiteral("vireo-guest\n"));

    // copy: 1.3 MB of random bytes in and out (several agent chunks), byte-exact.
    QByteArray payload(1300 * 1024, Qt::Uninitialized);
    QRandomGenerator rng(42);
    for (auto& c : payload)
        c = char(rng.bounded(256));
    const QString in = m_lab.path(QStringLiteral("payload.bin"));
    const QString back = m_lab.path(QStringLiteral("back.bin"));
    writeFile(in, payload);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("copy"), vm, in,
                       QStringLiteral(":/root/payload.bin")})
                 .code,
             0);
    QCOMPARE(
        exec(vm, {QStringLiteral("sha256sum"), QStringLiteral("/root/payload.bin")})
            .out.section(QLatin1Char(' '), 0, 0),
        QString::fromLatin1(QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("copy"), vm,
                       QStringLiteral(":/root/payload.bin"), back})
                 .code,
             0);
    QCOMPARE(readFile(back), payload);
    const Run missing = vireoctl(
        {QStringLiteral("vm"), QStringLiteral("copy"), vm, QStringLiteral(":/no/such/file"), back});
    QCOMPARE(missing.code, 1);
    QCOMPARE(readFile(back), payload); // a failed copy leaves the host file alone

    // virtiofs: the guest reads what the host wrote and the host sees what the guest wrote.
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("mkdir -p /mnt/rw /mnt/ro /mnt/hot && mount -t virtiofs rw "
                                      "/mnt/rw && mount -t virtiofs ro /mnt/ro")})
                 .code,
             0);
    QCOMPARE(exec(vm, {QStringLiteral("cat"), QStringLiteral("/mnt/rw/host.txt")}).out,
             QStringLiteral("written by the host\n"));
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("echo written by the guest > /mnt/rw/guest.txt")})
                 .code,
             0);
    QCOMPARE(readFile(rw + QStringLiteral("/guest.txt")), QByteArray("written by the guest\n"));
    // Symlinks pointing out of the share resolve inside the guest, never to host files.
    const Run escape = exec(vm, {QStringLiteral("cat"), QStringLiteral("/mnt/rw/escape")});
    QVERIFY2(!escape.out.contains(QStringLiteral("host-secret")), qPrintable(escape.out));
    QVERIFY(escape.code != 0);
    const Run etc = exec(vm, {QStringLiteral("ls"), QStringLiteral("/mnt/rw/etc-link/")});
    QVERIFY2(!etc.out.contains(QStringLiteral("debian_version")), qPrintable(etc.out));
    QVERIFY(QFile::exists(QStringLiteral("/etc/debian_version")));
    // A read-only share refuses writes, whatever the guest tries.
    const Run roWrite = exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                                  QStringLiteral("echo x > /mnt/ro/new.txt")});
    QVERIFY(roWrite.code != 0);
    QVERIFY2(roWrite.err.contains(QStringLiteral("Read-only")), qPrintable(roWrite.err));
    QCOMPARE(exec(vm, {QStringLiteral("rm"), QStringLiteral("/mnt/ro/keep.txt")}).code != 0, true);
    QCOMPARE(QDir(ro).entryList(QDir::Files), QStringList{QStringLiteral("keep.txt")});

    // Hot-add to the running VM.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("share"), QStringLiteral("add"), vm,
                       hot, QStringLiteral("--tag"), QStringLiteral("hot")})
                 .code,
             0);
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("mount -t virtiofs hot /mnt/hot && cat /mnt/hot/hot.txt")})
                 .out,
             QStringLiteral("hot-added\n"));

    // A disk-only live snapshot freezes the guest's mounted filesystem through the agent.
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("mke2fs -q /dev/vda && mkdir -p /data && mount /dev/vda "
                                      "/data && echo one > /data/f")})
                 .code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("snapshot"), QStringLiteral("create"), vm,
                       QStringLiteral("quiet"), QStringLiteral("--no-memory")})
                 .code,
             0);
    const auto snaps =
        QJsonDocument::fromJson(vireoctl({QStringLiteral("snapshot"), QStringLiteral("list"), vm,
                                          QStringLiteral("--json")})
                                    .out.toUtf8())
            .array();
    QCOMPARE(snaps.size(), 1);
    QCOMPARE(snaps.at(0).toObject().value(QStringLiteral("quiesced")).toBool(), true);
    // ... and thaws it again: the guest can write.
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("echo two >> /data/f && cat /data/f")})
                 .out,
             QStringLiteral("one\ntwo\n"));

    // Paused for 5 s, the guest's clock stops; resume sets it from the host's.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("pause"), vm}).code, 0);
    QTest::qWait(5000);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("resume"), vm}).code, 0);
    const qint64 guestNow =
        exec(vm, {QStringLiteral("date"), QStringLiteral("+%s")}).out.trimmed().toLongLong();
    const qint64 hostNow = QDateTime::currentSecsSinceEpoch();
    QVERIFY2(qAbs(hostNow - guestNow) <= 2,
             qPrintable(QStringLiteral("guest %1, host %2").arg(guestNow).arg(hostNow)));

    // Shutdown through the agent: the guest's own shutdown command runs.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("stop"), vm, QStringLiteral("--mode"),
                       QStringLiteral("agent"), QStringLiteral("--no-force"),
                       QStringLiteral("--timeout"), QStringLiteral("60")})
                 .code,
             0);
    QVERIFY(consoleLog(vm).contains(QStringLiteral("VIREO-GUEST: agent-shutdown")));
    QVERIFY(!consoleLog(vm).contains(QStringLiteral("VIREO-GUEST: acpi-power-button")));
    QVERIFY2(waitForNoVirtiofsd(), "virtiofsd left after stop");
    // The hot-added share is in the definition: it comes back on the next start.
    QCOMPARE(
        QJsonDocument::fromJson(vireoctl({QStringLiteral("vm"), QStringLiteral("share"),
                                          QStringLiteral("list"), vm, QStringLiteral("--json")})
                                    .out.toUtf8())
            .array()
            .size(),
        3);

    // kill -9 of QEMU: virtiofsd goes with it. Then delete: nothing left either.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QVERIFY(waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready"), 1));
    QCOMPARE(virtiofsdCount() > 0, true);
    const qint64 pid = listEntry(vm).value(QStringLiteral("pid")).toInteger();
    QVERIFY(pid > 0);
    ::kill(pid_t(pid), SIGKILL);
    QVERIFY2(waitForNoVirtiofsd(), "virtiofsd left after kill -9 of QEMU");
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QVERIFY(waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready"), 2));
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), vm, QStringLiteral("--force")})
            .code,
        0);
    QVERIFY2(waitForNoVirtiofsd(), "virtiofsd left after delete");
    // The host's files are all still there.
    QCOMPARE(readFile(rw + QStringLiteral("/guest.txt")), QByteArray("written by the guest\n"));
    QCOMPARE(readFile(outside + QStringLiteral("/secret.txt")), QByteArray("host-secret\n"));
}

void TestVmAgent::withoutAgentEverythingStillWorks() {
    const QString vm = QStringLiteral("noagent");
    QCOMPARE(vireoctl(createArgs(vm)).code, 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QVERIFY(waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready ip=10\\.0\\.2\\.15")));
    // Stop the agent inside the guest (in the background, so the exec itself can finish).
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("(sleep 0.5; killall qemu-ga) >/dev/null 2>&1 &")})
                 .code,
             0);
    QElapsedTimer t;
    t.start();
    Run e;
    do {
        QTest::qWait(200);
        e = exec(vm, {QStringLiteral("true")});
    } while (e.code == 0 && t.elapsed() < 20000);
    QCOMPARE(e.code, 1);
    QVERIFY2(e.err.contains(QStringLiteral("needs the guest agent, which is not running")),
             qPrintable(e.err));
    QCOMPARE(e.err.count(QLatin1Char('\n')), 1);
    // The list still works (no guest section), and stop falls back to the power button.
    const QJsonObject entry = listEntry(vm);
    QCOMPARE(entry.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QVERIFY(!entry.contains(QStringLiteral("guest")));
    const Run agentOnly = vireoctl({QStringLiteral("vm"), QStringLiteral("stop"), vm,
                                    QStringLiteral("--mode"), QStringLiteral("agent")});
    QCOMPARE(agentOnly.code, 1);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("stop"), vm}).code, 0);
    QVERIFY(consoleLog(vm).contains(QStringLiteral("VIREO-GUEST: acpi-power-button")));
    QVERIFY(!consoleLog(vm).contains(QStringLiteral("VIREO-GUEST: agent-shutdown")));
    QCOMPARE(listEntry(vm).value(QStringLiteral("state")).toString(), QStringLiteral("shutoff"));
}

// The guest runs the test guest's spice-vdagent stand-in (tests/guest/clipboard-peer.c);
// QEMU's qemu-vdagent chardev and VNC clipboard are the real ones.
void TestVmAgent::clipboardBothWays() {
    const QString vm = QStringLiteral("clip");
    // The clipboard travels through the console: a VM without a display cannot have one.
    const Run headless = vireoctl(createArgs(QStringLiteral("clip-headless")) +
                                  QStringList{QStringLiteral("--clipboard")});
    QCOMPARE(headless.code, 1);
    QVERIFY2(headless.err.contains(QStringLiteral("no display")), qPrintable(headless.err));
    QCOMPARE(headless.err.count(QLatin1Char('\n')), 1);
    const QString disk = m_lab.path(QStringLiteral("clip.qcow2"));
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"), disk,
                       QStringLiteral("--size"), QStringLiteral("32M")})
                 .code,
             0);
    QCOMPARE(vireoctl(createArgs(vm) +
                      QStringList{QStringLiteral("--display"), QStringLiteral("vnc"),
                                  QStringLiteral("--clipboard"), QStringLiteral("--disk"), disk})
                 .code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QVERIFY(waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready")));
    QVERIFY(consoleLog(vm).contains(QStringLiteral("VIREO-GUEST: clipboard-peer up")));

    // Host -> guest: the guest fetches the offer; UTF-8 and symbols arrive byte-exact.
    const QString hostText = QStringLiteral("h\u00e9llo w\u00f6rld \u2192 \u2713 <&>");
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("clipboard"), QStringLiteral("set"), vm,
                       hostText})
                 .code,
             0);
    QVERIFY(waitForMarker(
        vm, QStringLiteral("VIREO-GUEST: clipboard-in ") + QRegularExpression::escape(hostText), 0,
        20000));

    // Guest -> host: what the guest copies is printed by 'clipboard watch'.
    QProcess watch;
    watch.start(QStringLiteral(VIREOCTL_PATH),
                {QStringLiteral("--library"), m_lab.lib(), QStringLiteral("--json"),
                 QStringLiteral("vm"), QStringLiteral("clipboard"), QStringLiteral("watch"), vm,
                 QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--timeout"),
                 QStringLiteral("60")});
    QVERIFY(watch.waitForStarted());
    QTest::qWait(1000); // connected before the guest copies
    const QString guestText = QStringLiteral("aus dem Gast: \u00fc\u00df \u20ac");
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("echo '%1' > /run/vireo-clip").arg(guestText)})
                 .code,
             0);
    QTest::qWait(500);
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("echo second > /run/vireo-clip")})
                 .code,
             0);
    QVERIFY(watch.waitForFinished(60000));
    QCOMPARE(watch.exitCode(), 0);
    const QList<QByteArray> lines = watch.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object().value(QStringLiteral("text")).toString(),
             guestText);
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(QStringLiteral("text")).toString(),
             QStringLiteral("second"));
    // What the host got from the guest is not echoed back into the guest.
    QVERIFY(!consoleLog(vm).contains(QStringLiteral("clipboard-in second")));

    // QEMU cannot save a vdagent's state: a snapshot with memory and 'vm save' say so in one
    // line and leave the VM running; a disk-only snapshot works.
    const Run withMemory =
        vireoctl({QStringLiteral("snapshot"), QStringLiteral("create"), vm, QStringLiteral("s1")});
    QCOMPARE(withMemory.code, 1);
    QVERIFY2(withMemory.err.contains(QStringLiteral("--no-memory")), qPrintable(withMemory.err));
    QCOMPARE(withMemory.err.count(QLatin1Char('\n')), 1);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("save"), vm}).code, 1);
    QCOMPARE(listEntry(vm).value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(vireoctl({QStringLiteral("snapshot"), QStringLiteral("create"), vm,
                       QStringLiteral("s1"), QStringLiteral("--no-memory")})
                 .code,
             0);

    // A VM without the clipboard: one line naming the fix.
    QCOMPARE(vireoctl(createArgs(QStringLiteral("noclip"))).code, 0);
    const Run off =
        vireoctl({QStringLiteral("vm"), QStringLiteral("clipboard"), QStringLiteral("set"),
                  QStringLiteral("noclip"), QStringLiteral("x")});
    QCOMPARE(off.code, 1);
    QVERIFY2(off.err.contains(QStringLiteral("--clipboard")), qPrintable(off.err));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), vm}).code, 0);
    const Run stopped = vireoctl({QStringLiteral("vm"), QStringLiteral("clipboard"),
                                  QStringLiteral("set"), vm, QStringLiteral("x")});
    QCOMPARE(stopped.code, 1);
    QVERIFY2(stopped.err.contains(QStringLiteral("not running")), qPrintable(stopped.err));
}

void TestVmAgent::uefiTpmSnapshotsNeverLoseADisk() {
    if (!QFile::exists(QStringLiteral("/usr/share/OVMF/OVMF_CODE_4M.fd")))
        QSKIP("OVMF is not installed (package ovmf)");
    if (QStandardPaths::findExecutable(QStringLiteral("swtpm")).isEmpty())
        QSKIP("swtpm is not installed (package swtpm)");
    const QString vm = QStringLiteral("uefi");
    const QString disk = m_lab.path(QStringLiteral("uefi.qcow2"));
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"), disk,
                       QStringLiteral("--size"), QStringLiteral("64M")})
                 .code,
             0);
    // OVMF boots the EFI-stub bzImage (vmlinuz) through QEMU's -kernel loader.
    QStringList create = createArgs(vm);
    create[create.indexOf(kGuest + QStringLiteral("/vmlinux"))] =
        kGuest + QStringLiteral("/vmlinuz");
    create << QStringLiteral("--firmware") << QStringLiteral("uefi") << QStringLiteral("--tpm")
           << QStringLiteral("--disk") << disk;
    QCOMPARE(vireoctl(create).code, 0);
    const QString vars = m_lib + QStringLiteral("/uefi/OVMF_VARS.qcow2");
    QVERIFY(QFile::exists(vars));
    auto snapshotsIn = [](const QString& image) {
        QProcess p; // -U: the running QEMU holds the image's write lock
        p.start(QStringLiteral("qemu-img"), {QStringLiteral("info"), QStringLiteral("-U"),
                                             QStringLiteral("--output=json"), image});
        p.waitForFinished();
        QStringList names;
        for (const auto& s : QJsonDocument::fromJson(p.readAllStandardOutput())
                                 .object()
                                 .value(QStringLiteral("snapshots"))
                                 .toArray())
            names << s.toObject().value(QStringLiteral("name")).toString();
        return names;
    };
    auto snap = [&](const QStringList& args) {
        return vireoctl(QStringList{QStringLiteral("snapshot")} + args).code;
    };

    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QVERIFY(waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready"), 0, 180000));
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("mke2fs -q /dev/vda >/dev/null && mkdir -p /data && mount "
                                      "/dev/vda /data && echo before > /data/m && echo ram > "
                                      "/run/m && sync")})
                 .code,
             0);
    // Live snapshot with memory: disks, UEFI variables and (inside the vmstate) the TPM.
    QCOMPARE(snap({QStringLiteral("create"), vm, QStringLiteral("live")}), 0);
    QVERIFY(snapshotsIn(vars).contains(QStringLiteral("live")));
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("echo after >> /data/m && echo changed > /run/m && sync")})
                 .code,
             0);
    QCOMPARE(snap({QStringLiteral("revert"), vm, QStringLiteral("live")}), 0);
    QCOMPARE(
        exec(vm, {QStringLiteral("cat"), QStringLiteral("/data/m"), QStringLiteral("/run/m")}).out,
        QStringLiteral("before\nram\n"));

    // Offline: the TPM state is kept beside the snapshot; a revert brings the disk back
    // and the VM boots.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("stop"), vm}).code, 0);
    QCOMPARE(snap({QStringLiteral("create"), vm, QStringLiteral("off1")}), 0);
    QVERIFY(QFileInfo(m_lib + QStringLiteral("/uefi/snapshots/off1/tpm")).isDir());
    QVERIFY(snapshotsIn(vars).contains(QStringLiteral("off1")));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QVERIFY(waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready"), 1, 180000));
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("mkdir -p /data && mount /dev/vda /data && echo marker >> "
                                      "/data/m && sync && cat /data/m")})
                 .out,
             QStringLiteral("before\nmarker\n"));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("stop"), vm}).code, 0);
    QCOMPARE(snap({QStringLiteral("revert"), vm, QStringLiteral("off1")}), 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QVERIFY(waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready"), 2, 180000));
    QCOMPARE(exec(vm, {QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("mkdir -p /data && mount /dev/vda /data && cat /data/m")})
                 .out,
             QStringLiteral("before\n"));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), vm}).code, 0);

    // Deleting the middle of a chain: live -> off1 -> off2 becomes live -> off2, and off2
    // still reverts.
    QCOMPARE(snap({QStringLiteral("create"), vm, QStringLiteral("off2")}), 0);
    QCOMPARE(snap({QStringLiteral("delete"), vm, QStringLiteral("off1")}), 0);
    QVERIFY(!QFileInfo::exists(m_lib + QStringLiteral("/uefi/snapshots/off1")));
    const auto list =
        QJsonDocument::fromJson(vireoctl({QStringLiteral("snapshot"), QStringLiteral("list"), vm,
                                          QStringLiteral("--json")})
                                    .out.toUtf8())
            .array();
    QCOMPARE(list.size(), 2);
    for (const auto& s : list)
        if (s.toObject().value(QStringLiteral("name")).toString() == QLatin1String("off2"))
            QCOMPARE(s.toObject().value(QStringLiteral("parent")).toString(),
                     QStringLiteral("live"));
    QCOMPARE(snapshotsIn(disk), (QStringList{QStringLiteral("live"), QStringLiteral("off2")}));
    QCOMPARE(snap({QStringLiteral("revert"), vm, QStringLiteral("off2")}), 0);

    // A VM whose disk backs a linked clone cannot be deleted: the clone is named. (Linked
    // clones are made of VMs without snapshots, which the clone's overlay would hide.)
    QCOMPARE(snap({QStringLiteral("delete"), vm, QStringLiteral("off2")}), 0);
    QCOMPARE(snap({QStringLiteral("delete"), vm, QStringLiteral("live")}), 0);
    QVERIFY(snapshotsIn(vars).isEmpty());
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("clone"), vm,
                       QStringLiteral("uefi-clone"), QStringLiteral("--linked")})
                 .code,
             0);
    // The clone froze the base (the source now writes to an overlay of its own): deleting
    // the source even with --remove-disks leaves the base, and the clone keeps it.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), vm,
                       QStringLiteral("--remove-disks")})
                 .code,
             0);
    QVERIFY(QFile::exists(disk));
    // A base inside the source VM's own folder would go with the folder: refused, naming
    // the clone, and nothing is removed.
    const QString owner = QStringLiteral("owner");
    QCOMPARE(vireoctl(createArgs(owner)).code, 0);
    const QString inside = m_lib + QStringLiteral("/owner/root.qcow2");
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"), inside,
                       QStringLiteral("--size"), QStringLiteral("16M")})
                 .code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("edit"), owner,
                       QStringLiteral("--disk"), inside})
                 .code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("clone"), owner,
                       QStringLiteral("owner-clone"), QStringLiteral("--linked")})
                 .code,
             0);
    const Run del = vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), owner});
    QCOMPARE(del.code, 1);
    QVERIFY2(del.err.contains(QStringLiteral("linked clone 'owner-clone'")), qPrintable(del.err));
    QVERIFY(QFile::exists(inside));
    QVERIFY(QFile::exists(m_lib + QStringLiteral("/owner/vm.json")));
}

void TestVmAgent::typedTextArrivesByteExact_data() {
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("text");
    // Every printable ASCII symbol, letters of both cases (y and z swap places on a German
    // keyboard) and spaces.
    const QString symbols = QStringLiteral("Yz zY 09 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ end");
    QTest::newRow("us") << QStringLiteral("us") << symbols;
    QTest::newRow("de") << QStringLiteral("de") << symbols;
}

void TestVmAgent::typedTextArrivesByteExact() {
    QFETCH(QString, layout);
    QFETCH(QString, text);
    const QString vm = QStringLiteral("type-") + layout;
    QStringList create = createArgs(vm);
    // The guest loads the German console keymap when asked on its command line.
    if (layout == QLatin1String("de"))
        create[create.indexOf(QStringLiteral("--append")) + 1] +=
            QStringLiteral(" vireo.keymap=de");
    QCOMPARE(vireoctl(create).code, 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QVERIFY(waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready")));
    // The guest's first VT echoes nothing to the serial console; its reader sends each line
    // back as a marker, so what arrives is exactly what the keyboard produced.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("type"), vm, text,
                       QStringLiteral("--layout"), layout, QStringLiteral("--enter")})
                 .code,
             0);
    QVERIFY(waitForMarker(
        vm, QRegularExpression::escape(QStringLiteral("VIREO-GUEST: vt-input ") + text)));
    // A character the layout has no key for: one line naming it, nothing typed.
    const Run bad = vireoctl({QStringLiteral("vm"), QStringLiteral("type"), vm,
                              QStringLiteral("caf\u00e9"), QStringLiteral("--layout"), layout});
    QCOMPARE(bad.code, 1);
    QVERIFY2(bad.err.contains(QStringLiteral("U+00e9")), qPrintable(bad.err));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), vm}).code, 0);
}

QTEST_GUILESS_MAIN(TestVmAgent)
#include "tst_vm_agent.moc"
