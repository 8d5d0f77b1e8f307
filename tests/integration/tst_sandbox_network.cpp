// Sandbox networks for real: NAT through pasta (the host's loopback reached through the
// gateway, published ports, nothing forwarded that was not asked for, pasta gone with the
// sandbox). Needs root, busybox-static and pasta (package passt).
#include "SandboxTestSupport.h"
#include "sandbox/runtime/CgroupLayout.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QScopeGuard>
#include <QSemaphore>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace vireo;
using namespace vireo::test;

namespace {

// A TCP server on the host's loopback that answers every connection with `reply`. It
// runs on a thread of its own: the test's thread blocks while vireoctl runs.
class LoopbackServer : public QThread {
public:
    LoopbackServer(quint16 port, const QByteArray& reply) : m_port(port), m_reply(reply) {
        start();
        m_listening.acquire();
    }
    ~LoopbackServer() override {
        m_stop = true;
        wait();
    }

protected:
    void run() override {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, m_port);
        m_listening.release();
        while (!m_stop) {
            if (!server.waitForNewConnection(50)) continue;
            QTcpSocket* s = server.nextPendingConnection();
            s->write(m_reply);
            s->waitForBytesWritten(1000);
            s->disconnectFromHost();
            delete s;
        }
    }

private:
    quint16 m_port;
    QByteArray m_reply;
    QSemaphore m_listening;
    std::atomic_bool m_stop{false};
};

// Whether a process whose command line has `marker` runs (pgrep by absolute path: a test
// may narrow PATH).
bool processRunning(const char* marker) {
    static const QString pgrepPath = QStandardPaths::findExecutable(QStringLiteral("pgrep"));
    QProcess pgrep;
    pgrep.start(pgrepPath, {QStringLiteral("-f"), QLatin1String(marker)});
    pgrep.waitForFinished();
    return pgrep.exitStatus() == QProcess::NormalExit && pgrep.exitCode() == 0;
}

bool pastaRunning() {
    return processRunning("vireo-pasta-");
}

// Reads what a server at 127.0.0.1:port says, retrying while it is not up yet.
QByteArray readFromHostPort(quint16 port) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (s.waitForConnected(1000)) {
            QByteArray got;
            while (s.waitForReadyRead(2000))
                got += s.readAll();
            if (!got.isEmpty()) return got;
        }
        QTest::qWait(100);
    }
    return {};
}

} // namespace

class TestSandboxNetwork : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_root;

    Run sandbox(const QStringList& args) {
        return runVireoctl(m_tmp.filePath(QStringLiteral("lib")),
                           QStringList{QStringLiteral("sandbox")} + args);
    }
    Run runNat(const QString& script, const QStringList& options = {}) {
        return sandbox(QStringList{QStringLiteral("run"), QStringLiteral("--rootfs"), m_root,
                                   QStringLiteral("--network"), QStringLiteral("nat")} +
                       options +
                       QStringList{QStringLiteral("--"), QStringLiteral("/bin/sh"),
                                   QStringLiteral("-c"), script});
    }

