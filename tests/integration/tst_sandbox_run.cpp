// Sandboxes for real: namespaces, cgroups, seccomp and the CLI contract, each test one
// escape or isolation property a weaker runtime would fail. Needs root and busybox-static.
#include "SandboxTestSupport.h"
#include "sandbox/runtime/Cgroup.h"
#include "sandbox/runtime/CgroupLayout.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSysInfo>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/sched.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace vireo;
using namespace vireo::test;

namespace {

const QStringList kApplets{
    QStringLiteral("sh"),   QStringLiteral("ls"),       QStringLiteral("ps"),
    QStringLiteral("cat"),  QStringLiteral("echo"),     QStringLiteral("hostname"),
    QStringLiteral("true"), QStringLiteral("false"),    QStringLiteral("mount"),
    QStringLiteral("id"),   QStringLiteral("sleep"),    QStringLiteral("seq"),
    QStringLiteral("wc"),   QStringLiteral("touch"),    QStringLiteral("test"),
    QStringLiteral("grep"), QStringLiteral("awk"),      QStringLiteral("head"),
    QStringLiteral("stat"), QStringLiteral("readlink"), QStringLiteral("ip"),
    QStringLiteral("nc")};

} // namespace

class TestSandboxRun : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_root;

    Run vireoctl(const QStringList& args, const QByteArray& input = {}) {
        return runVireoctl(m_tmp.filePath(QStringLiteral("lib")), args, input);
    }

    Run inSandbox(const QString& script, const QStringList& options = {},
                  const QByteArray& input = {}) {
        return vireoctl(QStringList{QStringLiteral("sandbox"), QStringLiteral("run"),
                                    QStringLiteral("--rootfs"), m_root} +
                            options +
                            QStringList{QStringLiteral("--"), QStringLiteral("/bin/sh"),
                                        QStringLiteral("-c"), script},
                        input);
    }

    static QStringList leftoverCgroups() { return leftoverSandboxCgroups(); }

