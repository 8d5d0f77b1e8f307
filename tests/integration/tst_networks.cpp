// Named networks proven by real guests. The test builds its own world: a "host" network
// namespace where vireoctl (and so QEMU, bridges, taps, nft and dnsmasq) runs, and an
// "upstream" namespace wired to it by a veth pair, playing the outside world with a web
// server. Reachability is checked from the guests' serial consoles; nothing leaves the
// machine. Afterwards nothing Vireo made may be left.
#include "GuestTestSupport.h"
#include "network/VirtualNetworks.h"
#include "store/Library.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <unistd.h>

namespace {

const QString kGuest = QStringLiteral(VIREO_GUEST_DIR);
const QString kCmdline = QStringLiteral("console=ttyS0 quiet cryptomgr.notests panic=-1");

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run run(const QStringList& argv, const QByteArray& input = {}, int timeoutMs = 120000) {
    QProcess p;
    p.start(argv.first(), argv.mid(1));
    p.waitForStarted();
    if (!input.isNull()) {
        p.write(input);
        p.closeWriteChannel();
    }
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestNetworks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void badInputChangesNothing();
    void natNetworkHostOnlyAndInternal();
    void perVmNatPortForward();
    void nothingLeftBehind();

private:
    Run inHost(const QStringList& argv, const QByteArray& input = {}) {
        return run(QStringList{QStringLiteral("ip"), QStringLiteral("netns"),
                               QStringLiteral("exec"), m_host} +
                       argv,
                   input);
    }
    Run vireoctl(const QStringList& args, const QByteArray& input = {}) {
        Run r = inHost(
            QStringList{QStringLiteral(VIREOCTL_PATH), QStringLiteral("--library"), m_lib} + args,
            input);
        if (r.code != 0) qInfo() << "vireoctl" << args << "->" << r.code << r.err.trimmed();
        return r;
    }
    QString log(const QString& vm) const {
        QFile f(m_lib + QLatin1Char('/') + vm + QStringLiteral("/console.log"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    // Waits for a regex in the guest's console's complete lines; returns the first capture
    // (or the match).
    QString waitFor(const QString& vm, const QString& pattern, int timeoutMs = 90000) {
        const QRegularExpression re(pattern);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const auto m = re.match(guesttest::completeLines(log(vm)));
            if (m.hasMatch()) return m.lastCapturedIndex() >= 1 ? m.captured(1) : m.captured(0);
            QTest::qWait(100);
        }
        qWarning().noquote() << "not seen in" << vm << ":" << pattern << "\n"
                             << log(vm).right(1200);
        return {};
    }
    // Types a command on the guest's console and waits for its tagged answer.
    QString ask(const QString& vm, const QString& command, int timeoutMs = 30000) {
        const QString tag = QStringLiteral("T%1").arg(++m_tag);
        // The tag is printed through $((...)) so the echoed command line never matches.
        vireoctl({QStringLiteral("console"), vm},
                 QStringLiteral("%1 && echo %2-$((1+1))-ok || echo %2-$((1+1))-fail\n")
                     .arg(command, tag)
                     .toUtf8());
        return waitFor(vm, QStringLiteral("%1-2-(ok|fail)").arg(tag), timeoutMs);
    }
    bool createGuest(const QString& name, const QString& nic) {
        const QString disk = m_dir.filePath(name + QStringLiteral(".qcow2"));
        run({QStringLiteral("qemu-img"), QStringLiteral("create"), QStringLiteral("-q"),
             QStringLiteral("-f"), QStringLiteral("qcow2"), disk, QStringLiteral("16M")});
        return vireoctl({QStringLiteral("vm"), QStringLiteral("create"), name,
                         QStringLiteral("--memory"), QStringLiteral("192M"),
                         QStringLiteral("--kernel"), kGuest + QStringLiteral("/vmlinux"),
                         QStringLiteral("--initrd"), kGuest + QStringLiteral("/initramfs.cpio.gz"),
                         QStringLiteral("--append"), kCmdline, QStringLiteral("--disk"), disk,
                         QStringLiteral("--nic"), nic})
                   .code == 0;
    }
    QString readyIp(const QString& vm) {
        const QString ip = waitFor(vm, QStringLiteral("VIREO-GUEST: ready ip=(\\S+)\\s"));
        if (ip == QLatin1String("none") || ip.isEmpty()) { // show what the DHCP server saw
            const QDir net(m_dir.filePath(QStringLiteral("run/vireo/net")));
            for (const auto& d : net.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                QFile f(net.filePath(d + QStringLiteral("/dnsmasq.log")));
                if (f.open(QIODevice::ReadOnly))
                    qInfo().noquote() << d << "dnsmasq log:\n" << f.readAll().right(1500);
            }
        }
        return ip;
    }

    QTemporaryDir m_dir;
    QString m_lib;
    QString m_host, m_up;
    int m_tag = 0;
};

void TestNetworks::initTestCase() {
    if (::geteuid() != 0)
        QSKIP("network tests need root (bridges, taps, nftables inside a test namespace)");
    if (!QFile::exists(kGuest + QStringLiteral("/vmlinux"))) QSKIP("the test guest is not built");
    if (!QFile::exists(QStringLiteral("/dev/net/tun")))
        QSKIP("/dev/net/tun is missing: no taps on this host");
    m_lib = m_dir.filePath(QStringLiteral("lib"));
    qputenv("XDG_RUNTIME_DIR", m_dir.filePath(QStringLiteral("run")).toUtf8());
    qputenv("XDG_CACHE_HOME", m_dir.filePath(QStringLiteral("cache")).toUtf8());
    QDir().mkpath(m_dir.filePath(QStringLiteral("run")));
    const QString id = QString::number(::getpid());
    m_host = QStringLiteral("vireo-host-") + id;
    m_up = QStringLiteral("vireo-up-") + id;
    const QString ip = QStringLiteral("ip");
    for (const auto& ns : {m_host, m_up})
        QCOMPARE(run({ip, QStringLiteral("netns"), QStringLiteral("add"), ns}).code, 0);
    // host <-> upstream LAN: 192.168.77.2 (host) / 192.168.77.1 (upstream, default gateway).
    QCOMPARE(run({ip, QStringLiteral("link"), QStringLiteral("add"),
                  QStringLiteral("vtup") + id.right(6), QStringLiteral("netns"), m_up,
                  QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
                  QStringLiteral("name"), QStringLiteral("eth0"), QStringLiteral("netns"), m_host})
                 .code,
             0);
    const QString upIf = QStringLiteral("vtup") + id.right(6);
    for (const QStringList& c : QList<QStringList>{
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), m_up, ip, QStringLiteral("link"),
              QStringLiteral("set"), QStringLiteral("lo"), QStringLiteral("up")},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), m_up, ip, QStringLiteral("addr"),
              QStringLiteral("add"), QStringLiteral("192.168.77.1/24"), QStringLiteral("dev"),
              upIf},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), m_up, ip, QStringLiteral("link"),
              QStringLiteral("set"), upIf, QStringLiteral("up")},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), m_host, ip,
              QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
              QStringLiteral("up")},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), m_host, ip,
              QStringLiteral("addr"), QStringLiteral("add"), QStringLiteral("192.168.77.2/24"),
              QStringLiteral("dev"), QStringLiteral("eth0")},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), m_host, ip,
              QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("eth0"),
              QStringLiteral("up")},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), m_host, ip,
              QStringLiteral("route"), QStringLiteral("add"), QStringLiteral("default"),
              QStringLiteral("via"), QStringLiteral("192.168.77.1")}})
        QCOMPARE(run(c).code, 0);
    // The outside world: a web server in the upstream namespace.
    const QString www = m_dir.filePath(QStringLiteral("www"));
    QDir().mkpath(www);
    QFile page(www + QStringLiteral("/index.html"));
    QVERIFY(page.open(QIODevice::WriteOnly));
    page.write("UPSTREAM-PAGE-SERVED\n");
    page.close();
    QCOMPARE(run({ip, QStringLiteral("netns"), QStringLiteral("exec"), m_up,
                  QStringLiteral("busybox"), QStringLiteral("httpd"), QStringLiteral("-p"),
                  QStringLiteral("192.168.77.1:80"), QStringLiteral("-h"), www})
                 .code,
             0);
}

