// Table tests of vireo-helper's argument validation: what the privileged helper accepts
// is exactly what Vireo creates, and nothing a caller could use to reach other objects.
#include "HelperRequest.h"
#include "HelperValidation.h"

#include <QDomDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <random>
#include <unistd.h>

using namespace vireo::helper;

class TestHelperValidation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void table_data();
    void table();
    void everyOperationHasAPolkitClass();
    void aClassCoversOnlyItsOperations();
    void everyOperationParses();
    void fuzzedRequestsStayInsideTheSet();
    void fuzzedBinaryRunsNothing();
    void hostFileWriteInAMountNamespace();
};

namespace {

// One valid request per operation of the fixed set (the fuzzer's seeds).
const std::vector<std::vector<std::string>> kSeeds = {
    {"bridge-up", "vibr0a1b2c3d", "10.80.1.1/24", "1500"},
    {"bridge-up", "vibr0a1b2c3d", "10.80.1.1/24", "1500", "fd00:1:2:3::1/64"},
    {"host-port-up", "vibr0a1b2c3d", "10.80.1.1/24", "9000"},
    {"bridge-down", "vibr0a1b2c3d"},
    {"tap-up", "vitp0a1b2c3d", "vibr0a1b2c3d", "1500", "multi-queue"},
    {"tap-move", "vitp0a1b2c3d", "vibr0a1b2c3e", "1500"},
    {"tap-down", "vitp0a1b2c3d"},
    {"uplink-bridge-up", "vibr0a1b2c3d", "eth0"},
    {"uplink-bridge-down", "vibr0a1b2c3d", "eth0"},
    {"vlan-bridge-up", "vibr0a1b2c3e", "vibr0a1b2c3d", "10", "1500"},
    {"veth-up", "visb0a1b2c3d", "vibr0a1b2c3d", "4242", "1500", "10.80.1.5/24", "10.80.1.1"},
    {"veth-down", "visb0a1b2c3d"},
    {"firewall-up", "vireo_0a1b2c3d", "nat-network", "vibr0a1b2c3d", "10.80.1.0/24",
     "tcp:8080:10.80.1.5:80"},
    {"firewall-down", "vireo_0a1b2c3d"},
    {"dhcp-up", "vibr0a1b2c3d", "10.80.1.1", "10.80.1.100", "10.80.1.200",
     "/run/user/0/vireo/net/vibr0a1b2c3d", "router", "mtu=1500"},
    {"dns-hosts", "vibr0a1b2c3d", "/run/user/0/vireo/net/vibr0a1b2c3d"},
    {"dhcp-down", "/run/user/0/vireo/net/vibr0a1b2c3d"},
    {"hugepages-reserve", "64"},
    {"hugepages-release", "64"},
    {"network", "bridge-down", "vibr0a1b2c3d"},
    {"host-file-write", "/etc/udev/rules.d/90-vireo-vfio.rules"},
    {"host-file-remove", "/var/lib/vireo/host-journal/20261127T101500Z.json"},
    {"host-run", "update-initramfs"},
    {"pci-detach", "0000:01:00.0"},
    {"host-device", "pci-reattach", "0000:01:00.0"},
    {"sriov-numvfs", "0000:01:00.0", "4"},
    {"sriov-vf", "enp1s0f0", "1", "mac", "52:54:00:12:34:56", "vlan", "10", "spoofchk", "on",
     "trust", "off", "min_tx_rate", "100", "max_tx_rate", "1000", "state", "auto"},
};

// What an attacker or a confused caller would try: shell syntax, option injection, paths
// out of Vireo's folders, other objects' names, huge and empty words.
const std::vector<std::string> kNasty = {"",
                                         " ",
                                         "; rm -rf /",
                                         "$(id)",
                                         "`id`",
                                         "-rf",
                                         "--help",
                                         "-j",
                                         "../../etc",
                                         "/etc/passwd",
                                         "eth0",
                                         "lo",
                                         "docker0",
                                         "vibr",
                                         "vibr0a1b2c3dx",
                                         "VIBR0A1B2C3D",
                                         "vireo_0a1b2c3d;",
                                         "10.80.1.1/33",
                                         "0",
                                         "99999999999",
                                         "tcp:22:10.80.1.5:22",
                                         "tcp:0.0.0.0:22:1.2.3.4:22",
                                         "/run/user/0/vireo/net/../../x",
                                         std::string(5000, 'a'),
                                         "\n",
                                         "\x01",
                                         "mtu=1500",
                                         "trunk:10",
                                         "none",
                                         "nat-network",
                                         "firewall-up",
                                         "network",
                                         "hugepages"};

// Characters that mean something to a shell, to nft's or ip's parsers, or to a path.
bool harmless(const std::string& arg) {
    if (arg.empty() || arg[0] == '-') return false;
    if (arg.find("..") != std::string::npos) return false;
    for (unsigned char c : arg)
        if (c <= ' ' || c >= 127 || std::strchr(";|&$`<>\\\"'(){}*?!#~[]", c)) return false;
    return true;
}

std::vector<std::string> mutate(std::mt19937& rng, std::vector<std::string> argv) {
    std::uniform_int_distribution<int> kind(0, 5);
    const int steps = 1 + int(rng() % 3);
    for (int s = 0; s < steps; ++s) {
        const size_t at = argv.empty() ? 0 : rng() % argv.size();
        switch (kind(rng)) {
        case 0: // another word entirely
            if (!argv.empty()) argv[at] = kNasty[rng() % kNasty.size()];
            break;
        case 1: // one character changed
            if (!argv.empty() && !argv[at].empty())
                argv[at][rng() % argv[at].size()] = char(rng() % 256);
            break;
        case 2: // a word more
            argv.insert(argv.begin() + std::ptrdiff_t(at), kNasty[rng() % kNasty.size()]);
            break;
        case 3: // a word less
            if (!argv.empty()) argv.erase(argv.begin() + std::ptrdiff_t(at));
            break;
        case 4: // a suffix
            if (!argv.empty()) argv[at] += kNasty[rng() % kNasty.size()];
            break;
        default: // a word of another operation
            const auto& other = kSeeds[rng() % kSeeds.size()];
            if (!argv.empty()) argv[at] = other[rng() % other.size()];
        }
    }
    return argv;
}

} // namespace

