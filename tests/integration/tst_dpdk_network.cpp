// DPDK networks proven by real guests, all inside a network namespace the test makes: two
// test guests on an internal network switched by vireo-switch ping each other (also with
// jumbo frames) and exchange a file byte-exact, a guest on another VLAN is unreachable,
// the switch killed with SIGKILL comes back and traffic resumes without restarting a
// guest, the stats count what was sent; a guest on a host-only DPDK network gets its
// address from dnsmasq and the host reaches it; a guest on a NAT DPDK network reaches a
// web server "outside" (a second namespace) and is reached through a port forward; a guest
// on a bridged DPDK network gets its address from the DHCP server of a "LAN" (a third
// namespace, behind the switch's uplink NIC) and is reached from there; without
// vireo-switch a DPDK network falls back to a kernel bridge with a note; deleting leaves no
// process, socket or hugepage. Bad input is refused with nothing left behind.
#include "GuestTestSupport.h"

#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace guesttest;

namespace {

int readInt(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toInt() : -1;
}

QStringList switchProcesses(const QString& runDir) {
    QStringList found;
    for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmdline.open(QIODevice::ReadOnly)) {
            const QByteArray text = cmdline.readAll();
            if (text.contains("vireo-switch") && text.contains(runDir.toUtf8())) found << pid;
        }
    }
    return found;
}

} // namespace

class TestDpdkNetwork : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void badInputLeavesNothing();
    void guestsTalkThroughTheSwitch();
    void deletingTheNetworkLeavesNothing();
    void hostOnlyGuestGetsDhcpAndTheHostReachesIt();
    void natGuestReachesTheOutsideAndIsReachedByAForward();
    void bridgedGuestJoinsTheLanThroughTheUplink();
    void withoutTheSwitchItFallsBackToAKernelBridge();

private:
    Run vc(const QStringList& args, const QByteArray& input = {}) {
        return m_lab.vireoctl(args, input);
    }
    bool createGuest(const QString& name, const QString& nic);
    QJsonObject portOf(const QString& vm);
    QJsonArray threadStats();
    QString switchDir() const;

    Run inNamespace(const QStringList& argv) { return runInNamespace(m_ns, argv); }

    GuestLab m_lab;
    QString m_ns;
    int m_pagesBefore = 0;
};

void TestDpdkNetwork::initTestCase() {
    if (::geteuid() != 0) QSKIP("DPDK networks need root here (hugepages through vireo-helper)");
    if (!QFile::exists(kGuest + QStringLiteral("/vmlinux"))) QSKIP("the test guest is not built");
    if (!QFile::exists(QStringLiteral(VIREO_SWITCH_PATH)))
        QSKIP("vireo-switch was not built (libdpdk-dev is missing)");
    if (nrHugepages() < 0) QSKIP("no /proc/sys/vm/nr_hugepages: this kernel has no hugepages");
    QVERIFY(m_lab.init());
    m_pagesBefore = nrHugepages();
    m_ns = QStringLiteral("vireo-dpdk-%1").arg(::getpid());
    QVERIFY(addNamespace(m_ns));
    m_lab.setCommandPrefix(
        {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), m_ns});
}

void TestDpdkNetwork::cleanupTestCase() {
    if (m_lab.lib().isEmpty()) return;
    m_lab.killAll();
    for (const QString& pid : switchProcesses(m_lab.runtimeDir()))
        ::kill(pid.toInt(), SIGKILL);
    if (m_ns.isEmpty()) return;
    for (const QString& ns : {m_ns, m_ns + QStringLiteral("-up"), m_ns + QStringLiteral("-lan")}) {
        QProcess list;
        list.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("pids"), ns});
        list.waitForFinished();
        for (const auto& pid : QString::fromUtf8(list.readAllStandardOutput())
                                   .split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            ::kill(pid.toInt(), SIGKILL);
        QProcess::execute(QStringLiteral("ip"),
                          {QStringLiteral("netns"), QStringLiteral("del"), ns});
    }
}

