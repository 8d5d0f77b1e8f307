// Sandboxes on Vireo's named networks, beside VMs, all inside a network namespace the test
// makes: a sandbox gets a free address of a host-only network, another sandbox and the
// host reach it, and its veth and address go when it stops; a sandbox and a test guest on
// one internal network ping each other both ways; sandboxes on different networks do not
// reach each other. Bad input is one line. Needs root, busybox-static and the test guest.
#include "GuestTestSupport.h"
#include "SandboxTestSupport.h"
#include "sandbox/runtime/CgroupLayout.h"

#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using guesttest::addNamespace;
using guesttest::GuestLab;
using guesttest::kGuest;
using guesttest::kGuestCmdline;
using guesttest::Run;
using guesttest::runInNamespace;

class TestSandboxVmNetwork : public QObject {
    Q_OBJECT
    GuestLab m_lab;
    QString m_ns;
    QString m_root;

    Run vc(const QStringList& args) { return m_lab.vireoctl(args); }
    Run inNamespace(const QStringList& argv) { return runInNamespace(m_ns, argv); }
    // `script` in a new sandbox on `network`; exit code and output.
    Run inSandbox(const QString& network, const QString& script, const QStringList& extra = {}) {
        return vc(QStringList{QStringLiteral("sandbox"), QStringLiteral("run"),
                              QStringLiteral("--rootfs"), m_root, QStringLiteral("--network"),
                              network} +
                  extra +
                  QStringList{QStringLiteral("--"), QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                              script});
    }
    QString addressOf(const QString& sandbox) {
        const Run r =
            vc({QStringLiteral("sandbox"), QStringLiteral("list"), QStringLiteral("--json")});
        for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            if (v.toObject().value(QStringLiteral("name")).toString() == sandbox)
                return v.toObject().value(QStringLiteral("address")).toString();
        return {};
    }
    bool startSleeper(const QString& name, const QString& network, const QStringList& extra = {}) {
        return vc(QStringList{QStringLiteral("sandbox"), QStringLiteral("create"),
                              QStringLiteral("--name"), name, QStringLiteral("--rootfs"), m_root,
                              QStringLiteral("--network"), network} +
                  extra +
                  QStringList{QStringLiteral("--"), QStringLiteral("/bin/sleep"),
                              QStringLiteral("600")})
                       .code == 0 &&
               vc({QStringLiteral("sandbox"), QStringLiteral("start"), name}).code == 0;
    }
    int vethCount() {
        const Run r =
            inNamespace({QStringLiteral("ip"), QStringLiteral("-o"), QStringLiteral("link")});
        return static_cast<int>(r.out.count(QStringLiteral(": visb")));
    }

private Q_SLOTS:
    void initTestCase() {
        if (*vireo::test::sandboxSkipReason()) QSKIP(vireo::test::sandboxSkipReason());
        if (!QFile::exists(kGuest + QStringLiteral("/vmlinux")))
            QSKIP("the test guest is not built");
        QVERIFY(m_lab.init());
        ::chmod(QFile::encodeName(m_lab.path(QString())).constData(), 0755);
        m_root = m_lab.path(QStringLiteral("root"));
        QVERIFY(vireo::test::makeBusyboxRoot(
            m_root, {QStringLiteral("sh"), QStringLiteral("ip"), QStringLiteral("ping"),
                     QStringLiteral("sleep"), QStringLiteral("echo"), QStringLiteral("cat"),
                     QStringLiteral("nslookup")}));
        // The root's own resolver file: the network's is bound over it.
        QFile resolv(m_root + QStringLiteral("/etc/resolv.conf"));
        QVERIFY(resolv.open(QIODevice::WriteOnly));
        resolv.write("nameserver 192.0.2.53\n");
        resolv.close();
        m_ns = QStringLiteral("vireo-sbnet-%1").arg(::getpid());
        QVERIFY(addNamespace(m_ns));
        m_lab.setCommandPrefix(vireo::test::netnsWithCgroupsPrefix(m_ns));
        QCOMPARE(vc({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("ho"),
                     QStringLiteral("--mode"), QStringLiteral("host-only"),
                     QStringLiteral("--subnet"), QStringLiteral("10.93.0.0/24")})
                     .code,
                 0);
        QCOMPARE(vc({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("in"),
                     QStringLiteral("--mode"), QStringLiteral("internal"),
                     QStringLiteral("--subnet"), QStringLiteral("10.94.0.0/24")})
                     .code,
                 0);
    }