void TestHelperValidation::everyOperationParses() {
    for (const auto& seed : kSeeds) {
        const Request r = parseRequest(seed);
        QVERIFY2(r.verdict == Request::Verdict::Valid, (seed[0] + ": " + r.error).c_str());
    }
    QVERIFY(parseRequest({"reboot"}).verdict == Request::Verdict::Usage);
    QVERIFY(parseRequest({}).verdict == Request::Verdict::Usage);
    QVERIFY(parseRequest({"hugepages", "bridge-down", "vibr0a1b2c3d"}).verdict ==
            Request::Verdict::Invalid);
}

// 200000 mutated requests: whatever the helper accepts is an operation of the set whose
// every word is free of shell, option and path syntax.
void TestHelperValidation::fuzzedRequestsStayInsideTheSet() {
    std::mt19937 rng(20261127);
    int accepted = 0;
    for (int i = 0; i < 200000; ++i) {
        const auto argv = mutate(rng, kSeeds[size_t(i) % kSeeds.size()]);
        const Request r = parseRequest(argv);
        if (r.verdict != Request::Verdict::Valid) {
            QVERIFY(r.verdict == Request::Verdict::Usage || !r.error.empty());
            continue;
        }
        ++accepted;
        QVERIFY(!operationClass(r.op).empty());
        for (const auto& a : r.args) {
            if (!harmless(a)) {
                std::string all;
                for (const auto& w : argv)
                    all += "[" + w + "] ";
                QFAIL(("accepted a harmful word: " + all).c_str());
            }
        }
    }
    // Some mutations keep a request valid (a changed digit of an MTU): the oracle saw them.
    QVERIFY(accepted > 100);
}

