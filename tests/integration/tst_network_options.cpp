// A network's options proven by real guests: jumbo MTU, IPv6 by SLAAC, static leases and
// their DNS names, VLANs on one kernel bridge, and a running VM's NIC moved between VLANs
// and networks. vireoctl (and so QEMU, bridges, taps, nft and dnsmasq) runs in a network
// namespace the test made; afterwards nothing Vireo made may be left in it.
#include "GuestTestSupport.h"

#include <QHostAddress>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace guesttest;

namespace {
const QString kOk = QStringLiteral("ok");
const QString kFail = QStringLiteral("fail");
} // namespace

class TestNetworkOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void badOptionsChangeNothing();
    void jumboFramesIpv6AndStaticLease();
    void vlansAndMovingARunningNic();
    void autostartStartsNetworksThenVms();
    void bridgeOverAHostNic();
    void aNetworkCutShortIsCompletedByTheNextVmStart();
    void socketSwitchNeedsNoRoot();
    void nothingLeftBehind();

private:
    Run vireoctl(const QStringList& args) { return m_lab.vireoctl(args); }
    Run inHost(const QStringList& argv) { return runInNamespace(m_host, argv); }
    bool createGuest(const QString& name, const QString& nic) {
        const QString disk = m_lab.path(name + QStringLiteral(".qcow2"));
        QProcess::execute(QStringLiteral("qemu-img"),
                          {QStringLiteral("create"), QStringLiteral("-q"), QStringLiteral("-f"),
                           QStringLiteral("qcow2"), disk, QStringLiteral("16M")});
        return vireoctl({QStringLiteral("vm"), QStringLiteral("create"), name,
                         QStringLiteral("--memory"), QStringLiteral("160M"),
                         QStringLiteral("--kernel"), kGuest + QStringLiteral("/vmlinux"),
                         QStringLiteral("--initrd"), kGuest + QStringLiteral("/initramfs.cpio.gz"),
                         QStringLiteral("--append"), kGuestCmdline, QStringLiteral("--disk"), disk,
                         QStringLiteral("--nic"), nic})
                   .code == 0;
    }
    QString readyIp(const QString& vm) {
        return m_lab.waitForCapture(vm, QStringLiteral("VIREO-GUEST: ready ip=(\\S+)\\s"), 120000);
    }
    // The guest's answer to a command whose output ends the console line with "=VALUE".
    QString guestValue(const QString& vm, const QString& command, const QString& key) {
        m_lab.ask(vm, QStringLiteral("echo %1=$(%2)").arg(key, command));
        return m_lab.waitForCapture(vm, QStringLiteral("\\n%1=(\\S+)\\s").arg(key));
    }

    GuestLab m_lab;
    QString m_host;
};

void TestNetworkOptions::initTestCase() {
    if (::geteuid() != 0)
        QSKIP("network tests need root (bridges, taps, nftables inside a test namespace)");
    if (!QFile::exists(kGuest + QStringLiteral("/vmlinux"))) QSKIP("the test guest is not built");
    if (!QFile::exists(QStringLiteral("/dev/net/tun")))
        QSKIP("/dev/net/tun is missing: no taps on this host");
    QVERIFY(m_lab.init());
    m_host = QStringLiteral("vireo-opts-%1").arg(::getpid());
    QVERIFY(addNamespace(m_host));
    m_lab.setCommandPrefix(
        {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), m_host});
}

void TestNetworkOptions::cleanupTestCase() {
    if (m_host.isEmpty()) return;
    m_lab.killAll();
    QProcess pids;
    pids.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("pids"), m_host});
    pids.waitForFinished();
    for (const auto& p : QString::fromUtf8(pids.readAllStandardOutput())
                             .split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        ::kill(p.toInt(), SIGKILL);
    QProcess::execute(QStringLiteral("ip"),
                      {QStringLiteral("netns"), QStringLiteral("del"), m_host});
}