    void sandboxesShareAHostOnlyNetwork() {
        QVERIFY(startSleeper(QStringLiteral("a"), QStringLiteral("ho")));
        // The first free address from the top of the lower half (DHCP has the upper half).
        QCOMPARE(addressOf(QStringLiteral("a")), QStringLiteral("10.93.0.127/24"));
        QCOMPARE(vethCount(), 1);
        const Run b = inSandbox(QStringLiteral("ho"),
                                QStringLiteral("ip -4 addr show eth0; ping -c1 -W5 10.93.0.127 && "
                                               "ping -c1 -W5 10.93.0.1"));
        QVERIFY2(b.code == 0, qPrintable(b.out + b.err));
        QVERIFY2(b.out.contains(QStringLiteral("10.93.0.126/24")), qPrintable(b.out));
        // The host, on the network's bridge, reaches the sandbox.
        const Run host = inNamespace({QStringLiteral("/bin/busybox"), QStringLiteral("ping"),
                                      QStringLiteral("-c1"), QStringLiteral("-W5"),
                                      QStringLiteral("10.93.0.127")});
        QVERIFY2(host.code == 0, qPrintable(host.out + host.err));
        QCOMPARE(vc({QStringLiteral("sandbox"), QStringLiteral("stop"), QStringLiteral("--time"),
                     QStringLiteral("1"), QStringLiteral("a")})
                     .code,
                 0);
        QCOMPARE(vethCount(), 0);
        // Its address is free again.
        QVERIFY(startSleeper(QStringLiteral("a2"), QStringLiteral("ho")));
        QCOMPARE(addressOf(QStringLiteral("a2")), QStringLiteral("10.93.0.127/24"));
        // The network's dnsmasq answers the sandbox's name.
        const Run dns =
            inNamespace({QStringLiteral("/bin/busybox"), QStringLiteral("nslookup"),
                         QStringLiteral("a2.vireo.internal"), QStringLiteral("10.93.0.1")});
        QVERIFY2(dns.out.contains(QStringLiteral("10.93.0.127")), qPrintable(dns.out + dns.err));
        // ...and so does a sandbox on the network, through its resolv.conf alone; the root's
        // own file is left as it was.
        const Run named =
            inSandbox(QStringLiteral("ho"),
                      QStringLiteral("cat /etc/resolv.conf; nslookup a2.vireo.internal"));
        QVERIFY2(named.code == 0, qPrintable(named.out + named.err));
        QVERIFY2(named.out.contains(QStringLiteral("nameserver 10.93.0.1")), qPrintable(named.out));
        QVERIFY2(named.out.contains(QStringLiteral("10.93.0.127")), qPrintable(named.out));
        QFile own(m_root + QStringLiteral("/etc/resolv.conf"));
        QVERIFY(own.open(QIODevice::ReadOnly));
        QCOMPARE(own.readAll(), QByteArray("nameserver 192.0.2.53\n"));
    }

