// Kept sandboxes in the background: create, start, stats, logs, stop (TERM, then KILL),
// kill, rm — and a runtime killed with -9 that the next command reconciles. Real
// namespaces and cgroups through vireoctl; needs root and busybox-static.
#include "SandboxTestSupport.h"
#include "sandbox/runtime/CgroupLayout.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace vireo;
using namespace vireo::test;

class TestSandboxLifecycle : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_root;

    Run vireoctl(const QStringList& args) {
        return runVireoctl(m_tmp.filePath(QStringLiteral("lib")), args);
    }
    Run sandbox(const QStringList& args) {
        return vireoctl(QStringList{QStringLiteral("sandbox")} + args);
    }

    void create(const QString& name, const QString& script, const QStringList& options = {}) {
        const Run r = sandbox(QStringList{QStringLiteral("create"), QStringLiteral("--name"), name,
                                          QStringLiteral("--rootfs"), m_root} +
                              options +
                              QStringList{QStringLiteral("--"), QStringLiteral("/bin/sh"),
                                          QStringLiteral("-c"), script});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    QJsonObject listed(const QString& name) {
        const Run r =
            vireoctl({QStringLiteral("--json"), QStringLiteral("sandbox"), QStringLiteral("list")});
        for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            if (v.toObject().value(QStringLiteral("name")).toString() == name) return v.toObject();
        return {};
    }

    QString state(const QString& name) {
        return listed(name).value(QStringLiteral("state")).toString();
    }

    QString logOf(const QString& name) { return sandbox({QStringLiteral("logs"), name}).out; }

    // Waits until the log shows `text` (the payload got that far).
    bool waitForLog(const QString& name, const QString& text) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000) {
            if (logOf(name).contains(text)) return true;
            QTest::qWait(50);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase() {
        if (*sandboxSkipReason()) QSKIP(sandboxSkipReason());
        QVERIFY(m_tmp.isValid());
        m_root = makeSandboxTestRoot(
            m_tmp.path(), {QStringLiteral("sh"), QStringLiteral("sleep"), QStringLiteral("echo"),
                           QStringLiteral("cat"), QStringLiteral("head"), QStringLiteral("true"),
                           QStringLiteral("ps"), QStringLiteral("hostname"), QStringLiteral("grep"),
                           QStringLiteral("stty")});
        QVERIFY(!m_root.isEmpty());
    }

    void startRunsInTheBackgroundUntilStopped() {
        create(QStringLiteral("web"),
               QStringLiteral("echo ready; trap 'echo got TERM; exit 3' TERM; "
                              "while true; do sleep 0.1; done"),
               {QStringLiteral("--memory"), QStringLiteral("64M"), QStringLiteral("--pids"),
                QStringLiteral("32")});
        QCOMPARE(state(QStringLiteral("web")), QStringLiteral("created"));

        const Run start = sandbox({QStringLiteral("start"), QStringLiteral("web")});
        QVERIFY2(start.exitCode == 0, qPrintable(start.err));
        QVERIFY2(start.out.startsWith(QStringLiteral("Started sandbox 'web' (pid ")),
                 qPrintable(start.out));
        const QJsonObject running = listed(QStringLiteral("web"));
        QCOMPARE(running.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
        const qint64 pid = running.value(QStringLiteral("pid")).toInteger();
        QVERIFY(pid > 1);
        QVERIFY(QFile::exists(QStringLiteral("/proc/%1").arg(pid)));
        QVERIFY(waitForLog(QStringLiteral("web"), QStringLiteral("ready\n")));

        // A second start is refused in one line; the first keeps running.
        const Run again = sandbox({QStringLiteral("start"), QStringLiteral("web")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("already running")), qPrintable(again.err));
        QCOMPARE(state(QStringLiteral("web")), QStringLiteral("running"));

        // Live use from its cgroups: limits as set, a few processes, some memory.
        const Run stats =
            sandbox({QStringLiteral("stats"), QStringLiteral("--json"), QStringLiteral("web")});
        QVERIFY2(stats.exitCode == 0, qPrintable(stats.err));
        const QJsonObject s = QJsonDocument::fromJson(stats.out.toUtf8()).object();
        QCOMPARE(s.value(QStringLiteral("memoryLimit")).toDouble(), 64.0 * 1024 * 1024);
        QCOMPARE(s.value(QStringLiteral("pidsLimit")).toDouble(), 32.0);
        QVERIFY2(s.value(QStringLiteral("pids")).toDouble() >= 2, qPrintable(stats.out));
        QVERIFY2(s.value(QStringLiteral("memoryBytes")).toDouble() > 0, qPrintable(stats.out));
        QVERIFY(s.contains(QStringLiteral("cpuSeconds")));

        // stop: SIGTERM reaches the payload, which exits with its own code.
        const Run stop = sandbox({QStringLiteral("stop"), QStringLiteral("web")});
        QVERIFY2(stop.exitCode == 0, qPrintable(stop.err));
        const QJsonObject exited = listed(QStringLiteral("web"));
        QCOMPARE(exited.value(QStringLiteral("state")).toString(), QStringLiteral("exited"));
        QCOMPARE(exited.value(QStringLiteral("exitCode")).toInt(), 3);
        QVERIFY(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)));
        QVERIFY(logOf(QStringLiteral("web")).contains(QStringLiteral("got TERM")));
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));

        // Stopping a stopped sandbox is no error; starting it again works.
        QCOMPARE(sandbox({QStringLiteral("stop"), QStringLiteral("web")}).exitCode, 0);
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("web")}).exitCode, 0);
        QCOMPARE(state(QStringLiteral("web")), QStringLiteral("running"));
        QCOMPARE(sandbox({QStringLiteral("stop"), QStringLiteral("web")}).exitCode, 0);
    }

    void stopEscalatesToKill() {
        create(QStringLiteral("stubborn"),
               QStringLiteral("trap '' TERM; echo ready; while true; do sleep 0.1; done"));
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("stubborn")}).exitCode, 0);
        QVERIFY(waitForLog(QStringLiteral("stubborn"), QStringLiteral("ready")));
        QElapsedTimer t;
        t.start();
        const Run stop = sandbox({QStringLiteral("stop"), QStringLiteral("--time"),
                                  QStringLiteral("1"), QStringLiteral("stubborn")});
        QVERIFY2(stop.exitCode == 0, qPrintable(stop.err));
        QVERIFY2(t.elapsed() >= 1000, "SIGKILL came before the grace period ended");
        QCOMPARE(listed(QStringLiteral("stubborn")).value(QStringLiteral("exitCode")).toInt(),
                 128 + SIGKILL);
    }

    void killSendsTheSignalToThePayload() {
        create(QStringLiteral("sig"),
               QStringLiteral("trap 'echo got USR1; exit 7' USR1; echo ready; "
                              "while true; do sleep 0.1; done"));
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("sig")}).exitCode, 0);
        QVERIFY(waitForLog(QStringLiteral("sig"), QStringLiteral("ready")));
        const Run kill = sandbox({QStringLiteral("kill"), QStringLiteral("--signal"),
                                  QStringLiteral("USR1"), QStringLiteral("sig")});
        QVERIFY2(kill.exitCode == 0, qPrintable(kill.err));
        QVERIFY(waitForLog(QStringLiteral("sig"), QStringLiteral("got USR1")));
        QElapsedTimer t;
        t.start();
        while (state(QStringLiteral("sig")) != QLatin1String("exited") && t.elapsed() < 5000)
            QTest::qWait(50);
        QCOMPARE(listed(QStringLiteral("sig")).value(QStringLiteral("exitCode")).toInt(), 7);
    }

    void killedRuntimeIsReconciled() {
        create(QStringLiteral("orphan"), QStringLiteral("echo ready; exec sleep 4712"));
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("orphan")}).exitCode, 0);
        QVERIFY(waitForLog(QStringLiteral("orphan"), QStringLiteral("ready")));
        const qint64 init =
            listed(QStringLiteral("orphan")).value(QStringLiteral("pid")).toInteger();
        QFile pidFile(m_tmp.filePath(QStringLiteral("lib/.sandboxes/orphan/runtime.pid")));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const pid_t runtime = pidFile.readAll().trimmed().toInt();
        QVERIFY(runtime > 1);
        QCOMPARE(::kill(runtime, SIGKILL), 0);
        QElapsedTimer t;
        t.start();
        while (QFile::exists(QStringLiteral("/proc/%1").arg(init)) && t.elapsed() < 5000)
            QTest::qWait(20);
        QVERIFY2(!QFile::exists(QStringLiteral("/proc/%1").arg(init)),
                 "the sandbox outlived its runtime");
        // The next command tells the truth and clears the cgroups the runtime left.
        const QJsonObject o = listed(QStringLiteral("orphan"));
        QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("exited"));
        QVERIFY2(o.value(QStringLiteral("error"))
                     .toString()
                     .contains(QStringLiteral("ended unexpectedly")),
                 qPrintable(QJsonDocument(o).toJson()));
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("orphan")}).exitCode, 0);
        QCOMPARE(sandbox({QStringLiteral("kill"), QStringLiteral("orphan")}).exitCode, 0);
        QCOMPARE(state(QStringLiteral("orphan")), QStringLiteral("exited"));
    }

    void rmOfARunningSandboxNeedsForce() {
        create(QStringLiteral("busy"), QStringLiteral("exec sleep 4713"));
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("busy")}).exitCode, 0);
        const Run rm = sandbox({QStringLiteral("rm"), QStringLiteral("busy")});
        QCOMPARE(rm.exitCode, 1);
        QVERIFY2(rm.err.contains(QStringLiteral("--force")), qPrintable(rm.err));
        QCOMPARE(state(QStringLiteral("busy")), QStringLiteral("running"));
        const Run forced =
            sandbox({QStringLiteral("rm"), QStringLiteral("--force"), QStringLiteral("busy")});
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
        QVERIFY(listed(QStringLiteral("busy")).isEmpty());
        QVERIFY(!QFile::exists(m_tmp.filePath(QStringLiteral("lib/.sandboxes/busy"))));
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
    }

    void execJoinsTheRunningSandbox() {
        create(QStringLiteral("joined"), QStringLiteral("exec sleep 4714"),
               {QStringLiteral("--hostname"), QStringLiteral("inner")});
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("joined")}).exitCode, 0);
        // Same pid namespace (the payload is visible, no host process is), same hostname,
        // the payload's confinement, and the command's own exit code.
        const Run r =
            sandbox({QStringLiteral("exec"), QStringLiteral("joined"), QStringLiteral("--"),
                     QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                     QStringLiteral("hostname; ps; grep Seccomp: /proc/self/status; "
                                    "exit 5")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.out.contains(QStringLiteral("inner\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("sleep 4714")), qPrintable(r.out));
        for (const auto& line : r.out.split(QLatin1Char('\n'))) {
            const int pid = line.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty).toInt();
            QVERIFY2(pid < 20, qPrintable(QStringLiteral("host pid visible: ") + line));
        }
        QVERIFY2(r.out.contains(QStringLiteral("Seccomp:\t2")), qPrintable(r.out));
        // A command that does not exist inside is one line, naming it.
        const Run missing = sandbox({QStringLiteral("exec"), QStringLiteral("joined"),
                                     QStringLiteral("--"), QStringLiteral("/no/such")});
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(missing.err.contains(QStringLiteral("/no/such")), qPrintable(missing.err));
        // -it: a terminal of the caller's size.
        PtySession pty(m_tmp.filePath(QStringLiteral("lib")),
                       {QStringLiteral("sandbox"), QStringLiteral("exec"), QStringLiteral("-it"),
                        QStringLiteral("joined"), QStringLiteral("--"), QStringLiteral("/bin/sh")},
                       33, 99);
        QVERIFY(pty.started());
        pty.read(500);
        pty.type("[ -t 0 ] && echo tty-yes; stty size; exit 4\r");
        QCOMPARE(pty.finish(), 4);
        QVERIFY2(pty.output().contains("tty-yes") && pty.output().contains("33 99"),
                 pty.output().constData());
        QCOMPARE(sandbox({QStringLiteral("stop"), QStringLiteral("joined")}).exitCode, 0);
        const Run stopped = sandbox({QStringLiteral("exec"), QStringLiteral("joined"),
                                     QStringLiteral("--"), QStringLiteral("/bin/true")});
        QCOMPARE(stopped.exitCode, 1);
        QVERIFY2(stopped.err.contains(QStringLiteral("not running")), qPrintable(stopped.err));
    }

    void restartPolicyRestartsUntilStopped() {
        // on-failure:2: three runs in all, then it stays exited with the last code.
        create(QStringLiteral("flaky"), QStringLiteral("echo run; exit 3"),
               {QStringLiteral("--restart"), QStringLiteral("on-failure:2")});
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("flaky")}).exitCode, 0);
        QElapsedTimer t;
        t.start();
        while (listed(QStringLiteral("flaky")).value(QStringLiteral("restarts")).toInt() < 2 &&
               t.elapsed() < 10000)
            QTest::qWait(50);
        QVERIFY(waitForLog(QStringLiteral("flaky"), QStringLiteral("run\nrun\nrun\n")));
        QTest::qWait(1500); // no fourth run
        QCOMPARE(logOf(QStringLiteral("flaky")).count(QStringLiteral("run")), 3);
        const QJsonObject flaky = listed(QStringLiteral("flaky"));
        QCOMPARE(flaky.value(QStringLiteral("state")).toString(), QStringLiteral("exited"));
        QCOMPARE(flaky.value(QStringLiteral("exitCode")).toInt(), 3);
        QCOMPARE(flaky.value(QStringLiteral("restarts")).toInt(), 2);
        QCOMPARE(flaky.value(QStringLiteral("restart")).toString(), QStringLiteral("on-failure:2"));

        // always: started again after a clean exit too; stop ends it for good.
        create(QStringLiteral("forever"), QStringLiteral("echo tick; sleep 0.2"),
               {QStringLiteral("--restart"), QStringLiteral("always")});
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("forever")}).exitCode, 0);
        QVERIFY(waitForLog(QStringLiteral("forever"), QStringLiteral("tick\ntick\ntick\n")));
        QCOMPARE(sandbox({QStringLiteral("stop"), QStringLiteral("forever")}).exitCode, 0);
        const int ticks =
            static_cast<int>(logOf(QStringLiteral("forever")).count(QStringLiteral("tick")));
        QTest::qWait(1500);
        QCOMPARE(static_cast<int>(logOf(QStringLiteral("forever")).count(QStringLiteral("tick"))),
                 ticks);
        QCOMPARE(state(QStringLiteral("forever")), QStringLiteral("exited"));
        // A later start is a fresh count.
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("forever")}).exitCode, 0);
        QCOMPARE(listed(QStringLiteral("forever")).value(QStringLiteral("restarts")).toInt(), 0);
        QCOMPARE(sandbox({QStringLiteral("kill"), QStringLiteral("forever")}).exitCode, 0);
        QTest::qWait(800);
        QCOMPARE(state(QStringLiteral("forever")), QStringLiteral("exited"));
        QVERIFY(!QFile::exists(
            m_tmp.filePath(QStringLiteral("lib/.sandboxes/forever/stop-requested"))));
    }

    void failedStartIsOneLine() {
        // The rootfs vanished after create: start says so, and the record says why.
        const QString gone = m_tmp.filePath(QStringLiteral("gone"));
        QVERIFY(QDir().mkpath(gone));
        const Run c = sandbox({QStringLiteral("create"), QStringLiteral("--name"),
                               QStringLiteral("broken"), QStringLiteral("--rootfs"), gone,
                               QStringLiteral("--"), QStringLiteral("/bin/true")});
        QCOMPARE(c.exitCode, 0);
        QVERIFY(QDir(gone).removeRecursively());
        const Run start = sandbox({QStringLiteral("start"), QStringLiteral("broken")});
        QCOMPARE(start.exitCode, 1);
        QCOMPARE(start.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(start.err.contains(gone), qPrintable(start.err));
        QCOMPARE(state(QStringLiteral("broken")), QStringLiteral("exited"));
    }

    void badInputIsOneLine_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("start unknown")
            << QStringList{QStringLiteral("start"), QStringLiteral("nope")}
            << QStringLiteral("does not exist");
        QTest::newRow("stats not running")
            << QStringList{QStringLiteral("stats"), QStringLiteral("web")}
            << QStringLiteral("not running");
        QTest::newRow("bad signal")
            << QStringList{QStringLiteral("kill"), QStringLiteral("--signal"),
                           QStringLiteral("BOGUS"), QStringLiteral("web")}
            << QStringLiteral("BOGUS");
        QTest::newRow("create without name")
            << QStringList{QStringLiteral("create"), QStringLiteral("--rootfs"),
                           QStringLiteral("/"), QStringLiteral("--"), QStringLiteral("/bin/true")}
            << QStringLiteral("--name");
        QTest::newRow("bad restart policy")
            << QStringList{QStringLiteral("create"),    QStringLiteral("--name"),
                           QStringLiteral("rp"),        QStringLiteral("--rootfs"),
                           QStringLiteral("/"),         QStringLiteral("--restart"),
                           QStringLiteral("sometimes"), QStringLiteral("--"),
                           QStringLiteral("/bin/true")}
            << QStringLiteral("sometimes");
        QTest::newRow("create twice")
            << QStringList{QStringLiteral("create"),   QStringLiteral("--name"),
                           QStringLiteral("web"),      QStringLiteral("--rootfs"),
                           QStringLiteral("/"),        QStringLiteral("--"),
                           QStringLiteral("/bin/true")}
            << QStringLiteral("already exists");
    }

    void badInputIsOneLine() {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const Run r = sandbox(args);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QVERIFY2(r.err.startsWith(QStringLiteral("vireoctl")), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

    // A sandbox made with --tty keeps its terminal in the background: a client joins it
    // (and sees what came before), sets its size, leaves and comes back; sandbox attach
    // joins it from a terminal and Ctrl-] leaves it running.
    void terminalOutlivesItsClients() {
        QCOMPARE(sandbox({QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("tty"),
                          QStringLiteral("--tty"), QStringLiteral("--rootfs"), m_root,
                          QStringLiteral("--"), QStringLiteral("/bin/sh")})
                     .exitCode,
                 0);
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("tty")}).exitCode, 0);
        const QString dir = m_tmp.filePath(QStringLiteral("lib/.sandboxes/tty"));
        QLocalSocket console;
        for (int i = 0; i < 100 && console.state() != QLocalSocket::ConnectedState; ++i) {
            console.connectToServer(dir + QStringLiteral("/console.sock"));
            if (!console.waitForConnected(100)) QTest::qWait(50);
        }
        QCOMPARE(console.state(), QLocalSocket::ConnectedState);
        QByteArray seen;
        auto waitFor = [&](QLocalSocket& s, const QByteArray& text) {
            QElapsedTimer t;
            t.start();
            while (!seen.contains(text) && t.elapsed() < 10000)
                if (s.waitForReadyRead(100)) seen += s.readAll();
            return seen.contains(text);
        };
        console.write("echo hi-$((40+2))\n");
        QVERIFY2(waitFor(console, "hi-42"), seen.constData());
        QLocalSocket size;
        size.connectToServer(dir + QStringLiteral("/console-size.sock"));
        QVERIFY(size.waitForConnected(2000));
        size.write("33 101\n");
        QVERIFY(size.waitForBytesWritten(2000));
        QTest::qWait(200);
        console.write("stty size\n");
        QVERIFY2(waitFor(console, "33 101"), seen.constData());
        console.disconnectFromServer();
        // Back again: the last output is replayed first.
        QLocalSocket again;
        again.connectToServer(dir + QStringLiteral("/console.sock"));
        QVERIFY(again.waitForConnected(2000));
        seen.clear();
        QVERIFY2(waitFor(again, "hi-42"), seen.constData());
        again.disconnectFromServer();
        QCOMPARE(state(QStringLiteral("tty")), QStringLiteral("running"));

        PtySession attach(
            m_tmp.filePath(QStringLiteral("lib")),
            {QStringLiteral("sandbox"), QStringLiteral("attach"), QStringLiteral("tty")}, 24, 80);
        QVERIFY(attach.started());
        QVERIFY(attach.read(5000, "Press Ctrl-]"));
        attach.type("echo via-$((1+1))\r");
        QVERIFY2(attach.read(10000, "via-2"), attach.output().constData());
        attach.type("\x1d");
        QCOMPARE(attach.finish(), 0);
        QVERIFY(attach.output().contains("Detached from sandbox 'tty'"));
        QCOMPARE(state(QStringLiteral("tty")), QStringLiteral("running"));
        QVERIFY(logOf(QStringLiteral("tty")).contains(QStringLiteral("hi-42"))); // and the log

        // A sandbox without a terminal: one line saying where its output is.
        const Run plain = sandbox({QStringLiteral("attach"), QStringLiteral("web")});
        QCOMPARE(plain.exitCode, 1);
        QVERIFY2(plain.err.contains(QStringLiteral("has no terminal")), qPrintable(plain.err));
        QCOMPARE(sandbox({QStringLiteral("stop"), QStringLiteral("tty")}).exitCode, 0);
        QVERIFY(!QFile::exists(dir + QStringLiteral("/console.sock")));
        const Run stopped = sandbox({QStringLiteral("attach"), QStringLiteral("tty")});
        QCOMPARE(stopped.exitCode, 1);
        QVERIFY2(stopped.err.contains(QStringLiteral("is not running")), qPrintable(stopped.err));
    }

    void cleanupTestCase() {
        for (const auto& name :
             {QStringLiteral("web"), QStringLiteral("stubborn"), QStringLiteral("sig"),
              QStringLiteral("orphan"), QStringLiteral("joined"), QStringLiteral("tty")})
            sandbox({QStringLiteral("rm"), QStringLiteral("--force"), name});
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestSandboxLifecycle)
#include "tst_sandbox_lifecycle.moc"