void TestNetworkOptions::badOptionsChangeNothing() {
    const QString net = QStringLiteral("network"), create = QStringLiteral("create"),
                  mode = QStringLiteral("--mode");
    QCOMPARE(vireoctl({net, create, QStringLiteral("opt"), mode, QStringLiteral("host-only"),
                       QStringLiteral("--subnet"), QStringLiteral("10.80.21.0/24"),
                       QStringLiteral("--mtu"), QStringLiteral("9000"), QStringLiteral("--ipv6"),
                       QStringLiteral("auto")})
                 .code,
             0);
    const QString before = vireoctl({net, QStringLiteral("list"), QStringLiteral("--json")}).out;
    struct Case {
        QStringList args;
        QString mentions;
    };
    const QList<Case> cases{
        {{net, create, QStringLiteral("x"), mode, QStringLiteral("internal"),
          QStringLiteral("--ipv6"), QStringLiteral("auto")},
         QStringLiteral("IPv6 is for NAT and host-only")},
        {{net, create, QStringLiteral("x"), mode, QStringLiteral("host-only"),
          QStringLiteral("--mtu"), QStringLiteral("10000")},
         QStringLiteral("MTU 10000")},
        {{net, create, QStringLiteral("x"), mode, QStringLiteral("host-only"),
          QStringLiteral("--ipv6"), QStringLiteral("fd00:1::/48")},
         QStringLiteral("not an IPv6 /64")},
        {{net, create, QStringLiteral("x"), mode, QStringLiteral("host-only"),
          QStringLiteral("--subnet"), QStringLiteral("10.80.40.0/24"),
          QStringLiteral("--dhcp-range"), QStringLiteral("10.80.40.1-10.80.40.9")},
         QStringLiteral("does not fit subnet 10.80.40.0/24")},
        {{net, QStringLiteral("lease"), QStringLiteral("opt"), QStringLiteral("add"),
          QStringLiteral("52:54:00:21:00:99"), QStringLiteral("10.80.99.5")},
         QStringLiteral("not a guest address of network 'opt'")},
        {{net, QStringLiteral("lease"), QStringLiteral("opt"), QStringLiteral("remove"),
          QStringLiteral("52:54:00:21:00:99")},
         QStringLiteral("no static lease")},
        {{QStringLiteral("vm"), QStringLiteral("nic"), QStringLiteral("nosuchvm"),
          QStringLiteral("0"), QStringLiteral("--network"), QStringLiteral("opt")},
         QStringLiteral("nosuchvm")},
    };
    for (const auto& c : cases) {
        const Run r = vireoctl(c.args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(c.mentions), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }
    QCOMPARE(vireoctl({net, QStringLiteral("list"), QStringLiteral("--json")}).out, before);
}

void TestNetworkOptions::jumboFramesIpv6AndStaticLease() {
    const QString mac = QStringLiteral("52:54:00:21:00:10");
    QVERIFY(createGuest(QStringLiteral("web"), QStringLiteral("network=opt,mac=") + mac));
    QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("lease"), QStringLiteral("opt"),
                       QStringLiteral("add"), mac, QStringLiteral("10.80.21.20"),
                       QStringLiteral("shop")})
                 .code,
             0);
    const QJsonObject opt =
        QJsonDocument::fromJson(
            vireoctl({QStringLiteral("network"), QStringLiteral("list"), QStringLiteral("--json")})
                .out.toUtf8())
            .array()
            .first()
            .toObject();
    QCOMPARE(opt.value(QStringLiteral("mtu")).toInt(), 9000);
    const QString gateway6 = opt.value(QStringLiteral("ipv6_gateway")).toString();
    QVERIFY2(gateway6.startsWith(QStringLiteral("fd")) && gateway6.endsWith(QStringLiteral("::1")),
             qPrintable(gateway6));

    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("web")}).code,
             0);
    // The static lease, not one from the dynamic range (the upper half).
    QCOMPARE(readyIp(QStringLiteral("web")), QStringLiteral("10.80.21.20"));
    // Jumbo frames end to end: the guest's NIC was told the MTU, the tap and bridge carry
    // it, and 8000-byte pings cross in both directions.
    QCOMPARE(guestValue(QStringLiteral("web"), QStringLiteral("cat /sys/class/net/eth0/mtu"),
                        QStringLiteral("MTU")),
             QStringLiteral("9000"));
    QCOMPARE(m_lab.ask(QStringLiteral("web"),
                       QStringLiteral("ping -c1 -W3 -s 8000 10.80.21.1 >/dev/null")),
             kOk);
    const Run bigPing = inHost({QStringLiteral("busybox"), QStringLiteral("ping"),
                                QStringLiteral("-c1"), QStringLiteral("-W3"), QStringLiteral("-s"),
                                QStringLiteral("8000"), QStringLiteral("10.80.21.20")});
    QVERIFY2(bigPing.code == 0, qPrintable(bigPing.out + bigPing.err));
    const Run taps = inHost({QStringLiteral("ip"), QStringLiteral("-o"), QStringLiteral("link")});
    QVERIFY2(QRegularExpression(QStringLiteral("vitp[0-9a-f]+: .* mtu 9000 .*master vibr"))
                 .match(taps.out)
                 .hasMatch(),
             qPrintable(taps.out));
    // Its DNS names: the lease's host name, answered by the network's dnsmasq.
    const Run named = inHost({QStringLiteral("busybox"), QStringLiteral("nslookup"),
                              QStringLiteral("shop.vireo.internal"), QStringLiteral("10.80.21.1")});
    QVERIFY2(named.out.contains(QStringLiteral("10.80.21.20")), qPrintable(named.out + named.err));
    const auto leases =
        QJsonDocument::fromJson(vireoctl({QStringLiteral("network"), QStringLiteral("leases"),
                                          QStringLiteral("opt"), QStringLiteral("--json")})
                                    .out.toUtf8())
            .array();
    QCOMPARE(leases.size(), 1);
    QCOMPARE(leases.first().toObject().value(QStringLiteral("vm")).toString(),
             QStringLiteral("web"));
    QVERIFY(leases.first().toObject().value(QStringLiteral("static")).toBool());

    // IPv6: the guest configures an address of the network's prefix from the router
    // advertisements and reaches the host over it, and the host reaches the guest.
    const QString address6 = guestValue(
        QStringLiteral("web"),
        QStringLiteral("for i in $(seq 40); do a=$(ip -6 addr show dev eth0 | grep 'scope global' "
                       "| grep -o 'inet6 [0-9a-f:]*' | cut -d' ' -f2); [ -n \"$a\" ] && break; "
                       "sleep 0.5; done; echo $a"),
        QStringLiteral("ADDR6"));
    QVERIFY2(QHostAddress(address6).isInSubnet(QHostAddress(gateway6), 64), qPrintable(address6));
    QCOMPARE(m_lab.ask(QStringLiteral("web"),
                       QStringLiteral("ping -c1 -W3 %1 >/dev/null").arg(gateway6)),
             kOk);
    const Run ping6 =
        inHost({QStringLiteral("busybox"), QStringLiteral("ping"), QStringLiteral("-6"),
                QStringLiteral("-c1"), QStringLiteral("-W3"), address6});
    QVERIFY2(ping6.code == 0, qPrintable(ping6.out + ping6.err));
    // Router lifetime 0: on-link, but no default route through the host.
    QCOMPARE(m_lab.ask(QStringLiteral("web"), QStringLiteral("ip -6 route | grep -q default")),
             kFail);

    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("web")}).code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("lease"), QStringLiteral("opt"),
                       QStringLiteral("remove"), mac})
                 .code,
             0);
}

