// Table tests of vireo-helper's argument validation: what the privileged helper accepts
// is exactly what Vireo creates, and nothing a caller could use to reach other objects.
#include "HelperValidation.h"

#include <QDomDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using namespace vireo::helper;

class TestHelperValidation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void table_data();
    void table();
    void everyOperationHasAPolkitClass();
    void aClassCoversOnlyItsOperations();
};

void TestHelperValidation::table_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    const auto row = [](const char* kind, const char* value, bool ok) {
        QTest::newRow(qPrintable(
            QStringLiteral("%1 '%2'").arg(QLatin1String(kind), QString::fromUtf8(value))))
            << QString::fromLatin1(kind) << QString::fromUtf8(value) << ok;
    };
    row("bridge", "vibr0a1b2c3d", true);
    row("bridge", "vibr0A1B2C3D", false);
    row("bridge", "vibr0a1b2c3", false);
    row("bridge", "eth0", false);
    row("bridge", "vibr0a1b2c3d;x", false);
    row("tap", "vitp12345678", true);
    row("tap", "vibr12345678", false);
    row("tap", "lo", false);
    row("veth", "visb0123abcd", true);
    row("veth", "visb0123ABCD", false);
    row("veth", "vitp0123abcd", false);
    row("veth", "eth0", false);
    row("pid", "4242", true);
    row("pid", "1", false); // never the host's init
    row("pid", "0042", false);
    row("pid", "42a", false);
    row("pid", "99999999", false);
    row("pid", "", false);
    row("table", "vireo_deadbeef", true);
    row("table", "filter", false);
    row("table", "vireo_deadbeef extra", false);
    row("iface", "br0", true);
    row("iface", "enp3s0.100", true);
    row("iface", "sixteen-chars-xx", false);
    row("iface", "../x", false);
    row("iface", "a b", false);
    row("cidr", "10.80.1.0/24", true);
    row("cidr", "10.80.1.1/24", false);
    row("cidr", "10.80.1.0/8", false);
    row("cidr", "10.80.1.0/30", false);
    row("cidr", "10.80.1.0/24;rm -rf /", false);
    row("cidr", "300.1.1.0/24", false);
    row("host", "10.80.1.1/24", true);
    row("host", "10.80.1.0/24", false);
    row("host", "10.80.1.255/24", false);
    row("ipv4", "10.80.1.128", true);
    row("ipv4", "10.80.1", false);
    row("ipv4", "::1", false);
    row("mtu", "1500", true);
    row("mtu", "9000", true);
    row("mtu", "100", false);
    row("mtu", "99999999", false);
    row("mtu", "-1", false);
    row("mac", "52:54:00:12:34:56", true);
    row("mac", "01:00:5e:00:00:01", false);
    row("mac", "52:54:00:12:34:5G", false);
    row("mac", "52-54-00-12-34-56", false);
    row("label", "web-01", true);
    row("label", "web.01", false);
    row("label", "-web", false);
    row("forward", "tcp:8080:10.80.1.50:80", true);
    row("forward", "udp:53:10.80.1.50:5353", true);
    row("forward", "sctp:8080:10.80.1.50:80", false);
    row("forward", "tcp:0:10.80.1.50:80", false);
    row("forward", "tcp:8080:10.80.2.50:80", false);
    row("forward", "tcp:8080:10.80.1.0:80", false);
    row("forward", "tcp:8080:10.80.1.50:80:1", false);
    row("forward", "tcp:8080:10.80.1.50:80;x", false);
    row("forward", "tcp:192.168.1.5:8080:10.80.1.50:80", true);
    row("forward", "tcp:192.168.1:8080:10.80.1.50:80", false);
    row("forward", "tcp:any:8080:10.80.1.50:80", false);
    row("mode", "nat-network", true);
    row("mode", "bridged", false);
    row("rundir", "/run/vireo/net/vibr0a1b2c3d", true);
    row("rundir", "/tmp/x/vireo/net/vibr0a1b2c3d", true);
    row("rundir", "/etc", false);
    row("rundir", "run/vireo/net/vibr0a1b2c3d", false);
    row("rundir", "/run/vireo/net/../../etc/vireo/net/vibr0a1b2c3d", false);
    row("rundir", "/run/vireo/net/vibr0a1b2c3d/..", false);
    row("rundir", "/run/vireo/net/eth0", false);
    row("hugepages", "64", true);
    row("hugepages", "16384", true);
    row("hugepages", "0", false);
    row("hugepages", "16385", false);
    row("hugepages", "-4", false);
    row("hugepages", "64 ", false);
    row("hugepages", "1e3", false);
    row("nic", "eth0", true);
    row("nic", "enp3s0", true);
    row("nic", "lo", false);
    row("nic", "vibr0a1b2c3d", false);
    row("nic", "vitp0a1b2c3d", false);
    row("nic", "eth0;reboot", false);
    row("prefix6", "fd12:3456:789a:1::/64", true);
    row("prefix6", "2001:db8:1:2::/64", true);
    row("prefix6", "fd12:3456:789a:1::1/64", false); // host bits
    row("prefix6", "fd12:3456:789a:1::/48", false);
    row("prefix6", "fe80::/64", false); // link-local
    row("prefix6", "ff02::/64", false);
    row("prefix6", "10.80.1.0/64", false);
    row("prefix6", "fd12::/64;rm", false);
    row("host6", "fd12:3456:789a:1::1/64", true);
    row("host6", "fd12:3456:789a:1::/64", false);
    row("host6", "fd12:3456:789a:1::1/128", false);
    row("host6", "::1/64", false);
    row("vlan", "10", true);
    row("vlan", "4094", true);
    row("vlan", "0", false);
    row("vlan", "4095", false);
    row("vlan", "010", false);
    row("vlan", "trunk:10,20-30", true);
    row("vlan", "trunk:10", true);
    row("vlan", "trunk:", false);
    row("vlan", "trunk:30-20", false);
    row("vlan", "trunk:10,,20", false);
    row("vlan", "trunk:10 pvid", false);
    row("vlan", "10 pvid untagged", false);
}