bool TestDpdkNetwork::createGuest(const QString& name, const QString& nic) {
    const QString disk = m_lab.path(name + QStringLiteral(".qcow2"));
    QProcess::execute(QStringLiteral("qemu-img"),
                      {QStringLiteral("create"), QStringLiteral("-q"), QStringLiteral("-f"),
                       QStringLiteral("qcow2"), disk, QStringLiteral("16M")});
    return vc({QStringLiteral("vm"), QStringLiteral("create"), name, QStringLiteral("--memory"),
               QStringLiteral("192M"), QStringLiteral("--kernel"),
               kGuest + QStringLiteral("/vmlinux"), QStringLiteral("--initrd"),
               kGuest + QStringLiteral("/initramfs.cpio.gz"), QStringLiteral("--append"),
               kGuestCmdline, QStringLiteral("--disk"), disk, QStringLiteral("--nic"), nic})
               .code == 0;
}

QJsonObject TestDpdkNetwork::portOf(const QString& vm) {
    const Run r = vc({QStringLiteral("network"), QStringLiteral("stats"), QStringLiteral("fast"),
                      QStringLiteral("--json")});
    for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
        if (v.toObject().value(QStringLiteral("vm")).toString() == vm) return v.toObject();
    return {};
}

QJsonArray TestDpdkNetwork::threadStats() {
    const Run r = vc({QStringLiteral("network"), QStringLiteral("stats"), QStringLiteral("fast"),
                      QStringLiteral("--threads"), QStringLiteral("--json")});
    return QJsonDocument::fromJson(r.out.toUtf8()).array();
}