private Q_SLOTS:
    void initTestCase() {
        if (*sandboxSkipReason()) QSKIP(sandboxSkipReason());
        QVERIFY(m_tmp.isValid());
        m_root = makeSandboxTestRoot(m_tmp.path(), kApplets);
        QVERIFY(!m_root.isEmpty());
        QVERIFY(
            QFile::copy(QStringLiteral(SANDBOX_PROBE_PATH), m_root + QStringLiteral("/bin/probe")));
    }

    void exitCodeAndStdioPassThrough() {
        const Run r = inSandbox(
            QStringLiteral("read line; echo \"got $line\"; echo err >&2; exit 42"), {}, "hello\n");
        QCOMPARE(r.exitCode, 42);
        QCOMPARE(r.out, QStringLiteral("got hello\n"));
        QCOMPARE(r.err, QStringLiteral("err\n"));
        QCOMPARE(
            vireoctl({QStringLiteral("sandbox"), QStringLiteral("run"), QStringLiteral("--rootfs"),
                      m_root, QStringLiteral("--"), QStringLiteral("/bin/false")})
                .exitCode,
            1);
    }

    void hostPidsInvisible() {
        const Run r = inSandbox(QStringLiteral("ls /proc | grep '^[0-9]*$'"));
        QCOMPARE(r.exitCode, 0);
        const QStringList pids = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(pids.contains(QStringLiteral("1")), qPrintable(r.out));
        for (const auto& p : pids)
            QVERIFY2(p.toInt() < 20, qPrintable(QStringLiteral("host pid visible: ") + r.out));
        QVERIFY(!pids.contains(QString::number(QCoreApplication::applicationPid())));
    }

    void hostMountsInvisible() {
        const Run r = inSandbox(QStringLiteral("awk '{print $5}' /proc/self/mountinfo"));
        QCOMPARE(r.exitCode, 0);
        const QStringList points = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(points.contains(QStringLiteral("/")));
        QVERIFY(points.contains(QStringLiteral("/proc")));
        for (const auto& p : points)
            QVERIFY2(!p.startsWith(QStringLiteral("/sys/fs/cgroup")) &&
                         !p.startsWith(QStringLiteral("/work")) && !p.startsWith(m_tmp.path()),
                     qPrintable(QStringLiteral("host mount visible: ") + p));
    }

    void hostnameIsolated() {
        const QString before = QSysInfo::machineHostName();
        // sethostname needs CAP_SYS_ADMIN, which the default set drops (as Docker's does):
        // the attempt fails inside, and whatever happens the host's name stays.
        const Run r = inSandbox(QStringLiteral("hostname changed-inside; hostname"),
                                {QStringLiteral("--hostname"), QStringLiteral("inner")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.trimmed() == QStringLiteral("inner") ||
                     r.out.trimmed() == QStringLiteral("changed-inside"),
                 qPrintable(r.out));
        QCOMPARE(QSysInfo::machineHostName(), before);
        QVERIFY(before != QStringLiteral("changed-inside"));
        QCOMPARE(inSandbox(QStringLiteral("hostname"),
                           {QStringLiteral("--hostname"), QStringLiteral("box")})
                     .out.trimmed(),
                 QStringLiteral("box"));
    }

    void noNetworkReachesNothing() {
        // A server on the host's loopback: a sandbox with --network none has its own
        // loopback only, so it cannot reach it (nor anything else).
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const Run r =
            inSandbox(QStringLiteral("ip -o link | awk '{print $2}'; "
                                     "ip -o -4 addr | awk '{print $4}'; "
                                     "if nc -w 2 127.0.0.1 %1 </dev/null; then echo REACHED; "
                                     "else echo UNREACHABLE; fi")
                          .arg(server.serverPort()));
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), QStringLiteral("lo:"));
        QCOMPARE(lines.value(1), QStringLiteral("127.0.0.1/8"));
        QCOMPARE(lines.value(2), QStringLiteral("UNREACHABLE"));
        QCOMPARE(lines.size(), 3);
        QVERIFY(!server.hasPendingConnections());
    }

    void setuidBinaryGainsNothing() {
        // A setuid-root copy of busybox inside the rootfs: with no_new_privs and the
        // capability bounding set, running through it grants no capability the sandbox
        // did not already have.
        // busybox picks its applet from argv[0]: the copy keeps the name, in its own folder.
        QVERIFY(QDir().mkpath(m_root + QStringLiteral("/suid")));
        const QString suid = m_root + QStringLiteral("/suid/busybox");
        QFile::remove(suid);
        QVERIFY(QFile::copy(QStringLiteral("/bin/busybox"), suid));
        QVERIFY(::chown(QFile::encodeName(suid).constData(), 0, 0) == 0);
        QVERIFY(::chmod(QFile::encodeName(suid).constData(), 04755) == 0);
        const Run r =
            inSandbox(QStringLiteral("grep -E '^Cap(Eff|Prm)' /proc/self/status; "
                                     "/suid/busybox grep -E '^Cap(Eff|Prm)' /proc/self/status; "
                                     "grep NoNewPrivs /proc/self/status"));
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() == 5, qPrintable(r.out + r.err));
        QCOMPARE(lines.mid(2, 2), lines.mid(0, 2)); // the same sets through the setuid binary
        QVERIFY2(!lines.at(0).contains(QStringLiteral("1ffffffffff")), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(4).endsWith(QLatin1Char('1')), qPrintable(lines.at(4)));
        QFile::remove(suid);
    }

    void seccompDenies_data() {
        QTest::addColumn<QString>("syscall");
        for (const char* s : {"keyctl", "ptrace", "mount", "bpf", "unshare", "init_module"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }
    void seccompDenies() {
        QFETCH(QString, syscall);
        const Run r = inSandbox(QStringLiteral("/bin/probe ") + syscall);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("EPERM"));
    }

    void procPathsMasked() {
        const Run r = inSandbox(QStringLiteral(
            "for f in /proc/kcore /proc/keys /proc/timer_list /proc/sysrq-trigger "
            "/proc/sched_debug; "
            "do test -e $f && echo \"$f $(cat $f | wc -c)\"; done; touch /proc/sys/kernel/x 2>&1;"
            " echo 1 > /proc/sys/kernel/hostname && echo writable; true"));
        QCOMPARE(r.exitCode, 0);
        int checked = 0;
        for (const auto& line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (!line.startsWith(QStringLiteral("/proc/"))) continue;
            QVERIFY2(line.endsWith(QStringLiteral(" 0")), qPrintable(line));
            ++checked;
        }
        if (QFile::exists(QStringLiteral("/proc/timer_list"))) QVERIFY(checked >= 1);
        QVERIFY2(!r.out.contains(QStringLiteral("writable")), qPrintable(r.out));
    }

    void hostFilesUnreachable() {
        const QString secret = m_tmp.filePath(QStringLiteral("secret"));
        QFile f(secret);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("host secret");
        f.close();
        const Run r = inSandbox(
            QStringLiteral("cat %1 /../../..%1 /proc/1/root%1 2>/dev/null; ls /work 2>&1; "
                           "cd /proc/1/root/.. && ls; echo; cat /proc/self/cgroup")
                .arg(secret));
        QVERIFY2(!r.out.contains(QStringLiteral("host secret")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("No such file")));
        // The cgroup namespace hides where the sandbox's group sits on the host.
        QVERIFY2(!r.out.contains(QStringLiteral("vireo-sb")), qPrintable(r.out));
    }

    void volumesAndIdMapping() {
        const QString rw = m_tmp.filePath(QStringLiteral("rw"));
        const QString ro = m_tmp.filePath(QStringLiteral("rovol"));
        QVERIFY(QDir().mkpath(rw) && QDir().mkpath(ro));
        QVERIFY(::chown(QFile::encodeName(rw).constData(), 100000, 100000) == 0);
        QVERIFY(::chown(QFile::encodeName(ro).constData(), 100000, 100000) == 0);
        const Run r = inSandbox(QStringLiteral("echo data > /data/file && touch /ro/x; id -u"),
                                {QStringLiteral("-v"), rw + QStringLiteral(":/data"),
                                 QStringLiteral("-v"), ro + QStringLiteral(":/ro:ro")});
        QVERIFY2(r.err.contains(QStringLiteral("Read-only")), qPrintable(r.err));
        QVERIFY(!QFile::exists(ro + QStringLiteral("/x")));
        struct stat st {};
        QVERIFY(::stat(QFile::encodeName(rw + QStringLiteral("/file")).constData(), &st) == 0);
        // Root inside is host uid 100000, not host root.
        QCOMPARE(st.st_uid, 100000u);
        // Writing into the root-owned rootfs is refused: root inside is nobody there.
        QVERIFY(inSandbox(QStringLiteral("touch /bin/x")).exitCode != 0);
        QVERIFY(!QFile::exists(m_root + QStringLiteral("/bin/x")));
    }

    void memoryLimitReportsOom() {
        const Run r = inSandbox(QStringLiteral("x=a; while true; do x=$x$x; done"),
                                {QStringLiteral("--memory"), QStringLiteral("32M")});
        QCOMPARE(r.exitCode, 137);
        QVERIFY2(r.err.contains(QStringLiteral("ran out of memory")), qPrintable(r.err));
    }

    // Swap beyond memory and the CPU and disk shares, as the host's hierarchies hold them
    // while the sandbox runs. Where the kernel has no group weights for the disk, asking
    // for one is one clear line instead of a silent no-op.
    void weightsAndSwapOnTheRealHierarchy() {
        const Run probe = inSandbox(QStringLiteral("true"),
                                    {QStringLiteral("--io-weight"), QStringLiteral("200")});
        const bool ioWeights = probe.exitCode == 0;
        if (!ioWeights) {
            QVERIFY2(probe.err.contains(QStringLiteral("an I/O weight needs")) &&
                         probe.err.count(QLatin1Char('\n')) == 1,
                     qPrintable(probe.err));
            // On v1 the groups are made while the init already builds its root: that init
            // is gone with them.
            QVERIFY2(leftoverCgroups().isEmpty(),
                     qPrintable(leftoverCgroups().join(QLatin1Char(' '))));
        }
        QStringList args{QStringLiteral("--library"),    m_tmp.filePath(QStringLiteral("lib")),
                         QStringLiteral("sandbox"),      QStringLiteral("run"),
                         QStringLiteral("--rootfs"),     m_root,
                         QStringLiteral("--memory"),     QStringLiteral("64M"),
                         QStringLiteral("--swap"),       QStringLiteral("32M"),
                         QStringLiteral("--cpu-weight"), QStringLiteral("50")};
        if (ioWeights) args << QStringLiteral("--io-weight") << QStringLiteral("200");
        QProcess p;
        p.start(QStringLiteral(VIREOCTL_PATH),
                args + QStringList{QStringLiteral("--"), QStringLiteral("/bin/sleep"),
                                   QStringLiteral("30")});
        QVERIFY(p.waitForStarted());
        QStringList groups;
        for (int i = 0; i < 100 && groups.size() < 3; ++i) {
            QTest::qWait(50);
            groups = leftoverCgroups();
        }
        auto read = [&](const QString& file) {
            for (const auto& g : groups) {
                QFile f(g + QLatin1Char('/') + file);
                if (f.open(QIODevice::ReadOnly)) return QString::fromLatin1(f.readAll()).trimmed();
            }
            return QStringLiteral("<none>");
        };
        const QString memory = read(QStringLiteral("memory.limit_in_bytes"));
        const QString memsw = read(QStringLiteral("memory.memsw.limit_in_bytes"));
        const QString shares = read(QStringLiteral("cpu.shares"));
        const QString bfq = read(QStringLiteral("blkio.bfq.weight"));
        const QString v2swap = read(QStringLiteral("memory.swap.max"));
        const QString v2weight = read(QStringLiteral("cpu.weight"));
        p.terminate(); // the runtime passes it on and cleans up
        QVERIFY(p.waitForFinished(15000));
        if (memory != QLatin1String("<none>")) { // v1 or hybrid, as here
            QCOMPARE(memory, QString::number(64 << 20));
            QCOMPARE(memsw, QString::number(96 << 20)); // memory and swap together
            QCOMPARE(shares, QStringLiteral("512"));    // v1's default share is 1024
            if (ioWeights && bfq != QLatin1String("<none>")) QCOMPARE(bfq, QStringLiteral("20"));
        } else {
            QCOMPARE(v2swap, QString::number(32 << 20));
            QCOMPARE(v2weight, QStringLiteral("50"));
        }
        QVERIFY2(leftoverCgroups().isEmpty(), qPrintable(leftoverCgroups().join(QLatin1Char(' '))));
    }

    // The quick probe of the standard mounts (a statfs each) finds what mountinfo says, for
    // every controller this process is in.
    void layoutProbeAgreesWithMountinfo() {
        const CgroupLayout quick = probeCgroupLayout();
        const CgroupLayout full = probeCgroupLayoutFromMountinfo();
        QCOMPARE(cgroupLayoutName(quick.kind), cgroupLayoutName(full.kind));
        QCOMPARE(quick.v2Mount, full.v2Mount);
        QCOMPARE(quick.v2OwnPath, full.v2OwnPath);
        QCOMPARE(quick.v2Controllers, full.v2Controllers);
        QCOMPARE(quick.v1OwnPath, full.v1OwnPath);
        for (const auto& [controller, own] : full.v1OwnPath) {
            if (controller.find('=') != std::string::npos) continue; // a named hierarchy
            const auto mount = full.v1Mounts.find(controller);
            const auto found = quick.v1Mounts.find(controller);
            QVERIFY2(found != quick.v1Mounts.end(), controller.c_str());
            QCOMPARE(found->second, mount->second);
        }
        QCOMPARE(quick.v1OwnDir("memory"), full.v1OwnDir("memory"));
    }

    // The v2 driver on this kernel's own cgroup2 hierarchy, not a file tree: the group is
    // made, a process cloned with CLONE_INTO_CGROUP is born inside it, and it is removed.
    void v2DriverOnTheRealCgroup2() {
        const CgroupLayout layout = probeCgroupLayout();
        if (layout.v2Mount.empty()) QSKIP("this kernel has no cgroup2 mount");
        const QString own =
            layout.v2OwnPath == "/" ? QString() : QString::fromStdString(layout.v2OwnPath);
        const QString name = QStringLiteral("vireo-sb.v2probe.%1").arg(::getpid());
        std::vector<std::string> usable;
        for (const char* c : {"memory", "pids"})
            if (layout.hasV2(c)) usable.emplace_back(c);
        auto d = makeCgroupV2Driver(layout.v2OwnDir(), name.toStdString(), usable);
        SandboxLimits limits;
        if (layout.hasV2("memory")) limits.memoryBytes = 64ull << 20;
        if (layout.hasV2("pids")) limits.pids = 32;
        const MaybeFault made = d->create(limits);
        QVERIFY2(!made, made ? made->message.c_str() : "");
        const QString dir = QString::fromStdString(layout.v2OwnDir()) + QLatin1Char('/') + name;
        QVERIFY(QFileInfo(dir).isDir());
        QCOMPARE(cgroup2OfChildBornIn(d->cloneIntoFd()), own + QLatin1Char('/') + name);
        if (limits.memoryBytes) {
            QFile max(dir + QStringLiteral("/memory.max"));
            QVERIFY(max.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromLatin1(max.readAll()).trimmed(), QString::number(64 << 20));
        }
        QVERIFY(!d->destroy());
        QVERIFY(!QFileInfo::exists(dir));
        if (!limits.memoryBytes)
            QSKIP("the cgroup2 mount here holds no memory or pids controller (a hybrid host): "
                  "v2 limits are tested on a file tree");
    }

    void pidsLimitStopsForkBomb() {
        QElapsedTimer t;
        t.start();
        const Run r =
            inSandbox(QStringLiteral("for i in $(seq 200); do sleep 30 & done; echo spawned"),
                      {QStringLiteral("--pids"), QStringLiteral("16")});
        QVERIFY2(r.err.contains(QStringLiteral("can't fork")) ||
                     r.err.contains(QStringLiteral("Resource temporarily unavailable")),
                 qPrintable(r.err));
        // The sleepers die with the sandbox's init; the run does not wait 30 s for them.
        QVERIFY(t.elapsed() < 20000);
    }

    void badInputIsOneLine_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("missing rootfs")
            << QStringList{QStringLiteral("--rootfs"), QStringLiteral("/nonexistent-root")} << 1;
        QTest::newRow("negative pids")
            << QStringList{QStringLiteral("--pids"), QStringLiteral("-3")} << 1;
        QTest::newRow("swap without memory")
            << QStringList{QStringLiteral("--swap"), QStringLiteral("64M")} << 1;
        QTest::newRow("zero cpu weight")
            << QStringList{QStringLiteral("--cpu-weight"), QStringLiteral("0")} << 1;
        QTest::newRow("huge io weight")
            << QStringList{QStringLiteral("--io-weight"), QStringLiteral("10001")} << 1;
        QTest::newRow("escaping volume")
            << QStringList{QStringLiteral("-v"), QStringLiteral("/tmp:/data/../../etc")} << 1;
        QTest::newRow("unknown network")
            << QStringList{QStringLiteral("--network"), QStringLiteral("nosuchnet")} << 1;
    }
    void badInputIsOneLine() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QStringList all{QStringLiteral("sandbox"), QStringLiteral("run")};
        if (!args.contains(QStringLiteral("--rootfs"))) all << QStringLiteral("--rootfs") << m_root;
        const Run r =
            vireoctl(all + args + QStringList{QStringLiteral("--"), QStringLiteral("/bin/true")});
        QCOMPARE(r.exitCode, exitCode);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(r.err.startsWith(QStringLiteral("vireoctl: ")));
        QVERIFY(r.err.contains(QStringLiteral("; ")));
    }

    void readOnlyRootWithATmpfs() {
        const Run r = inSandbox(
            QStringLiteral(
                "touch /x 2>/dev/null && echo wrote-root; echo data > /tmp/f && cat /tmp/f; "
                "head -c 2000000 /dev/zero > /tmp/big 2>/dev/null || echo tmpfs-full; "
                "awk '$5 == \"/\" {print $6}' /proc/self/mountinfo"),
            {QStringLiteral("--read-only"), QStringLiteral("--tmpfs"), QStringLiteral("/tmp:1M")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.out.contains(QStringLiteral("wrote-root")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("data\ntmpfs-full\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("ro,")), qPrintable(r.out));
        // The rootfs's own /tmp is untouched: the tmpfs was the sandbox's alone.
        QVERIFY(!QFile::exists(m_root + QStringLiteral("/tmp/f")));
        const Run bad = inSandbox(QStringLiteral("true"),
                                  {QStringLiteral("--tmpfs"), QStringLiteral("/a/../../etc")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("/a/../../etc")), qPrintable(bad.err));
    }

    void terminalWithTheCallersSize() {
        // -it gives the command a terminal of the caller's size; Ctrl-C reaches the
        // command inside, not vireoctl; a resize follows.
        PtySession pty(m_tmp.filePath(QStringLiteral("lib")),
                       {QStringLiteral("sandbox"), QStringLiteral("run"), QStringLiteral("-it"),
                        QStringLiteral("--rootfs"), m_root, QStringLiteral("--"),
                        QStringLiteral("/bin/sh")},
                       30, 100);
        QVERIFY(pty.started());
        pty.read(500);
        pty.type("[ -t 0 ] && echo tty-yes; stty size\r");
        pty.read(5000, "30 100");
        pty.type("sleep 100; echo slept-through\r");
        pty.read(700);
        pty.type("\x03"); // interrupts the sleep and abandons the rest of the line
        pty.read(300);
        pty.resize(40, 120);
        pty.read(300);
        pty.type("stty size; exit 7\r");
        const int code = pty.finish();
        QVERIFY2(pty.output().contains("tty-yes"), pty.output().constData());
        QVERIFY2(pty.output().contains("30 100"), pty.output().constData());
        QVERIFY2(pty.output().contains("40 120"), pty.output().constData());
        QVERIFY2(!pty.output().contains("\nslept-through"), pty.output().constData());
        QCOMPARE(code, 7);
    }

    void killingTheRuntimeKillsTheSandbox() {
        QProcess p;
        p.start(QStringLiteral(VIREOCTL_PATH),
                {QStringLiteral("sandbox"), QStringLiteral("run"), QStringLiteral("--rootfs"),
                 m_root, QStringLiteral("--"), QStringLiteral("/bin/sleep"),
                 QStringLiteral("4711")});
        QVERIFY(p.waitForStarted());
        QTest::qWait(500);
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        p.waitForFinished();
        QTest::qWait(300);
        QProcess pgrep;
        pgrep.start(
            QStringLiteral("sh"),
            {QStringLiteral("-c"),
             QStringLiteral("grep -l 4711 /proc/[0-9]*/cmdline 2>/dev/null | grep -v self")});
        pgrep.waitForFinished();
        const QString left = QString::fromLocal8Bit(pgrep.readAllStandardOutput()).trimmed();
        QVERIFY2(left.isEmpty() || !QFile::exists(left),
                 qPrintable(QStringLiteral("orphan: ") + left));
        // Its groups stayed behind (the runtime died); the next run reconciles them.
        QCOMPARE(inSandbox(QStringLiteral("true")).exitCode, 0);
        QVERIFY2(leftoverCgroups().isEmpty(), qPrintable(leftoverCgroups().join(QLatin1Char(' '))));
    }

    // Once the command has run a moment, `sandbox run` is the small monitor, not the Qt CLI:
    // the same pid, signals still reach the command, and the groups still go when it ends.
    void aWaitingSandboxIsHeldByTheMonitor() {
        QProcess p;
        p.start(QStringLiteral(VIREOCTL_PATH),
                {QStringLiteral("sandbox"), QStringLiteral("run"), QStringLiteral("--rootfs"),
                 m_root, QStringLiteral("--memory"), QStringLiteral("32M"),
                 QStringLiteral("--pids"), QStringLiteral("16"), QStringLiteral("--"),
                 QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                 QStringLiteral("trap 'echo got-term; exit 42' TERM; echo ready; "
                                "while true; do sleep 0.1; done")});
        QVERIFY(p.waitForStarted());
        QVERIFY(p.waitForReadyRead(10000));
        QCOMPARE(p.readLine().trimmed(), QByteArray("ready"));
        const QString proc = QStringLiteral("/proc/%1").arg(p.processId());
        // vireoctl waits itself for a moment (a command that ends at once needs no monitor),
        // then hands over.
        QTRY_COMPARE_WITH_TIMEOUT(
            QFileInfo(QFile::symLinkTarget(proc + QStringLiteral("/exe"))).fileName(),
            QStringLiteral("vireo-sandbox-monitor"), 5000);
        QFile status(proc + QStringLiteral("/status"));
        QVERIFY(status.open(QIODevice::ReadOnly));
        const QByteArray text = status.readAll();
        const qsizetype at = text.indexOf("VmRSS:");
        QVERIFY(at >= 0);
        qInfo("the monitor holds %s",
              text.mid(at, text.indexOf('\n', at) - at).simplified().constData());
        QVERIFY(!leftoverCgroups().isEmpty()); // its groups exist while it runs
        ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 42);
        QVERIFY(p.readAllStandardOutput().contains("got-term"));
        QVERIFY2(leftoverCgroups().isEmpty(), qPrintable(leftoverCgroups().join(QLatin1Char(' '))));
    }

    void nothingLeftInAnyHierarchy() {
        QVERIFY2(leftoverCgroups().isEmpty(), qPrintable(leftoverCgroups().join(QLatin1Char(' '))));
    }

    void keptDefinitionsAreListed() {
        QCOMPARE(
            inSandbox(QStringLiteral("true"), {QStringLiteral("--name"), QStringLiteral("kept"),
                                               QStringLiteral("--memory"), QStringLiteral("64M")})
                .exitCode,
            0);
        const Run r =
            vireoctl({QStringLiteral("--json"), QStringLiteral("sandbox"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("\"name\": \"kept\"")), qPrintable(r.out));
        QVERIFY(QFile::exists(m_tmp.filePath(QStringLiteral("lib/.sandboxes/kept/sandbox.json"))));
    }

    // A named volume outlives the sandboxes writing it, belongs to the sandbox's root on
    // the host, and cannot be deleted while a kept sandbox names it.
    void namedVolumesOutliveSandboxes() {
        QCOMPARE(inSandbox(QStringLiteral("echo kept-data > /data/f"),
                           {QStringLiteral("-v"), QStringLiteral("shared:/data")})
                     .exitCode,
                 0);
        const QString folder = m_tmp.filePath(QStringLiteral("lib/.volumes/shared"));
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(folder + QStringLiteral("/f")).constData(), &st), 0);
        QCOMPARE(st.st_uid, uid_t(100000));
        Run r = inSandbox(QStringLiteral("cat /data/f"),
                          {QStringLiteral("-v"), QStringLiteral("shared:/data:ro")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("kept-data"));
        r = inSandbox(QStringLiteral("echo x > /data/g"),
                      {QStringLiteral("-v"), QStringLiteral("shared:/data:ro")});
        QVERIFY(r.exitCode != 0); // read-only stays read-only
        QCOMPARE(inSandbox(QStringLiteral("true"),
                           {QStringLiteral("--name"), QStringLiteral("user"), QStringLiteral("-v"),
                            QStringLiteral("shared:/data")})
                     .exitCode,
                 0);
        r = vireoctl(
            {QStringLiteral("--json"), QStringLiteral("sandbox"), QStringLiteral("volumes")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray volumes = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(volumes.size(), 1);
        QCOMPARE(volumes.first().toObject().value(QStringLiteral("used_by")).toArray(),
                 (QJsonArray{QStringLiteral("user")}));
        QCOMPARE(volumes.first().toObject().value(QStringLiteral("bytes")).toInt(), 10);
        r = vireoctl(
            {QStringLiteral("sandbox"), QStringLiteral("volume-rm"), QStringLiteral("shared")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("used by sandbox user")), qPrintable(r.err));
        QCOMPARE(vireoctl({QStringLiteral("sandbox"), QStringLiteral("rm"), QStringLiteral("user")})
                     .exitCode,
                 0);
        QVERIFY(QFile::exists(folder + QStringLiteral("/f"))); // rm keeps the volume
        QCOMPARE(vireoctl({QStringLiteral("sandbox"), QStringLiteral("volume-rm"),
                           QStringLiteral("shared")})
                     .exitCode,
                 0);
        QVERIFY(!QFileInfo::exists(folder));
        r = vireoctl(
            {QStringLiteral("sandbox"), QStringLiteral("volume-rm"), QStringLiteral("shared")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("does not exist")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestSandboxRun)
#include "tst_sandbox_run.moc"