private Q_SLOTS:
    void initTestCase() {
        if (*sandboxSkipReason()) QSKIP(sandboxSkipReason());
        if (QStandardPaths::findExecutable(QStringLiteral("pasta")).isEmpty())
            QSKIP("needs pasta (package passt) for NAT sandboxes");
        QVERIFY(m_tmp.isValid());
        ::chmod(QFile::encodeName(m_tmp.path()).constData(), 0755);
        m_root = m_tmp.filePath(QStringLiteral("root"));
        QVERIFY(makeBusyboxRoot(m_root, {QStringLiteral("sh"), QStringLiteral("ip"),
                                         QStringLiteral("nc"), QStringLiteral("awk"),
                                         QStringLiteral("echo"), QStringLiteral("sleep"),
                                         QStringLiteral("cat"), QStringLiteral("timeout")}));
        QFile resolv(m_root + QStringLiteral("/etc/resolv.conf"));
        QVERIFY(resolv.open(QIODevice::WriteOnly));
        resolv.write("nameserver 192.0.2.53\n");
    }

    // The sandbox resolves with the host's resolvers, minus those on the host's loopback
    // (a local stub it cannot reach); with none left it keeps its root's own file.
    void natUsesTheHostsResolvers() {
        QFile host(QStringLiteral("/etc/resolv.conf"));
        QStringList reachable;
        if (host.open(QIODevice::ReadOnly))
            for (const QByteArray& line : host.readAll().split('\n'))
                if (line.trimmed().startsWith("nameserver")) {
                    const QString address = QString::fromLatin1(line.trimmed().mid(10).trimmed());
                    if (!QHostAddress(address).isLoopback()) reachable << address;
                }
        const Run r = runNat(QStringLiteral("cat /etc/resolv.conf"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        if (reachable.isEmpty()) {
            QCOMPARE(r.out, QStringLiteral("nameserver 192.0.2.53\n"));
        } else {
            for (const auto& address : reachable)
                QVERIFY2(r.out.contains(QStringLiteral("nameserver ") + address),
                         qPrintable(r.out));
            QVERIFY2(!r.out.contains(QStringLiteral("192.0.2.53")), qPrintable(r.out));
        }
    }

    void natGetsAnInterfaceAndADefaultRoute() {
        const Run r = runNat(QStringLiteral("ip -4 addr show; ip route"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("default via ")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("inet ")) &&
                     r.out.count(QStringLiteral("inet ")) >= 2, // loopback and the tap
                 qPrintable(r.out));
        QVERIFY2(!pastaRunning(), "pasta outlived the sandbox");
    }

    void natReachesTheHostThroughTheGateway() {
        LoopbackServer server(18931, "pong-from-host\n");
        // The reply is what counts. When both ends close at once, Debian 12's pasta now and
        // then drops the host's FIN (nc would wait in FIN-WAIT-2 for ever) or the reply
        // itself (here 1 to 3 runs in 20, before and after the launcher went):
        // up to three connections, each bounded.
        const Run r = runNat(QStringLiteral(
            "gw=$(ip route | awk '/default/ {print $3}'); for i in 1 2 3; do "
            "r=$(echo ping | timeout 5 nc $gw 18931); case $r in *pong*) echo $r; break;; esac; "
            "done"));
        QVERIFY2(r.out.contains(QStringLiteral("pong-from-host")),
                 qPrintable(r.out + r.err + QString::number(r.exitCode)));
    }

    void loopbackIsTheSandboxsOwn() {
        // pasta's default would forward the sandbox's 127.0.0.1 to the host's: not here.
        LoopbackServer server(18932, "host-secret\n");
        const Run r = runNat(QStringLiteral("echo x | nc -w 2 127.0.0.1 18932; echo done"));
        QVERIFY2(r.out.contains(QStringLiteral("done")), qPrintable(r.err));
        QVERIFY2(!r.out.contains(QStringLiteral("host-secret")), qPrintable(r.out));
    }

    void publishedPortReachesTheSandbox() {
        const Run c = sandbox(
            {QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("web"),
             QStringLiteral("--rootfs"), m_root, QStringLiteral("--network"), QStringLiteral("nat"),
             QStringLiteral("-p"), QStringLiteral("127.0.0.1:18933:80"), QStringLiteral("--"),
             QStringLiteral("/bin/sh"), QStringLiteral("-c"),
             QStringLiteral("while true; do echo hello-from-sandbox | nc -l -p "
                            "80; done")});
        QVERIFY2(c.exitCode == 0, qPrintable(c.err));
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("web")}).exitCode, 0);
        QCOMPARE(readFromHostPort(18933), QByteArray("hello-from-sandbox\n"));
        QVERIFY(pastaRunning());
        QCOMPARE(sandbox({QStringLiteral("stop"), QStringLiteral("--time"), QStringLiteral("1"),
                          QStringLiteral("web")})
                     .exitCode,
                 0);
        QVERIFY2(!pastaRunning(), "pasta outlived the stopped sandbox");
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), 18933);
        QVERIFY(!s.waitForConnected(500));
    }

    void unpublishedPortsStayClosed() {
        const Run c = sandbox(
            {QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("quiet"),
             QStringLiteral("--rootfs"), m_root, QStringLiteral("--network"), QStringLiteral("nat"),
             QStringLiteral("--"), QStringLiteral("/bin/sh"), QStringLiteral("-c"),
             QStringLiteral("echo ready; echo leak | nc -l -p 18934")});
        QVERIFY2(c.exitCode == 0, qPrintable(c.err));
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("quiet")}).exitCode, 0);
        QTest::qWait(1500); // pasta's "auto" mode would have bound the port by now
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), 18934);
        QVERIFY2(!s.waitForConnected(500), "a port the sandbox listens on reached the host");
        QCOMPARE(sandbox({QStringLiteral("rm"), QStringLiteral("--force"), QStringLiteral("quiet")})
                     .exitCode,
                 0);
    }

    void killedRuntimeTakesPastaAlong() {
        const Run c = sandbox(
            {QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("doomed"),
             QStringLiteral("--rootfs"), m_root, QStringLiteral("--network"), QStringLiteral("nat"),
             QStringLiteral("--"), QStringLiteral("/bin/sleep"), QStringLiteral("600")});
        QVERIFY2(c.exitCode == 0, qPrintable(c.err));
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("doomed")}).exitCode, 0);
        QVERIFY(pastaRunning());
        QFile pidFile(m_tmp.filePath(QStringLiteral("lib/.sandboxes/doomed/runtime.pid")));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        QCOMPARE(::kill(pidFile.readAll().trimmed().toInt(), SIGKILL), 0);
        QElapsedTimer t;
        t.start();
        while (pastaRunning() && t.elapsed() < 5000)
            QTest::qWait(50);
        QVERIFY2(!pastaRunning(), "pasta outlived its killed runtime");
        QCOMPARE(sandbox({QStringLiteral("rm"), QStringLiteral("doomed")}).exitCode, 0);
    }

    // Without pasta, slirp4netns gives the same NAT: an address and default route, the
    // host through the gateway, a published port and nothing else, gone with the sandbox.
    void slirp4netnsWhenPastaIsMissing() {
        const QString slirp = QStandardPaths::findExecutable(QStringLiteral("slirp4netns"));
        if (slirp.isEmpty()) QSKIP("needs slirp4netns (package slirp4netns)");
        // A PATH with slirp4netns and no pasta: what a host without passt offers.
        QVERIFY(!processRunning("no-such-process-anywhere")); // pgrep works at all
        const QString bin = m_tmp.filePath(QStringLiteral("nopasta-bin"));
        QVERIFY(QDir().mkpath(bin));
        QFile::link(slirp, bin + QStringLiteral("/slirp4netns"));
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", bin.toUtf8());
        auto restore = qScopeGuard([&] { qputenv("PATH", path); });
        auto slirpRunning = [] { return processRunning("vireo-slirp-"); };
        LoopbackServer server(18935, "pong-through-slirp\n");
        Run r = runNat(QStringLiteral("ip -4 addr show; ip route; "
                                      "gw=$(ip route | awk '/default/ {print $3}'); "
                                      "echo ping | nc -w 3 $gw 18935"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("10.0.2.100")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("default via 10.0.2.2")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("pong-through-slirp")), qPrintable(r.out));
        QVERIFY(!pastaRunning());
        QVERIFY2(!slirpRunning(), "slirp4netns outlived the sandbox");

        const Run c = sandbox(
            {QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("slirpweb"),
             QStringLiteral("--rootfs"), m_root, QStringLiteral("--network"), QStringLiteral("nat"),
             QStringLiteral("-p"), QStringLiteral("127.0.0.1:18936:80"), QStringLiteral("--"),
             QStringLiteral("/bin/sh"), QStringLiteral("-c"),
             QStringLiteral("echo leak | nc -l -p 81 & "
                            "while true; do echo hello-through-slirp | nc -l -p 80; done")});
        QVERIFY2(c.exitCode == 0, qPrintable(c.err));
        QCOMPARE(sandbox({QStringLiteral("start"), QStringLiteral("slirpweb")}).exitCode, 0);
        QCOMPARE(readFromHostPort(18936), QByteArray("hello-through-slirp\n"));
        QVERIFY(slirpRunning());
        QTcpSocket unpublished;
        unpublished.connectToHost(QStringLiteral("127.0.0.1"), 81);
        QVERIFY(!unpublished.waitForConnected(500));
        QCOMPARE(
            sandbox({QStringLiteral("rm"), QStringLiteral("--force"), QStringLiteral("slirpweb")})
                .exitCode,
            0);
        QElapsedTimer t;
        t.start();
        while (slirpRunning() && t.elapsed() < 5000)
            QTest::qWait(50);
        QVERIFY2(!slirpRunning(), "slirp4netns outlived the removed sandbox");
    }

    void badInputIsOneLine_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("port out of range")
            << QStringList{QStringLiteral("--network"), QStringLiteral("nat"), QStringLiteral("-p"),
                           QStringLiteral("99999:80")}
            << QStringLiteral("99999:80");
        QTest::newRow("port without nat")
            << QStringList{QStringLiteral("-p"), QStringLiteral("8080:80")}
            << QStringLiteral("--network nat");
        QTest::newRow("bad address")
            << QStringList{QStringLiteral("--network"), QStringLiteral("nat"), QStringLiteral("-p"),
                           QStringLiteral("300.1.1.1:8080:80")}
            << QStringLiteral("300.1.1.1");
    }

    void badInputIsOneLine() {
        QFETCH(QStringList, options);
        QFETCH(QString, mentions);
        const Run r =
            sandbox(QStringList{QStringLiteral("run"), QStringLiteral("--rootfs"), m_root} +
                    options + QStringList{QStringLiteral("--"), QStringLiteral("/bin/sh")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    }

    void cleanupTestCase() {
        for (const auto& name : {QStringLiteral("web"), QStringLiteral("quiet"),
                                 QStringLiteral("doomed"), QStringLiteral("slirpweb")})
            sandbox({QStringLiteral("rm"), QStringLiteral("--force"), name});
        QVERIFY(!pastaRunning());
        QVERIFY2(leftoverSandboxCgroups().isEmpty(),
                 qPrintable(leftoverSandboxCgroups().join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestSandboxNetwork)
#include "tst_sandbox_network.moc"