void TestNetworks::cleanupTestCase() {
    if (m_host.isEmpty()) return;
    for (const auto& ns : {m_host, m_up}) {
        const auto pids =
            run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("pids"), ns})
                .out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const auto& p : pids)
            ::kill(p.toInt(), SIGKILL);
        run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("del"), ns});
    }
}

void TestNetworks::badInputChangesNothing() {
    QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("nat"),
                       QStringLiteral("--mode"), QStringLiteral("nat-network"),
                       QStringLiteral("--subnet"), QStringLiteral("10.80.1.0/24")})
                 .code,
             0);
    const QString before =
        vireoctl({QStringLiteral("network"), QStringLiteral("list"), QStringLiteral("--json")}).out;
    struct Case {
        QStringList args;
        QString mentions;
    };
    const QString net = QStringLiteral("network"), create = QStringLiteral("create"),
                  mode = QStringLiteral("--mode");
    const QList<Case> cases{
        {{net, create, QStringLiteral("x"), mode, QStringLiteral("host-only"),
          QStringLiteral("--subnet"), QStringLiteral("10.80.1.128/25")},
         QStringLiteral("overlaps network 'nat'")},
        {{net, create, QStringLiteral("x"), mode, QStringLiteral("host-only"),
          QStringLiteral("--subnet"), QStringLiteral("10.80.300.0/24")},
         QStringLiteral("10.80.300.0/24")},
        {{net, create, QStringLiteral("x"), mode, QStringLiteral("host-only"),
          QStringLiteral("--subnet"), QStringLiteral("10.80.9.1/24")},
         QStringLiteral("host bits")},
        {{net, create, QStringLiteral("x"), mode, QStringLiteral("bridged"),
          QStringLiteral("--uplink"), QStringLiteral("nosuchnic0")},
         QStringLiteral("'nosuchnic0' does not exist")},
        {{net, create, QStringLiteral("x"), mode, QStringLiteral("mesh")},
         QStringLiteral("'mesh' is unknown")},
        {{net, create, QStringLiteral("nat"), mode, QStringLiteral("internal")},
         QStringLiteral("already exists")},
        {{net, create, QStringLiteral("a/b"), mode, QStringLiteral("internal")},
         QStringLiteral("a/b")},
        {{QStringLiteral("vm"), create, QStringLiteral("v"), QStringLiteral("--nic"),
          QStringLiteral("network=nat,mac=01:00:5e:00:00:01")},
         QStringLiteral("unicast")},
        {{QStringLiteral("vm"), create, QStringLiteral("v"), QStringLiteral("--nic"),
          QStringLiteral("user,hostfwd=tcp:99999-:80")},
         QStringLiteral("port forward")},
        {{QStringLiteral("vm"), create, QStringLiteral("v"), QStringLiteral("--nic"),
          QStringLiteral("bogus")},
         QStringLiteral("--nic")},
        {{net, QStringLiteral("forward"), QStringLiteral("nat"), QStringLiteral("add"),
          QStringLiteral("tcp:70000:10.80.1.50:80")},
         QStringLiteral("not valid for network 'nat'")},
        {{net, QStringLiteral("forward"), QStringLiteral("nat"), QStringLiteral("add"),
          QStringLiteral("tcp:8080:10.99.1.5:80")},
         QStringLiteral("not valid for network 'nat'")},
        {{net, QStringLiteral("forward"), QStringLiteral("nat"), QStringLiteral("remove"),
          QStringLiteral("tcp:1:10.80.1.5:1")},
         QStringLiteral("has no port forward")},
    };
    for (const auto& c : cases) {
        const Run r = vireoctl(c.args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(c.mentions), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }
    QCOMPARE(
        vireoctl({QStringLiteral("network"), QStringLiteral("list"), QStringLiteral("--json")}).out,
        before);
    QVERIFY(!QFile::exists(m_lib + QStringLiteral("/v")));
    // The helper itself refuses anything that is not Vireo's own.
    const QString helper = QStringLiteral(VIREO_HELPER_PATH);
    for (const QStringList& bad :
         QList<QStringList>{{QStringLiteral("bridge-down"), QStringLiteral("eth0")},
                            {QStringLiteral("tap-down"), QStringLiteral("lo")},
                            {QStringLiteral("firewall-down"), QStringLiteral("filter")},
                            {QStringLiteral("bridge-up"), QStringLiteral("vibr00000000"),
                             QStringLiteral("10.0.0.0/24;rm"), QStringLiteral("1500")},
                            {QStringLiteral("dhcp-down"), QStringLiteral("/etc")}}) {
        const Run r = inHost(QStringList{helper} + bad);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.startsWith(QStringLiteral("vireo-helper: invalid")), qPrintable(r.err));
    }
    QVERIFY(inHost({QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("show"),
                    QStringLiteral("eth0")})
                .code == 0);
}