void TestNetworkOptions::vlansAndMovingARunningNic() {
    const QString net = QStringLiteral("network"), create = QStringLiteral("create");
    QCOMPARE(vireoctl({net, create, QStringLiteral("vl"), QStringLiteral("--mode"),
                       QStringLiteral("internal"), QStringLiteral("--subnet"),
                       QStringLiteral("10.80.22.0/24")})
                 .code,
             0);
    QCOMPARE(vireoctl({net, create, QStringLiteral("ho"), QStringLiteral("--mode"),
                       QStringLiteral("host-only"), QStringLiteral("--subnet"),
                       QStringLiteral("10.80.23.0/24"), QStringLiteral("--dhcp-range"),
                       QStringLiteral("10.80.23.50-10.80.23.60")})
                 .code,
             0);
    QVERIFY(createGuest(QStringLiteral("a"), QStringLiteral("network=vl,vlan=10")));
    QVERIFY(createGuest(QStringLiteral("b"), QStringLiteral("network=vl,vlan=10")));
    QVERIFY(createGuest(QStringLiteral("c"), QStringLiteral("network=vl,vlan=20")));
    const QStringList guests{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    for (const auto& vm : guests)
        QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), vm}).code, 0);
    for (int i = 0; i < guests.size(); ++i) {
        QCOMPARE(readyIp(guests[i]), QStringLiteral("none")); // internal: no DHCP
        QCOMPARE(
            m_lab.ask(guests[i], QStringLiteral("ip addr add 10.80.22.1%1/24 dev eth0").arg(i + 1)),
            kOk);
    }
    // One bridge, two VLANs: a and b (VLAN 10) talk; c (VLAN 20) hears neither.
    QCOMPARE(m_lab.ask(QStringLiteral("a"), QStringLiteral("ping -c2 -W3 10.80.22.12 >/dev/null")),
             kOk);
    QCOMPARE(m_lab.ask(QStringLiteral("c"), QStringLiteral("ping -c2 -W2 10.80.22.11 >/dev/null")),
             kFail);
    // Each access VLAN is a bridge of its own, tied to the network's bridge.
    const QString bridges =
        inHost({QStringLiteral("ip"), QStringLiteral("-o"), QStringLiteral("link")}).out;
    QVERIFY2(bridges.contains(QStringLiteral("vireo vlan 10 of vibr")) &&
                 bridges.contains(QStringLiteral("vireo vlan 20 of vibr")),
             qPrintable(bridges));

    // c moves to VLAN 10 while it runs: same NIC, same address, now it reaches a.
    const auto carrierChanges = [&] {
        return guestValue(QStringLiteral("c"),
                          QStringLiteral("cat /sys/class/net/eth0/carrier_changes"),
                          QStringLiteral("CC%1").arg(QDateTime::currentMSecsSinceEpoch()))
            .toInt();
    };
    const int flapsBefore = carrierChanges();
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("nic"), QStringLiteral("c"),
                       QStringLiteral("0"), QStringLiteral("--network"), QStringLiteral("vl"),
                       QStringLiteral("--vlan"), QStringLiteral("10")})
                 .code,
             0);
    QVERIFY(carrierChanges() >= flapsBefore + 2); // the guest saw its link go down and up
    QCOMPARE(m_lab.ask(QStringLiteral("c"), QStringLiteral("ping -c2 -W3 10.80.22.11 >/dev/null")),
             kOk);

    // A network of another MTU cannot take the running NIC: one line, nothing changes.
    const Run jumbo =
        vireoctl({QStringLiteral("vm"), QStringLiteral("nic"), QStringLiteral("c"),
                  QStringLiteral("0"), QStringLiteral("--network"), QStringLiteral("opt")});
    QCOMPARE(jumbo.code, 1);
    QVERIFY2(jumbo.err.contains(QStringLiteral("MTU 9000")), qPrintable(jumbo.err));
    QCOMPARE(m_lab.ask(QStringLiteral("c"), QStringLiteral("ping -c1 -W3 10.80.22.11 >/dev/null")),
             kOk);

    // Then to the host-only network: its DHCP gives c an address there, the host answers,
    // the internal network is out of reach, and the definition says where the NIC is.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("nic"), QStringLiteral("c"),
                       QStringLiteral("0"), QStringLiteral("--network"), QStringLiteral("ho")})
                 .code,
             0);
    QCOMPARE(m_lab.ask(QStringLiteral("c"),
                       QStringLiteral(
                           "rm -f /run/ip; timeout 15 udhcpc -i eth0 -s /etc/udhcpc.sh "
                           "-q -n -t 5 -T 2 >/dev/null 2>&1; grep -qE '^10.80.23.(5[0-9]|60)$' "
                           "/run/ip"),
                       60000),
             kOk);
    QCOMPARE(m_lab.ask(QStringLiteral("c"), QStringLiteral("ping -c1 -W3 10.80.23.1 >/dev/null")),
             kOk);
    QCOMPARE(m_lab.ask(QStringLiteral("c"), QStringLiteral("ping -c1 -W2 10.80.22.11 >/dev/null")),
             kFail);
    const auto shown =
        QJsonDocument::fromJson(vireoctl({QStringLiteral("vm"), QStringLiteral("show"),
                                          QStringLiteral("c"), QStringLiteral("--json")})
                                    .out.toUtf8())
            .object();
    const QString shownText =
        QString::fromUtf8(QJsonDocument(shown).toJson(QJsonDocument::Compact));
    QVERIFY2(shownText.contains(QStringLiteral("\"network\":\"ho\"")), qPrintable(shownText));
    // The network the NIC left is free to stop; the one it joined is not.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("a")}).code, 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("b")}).code, 0);
    QCOMPARE(vireoctl({net, QStringLiteral("stop"), QStringLiteral("vl")}).code, 0);
    QCOMPARE(vireoctl({net, QStringLiteral("stop"), QStringLiteral("ho")}).code, 1);
    for (const auto& vm : guests)
        QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), vm,
                           QStringLiteral("--force")})
                     .code,
                 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("web"),
                       QStringLiteral("--force")})
                 .code,
             0);
}