void TestHelperValidation::table() {
    QFETCH(QString, kind);
    QFETCH(QString, value);
    QFETCH(bool, valid);
    const std::string v = value.toStdString();
    bool got = false;
    if (kind == QLatin1String("bridge"))
        got = isOwnBridge(v);
    else if (kind == QLatin1String("tap"))
        got = isOwnTap(v);
    else if (kind == QLatin1String("veth"))
        got = isOwnVeth(v);
    else if (kind == QLatin1String("pid"))
        got = isPid(v);
    else if (kind == QLatin1String("table"))
        got = isOwnTable(v);
    else if (kind == QLatin1String("iface"))
        got = isInterfaceName(v);
    else if (kind == QLatin1String("cidr"))
        got = isIpv4Cidr(v);
    else if (kind == QLatin1String("host"))
        got = isIpv4HostWithPrefix(v);
    else if (kind == QLatin1String("ipv4"))
        got = isIpv4(v);
    else if (kind == QLatin1String("mtu"))
        got = isMtu(v);
    else if (kind == QLatin1String("mac"))
        got = isMac(v);
    else if (kind == QLatin1String("label"))
        got = isDnsLabel(v);
    else if (kind == QLatin1String("forward"))
        got = isPortForward(v, "10.80.1.0/24");
    else if (kind == QLatin1String("mode"))
        got = isMode(v);
    else if (kind == QLatin1String("rundir"))
        got = isRunDir(v);
    else if (kind == QLatin1String("hugepages"))
        got = isHugepageCount(v);
    else if (kind == QLatin1String("nic"))
        got = isHostNic(v);
    else if (kind == QLatin1String("prefix6"))
        got = isIpv6Prefix64(v);
    else if (kind == QLatin1String("host6"))
        got = isIpv6HostWith64(v);
    else if (kind == QLatin1String("vlan"))
        got = isVlanSpec(v);
    else
        QFAIL("unknown kind");
    QCOMPARE(got, valid);
}