void TestNetworks::natNetworkHostOnlyAndInternal() {
    QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("ho"),
                       QStringLiteral("--mode"), QStringLiteral("host-only"),
                       QStringLiteral("--subnet"), QStringLiteral("10.80.2.0/24")})
                 .code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("in"),
                       QStringLiteral("--mode"), QStringLiteral("internal"),
                       QStringLiteral("--subnet"), QStringLiteral("10.80.3.0/24")})
                 .code,
             0);
    QVERIFY(createGuest(QStringLiteral("a"), QStringLiteral("network=nat")));
    QVERIFY(createGuest(QStringLiteral("b"), QStringLiteral("network=nat")));
    QVERIFY(createGuest(QStringLiteral("c"), QStringLiteral("network=ho")));
    QVERIFY(createGuest(QStringLiteral("d"), QStringLiteral("network=in")));
    QVERIFY(createGuest(QStringLiteral("e"), QStringLiteral("network=in")));

    // Guest a has a multiqueue NIC (two queue pairs on a multi_queue tap): it must work
    // on the network exactly like b's single-queue one.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("a"),
                       QStringLiteral("--cpus"), QStringLiteral("2"), QStringLiteral("--queues"),
                       QStringLiteral("2")})
                 .code,
             0);
    // NAT network: DHCP from the network's range, DNS names, guest <-> guest, out via NAT.
    for (const auto& vm : {QStringLiteral("a"), QStringLiteral("b")})
        QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    const QString ipA = readyIp(QStringLiteral("a")), ipB = readyIp(QStringLiteral("b"));
    QVERIFY2(ipA.startsWith(QStringLiteral("10.80.1.")), qPrintable(ipA));
    QVERIFY2(ipB.startsWith(QStringLiteral("10.80.1.")), qPrintable(ipB));
    // vm show (and the app's Overview) names the address from the network's DHCP leases.
    const auto shownA =
        QJsonDocument::fromJson(
            vireoctl({QStringLiteral("vm"), QStringLiteral("show"), QStringLiteral("a")})
                .out.toUtf8())
            .object();
    QCOMPARE(shownA.value(QStringLiteral("addresses")).toArray(), QJsonArray{ipA});
    QCOMPARE(ask(QStringLiteral("a"), QStringLiteral("[ -e /sys/class/net/eth0/queues/rx-1 ]")),
             QStringLiteral("ok"));
    // The tap the app's Performance tab reads is the one the guest's traffic crossed.
    const auto specA = vireo::Library(m_lib).load(QStringLiteral("a"));
    QVERIFY(specA);
    const QString tapA = vireo::VirtualNetworks::tapNameOf(*specA, 0);
    const auto rx = inHost(
        {QStringLiteral("cat"), QStringLiteral("/sys/class/net/%1/statistics/rx_bytes").arg(tapA)});
    QCOMPARE(rx.code, 0);
    QVERIFY2(rx.out.trimmed().toLongLong() > 0, qPrintable(tapA + QLatin1Char(' ') + rx.out));
    QCOMPARE(ask(QStringLiteral("a"), QStringLiteral("ping -c1 -W3 10.80.1.1 >/dev/null")),
             QStringLiteral("ok"));
    QCOMPARE(ask(QStringLiteral("a"),
                 QStringLiteral("ping -c1 -W3 ") + ipB + QStringLiteral(" >/dev/null")),
             QStringLiteral("ok"));
    QCOMPARE(ask(QStringLiteral("a"),
                 QStringLiteral("nslookup b.vireo.internal 10.80.1.1 | grep -q ") + ipB),
             QStringLiteral("ok"));
    QCOMPARE(ask(QStringLiteral("a"),
                 QStringLiteral(
                     "timeout 8 wget -qO- http://192.168.77.1/ | grep -q UPSTREAM-PAGE-SERVED")),
             QStringLiteral("ok"));
    QCOMPARE(inHost({QStringLiteral("busybox"), QStringLiteral("ping"), QStringLiteral("-c1"),
                     QStringLiteral("-W3"), ipA})
                 .code,
             0); // host -> guest

    // Port forward on the NAT network: the upstream LAN and the host itself reach a web
    // server in guest a through the host's port 8080.
    QCOMPARE(
        ask(QStringLiteral("a"),
            QStringLiteral(
                "mkdir -p /www && echo NATNET-WEB-PAGE > /www/index.html && httpd -p 80 -h /www")),
        QStringLiteral("ok"));
    const QString fwd = QStringLiteral("tcp:8080:") + ipA + QStringLiteral(":80");
    QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("forward"), QStringLiteral("nat"),
                       QStringLiteral("add"), fwd})
                 .code,
             0);
    const QStringList fetch{QStringLiteral("timeout"), QStringLiteral("8"),
                            QStringLiteral("busybox"), QStringLiteral("wget"),
                            QStringLiteral("-qO-"),    QStringLiteral("http://192.168.77.2:8080/")};
    const Run fromUpstream = run(
        QStringList{QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), m_up} +
        fetch);
    QVERIFY2(fromUpstream.out.contains(QStringLiteral("NATNET-WEB-PAGE")),
             qPrintable(fromUpstream.err));
    const Run fromHost = inHost(fetch);
    QVERIFY2(fromHost.out.contains(QStringLiteral("NATNET-WEB-PAGE")), qPrintable(fromHost.err));
    const Run taken = vireoctl({QStringLiteral("network"), QStringLiteral("forward"),
                                QStringLiteral("nat"), QStringLiteral("add"),
                                QStringLiteral("tcp:8080:") + ipB + QStringLiteral(":80")});
    QCOMPARE(taken.code, 1);
    QVERIFY2(taken.err.contains(QStringLiteral("already forwarded")), qPrintable(taken.err));
    QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("forward"), QStringLiteral("nat"),
                       QStringLiteral("remove"), fwd})
                 .code,
             0);
    QVERIFY(!run(QStringList{QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"),
                             m_up} +
                 fetch)
                 .out.contains(QStringLiteral("NATNET-WEB-PAGE")));
    // A forward on one host address only: the LAN reaches it there; the host's loopback
    // does not.
    const QString onAddress =
        QStringLiteral("tcp:192.168.77.2:8081:") + ipA + QStringLiteral(":80");
    QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("forward"), QStringLiteral("nat"),
                       QStringLiteral("add"), onAddress})
                 .code,
             0);
    const QStringList fetch8081{
        QStringLiteral("timeout"), QStringLiteral("8"),
        QStringLiteral("busybox"), QStringLiteral("wget"),
        QStringLiteral("-qO-"),    QStringLiteral("http://192.168.77.2:8081/")};
    QVERIFY(run(QStringList{QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"),
                            m_up} +
                fetch8081)
                .out.contains(QStringLiteral("NATNET-WEB-PAGE")));
    QVERIFY(!inHost({QStringLiteral("timeout"), QStringLiteral("5"), QStringLiteral("busybox"),
                     QStringLiteral("wget"), QStringLiteral("-qO-"),
                     QStringLiteral("http://127.0.0.1:8081/")})
                 .out.contains(QStringLiteral("NATNET-WEB-PAGE")));
    QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("forward"), QStringLiteral("nat"),
                       QStringLiteral("remove"), onAddress})
                 .code,
             0);

    // Host-only: host <-> guest, nothing outside, not the other network's guests.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("b")}).code, 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("c")}).code,
             0);
    const QString ipC = readyIp(QStringLiteral("c"));
    QVERIFY2(ipC.startsWith(QStringLiteral("10.80.2.")), qPrintable(ipC));
    QCOMPARE(ask(QStringLiteral("c"), QStringLiteral("ping -c1 -W3 10.80.2.1 >/dev/null")),
             QStringLiteral("ok"));
    QCOMPARE(inHost({QStringLiteral("busybox"), QStringLiteral("ping"), QStringLiteral("-c1"),
                     QStringLiteral("-W3"), ipC})
                 .code,
             0);
    QCOMPARE(ask(QStringLiteral("c"),
                 QStringLiteral("timeout 5 wget -qO- http://192.168.77.1/ | grep -q UPSTREAM")),
             QStringLiteral("fail"));
    QCOMPARE(ask(QStringLiteral("c"),
                 QStringLiteral("ping -c1 -W3 ") + ipA + QStringLiteral(" >/dev/null")),
             QStringLiteral("fail"));
    QCOMPARE(ask(QStringLiteral("a"),
                 QStringLiteral("ping -c1 -W3 ") + ipC + QStringLiteral(" >/dev/null")),
             QStringLiteral("fail"));

    // Internal: guests see each other and nothing else, not even the host.
    for (const auto& vm : {QStringLiteral("a"), QStringLiteral("c")})
        QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), vm}).code, 0);
    for (const auto& vm : {QStringLiteral("d"), QStringLiteral("e")})
        QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QCOMPARE(readyIp(QStringLiteral("d")), QStringLiteral("none")); // no DHCP on internal
    QCOMPARE(readyIp(QStringLiteral("e")), QStringLiteral("none"));
    QCOMPARE(ask(QStringLiteral("d"), QStringLiteral("ip addr add 10.80.3.11/24 dev eth0")),
             QStringLiteral("ok"));
    QCOMPARE(ask(QStringLiteral("e"), QStringLiteral("ip addr add 10.80.3.12/24 dev eth0")),
             QStringLiteral("ok"));
    QCOMPARE(ask(QStringLiteral("d"), QStringLiteral("ping -c2 -W3 10.80.3.12 >/dev/null")),
             QStringLiteral("ok"));
    QVERIFY(inHost({QStringLiteral("busybox"), QStringLiteral("ping"), QStringLiteral("-c1"),
                    QStringLiteral("-W2"), QStringLiteral("10.80.3.11")})
                .code != 0);
    QCOMPARE(ask(QStringLiteral("d"), QStringLiteral("ping -c1 -W2 10.80.2.1 >/dev/null")),
             QStringLiteral("fail"));

    // A network in use cannot be stopped or deleted.
    const Run busy =
        vireoctl({QStringLiteral("network"), QStringLiteral("stop"), QStringLiteral("in")});
    QCOMPARE(busy.code, 1);
    QVERIFY(busy.err.contains(QStringLiteral("in use by running VM")));
    for (const auto& vm : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                           QStringLiteral("d"), QStringLiteral("e")})
        QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), vm,
                           QStringLiteral("--force")})
                     .code,
                 0);
}