void TestNetworkOptions::autostartStartsNetworksThenVms() {
    QCOMPARE(
        vireoctl({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("boot"),
                  QStringLiteral("--mode"), QStringLiteral("host-only"), QStringLiteral("--subnet"),
                  QStringLiteral("10.80.24.0/24"), QStringLiteral("--autostart")})
            .code,
        0);
    QVERIFY(createGuest(QStringLiteral("early"), QStringLiteral("network=boot")));
    QVERIFY(createGuest(QStringLiteral("late"), QStringLiteral("network=boot")));
    QVERIFY(createGuest(QStringLiteral("broken"), QStringLiteral("network=boot")));
    for (const auto& vm : {QStringLiteral("early"), QStringLiteral("broken")})
        QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("edit"), vm,
                           QStringLiteral("--autostart")})
                     .code,
                 0);
    QVERIFY(QFile::remove(m_lab.path(QStringLiteral("broken.qcow2")))); // it cannot start
    const auto outcomes = [&](int expectedCode) {
        const Run r = vireoctl(
            {QStringLiteral("host"), QStringLiteral("autostart"), QStringLiteral("--json")});
        [&] { QCOMPARE(r.code, expectedCode); }();
        QMap<QString, QString> byName;
        for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array()) {
            const auto o = v.toObject();
            byName.insert(o.value(QStringLiteral("kind")).toString() + QLatin1Char(':') +
                              o.value(QStringLiteral("name")).toString(),
                          o.value(QStringLiteral("result")).toString());
            if (o.contains(QStringLiteral("error")))
                [&] {
                    QVERIFY2(o.value(QStringLiteral("error"))
                                 .toString()
                                 .contains(QStringLiteral("broken.qcow2")),
                             qPrintable(r.out));
                }();
        }
        return byName;
    };
    // The network first, then its VMs; the broken one fails alone and says why.
    QMap<QString, QString> first = outcomes(1);
    QCOMPARE(first.value(QStringLiteral("network:boot")), QStringLiteral("started"));
    QCOMPARE(first.value(QStringLiteral("vm:early")), QStringLiteral("started"));
    QCOMPARE(first.value(QStringLiteral("vm:broken")), QStringLiteral("failed"));
    QVERIFY(!first.contains(QStringLiteral("vm:late")));
    QVERIFY(readyIp(QStringLiteral("early")).startsWith(QStringLiteral("10.80.24.")));
    // Run again (a second login, a restarted unit): nothing starts twice.
    QMap<QString, QString> again = outcomes(1);
    QCOMPARE(again.value(QStringLiteral("network:boot")), QStringLiteral("already-running"));
    QCOMPARE(again.value(QStringLiteral("vm:early")), QStringLiteral("already-running"));
    QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("autostart"),
                       QStringLiteral("boot"), QStringLiteral("off")})
                 .code,
             0);
    // (Editing needs the VM's disk back.)
    QCOMPARE(QProcess::execute(QStringLiteral("qemu-img"),
                               {QStringLiteral("create"), QStringLiteral("-q"),
                                QStringLiteral("-f"), QStringLiteral("qcow2"),
                                m_lab.path(QStringLiteral("broken.qcow2")), QStringLiteral("16M")}),
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("broken"),
                       QStringLiteral("--no-autostart")})
                 .code,
             0);
    QMap<QString, QString> last = outcomes(0);
    QCOMPARE(last.keys(), QStringList{QStringLiteral("vm:early")});
    for (const auto& vm :
         {QStringLiteral("early"), QStringLiteral("late"), QStringLiteral("broken")})
        QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), vm,
                           QStringLiteral("--force")})
                     .code,
                 0);
}