// The operations the helper offers (its usage text), each in a class that the installed
// polkit policy has an action for, matched on pkexec's first argument at the installed path.
void TestHelperValidation::everyOperationHasAPolkitClass() {
    QProcess helper;
    helper.start(QStringLiteral(VIREO_HELPER_PATH), QStringList());
    QVERIFY(helper.waitForFinished());
    QCOMPARE(helper.exitCode(), 2);
    const QString usage = QString::fromUtf8(helper.readAllStandardError());
    // After the first line, operations are separated by " | ", each one's first word.
    QSet<QString> operations;
    for (const QString& line : usage.split(QLatin1Char('\n')).mid(1))
        for (const QString& piece : line.split(QStringLiteral(" | ")))
            if (const QString op = piece.trimmed().section(QLatin1Char(' '), 0, 0);
                op.contains(QLatin1Char('-')))
                operations.insert(op);
    QVERIFY2(operations.size() >= 18, qPrintable(usage));

    QFile policy(QStringLiteral(VIREO_HELPER_POLICY));
    QVERIFY(policy.open(QIODevice::ReadOnly));
    QDomDocument doc;
    QVERIFY(doc.setContent(&policy));
    QHash<QString, QString> pathOfClass; // exec.argv1 -> exec.path
    const QDomNodeList actions = doc.elementsByTagName(QStringLiteral("action"));
    for (int i = 0; i < actions.size(); ++i) {
        QString path, argv1;
        const QDomNodeList notes =
            actions.at(i).toElement().elementsByTagName(QStringLiteral("annotate"));
        for (int j = 0; j < notes.size(); ++j) {
            const QDomElement note = notes.at(j).toElement();
            if (note.attribute(QStringLiteral("key")) ==
                QLatin1String("org.freedesktop.policykit.exec.path"))
                path = note.text();
            if (note.attribute(QStringLiteral("key")) ==
                QLatin1String("org.freedesktop.policykit.exec.argv1"))
                argv1 = note.text();
        }
        QCOMPARE(path, QStringLiteral(VIREO_HELPER_INSTALLED_PATH));
        QVERIFY(isOperationClass(argv1.toStdString()));
        QVERIFY(actions.at(i).toElement().attribute(QStringLiteral("id")).endsWith(argv1));
        pathOfClass.insert(argv1, path);
    }
    for (const QString& op : operations) {
        const QString cls = QString::fromStdString(operationClass(op.toStdString()));
        QVERIFY2(!cls.isEmpty(), qPrintable(op + QStringLiteral(" has no class")));
        QVERIFY2(pathOfClass.contains(cls),
                 qPrintable(op + QStringLiteral(": no action for ") + cls));
    }
}

// What polkit authorized is what runs: a class word with another class's operation is
// refused before anything else (even before the root check).
void TestHelperValidation::aClassCoversOnlyItsOperations() {
    QProcess helper;
    helper.start(QStringLiteral(VIREO_HELPER_PATH),
                 {QStringLiteral("hugepages"), QStringLiteral("uplink-bridge-up"),
                  QStringLiteral("vibr00000000"), QStringLiteral("eth0")});
    QVERIFY(helper.waitForFinished());
    QCOMPARE(helper.exitCode(), 1);
    QVERIFY(QString::fromUtf8(helper.readAllStandardError())
                .contains(QStringLiteral("is not of class 'hugepages'")));
    QCOMPARE(QString::fromStdString(operationClass("uplink-bridge-up")),
             QStringLiteral("host-nic"));
    QCOMPARE(QString::fromStdString(operationClass("tap-move")), QStringLiteral("network"));
    QVERIFY(operationClass("reboot").empty());
}

QTEST_GUILESS_MAIN(TestHelperValidation)
#include "tst_helper_validation.moc"