    void sandboxAndGuestShareAnInternalNetwork() {
        const QString disk = m_lab.path(QStringLiteral("g.qcow2"));
        QProcess::execute(QStringLiteral("qemu-img"),
                          {QStringLiteral("create"), QStringLiteral("-q"), QStringLiteral("-f"),
                           QStringLiteral("qcow2"), disk, QStringLiteral("16M")});
        QCOMPARE(vc({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("g"),
                     QStringLiteral("--memory"), QStringLiteral("192M"), QStringLiteral("--kernel"),
                     kGuest + QStringLiteral("/vmlinux"), QStringLiteral("--initrd"),
                     kGuest + QStringLiteral("/initramfs.cpio.gz"), QStringLiteral("--append"),
                     kGuestCmdline, QStringLiteral("--disk"), disk, QStringLiteral("--nic"),
                     QStringLiteral("network=in")})
                     .code,
                 0);
        QCOMPARE(vc({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("g")}).code, 0);
        QVERIFY(m_lab.waitForMarker(QStringLiteral("g"), QStringLiteral("VIREO-GUEST: ready")));
        QCOMPARE(
            m_lab.ask(QStringLiteral("g"), QStringLiteral("ip addr add 10.94.0.10/24 dev eth0")),
            QStringLiteral("ok"));
        QVERIFY(startSleeper(QStringLiteral("s"), QStringLiteral("in"),
                             {QStringLiteral("--ip"), QStringLiteral("10.94.0.20")}));
        QCOMPARE(addressOf(QStringLiteral("s")), QStringLiteral("10.94.0.20/24"));
        // Guest → sandbox, and a new sandbox → guest.
        QCOMPARE(
            m_lab.ask(QStringLiteral("g"), QStringLiteral("ping -c2 -W5 10.94.0.20 >/dev/null")),
            QStringLiteral("ok"));
        const Run toGuest =
            inSandbox(QStringLiteral("in"), QStringLiteral("ping -c2 -W5 10.94.0.10"));
        QVERIFY2(toGuest.code == 0, qPrintable(toGuest.out + toGuest.err));
        // Internal: no route out, and the host has no address on it.
        const Run out = inSandbox(QStringLiteral("in"), QStringLiteral("ip route"));
        QVERIFY2(!out.out.contains(QStringLiteral("default")), qPrintable(out.out));
        // A sandbox of the other network reaches neither.
        const Run other =
            inSandbox(QStringLiteral("ho"), QStringLiteral("ping -c1 -W2 10.94.0.20"));
        QVERIFY2(other.code != 0, qPrintable(other.out));
        vc({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("g")});
    }

    void badInputIsOneLine_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no such network")
            << QStringList{QStringLiteral("--network"), QStringLiteral("nosuch")}
            << QStringLiteral("nosuch");
        QTest::newRow("address outside the subnet")
            << QStringList{QStringLiteral("--network"), QStringLiteral("in"),
                           QStringLiteral("--ip"), QStringLiteral("10.1.1.1")}
            << QStringLiteral("10.94.0.0/24");
        QTest::newRow("address in use")
            << QStringList{QStringLiteral("--network"), QStringLiteral("in"),
                           QStringLiteral("--ip"), QStringLiteral("10.94.0.20")}
            << QStringLiteral("in use");
        QTest::newRow("ip without a network")
            << QStringList{QStringLiteral("--ip"), QStringLiteral("10.94.0.21")}
            << QStringLiteral("--network");
    }

    void badInputIsOneLine() {
        QFETCH(QStringList, options);
        QFETCH(QString, mentions);
        const int vethsBefore = vethCount();
        const Run r = vc(QStringList{QStringLiteral("sandbox"), QStringLiteral("run"),
                                     QStringLiteral("--rootfs"), m_root} +
                         options + QStringList{QStringLiteral("--"), QStringLiteral("/bin/true")});
        QVERIFY(r.code != 0);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QCOMPARE(vethCount(), vethsBefore);
    }

    void cleanupTestCase() {
        if (m_ns.isEmpty()) return;
        m_lab.killAll();
        vc({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("g")});
        for (const auto& s : {QStringLiteral("a"), QStringLiteral("a2"), QStringLiteral("s")})
            vc({QStringLiteral("sandbox"), QStringLiteral("rm"), QStringLiteral("--force"), s});
        for (const auto& n : {QStringLiteral("ho"), QStringLiteral("in")})
            vc({QStringLiteral("network"), QStringLiteral("delete"), n});
        QProcess::execute(QStringLiteral("ip"),
                          {QStringLiteral("netns"), QStringLiteral("del"), m_ns});
        QVERIFY2(vireo::test::leftoverSandboxCgroups().isEmpty(),
                 qPrintable(vireo::test::leftoverSandboxCgroups().join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestSandboxVmNetwork)
#include "tst_sandbox_vm_network.moc"