void TestNetworks::perVmNatPortForward() {
    QVERIFY(createGuest(QStringLiteral("web"), QStringLiteral("user,hostfwd=tcp:18080-:80")));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("web")}).code,
             0);
    QCOMPARE(readyIp(QStringLiteral("web")), QStringLiteral("10.0.2.15"));
    QCOMPARE(
        ask(QStringLiteral("web"),
            QStringLiteral(
                "mkdir -p /www && echo GUEST-WEB-PAGE > /www/index.html && httpd -p 80 -h /www")),
        QStringLiteral("ok"));
    // Guest -> outside through per-VM NAT, and host -> guest through the forward (loopback only).
    QCOMPARE(ask(QStringLiteral("web"),
                 QStringLiteral(
                     "timeout 8 wget -qO- http://192.168.77.1/ | grep -q UPSTREAM-PAGE-SERVED")),
             QStringLiteral("ok"));
    const Run page = inHost({QStringLiteral("busybox"), QStringLiteral("wget"),
                             QStringLiteral("-qO-"), QStringLiteral("http://127.0.0.1:18080/")});
    QVERIFY2(page.out.contains(QStringLiteral("GUEST-WEB-PAGE")), qPrintable(page.out + page.err));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("web"),
                       QStringLiteral("--force")})
                 .code,
             0);
}