// Bridged mode over a NIC that is not a bridge yet: the "host" namespace's eth0 is wired
// to an "upstream LAN" namespace with its own DHCP server, like a workstation's NIC to its
// office LAN. Vireo bridges it on request; the host keeps its address and default route
// throughout, a guest gets its address from the LAN's DHCP, and deleting the network
// gives the NIC everything back.
void TestNetworkOptions::bridgeOverAHostNic() {
    const QString lan = QStringLiteral("vireo-lan-%1").arg(::getpid());
    QVERIFY(addNamespace(lan));
    const auto inLan = [&](const QStringList& argv) { return runInNamespace(lan, argv); };
    const QString ip = QStringLiteral("ip");
    const QString peer = QStringLiteral("vlan%1").arg(::getpid() % 100000);
    QCOMPARE(QProcess::execute(ip, {QStringLiteral("link"), QStringLiteral("add"), peer,
                                    QStringLiteral("netns"), lan, QStringLiteral("type"),
                                    QStringLiteral("veth"), QStringLiteral("peer"),
                                    QStringLiteral("name"), QStringLiteral("eth0"),
                                    QStringLiteral("netns"), m_host}),
             0);
    QCOMPARE(inLan({ip, QStringLiteral("addr"), QStringLiteral("add"),
                    QStringLiteral("192.168.88.1/24"), QStringLiteral("dev"), peer})
                 .code,
             0);
    QCOMPARE(
        inLan({ip, QStringLiteral("link"), QStringLiteral("set"), peer, QStringLiteral("up")}).code,
        0);
    for (const QStringList& c : QList<QStringList>{
             {ip, QStringLiteral("addr"), QStringLiteral("add"), QStringLiteral("192.168.88.2/24"),
              QStringLiteral("dev"), QStringLiteral("eth0")},
             {ip, QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("eth0"),
              QStringLiteral("up")},
             {ip, QStringLiteral("route"), QStringLiteral("add"), QStringLiteral("default"),
              QStringLiteral("via"), QStringLiteral("192.168.88.1")}})
        QCOMPARE(inHost(c).code, 0);
    const QString lanDir = m_lab.path(QStringLiteral("lan"));
    QDir().mkpath(lanDir);
    QCOMPARE(inLan({QStringLiteral("dnsmasq"), QStringLiteral("--conf-file=/dev/null"),
                    QStringLiteral("--port=0"), QStringLiteral("--interface=") + peer,
                    QStringLiteral("--bind-interfaces"),
                    QStringLiteral("--dhcp-range=192.168.88.100,192.168.88.150,1h"),
                    QStringLiteral("--dhcp-leasefile=") + lanDir + QStringLiteral("/leases"),
                    QStringLiteral("--pid-file=") + lanDir + QStringLiteral("/pid")})
                 .code,
             0);
    const auto hostReachesLan = [&] {
        return inHost({QStringLiteral("busybox"), QStringLiteral("ping"), QStringLiteral("-c1"),
                       QStringLiteral("-W3"), QStringLiteral("192.168.88.1")})
                   .code == 0;
    };
    QVERIFY(hostReachesLan());

    const QString net = QStringLiteral("network");
    const Run notABridge =
        vireoctl({net, QStringLiteral("create"), QStringLiteral("lan"), QStringLiteral("--mode"),
                  QStringLiteral("bridged"), QStringLiteral("--uplink"), QStringLiteral("eth0")});
    QCOMPARE(notABridge.code, 1);
    QVERIFY2(notABridge.err.contains(QStringLiteral("--create-bridge")),
             qPrintable(notABridge.err));
    QCOMPARE(
        vireoctl({net, QStringLiteral("create"), QStringLiteral("lan"), QStringLiteral("--mode"),
                  QStringLiteral("bridged"), QStringLiteral("--uplink"), QStringLiteral("eth0"),
                  QStringLiteral("--create-bridge")})
            .code,
        0);
    QCOMPARE(vireoctl({net, QStringLiteral("start"), QStringLiteral("lan")}).code, 0);
    const QString bridged =
        inHost({ip, QStringLiteral("-o"), QStringLiteral("addr"), QStringLiteral("show"),
                QStringLiteral("scope"), QStringLiteral("global")})
            .out;
    QVERIFY2(QRegularExpression(QStringLiteral("vibr[0-9a-f]{8}\\s+inet 192\\.168\\.88\\.2/24"))
                 .match(bridged)
                 .hasMatch(),
             qPrintable(bridged));
    QVERIFY2(!bridged.contains(QStringLiteral("eth0")), qPrintable(bridged));
    const QString route = inHost({ip, QStringLiteral("route")}).out;
    QVERIFY2(route.contains(QStringLiteral("default via 192.168.88.1 dev vibr")),
             qPrintable(route));
    QVERIFY(hostReachesLan());

    // A guest on it is a peer on the LAN: the LAN's DHCP server gives it an address.
    QVERIFY(createGuest(QStringLiteral("peer"), QStringLiteral("network=lan")));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("peer")}).code,
             0);
    const QString guestIp = readyIp(QStringLiteral("peer"));
    QVERIFY2(guestIp.startsWith(QStringLiteral("192.168.88.1")) &&
                 guestIp != QLatin1String("192.168.88.1"),
             qPrintable(guestIp));
    QCOMPARE(
        m_lab.ask(QStringLiteral("peer"), QStringLiteral("ping -c1 -W3 192.168.88.1 >/dev/null")),
        kOk);
    QCOMPARE(inLan({QStringLiteral("busybox"), QStringLiteral("ping"), QStringLiteral("-c1"),
                    QStringLiteral("-W3"), guestIp})
                 .code,
             0);
    const Run busy = vireoctl({net, QStringLiteral("delete"), QStringLiteral("lan")});
    QCOMPARE(busy.code, 1);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("peer"),
                       QStringLiteral("--force")})
                 .code,
             0);

    // Deleting the network hands the NIC its address and route back.
    QCOMPARE(vireoctl({net, QStringLiteral("delete"), QStringLiteral("lan")}).code, 0);
    const QString after =
        inHost({ip, QStringLiteral("-o"), QStringLiteral("addr"), QStringLiteral("show"),
                QStringLiteral("scope"), QStringLiteral("global")})
            .out;
    QVERIFY2(after.contains(QStringLiteral("eth0    inet 192.168.88.2/24")), qPrintable(after));
    QVERIFY2(inHost({ip, QStringLiteral("route")})
                 .out.contains(QStringLiteral("default via 192.168.88.1 dev eth0")),
             qPrintable(inHost({ip, QStringLiteral("route")}).out));
    QVERIFY(hostReachesLan());
    QFile pid(lanDir + QStringLiteral("/pid"));
    if (pid.open(QIODevice::ReadOnly)) ::kill(pid.readAll().trimmed().toInt(), SIGTERM);
    QProcess::execute(ip, {QStringLiteral("netns"), QStringLiteral("del"), lan});
}