QString TestDpdkNetwork::switchDir() const {
    const QDir net(m_lab.runtimeDir() + QStringLiteral("/vireo/net"));
    for (const QString& d : net.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (QFile::exists(net.filePath(d + QStringLiteral("/switch/worker.pid"))))
            return net.filePath(d + QStringLiteral("/switch"));
    return {};
}

void TestDpdkNetwork::badInputLeavesNothing() {
    const auto create = [&](const QStringList& extra) {
        return vc(QStringList{QStringLiteral("network"), QStringLiteral("create"),
                              QStringLiteral("bad"), QStringLiteral("--switch"),
                              QStringLiteral("dpdk")} +
                  extra);
    };
    Run r = create({QStringLiteral("--mode"), QStringLiteral("internal"), QStringLiteral("--cores"),
                    QStringLiteral("999")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("CPU 999")) &&
                 r.err.contains(QStringLiteral("does not exist")),
             qPrintable(r.err));
    r = create({QStringLiteral("--mode"), QStringLiteral("internal"), QStringLiteral("--cores"),
                QStringLiteral("one")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("not a CPU list")), qPrintable(r.err));
    // An uplink the switch cannot take: one line each, naming it.
    for (const auto& [uplink, why] : QList<QPair<QString, QString>>{
             {QStringLiteral("lo"), QStringLiteral("not an Ethernet NIC")},
             {QStringLiteral("nosuchnic0"), QStringLiteral("does not exist")}}) {
        r = create({QStringLiteral("--mode"), QStringLiteral("bridged"), QStringLiteral("--uplink"),
                    uplink});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.contains(uplink) && r.err.contains(why), qPrintable(r.err));
    }
    r = create({QStringLiteral("--mode"), QStringLiteral("bridged"), QStringLiteral("--uplink"),
                QStringLiteral("lo"), QStringLiteral("--create-bridge")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("--create-bridge")), qPrintable(r.err));
    r = vc({QStringLiteral("network"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 0);

    // More hugepages than this machine has: refused at start, and nothing is kept.
    QCOMPARE(create({QStringLiteral("--mode"), QStringLiteral("internal"),
                     QStringLiteral("--hugepages"), QStringLiteral("16384")})
                 .code,
             0);
    r = vc({QStringLiteral("network"), QStringLiteral("start"), QStringLiteral("bad")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("hugepages could be reserved")), qPrintable(r.err));
    QCOMPARE(nrHugepages(), m_pagesBefore);
    QVERIFY(switchProcesses(m_lab.runtimeDir()).isEmpty());
    QCOMPARE(vc({QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("bad")}).code,
             0);
}

void TestDpdkNetwork::guestsTalkThroughTheSwitch() {
    // Two packet threads (CPUs 0 and 1): a's and b's ports are polled by different ones,
    // so every frame between them crosses threads.
    QCOMPARE(vc({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("fast"),
                 QStringLiteral("--mode"), QStringLiteral("internal"), QStringLiteral("--switch"),
                 QStringLiteral("dpdk"), QStringLiteral("--cores"),
                 ::sysconf(_SC_NPROCESSORS_ONLN) > 1 ? QStringLiteral("0-1") : QStringLiteral("0")})
                 .code,
             0);
    QVERIFY(createGuest(QStringLiteral("a"), QStringLiteral("network=fast")));
    QVERIFY(createGuest(QStringLiteral("b"), QStringLiteral("network=fast")));
    QVERIFY(createGuest(QStringLiteral("c"), QStringLiteral("network=fast,vlan=20")));
    for (const auto& vm : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
        QCOMPARE(vc({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    QCOMPARE(nrHugepages(), m_pagesBefore + 64);
    for (const auto& vm : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
        QVERIFY(m_lab.waitForMarker(vm, QStringLiteral("VIREO-GUEST: ready")));
    int host = 10;
    for (const auto& vm : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
        QCOMPARE(m_lab.ask(vm, QStringLiteral("ip addr add 10.80.9.%1/24 dev eth0").arg(++host)),
                 QStringLiteral("ok"));

    // a and b share VLAN 1: ping, then a file both ways byte-exact.
    QCOMPARE(m_lab.ask(QStringLiteral("a"), QStringLiteral("ping -c2 -W5 10.80.9.12 >/dev/null")),
             QStringLiteral("ok"));
    QCOMPARE(m_lab.ask(QStringLiteral("b"), QStringLiteral("nc -l -p 5000 > /tmp/got & sleep 1")),
             QStringLiteral("ok"));
    QCOMPARE(m_lab.ask(QStringLiteral("a"),
                       QStringLiteral("dd if=/dev/urandom of=/tmp/sent bs=1k count=256 2>/dev/null "
                                      "&& nc -w 5 10.80.9.12 5000 < /tmp/sent")),
             QStringLiteral("ok"));
    QTest::qWait(2000);
    m_lab.ask(QStringLiteral("a"),
              QStringLiteral("echo SUM-A-$(md5sum < /tmp/sent | cut -c1-32)-X"));
    m_lab.ask(QStringLiteral("b"),
              QStringLiteral("echo SUM-B-$(md5sum < /tmp/got | cut -c1-32)-X"));
    const QString sent =
        m_lab.waitForCapture(QStringLiteral("a"), QStringLiteral("SUM-A-([0-9a-f]{32})-X"));
    const QString got =
        m_lab.waitForCapture(QStringLiteral("b"), QStringLiteral("SUM-B-([0-9a-f]{32})-X"));
    QVERIFY(!sent.isEmpty());
    QCOMPARE(got, sent);

    // Jumbo frames: 8000-byte pings cross the switch as chained buffers.
    for (const auto& vm : {QStringLiteral("a"), QStringLiteral("b")})
        QCOMPARE(m_lab.ask(vm, QStringLiteral("ip link set eth0 mtu 9000")), QStringLiteral("ok"));
    QCOMPARE(m_lab.ask(QStringLiteral("a"),
                       QStringLiteral("ping -c2 -W5 -s 8000 10.80.9.12 >/dev/null")),
             QStringLiteral("ok"));

    // c is on VLAN 20: a does not reach it, whatever it tries.
    QCOMPARE(m_lab.ask(QStringLiteral("a"), QStringLiteral("ping -c2 -W2 10.80.9.13 >/dev/null")),
             QStringLiteral("fail"));

    // The stats count what was sent: 20 pings a -> b are 20 frames in from a, out to b.
    const QJsonObject a0 = portOf(QStringLiteral("a")), b0 = portOf(QStringLiteral("b"));
    const QJsonArray threads0 = threadStats();
    QVERIFY(a0.value(QStringLiteral("connected")).toBool());
    QCOMPARE(m_lab.ask(QStringLiteral("a"),
                       QStringLiteral("ping -c20 -i 0.1 -W5 10.80.9.12 >/dev/null")),
             QStringLiteral("ok"));
    const QJsonObject a1 = portOf(QStringLiteral("a")), b1 = portOf(QStringLiteral("b"));
    const auto delta = [](const QJsonObject& before, const QJsonObject& after, const char* key) {
        return after.value(QLatin1String(key)).toDouble() -
               before.value(QLatin1String(key)).toDouble();
    };
    const double fromA = delta(a0, a1, "rx_packets"), toB = delta(b0, b1, "tx_packets");
    QVERIFY2(fromA >= 20 && fromA <= 30, qPrintable(QString::number(fromA)));
    QVERIFY2(toB >= 20 && toB <= 30, qPrintable(QString::number(toB)));
    QCOMPARE(delta(b0, b1, "rx_packets"), delta(a0, a1, "tx_packets")); // b's replies reach a

    // The packet threads' load: the 20 pings moved frames in some polling rounds, and the
    // threads slept between pings 100 ms apart (idle when idle), each of them.
    const QJsonArray threads1 = threadStats();
    QCOMPARE(threads1.size(), ::sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1);
    QCOMPARE(threads0.size(), threads1.size());
    double busyRounds = 0;
    for (int t = 0; t < threads1.size(); ++t) {
        const QJsonObject before = threads0[t].toObject(), after = threads1[t].toObject();
        const double polls = delta(before, after, "polls");
        const double busy = delta(before, after, "busy_polls");
        const double sleeps = delta(before, after, "sleeps");
        qInfo("packet thread %d over 20 pings: %.0f polls, %.0f busy, %.0f sleeps", t, polls, busy,
              sleeps);
        QVERIFY2(busy <= polls, qPrintable(QString::number(busy)));
        QVERIFY2(sleeps >= 10, qPrintable(QString::number(sleeps)));
        busyRounds += busy;
    }
    QVERIFY2(busyRounds >= 20, qPrintable(QString::number(busyRounds)));

    // The switch killed with SIGKILL: its supervisor starts it again, the guests keep
    // running (same QEMU) and their traffic resumes.
    const QString dir = switchDir();
    QVERIFY(!dir.isEmpty());
    const int worker = readInt(dir + QStringLiteral("/worker.pid"));
    QVERIFY(worker > 0);
    // A steady ping (10 per second) across the kill shows how long traffic stopped.
    QCOMPARE(m_lab.ask(QStringLiteral("a"),
                       QStringLiteral("(ping -c 60 -i 0.1 -W 1 10.80.9.12 > /tmp/steady 2>&1 &)")),
             QStringLiteral("ok"));
    QTest::qWait(1500);
    QCOMPARE(::kill(worker, SIGKILL), 0);
    QElapsedTimer back;
    back.start();
    while (readInt(dir + QStringLiteral("/worker.pid")) == worker && back.elapsed() < 10000)
        QTest::qWait(20);
    QVERIFY(readInt(dir + QStringLiteral("/worker.pid")) != worker);
    QCOMPARE(m_lab.ask(QStringLiteral("a"), QStringLiteral("ping -c1 -W5 10.80.9.12 >/dev/null")),
             QStringLiteral("ok"));
    qInfo("switch restarted; first ping through it %lld ms after the kill", back.elapsed());
    QTest::qWait(6000); // the steady ping ends
    m_lab.ask(QStringLiteral("a"),
              QStringLiteral("echo STEADY-$(grep -o '[0-9]* packets received' /tmp/steady)-X"));
    const QString received = m_lab.waitForCapture(
        QStringLiteral("a"), QStringLiteral("STEADY-(\\d+) packets received-X"));
    QVERIFY(!received.isEmpty());
    qInfo("steady ping across the kill: %s of 60 answered (each lost one is ~100 ms without "
          "traffic)",
          qPrintable(received));
    const Run list = vc({QStringLiteral("vm"), QStringLiteral("list"), QStringLiteral("--json")});
    for (const auto& v : QJsonDocument::fromJson(list.out.toUtf8()).array())
        QCOMPARE(v.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("running"));
}

void TestDpdkNetwork::deletingTheNetworkLeavesNothing() {
    const QString dir = switchDir();
    QVERIFY(!dir.isEmpty());
    const QString netDir = QFileInfo(dir).path();
    for (const auto& vm : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
        QCOMPARE(vc({QStringLiteral("vm"), QStringLiteral("delete"), vm, QStringLiteral("--force")})
                     .code,
                 0);
    QCOMPARE(vc({QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("fast")}).code,
             0);
    QVERIFY(switchProcesses(m_lab.runtimeDir()).isEmpty());
    QVERIFY(!QFileInfo::exists(netDir)); // sockets, ports file, control socket
    QCOMPARE(nrHugepages(), m_pagesBefore);
    QVERIFY(
        !QFileInfo::exists(QStringLiteral("/var/run/dpdk/vireo-") + QFileInfo(netDir).fileName()));
}

void TestDpdkNetwork::hostOnlyGuestGetsDhcpAndTheHostReachesIt() {
    QCOMPARE(
        vc({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("ho"),
            QStringLiteral("--mode"), QStringLiteral("host-only"), QStringLiteral("--switch"),
            QStringLiteral("dpdk"), QStringLiteral("--subnet"), QStringLiteral("10.81.5.0/24")})
            .code,
        0);
    QVERIFY(createGuest(QStringLiteral("h"), QStringLiteral("network=ho")));
    QCOMPARE(vc({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("h")}).code, 0);
    const QString ip = m_lab.waitForCapture(
        QStringLiteral("h"), QStringLiteral("VIREO-GUEST: ready ip=(10\\.81\\.5\\.\\d+)\\s"),
        120000);
    QVERIFY2(!ip.isEmpty(), "the guest got no DHCP address on the host-only DPDK network");
    const Run ping = inNamespace({QStringLiteral("busybox"), QStringLiteral("ping"),
                                  QStringLiteral("-c2"), QStringLiteral("-W5"), ip});
    QVERIFY2(ping.code == 0, qPrintable(ping.out + ping.err));
    QCOMPARE(vc({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("h"),
                 QStringLiteral("--force")})
                 .code,
             0);
    QCOMPARE(vc({QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("ho")}).code,
             0);
    QVERIFY(switchProcesses(m_lab.runtimeDir()).isEmpty());
    QCOMPARE(nrHugepages(), m_pagesBefore);
    // Its host port (a tap the switch made) went with it.
    QVERIFY(!inNamespace({QStringLiteral("ip"), QStringLiteral("-br"), QStringLiteral("link")})
                 .out.contains(QStringLiteral("vibr")));
}

void TestDpdkNetwork::natGuestReachesTheOutsideAndIsReachedByAForward() {
    // The outside world: a namespace wired to ours by a veth pair, with a web server.
    const QString up = m_ns + QStringLiteral("-up"),
                  upIf = QStringLiteral("vdu%1").arg(::getpid() % 100000);
    const QString www = m_lab.path(QStringLiteral("www"));
    QDir().mkpath(www);
    QFile page(www + QStringLiteral("/index.html"));
    QVERIFY(page.open(QIODevice::WriteOnly));
    page.write("DPDK-UPSTREAM-PAGE\n");
    page.close();
    const QString ip = QStringLiteral("ip");
    for (const QStringList& c : QList<QStringList>{
             {ip, QStringLiteral("netns"), QStringLiteral("add"), up},
             {ip, QStringLiteral("link"), QStringLiteral("add"), upIf, QStringLiteral("netns"), up,
              QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
              QStringLiteral("name"), QStringLiteral("uplink"), QStringLiteral("netns"), m_ns},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), up, ip, QStringLiteral("addr"),
              QStringLiteral("add"), QStringLiteral("192.168.78.1/24"), QStringLiteral("dev"),
              upIf},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), up, ip, QStringLiteral("link"),
              QStringLiteral("set"), upIf, QStringLiteral("up")},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), m_ns, ip, QStringLiteral("addr"),
              QStringLiteral("add"), QStringLiteral("192.168.78.2/24"), QStringLiteral("dev"),
              QStringLiteral("uplink")},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), m_ns, ip, QStringLiteral("link"),
              QStringLiteral("set"), QStringLiteral("uplink"), QStringLiteral("up")},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), m_ns, ip,
              QStringLiteral("route"), QStringLiteral("add"), QStringLiteral("default"),
              QStringLiteral("via"), QStringLiteral("192.168.78.1")},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), up, QStringLiteral("busybox"),
              QStringLiteral("httpd"), QStringLiteral("-p"), QStringLiteral("192.168.78.1:80"),
              QStringLiteral("-h"), www}})
        QCOMPARE(QProcess::execute(c.first(), c.mid(1)), 0);

    QCOMPARE(
        vc({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("nat"),
            QStringLiteral("--mode"), QStringLiteral("nat-network"), QStringLiteral("--switch"),
            QStringLiteral("dpdk"), QStringLiteral("--subnet"), QStringLiteral("10.82.6.0/24")})
            .code,
        0);
    QVERIFY(createGuest(QStringLiteral("n"), QStringLiteral("network=nat")));
    QCOMPARE(vc({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("n")}).code, 0);
    const QString guestIp = m_lab.waitForCapture(
        QStringLiteral("n"), QStringLiteral("VIREO-GUEST: ready ip=(10\\.82\\.6\\.\\d+)\\s"),
        120000);
    QVERIFY2(!guestIp.isEmpty(), "the guest got no DHCP address on the NAT DPDK network");
    QCOMPARE(
        m_lab.ask(QStringLiteral("n"),
                  QStringLiteral(
                      "timeout 8 wget -qO- http://192.168.78.1/ | grep -q DPDK-UPSTREAM-PAGE")),
        QStringLiteral("ok"));
    // The way back in: the host's port 8080 forwards to a web server in the guest.
    QCOMPARE(m_lab.ask(QStringLiteral("n"),
                       QStringLiteral("mkdir -p /www && echo DPDK-GUEST-PAGE > /www/index.html && "
                                      "httpd -p 80 -h /www")),
             QStringLiteral("ok"));
    QCOMPARE(
        vc({QStringLiteral("network"), QStringLiteral("forward"), QStringLiteral("nat"),
            QStringLiteral("add"), QStringLiteral("tcp:8080:") + guestIp + QStringLiteral(":80")})
            .code,
        0);
    QProcess fetch;
    fetch.start(ip, {QStringLiteral("netns"), QStringLiteral("exec"), up, QStringLiteral("timeout"),
                     QStringLiteral("8"), QStringLiteral("busybox"), QStringLiteral("wget"),
                     QStringLiteral("-qO-"), QStringLiteral("http://192.168.78.2:8080/")});
    fetch.waitForFinished(20000);
    QVERIFY2(fetch.readAllStandardOutput().contains("DPDK-GUEST-PAGE"),
             "the port forward did not reach the guest");
    QCOMPARE(vc({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("n"),
                 QStringLiteral("--force")})
                 .code,
             0);
    QCOMPARE(vc({QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("nat")}).code,
             0);
    QCOMPARE(nrHugepages(), m_pagesBefore);
}