void TestNetworks::nothingLeftBehind() {
    for (const auto& n : {QStringLiteral("nat"), QStringLiteral("ho"), QStringLiteral("in")})
        QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("delete"), n}).code, 0);
    const QString links =
        inHost({QStringLiteral("ip"), QStringLiteral("-o"), QStringLiteral("link")}).out;
    QVERIFY2(!links.contains(QStringLiteral("vibr")) && !links.contains(QStringLiteral("vitp")),
             qPrintable(links));
    const QString tables =
        inHost({QStringLiteral("nft"), QStringLiteral("list"), QStringLiteral("tables")}).out;
    QVERIFY2(!tables.contains(QStringLiteral("vireo_")), qPrintable(tables));
    const QString pids =
        run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("pids"), m_host}).out;
    for (const auto& p : pids.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QFile comm(QStringLiteral("/proc/%1/comm").arg(p));
        comm.open(QIODevice::ReadOnly);
        const QByteArray name = comm.readAll().trimmed();
        QVERIFY2(name != "dnsmasq" && !name.startsWith("qemu"), name.constData());
    }
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("run/vireo/net"))) ||
            QDir(m_dir.filePath(QStringLiteral("run/vireo/net"))).isEmpty());
}

QTEST_GUILESS_MAIN(TestNetworks)
#include "tst_networks.moc"