// A crash between two steps of a network's start (bridge made; firewall, DHCP not) leaves
// a bridge without the rest; the next VM start must finish the job, not trust the bridge.
void TestNetworkOptions::aNetworkCutShortIsCompletedByTheNextVmStart() {
    const QString net = QStringLiteral("network");
    QCOMPARE(vireoctl({net, QStringLiteral("create"), QStringLiteral("cut"),
                       QStringLiteral("--mode"), QStringLiteral("nat-network"),
                       QStringLiteral("--subnet"), QStringLiteral("10.80.25.0/24")})
                 .code,
             0);
    QCOMPARE(vireoctl({net, QStringLiteral("start"), QStringLiteral("cut")}).code, 0);
    QString bridge;
    for (const auto& v :
         QJsonDocument::fromJson(
             vireoctl({net, QStringLiteral("list"), QStringLiteral("--json")}).out.toUtf8())
             .array())
        if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("cut"))
            bridge = v.toObject().value(QStringLiteral("bridge")).toString();
    QVERIFY(bridge.startsWith(QStringLiteral("vibr")));
    const QString runDir = m_lab.runtimeDir() + QStringLiteral("/vireo/net/") + bridge;
    const QString table = QStringLiteral("vireo_") + bridge.mid(4);
    // The crash: only the bridge is left.
    QFile pid(runDir + QStringLiteral("/dnsmasq.pid"));
    QVERIFY(pid.open(QIODevice::ReadOnly));
    QCOMPARE(::kill(pid.readAll().trimmed().toInt(), SIGKILL), 0);
    QCOMPARE(inHost({QStringLiteral("nft"), QStringLiteral("delete"), QStringLiteral("table"),
                     QStringLiteral("inet"), table})
                 .code,
             0);
    QVERIFY(QFile::remove(runDir + QStringLiteral("/complete")));

    QVERIFY(createGuest(QStringLiteral("again"), QStringLiteral("network=cut")));
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("again")}).code, 0);
    QVERIFY(readyIp(QStringLiteral("again")).startsWith(QStringLiteral("10.80.25."))); // DHCP back
    QVERIFY(inHost({QStringLiteral("nft"), QStringLiteral("list"), QStringLiteral("table"),
                    QStringLiteral("inet"), table})
                .out.contains(QStringLiteral("masquerade"))); // the NAT back
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("again"),
                       QStringLiteral("--force")})
                 .code,
             0);
}