void TestDpdkNetwork::bridgedGuestJoinsTheLanThroughTheUplink() {
    // The LAN: a namespace behind a veth pair whose near end ("lanup", no address) is the
    // switch's uplink NIC, with a DHCP server (dnsmasq) on the far end.
    const QString lan = m_ns + QStringLiteral("-lan"),
                  lanIf = QStringLiteral("vdl%1").arg(::getpid() % 100000);
    const QString ip = QStringLiteral("ip");
    for (const QStringList& c : QList<QStringList>{
             {ip, QStringLiteral("netns"), QStringLiteral("add"), lan},
             {ip, QStringLiteral("link"), QStringLiteral("add"), lanIf, QStringLiteral("netns"),
              lan, QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
              QStringLiteral("name"), QStringLiteral("lanup"), QStringLiteral("netns"), m_ns},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), lan, ip, QStringLiteral("addr"),
              QStringLiteral("add"), QStringLiteral("10.83.7.1/24"), QStringLiteral("dev"), lanIf},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), lan, ip, QStringLiteral("link"),
              QStringLiteral("set"), lanIf, QStringLiteral("up")},
             // A LAN's frames come off the wire checksummed; a veth's own would carry only
             // "checksum later" marks, which a packet socket passes on as they are.
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), lan, QStringLiteral("ethtool"),
              QStringLiteral("-K"), lanIf, QStringLiteral("tx"), QStringLiteral("off")},
             {ip, QStringLiteral("netns"), QStringLiteral("exec"), m_ns, ip, QStringLiteral("link"),
              QStringLiteral("set"), QStringLiteral("lanup"), QStringLiteral("up")}})
        QCOMPARE(QProcess::execute(c.first(), c.mid(1)), 0);
    QProcess dhcp;
    dhcp.start(ip, {QStringLiteral("netns"), QStringLiteral("exec"), lan, QStringLiteral("dnsmasq"),
                    QStringLiteral("--no-daemon"), QStringLiteral("--conf-file=/dev/null"),
                    QStringLiteral("--port=0"), QStringLiteral("--user=root"),
                    QStringLiteral("--bind-interfaces"), QStringLiteral("--interface=") + lanIf,
                    QStringLiteral("--dhcp-range=10.83.7.50,10.83.7.99,1h"),
                    QStringLiteral("--dhcp-leasefile=") + m_lab.path(QStringLiteral("lan.leases")),
                    QStringLiteral("--pid-file=")});
    QVERIFY(dhcp.waitForStarted());

    QCOMPARE(vc({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("lan"),
                 QStringLiteral("--mode"), QStringLiteral("bridged"), QStringLiteral("--switch"),
                 QStringLiteral("dpdk"), QStringLiteral("--uplink"), QStringLiteral("lanup")})
                 .code,
             0);
    // A second network may not take the same NIC.
    const Run twice =
        vc({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("lan2"),
            QStringLiteral("--mode"), QStringLiteral("bridged"), QStringLiteral("--switch"),
            QStringLiteral("dpdk"), QStringLiteral("--uplink"), QStringLiteral("lanup")});
    QCOMPARE(twice.code, 1);
    QVERIFY2(twice.err.contains(QStringLiteral("network 'lan' uses 'lanup'")),
             qPrintable(twice.err));
    // Nor may a kernel bridge of Vireo's (one check for every NIC a network takes).
    const Run bridged =
        vc({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("lan3"),
            QStringLiteral("--mode"), QStringLiteral("bridged"), QStringLiteral("--uplink"),
            QStringLiteral("lanup"), QStringLiteral("--create-bridge")});
    QCOMPARE(bridged.code, 1);
    QVERIFY2(bridged.err.contains(QStringLiteral("network 'lan' uses 'lanup'")),
             qPrintable(bridged.err));
    QVERIFY(createGuest(QStringLiteral("b"), QStringLiteral("network=lan")));
    QCOMPARE(vc({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("b")}).code, 0);
    const QString guestIp = m_lab.waitForCapture(
        QStringLiteral("b"), QStringLiteral("VIREO-GUEST: ready ip=(10\\.83\\.7\\.\\d+)\\s"),
        120000);
    QVERIFY2(!guestIp.isEmpty(), "the guest got no address from the LAN's DHCP server");
    const Run ping = runInNamespace(lan, {QStringLiteral("busybox"), QStringLiteral("ping"),
                                          QStringLiteral("-c2"), QStringLiteral("-W5"), guestIp});
    QVERIFY2(ping.code == 0, qPrintable(ping.out + ping.err));
    const Run stats = vc({QStringLiteral("network"), QStringLiteral("stats"), QStringLiteral("lan"),
                          QStringLiteral("--json")});
    QJsonObject uplink;
    for (const auto& v : QJsonDocument::fromJson(stats.out.toUtf8()).array())
        if (v.toObject().value(QStringLiteral("port")).toString() == QStringLiteral("uplink"))
            uplink = v.toObject();
    QVERIFY2(uplink.value(QStringLiteral("rx_packets")).toDouble() >= 2 &&
                 uplink.value(QStringLiteral("tx_packets")).toDouble() >= 2,
             qPrintable(stats.out));

    QCOMPARE(vc({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("b"),
                 QStringLiteral("--force")})
                 .code,
             0);
    QCOMPARE(vc({QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("lan")}).code,
             0);
    QVERIFY(switchProcesses(m_lab.runtimeDir()).isEmpty());
    QCOMPARE(nrHugepages(), m_pagesBefore);
    // The NIC is left as it was found: up, not promiscuous.
    const Run link = inNamespace({ip, QStringLiteral("-o"), QStringLiteral("link"),
                                  QStringLiteral("show"), QStringLiteral("lanup")});
    QVERIFY2(link.out.contains(QStringLiteral(",UP")) &&
                 !link.out.contains(QStringLiteral("PROMISC")),
             qPrintable(link.out));
    dhcp.kill();
    dhcp.waitForFinished();
}

