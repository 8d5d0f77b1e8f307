// vireoctl's Qt-free front (app/vireoctl/front): a plain `sandbox run` runs without loading
// Qt, does what the Qt CLI's run does, and anything else goes to the Qt CLI unchanged.
// Needs root and busybox-static, as the other sandbox tests.
#include "SandboxTestSupport.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <sys/stat.h>

using namespace vireo;
using namespace vireo::test;

class TestSandboxFront : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_root;

    QStringList run(const QStringList& options, const QStringList& command) const {
        return QStringList{QStringLiteral("sandbox"), QStringLiteral("run"),
                           QStringLiteral("--rootfs"), m_root} +
               options + QStringList{QStringLiteral("--")} + command;
    }

    enum class Monitor { Installed, Missing };

    // Starts vireoctl with `args` on this test's library. With the monitor missing, vireoctl
    // itself waits for the command.
    void startVireoctl(QProcess* p, const QStringList& args, Monitor monitor) const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("VIREO_LIBRARY"), m_tmp.filePath(QStringLiteral("lib")));
        if (monitor == Monitor::Missing)
            env.insert(QStringLiteral("VIREO_SANDBOX_MONITOR"),
                       QStringLiteral("/nonexistent/monitor"));
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(VIREOCTL_PATH), args);
    }

    // Starts `args` with no monitor to hand off to, so that vireoctl itself waits for the
    // command, and says whether its process ever had Qt mapped while the command ran.
    bool loadsQt(const QStringList& args) {
        QProcess p;
        startVireoctl(&p, args, Monitor::Missing);
        if (!p.waitForStarted() || !p.waitForReadyRead(10000)) return false;
        QFile maps(QStringLiteral("/proc/%1/maps").arg(p.processId()));
        const bool qt = maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libQt6Core");
        p.waitForFinished(10000);
        if (p.exitCode() != 0)
            qWarning("exit code %d: %s", p.exitCode(), p.readAllStandardError().constData());
        return qt && p.exitCode() == 0;
    }

    // True when no process is in any group named `group`.
    static bool groupsEmpty(const QString& group) {
        for (const QString& dir : leftoverSandboxCgroups()) {
            if (!dir.endsWith(QLatin1Char('/') + group)) continue;
            QFile procs(dir + QStringLiteral("/cgroup.procs"));
            if (procs.open(QIODevice::ReadOnly) && !procs.readAll().trimmed().isEmpty())
                return false;
        }
        return true;
    }

    // True while some process has `arg` as its second argument.
    static bool processWithArgument(const char* arg) {
        for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (!cmdline.open(QIODevice::ReadOnly)) continue;
            const QList<QByteArray> args = cmdline.readAll().split('\0');
            if (args.size() > 1 && args[1] == arg) return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase() {
        if (*sandboxSkipReason()) QSKIP(sandboxSkipReason());
        QVERIFY(m_tmp.isValid());
        m_root = makeSandboxTestRoot(m_tmp.path(),
                                     {QStringLiteral("sh"), QStringLiteral("echo"),
                                      QStringLiteral("cat"), QStringLiteral("sleep"),
                                      QStringLiteral("hostname"), QStringLiteral("touch")});
        QVERIFY(!m_root.isEmpty());
    }

    // The benchmark's case and the bread-and-butter one: limits, a volume, a read-only root.
    void aPlainRunLoadsNoQt() {
        const QStringList waitThenSleep{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                        QStringLiteral("echo up; sleep 1")};
        QVERIFY(!loadsQt(
            run({QStringLiteral("--memory"), QStringLiteral("64M"), QStringLiteral("--pids"),
                 QStringLiteral("64"), QStringLiteral("--cpus"), QStringLiteral("0.5"),
                 QStringLiteral("-v"), m_tmp.path() + QStringLiteral(":/data:ro"),
                 QStringLiteral("--read-only")},
                waitThenSleep)));
        // The same check tells the Qt CLI's run apart: an option the front leaves to it.
        QVERIFY(loadsQt(run({QStringLiteral("--hostname"), QStringLiteral("h")}, waitThenSleep)));
    }

    // What the front does must be what the Qt CLI did: the sandbox's hostname is its name,
    // a read-only volume and root refuse writes, the exit code comes through.
    void sameSandboxAsTheQtCli() {
        QFile marker(m_tmp.filePath(QStringLiteral("shared/marker")));
        QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("shared"))));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("from-host");
        marker.close();
        const Run r = runVireoctl(
            m_tmp.filePath(QStringLiteral("lib")),
            run({QStringLiteral("-v"),
                 m_tmp.filePath(QStringLiteral("shared")) + QStringLiteral(":/data:ro"),
                 QStringLiteral("--read-only"), QStringLiteral("--memory"), QStringLiteral("32M")},
                {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                 QStringLiteral("hostname; cat /data/marker; echo; touch /data/x || echo ro-vol; "
                                "touch /y || echo ro-root; exit 3")}));
        QCOMPARE(r.exitCode, 3);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[0].startsWith(QStringLiteral("run-")), qPrintable(r.out));
        QCOMPARE(lines.mid(1), (QStringList{QStringLiteral("from-host"), QStringLiteral("ro-vol"),
                                            QStringLiteral("ro-root")}));
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
    }

    // The start runs on one CPU, but the command gets every CPU this process may use: a
    // build inside is not held to one core. Its limit (--cpus) is the group's quota.
    void theCommandRunsOnEveryAllowedCpu() {
        QFile own(QStringLiteral("/proc/self/status"));
        QVERIFY(own.open(QIODevice::ReadOnly));
        QString hostCpus;
        for (const QByteArray& line : own.readAll().split('\n'))
            if (line.startsWith("Cpus_allowed_list:")) hostCpus = QString::fromLatin1(line);
        QVERIFY(!hostCpus.isEmpty());
        const Run r = runVireoctl(m_tmp.filePath(QStringLiteral("lib")),
                                  run({QStringLiteral("--memory"), QStringLiteral("32M")},
                                      {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                       QStringLiteral("cat /proc/self/status")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(hostCpus), qPrintable(hostCpus + QStringLiteral(" / ") + r.out));
    }

    // Bad input the front does not take goes to the Qt CLI, whose one-line errors stand.
    void badInputIsTheQtClisError() {
        const QString lib = m_tmp.filePath(QStringLiteral("lib"));
        struct Case {
            QStringList args;
            const char* error;
        } cases[] = {
            {run({QStringLiteral("--memory"), QStringLiteral("1K")}, {QStringLiteral("/bin/true")}),
             "too small to start anything"},
            {run({QStringLiteral("--pids"), QStringLiteral("-3")}, {QStringLiteral("/bin/true")}),
             "is not a positive number"},
            {run({QStringLiteral("-v"), QStringLiteral("/nonexistent/x:/x")},
                 {QStringLiteral("/bin/true")}),
             "does not exist"},
            {run({QStringLiteral("-v"), m_tmp.path() + QStringLiteral(":/../etc")},
                 {QStringLiteral("/bin/true")}),
             "escapes or replaces the root"},
            {{QStringLiteral("sandbox"), QStringLiteral("run"), QStringLiteral("--rootfs"),
              m_tmp.filePath(QStringLiteral("nope")), QStringLiteral("--"),
              QStringLiteral("/bin/true")},
             "is not an existing folder"},
        };
        for (const Case& c : cases) {
            const Run r = runVireoctl(lib, c.args);
            QVERIFY2(r.exitCode != 0 && r.err.contains(QLatin1String(c.error)) &&
                         r.err.trimmed().count(QLatin1Char('\n')) == 0,
                     qPrintable(c.args.join(QLatin1Char(' ')) + QStringLiteral(" -> ") + r.err));
        }
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
    }

    // vireoctl waits itself for a command's first moments (and for the whole run when the
    // monitor is missing): a SIGTERM then still reaches the command, and the groups go.
    void aSignalReachesTheCommandWhileTheFrontWaits() {
        QProcess p;
        startVireoctl(&p,
                      run({QStringLiteral("--memory"), QStringLiteral("32M")},
                          {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                           QStringLiteral("trap 'echo got-term; exit 42' TERM; echo ready; "
                                          "while true; do sleep 0.1; done")}),
                      Monitor::Missing);
        QVERIFY(p.waitForStarted());
        QVERIFY(p.waitForReadyRead(10000));
        QCOMPARE(p.readLine().trimmed(), QByteArray("ready"));
        QThread::msleep(200); // well past the moment a monitor would have taken over
        QCOMPARE(QFileInfo(QFile::symLinkTarget(QStringLiteral("/proc/%1/exe").arg(p.processId())))
                     .fileName(),
                 QStringLiteral("vireoctl"));
        ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 42);
        QVERIFY(p.readAllStandardOutput().contains("got-term"));
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
    }

    // A command the sandbox cannot start fails in the front before anything ran; the Qt
    // CLI then says why, once.
    // The run returns once the command ended: what it left running ends with it, its
    // groups are gone by then, and a quick command returns at once either way.
    void whatTheCommandLeftBehindEndsWithIt() {
        const QString lib = m_tmp.filePath(QStringLiteral("lib"));
        QElapsedTimer timer;
        timer.start();
        const Run left = runVireoctl(lib, run({QStringLiteral("--memory"), QStringLiteral("32M")},
                                              {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                               QStringLiteral("sleep 417 & exit 5")}));
        QCOMPARE(left.exitCode, 5);
        QVERIFY2(timer.elapsed() < 10000, "the run waited for what its command left running");
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
        // Its init may still be tearing the namespaces down: give it the time that takes.
        QDeadlineTimer gone(5000);
        while (processWithArgument("417") && !gone.hasExpired())
            QThread::msleep(10);
        QVERIFY2(!processWithArgument("417"), "the sandbox's sleep outlived the run");
        const Run alone = runVireoctl(
            lib, run({QStringLiteral("--pids"), QStringLiteral("16")},
                     {QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("exit 6")}));
        QCOMPARE(alone.exitCode, 6);
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
    }

    // The init keeps the `tasks` files of the runtime's own groups open while the command
    // runs (to leave by at the end): the command, root inside, must not reach them through
    // /proc/1/fd, or it could move itself out of its limits.
    void theCommandCannotReachTheInitsFiles() {
        const Run r = runVireoctl(
            m_tmp.filePath(QStringLiteral("lib")),
            run({QStringLiteral("--memory"), QStringLiteral("32M"), QStringLiteral("--pids"),
                 QStringLiteral("16")},
                {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                 QStringLiteral("for fd in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do "
                                "(echo 0 > /proc/1/fd/$fd) 2>/dev/null && echo reached $fd; "
                                "done; echo checked")}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("checked"));
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
    }

    // A run killed with its groups made leaves them, and its note in /run; the next run
    // finds them through the note (without listing every hierarchy) and removes both.
    void aKilledRunsGroupsGoWithTheNextRun() {
        QProcess p;
        startVireoctl(&p,
                      run({QStringLiteral("--memory"), QStringLiteral("32M"),
                           QStringLiteral("--pids"), QStringLiteral("16")},
                          {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                           QStringLiteral("echo up; sleep 30")}),
                      Monitor::Installed);
        QVERIFY(p.waitForStarted() && p.waitForReadyRead(10000));
        const QString group = QStringLiteral("vireo-sb.run-%1.%1").arg(p.processId());
        const QString note = QStringLiteral("/run/vireo/sandbox-groups/") + group;
        QVERIFY2(QFile::exists(note), qPrintable(note));
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(10000));
        QVERIFY2(leftoverSandboxCgroups().join(QLatin1Char(' ')).contains(group),
                 "the killed run's groups are not where the next run should find them");
        // Its init ends with it (parent-death signal), and the command with the init.
        QDeadlineTimer emptied(5000);
        while (!groupsEmpty(group) && !emptied.hasExpired())
            QThread::msleep(10);
        QVERIFY2(groupsEmpty(group), "the killed run's command outlived it");
        const Run next = runVireoctl(
            m_tmp.filePath(QStringLiteral("lib")),
            run({QStringLiteral("--pids"), QStringLiteral("8")},
                {QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("exit 0")}));
        QCOMPARE(next.exitCode, 0);
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
        QVERIFY2(!QFile::exists(note), qPrintable(note));
    }

    void aCommandThatCannotStartIsReportedOnce() {
        const Run r = runVireoctl(m_tmp.filePath(QStringLiteral("lib")),
                                  run({}, {QStringLiteral("/bin/not-there")}));
        QVERIFY2(r.exitCode != 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("/bin/not-there")), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestSandboxFront)
#include "tst_sandbox_front.moc"
