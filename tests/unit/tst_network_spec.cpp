// A network's options as a user types them: IPv6 prefixes, MTU, static leases, and the
// definition file they are kept in.
#include "network/NetworkSpec.h"

#include <QtTest>

using namespace vireo;

class TestNetworkSpec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ipv6Prefixes();
    void uniqueLocalPrefixIsStablePerSeed();
    void optionsAgainstMode();
    void staticLeases();
    void definitionRoundTrip();

private:
    static NetworkSpec hostOnly() {
        NetworkSpec s;
        s.name = QStringLiteral("lab");
        s.mode = NetworkMode::HostOnly;
        s.subnet = *Ipv4Subnet::parse(QStringLiteral("10.80.5.0/24"));
        return s;
    }
};

void TestNetworkSpec::ipv6Prefixes() {
    auto ok = Ipv6Prefix::parse(QStringLiteral("fd12:3456:789a:0001::/64"));
    QVERIFY(ok);
    QCOMPARE(ok->cidr(), QStringLiteral("fd12:3456:789a:1::/64"));
    QCOMPARE(ok->gateway(), QStringLiteral("fd12:3456:789a:1::1"));
    for (const char* bad : {"fd12:3456:789a:1::/48", "fd12:3456:789a:1::5/64", "fe80::/64",
                            "10.80.1.0/24", "fd12:3456:789a:1::", "zz::/64"}) {
        auto r = Ipv6Prefix::parse(QString::fromLatin1(bad));
        QVERIFY2(!r, bad);
        QVERIFY2(r.error().message.contains(QString::fromLatin1(bad)),
                 qPrintable(r.error().message));
        QVERIFY(!r.error().fix.isEmpty());
    }
}

void TestNetworkSpec::uniqueLocalPrefixIsStablePerSeed() {
    const Ipv6Prefix a = Ipv6Prefix::uniqueLocal(QStringLiteral("/lib\na"));
    QCOMPARE(Ipv6Prefix::uniqueLocal(QStringLiteral("/lib\na")).network, a.network);
    QVERIFY(Ipv6Prefix::uniqueLocal(QStringLiteral("/lib\nb")).network != a.network);
    QVERIFY(a.network.startsWith(QStringLiteral("fd")));
    QVERIFY(Ipv6Prefix::parse(a.cidr())); // what the helper will be given parses back
}

void TestNetworkSpec::optionsAgainstMode() {
    NetworkSpec s = hostOnly();
    QVERIFY(validateNetworkOptions(s));
    s.mtu = 9000;
    s.ipv6 = Ipv6Prefix::uniqueLocal(QStringLiteral("x"));
    QVERIFY(validateNetworkOptions(s));
    s.mtu = 9001;
    QVERIFY(!validateNetworkOptions(s));
    s.mtu = 1000; // too small for IPv6
    QVERIFY(validateNetworkOptions(s).error().message.contains(QStringLiteral("1280")));
    s.mtu = 1500;
    s.mode = NetworkMode::Internal;
    QVERIFY(validateNetworkOptions(s).error().message.contains(QStringLiteral("IPv6")));
    s.ipv6 = {};
    QVERIFY(validateNetworkOptions(s));
}

void TestNetworkSpec::staticLeases() {
    NetworkSpec s = hostOnly();
    const StaticLease web{QStringLiteral("52:54:00:aa:bb:cc"), QStringLiteral("10.80.5.20"),
                          QStringLiteral("web")};
    QVERIFY(validateStaticLease(s, web));
    s.staticLeases << web;
    struct Case {
        StaticLease lease;
        QString mentions;
    };
    const QList<Case> cases{
        {{QStringLiteral("52:54:00:aa:bb:cc"), QStringLiteral("10.80.5.21"), {}},
         QStringLiteral("already has a lease")},
        {{QStringLiteral("52:54:00:aa:bb:cd"), QStringLiteral("10.80.5.20"), {}},
         QStringLiteral("already leased")},
        {{QStringLiteral("53:54:00:aa:bb:cd"), QStringLiteral("10.80.5.22"), {}},
         QStringLiteral("unicast")},
        {{QStringLiteral("52:54:00:aa:bb:cd"), QStringLiteral("10.80.6.22"), {}},
         QStringLiteral("not a guest address")},
        {{QStringLiteral("52:54:00:aa:bb:cd"), QStringLiteral("10.80.5.1"), {}},
         QStringLiteral("not a guest address")}, // the gateway
        {{QStringLiteral("52:54:00:aa:bb:cd"), QStringLiteral("10.80.5.255"), {}},
         QStringLiteral("not a guest address")}, // broadcast
        {{QStringLiteral("52:54:00:aa:bb:cd"), QStringLiteral("10.80.5.23"), QStringLiteral("a.b")},
         QStringLiteral("DNS label")},
    };
    for (const auto& c : cases) {
        const Status st = validateStaticLease(s, c.lease);
        QVERIFY2(!st, qPrintable(c.lease.ip));
        QVERIFY2(st.error().message.contains(c.mentions), qPrintable(st.error().message));
    }
    s.mode = NetworkMode::Internal;
    QVERIFY(!validateStaticLease(
        s, {QStringLiteral("52:54:00:aa:bb:01"), QStringLiteral("10.80.5.30"), {}}));
}

void TestNetworkSpec::definitionRoundTrip() {
    NetworkSpec s = hostOnly();
    s.mtu = 9000;
    s.ipv6 = *Ipv6Prefix::parse(QStringLiteral("fd00:1:2:3::/64"));
    s.staticLeases << StaticLease{QStringLiteral("52:54:00:aa:bb:cc"), QStringLiteral("10.80.5.20"),
                                  QStringLiteral("web")};
    auto back = networkSpecFromJson(QJsonDocument(networkSpecToJson(s)).toJson(),
                                    QStringLiteral("lab.json"));
    QVERIFY(back);
    QCOMPARE(back->mtu, 9000);
    QCOMPARE(back->ipv6.cidr(), QStringLiteral("fd00:1:2:3::/64"));
    QCOMPARE(back->staticLeases.size(), 1);
    QCOMPARE(back->staticLeases[0].hostname, QStringLiteral("web"));
    // A definition written before these options existed reads with their defaults.
    auto old = networkSpecFromJson(
        R"({"schema":1,"name":"old","mode":"host-only","subnet":"10.80.9.0/24"})",
        QStringLiteral("old.json"));
    QVERIFY(old);
    QCOMPARE(old->mtu, 1500);
    QVERIFY(old->ipv6.isEmpty());
    QVERIFY(old->staticLeases.isEmpty());
}

QTEST_GUILESS_MAIN(TestNetworkSpec)
#include "tst_network_spec.moc"