void TestDpdkNetwork::withoutTheSwitchItFallsBackToAKernelBridge() {
    QCOMPARE(vc({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("slow"),
                 QStringLiteral("--mode"), QStringLiteral("internal"), QStringLiteral("--switch"),
                 QStringLiteral("dpdk")})
                 .code,
             0);
    qputenv("VIREO_SWITCH", "/nonexistent/vireo-switch");
    const Run started =
        vc({QStringLiteral("network"), QStringLiteral("start"), QStringLiteral("slow")});
    qunsetenv("VIREO_SWITCH");
    QCOMPARE(started.code, 0);
    QVERIFY2(started.err.contains(QStringLiteral("kernel bridge")), qPrintable(started.err));
    const Run list =
        vc({QStringLiteral("network"), QStringLiteral("list"), QStringLiteral("--json")});
    const QJsonObject slow = QJsonDocument::fromJson(list.out.toUtf8()).array().first().toObject();
    QCOMPARE(slow.value(QStringLiteral("switch")).toString(), QStringLiteral("dpdk"));
    QVERIFY(slow.value(QStringLiteral("active")).toBool());
    QVERIFY(slow.value(QStringLiteral("fallback"))
                .toString()
                .contains(QStringLiteral("not installed")));
    QVERIFY(inNamespace({QStringLiteral("ip"), QStringLiteral("-br"), QStringLiteral("link")})
                .out.contains(slow.value(QStringLiteral("bridge")).toString()));
    QCOMPARE(nrHugepages(), m_pagesBefore);
    QCOMPARE(vc({QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("slow")}).code,
             0);
}

QTEST_GUILESS_MAIN(TestDpdkNetwork)
#include "tst_dpdk_network.moc"