// The real binary on fuzzed command lines, as an unprivileged user: it refuses or stops at
// the root check, never crashes, and a refusal is one line.
void TestHelperValidation::fuzzedBinaryRunsNothing() {
    if (::geteuid() != 0 || QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
        QSKIP("needs root and setpriv to run the helper as nobody");
    std::mt19937 rng(7);
    for (int i = 0; i < 300; ++i) {
        auto argv = mutate(rng, kSeeds[size_t(i) % kSeeds.size()]);
        QStringList args{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                         QStringLiteral("--clear-groups"), QStringLiteral(VIREO_HELPER_PATH)};
        for (const auto& a : argv) {
            if (a.find('\0') != std::string::npos) continue;
            args << QString::fromLocal8Bit(a.c_str());
        }
        QProcess p;
        p.start(QStringLiteral("setpriv"), args);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        const QByteArray err = p.readAllStandardError();
        if (p.exitCode() == 2) continue; // usage: the operation list
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.count('\n') == 1, err.constData());
        QVERIFY2(err.contains("invalid") || err.contains("not of class") ||
                     err.contains("must run as root"),
                 err.constData());
    }
}

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
    row("iface", "-j", false);
    row("nic", "-force", false);
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
    row("hostfile", "/etc/default/grub", true);
    row("hostfile", "/etc/udev/rules.d/90-vireo-vfio.rules", true);
    row("hostfile", "/var/lib/vireo/host-journal/20261127T101500Z.json", true);
    row("hostfile", "/var/lib/vireo/host-journal/20261127T101500Z-12.json", true);
    row("hostfile", "/etc/passwd", false);
    row("hostfile", "/etc/default/grub/../../passwd", false);
    row("hostfile", "/var/lib/vireo/host-journal/../../../../etc/shadow.json", false);
    row("hostfile", "/var/lib/vireo/host-journal/2026112XT101500Z.json", false);
    row("hostfile", "/var/lib/vireo/host-journal/20261127T101500Z-.json", false);
    row("hostfile", "etc/default/grub", false);
    row("boottool", "update-initramfs", true);
    row("boottool", "sh", false);
    row("boottool", "update-grub;id", false);
    row("pci", "0000:01:00.0", true);
    row("pci", "0000:01:00.8", false);
    row("pci", "0000:0A:00.0", false);
    row("pci", "../../0:00.0", false);
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
    row("vfcount", "0", true);
    row("vfcount", "64", true);
    row("vfcount", "4097", false);
    row("vfcount", "07", false);
    row("vfcount", "-1", false);
    row("vfsettings", "mac 52:54:00:12:34:56", true);
    row("vfsettings", "vlan 4094 spoofchk off trust on state disable", true);
    row("vfsettings", "min_tx_rate 0 max_tx_rate 400000", true);
    row("vfsettings", "mac 53:54:00:12:34:56", false); // multicast
    row("vfsettings", "vlan 4095", false);
    row("vfsettings", "vlan", false);
    row("vfsettings", "qos 3", false);
    row("vfsettings", "state up", false);
    row("vfsettings", "spoofchk yes", false);
    row("vfsettings", "max_tx_rate 400001", false);
    row("vfsettings", "mac 52:54:00:12:34:56;reboot", false);
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
    else if (kind == QLatin1String("hostfile"))
        got = isHostBootFile(v);
    else if (kind == QLatin1String("boottool"))
        got = isBootTool(v);
    else if (kind == QLatin1String("pci"))
        got = isPciAddress(v);
    else if (kind == QLatin1String("vlan"))
        got = isVlanSpec(v);
    else if (kind == QLatin1String("vfcount"))
        got = isVfCount(v);
    else if (kind == QLatin1String("vfsettings")) {
        std::vector<std::string> words;
        for (const auto& w : value.split(QLatin1Char(' ')))
            words.push_back(w.toStdString());
        got = isVfSettings(words);
    } else
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

// The real helper writing host files, in a mount namespace of its own so the machine's
// /etc stays as it is: atomic, with the mode each file needs; anything else refused.
void TestHelperValidation::hostFileWriteInAMountNamespace() {
    if (::geteuid() != 0) QSKIP("writing host files needs root");
    const QString helper = QStringLiteral(VIREO_HELPER_PATH);
    const QString script =
        QStringLiteral(
            "set -e; mount -t tmpfs none /etc/modprobe.d; mount -t tmpfs none /var/lib;"
            "printf 'softdep nouveau pre: vfio-pci\\n' | '%1' host-boot host-file-write "
            "/etc/modprobe.d/vireo-vfio.conf;"
            "printf '{}' | '%1' host-file-write /var/lib/vireo/host-journal/20261127T101500Z.json;"
            "stat -c '%a' /etc/modprobe.d/vireo-vfio.conf "
            "/var/lib/vireo/host-journal/20261127T101500Z.json;"
            "cat /etc/modprobe.d/vireo-vfio.conf;"
            "if printf x | '%1' host-file-write /etc/passwd 2>/dev/null; then echo WROTE-PASSWD; "
            "fi;"
            "if printf x | '%1' host-boot host-file-write /etc/modprobe.d/other.conf 2>/dev/null; "
            "then echo WROTE-OTHER; fi;"
            "'%1' host-file-remove /etc/modprobe.d/vireo-vfio.conf; ls -A /etc/modprobe.d")
            .arg(helper);
    QProcess p;
    p.start(QStringLiteral("unshare"),
            {QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"), script});
    QVERIFY(p.waitForFinished(30000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(p.exitCode() == 0, qPrintable(out + QString::fromUtf8(p.readAllStandardError())));
    QCOMPARE(out, QStringLiteral("644\n600\nsoftdep nouveau pre: vfio-pci\n"));
}