// An internal network on QEMU's multicast socket hub, used by an unprivileged user
// (nobody): no helper, no bridge, no host interface; the guests still talk.
void TestNetworkOptions::socketSwitchNeedsNoRoot() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                  QFileDevice::ExeOther));
    for (const char* sub : {"lib", "run", "cache", "home"}) {
        QVERIFY(QDir().mkpath(dir.filePath(QLatin1String(sub))));
        QCOMPARE(QProcess::execute(QStringLiteral("chown"), {QStringLiteral("nobody:nogroup"),
                                                             dir.filePath(QLatin1String(sub))}),
                 0);
    }
    for (const char* file : {"vmlinux", "initramfs.cpio.gz"}) // readable by nobody
        QVERIFY(QFile::copy(kGuest + QLatin1Char('/') + QLatin1String(file),
                            dir.filePath(QLatin1String(file))));
    const auto asNobody = [&](const QStringList& args, const QByteArray& input = {}) {
        QProcess p;
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/sbin:/usr/bin:/sbin:/bin"));
        env.insert(QStringLiteral("HOME"), dir.filePath(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir.filePath(QStringLiteral("run")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("VIREO_HELPER"), QStringLiteral("/nonexistent/vireo-helper"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("ip"),
                QStringList{QStringLiteral("netns"), QStringLiteral("exec"), m_host,
                            QStringLiteral("setpriv"), QStringLiteral("--reuid=nobody"),
                            QStringLiteral("--regid=nogroup"), QStringLiteral("--clear-groups"),
                            QStringLiteral(VIREOCTL_PATH), QStringLiteral("--library"),
                            dir.filePath(QStringLiteral("lib"))} +
                    args);
        p.waitForStarted();
        if (!input.isNull()) {
            p.write(input);
            p.closeWriteChannel();
        }
        p.waitForFinished(120000);
        if (p.exitCode() != 0) qInfo() << args << p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    };
    const auto log = [&](const QString& vm) {
        QFile f(dir.filePath(QStringLiteral("lib/%1/console.log").arg(vm)));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    };
    const auto waitFor = [&](const QString& vm, const QString& text) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 120000 && !log(vm).contains(text))
            QTest::qWait(100);
        return log(vm).contains(text);
    };
    QCOMPARE(asNobody({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("hub"),
                       QStringLiteral("--mode"), QStringLiteral("internal"),
                       QStringLiteral("--switch"), QStringLiteral("socket")}),
             0);
    const auto interfaceNames = [&] {
        QStringList names;
        for (auto it = QRegularExpression(QStringLiteral("(?m)^\\d+: ([^:@]+)"))
                           .globalMatch(inHost({QStringLiteral("ip"), QStringLiteral("-o"),
                                                QStringLiteral("link")})
                                            .out);
             it.hasNext();)
            names << it.next().captured(1);
        return names;
    };
    const QStringList linksBefore = interfaceNames();
    const QStringList vms{QStringLiteral("s1"), QStringLiteral("s2")};
    for (int i = 0; i < vms.size(); ++i) {
        QCOMPARE(
            asNobody({QStringLiteral("vm"), QStringLiteral("create"), vms[i],
                      QStringLiteral("--memory"), QStringLiteral("160M"),
                      QStringLiteral("--kernel"), dir.filePath(QStringLiteral("vmlinux")),
                      QStringLiteral("--initrd"), dir.filePath(QStringLiteral("initramfs.cpio.gz")),
                      QStringLiteral("--append"), kGuestCmdline, QStringLiteral("--nic"),
                      QStringLiteral("network=hub")}),
            0);
        QCOMPARE(asNobody({QStringLiteral("vm"), QStringLiteral("start"), vms[i]}), 0);
    }
    for (int i = 0; i < vms.size(); ++i) {
        QVERIFY(waitFor(vms[i], QStringLiteral("VIREO-GUEST: ready")));
        asNobody({QStringLiteral("console"), vms[i]},
                 QStringLiteral("ip addr add 10.80.26.1%1/24 dev eth0\n").arg(i + 1).toUtf8());
    }
    asNobody({QStringLiteral("console"), QStringLiteral("s1")},
             "ping -c2 -W3 10.80.26.12 >/dev/null && echo HUB-$((6*7))-OK\n");
    QVERIFY2(waitFor(QStringLiteral("s1"), QStringLiteral("HUB-42-OK")),
             qPrintable(log(QStringLiteral("s1")).right(800)));
    // Nothing on the host: no bridge, no tap, not one new interface.
    QCOMPARE(interfaceNames(), linksBefore);
    const Run moved =
        vireoctl({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("x"),
                  QStringLiteral("--mode"), QStringLiteral("host-only"), QStringLiteral("--switch"),
                  QStringLiteral("socket")});
    QCOMPARE(moved.code, 1);
    QVERIFY2(moved.err.contains(QStringLiteral("internal networks")), qPrintable(moved.err));
    for (const auto& vm : vms)
        QCOMPARE(asNobody({QStringLiteral("vm"), QStringLiteral("delete"), vm,
                           QStringLiteral("--force")}),
                 0);
    QCOMPARE(asNobody({QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("hub")}),
             0);
}

void TestNetworkOptions::nothingLeftBehind() {
    for (const auto& n : {QStringLiteral("opt"), QStringLiteral("vl"), QStringLiteral("ho"),
                          QStringLiteral("boot"), QStringLiteral("cut")})
        QCOMPARE(vireoctl({QStringLiteral("network"), QStringLiteral("delete"), n}).code, 0);
    const QString links =
        inHost({QStringLiteral("ip"), QStringLiteral("-o"), QStringLiteral("link")}).out;
    QVERIFY2(!links.contains(QStringLiteral("vibr")) && !links.contains(QStringLiteral("vitp")),
             qPrintable(links));
    const QString tables =
        inHost({QStringLiteral("nft"), QStringLiteral("list"), QStringLiteral("tables")}).out;
    QVERIFY2(!tables.contains(QStringLiteral("vireo_")), qPrintable(tables));
    const QDir net(m_lab.runtimeDir() + QStringLiteral("/vireo/net"));
    QVERIFY(!net.exists() || net.isEmpty());
}

QTEST_GUILESS_MAIN(TestNetworkOptions)
#include "tst_network_options.moc"
