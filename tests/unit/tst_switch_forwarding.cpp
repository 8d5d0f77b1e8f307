// The DPDK switch's L2 logic (MAC table, VLANs, flooding) with frames built here; the
// switch program itself is tested with guests in tst_dpdk_network.
#include "Forwarding.h"
#include "MacTable.h"
#include "PortsFile.h"
#include "VlanPolicy.h"

#include <QTest>

#include <vector>

using namespace vswitch;

namespace {
constexpr MacAddress kA = 0x020000000001;
constexpr MacAddress kB = 0x020000000002;
constexpr MacAddress kC = 0x020000000003;
constexpr MacAddress kBroadcast = 0xffffffffffff;

std::vector<std::uint8_t> frame(MacAddress dst, MacAddress src, int vlan = -1) {
    std::vector<std::uint8_t> bytes;
    for (int i = 5; i >= 0; --i)
        bytes.push_back(static_cast<std::uint8_t>(dst >> (8 * i)));
    for (int i = 5; i >= 0; --i)
        bytes.push_back(static_cast<std::uint8_t>(src >> (8 * i)));
    if (vlan >= 0) {
        bytes.insert(bytes.end(), {0x81, 0x00, static_cast<std::uint8_t>(vlan >> 8),
                                   static_cast<std::uint8_t>(vlan & 0xff)});
    }
    bytes.insert(bytes.end(), {0x08, 0x00}); // IPv4
    bytes.resize(bytes.size() + 46, 0);
    return bytes;
}

PortMask bit(int port) {
    return PortMask(1) << port;
}

VlanPolicy policy(const char* text) {
    std::string error;
    const auto parsed = VlanPolicy::parse(text, &error);
    if (!parsed) qFatal("bad policy %s: %s", text, error.c_str());
    return *parsed;
}
} // namespace

class TestSwitchForwarding : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void macsAreReadInWireOrder() {
        const auto bytes = frame(0x0123456789ab, kA);
        QCOMPARE(macFromBytes(bytes.data()), MacAddress(0x0123456789ab));
        QVERIFY(isMulticast(kBroadcast));
        QVERIFY(isMulticast(0x01005e000001));
        QVERIFY(!isMulticast(kA));
    }

    void learnsLooksUpAndAges() {
        MacTable table(1000);
        QCOMPARE(table.lookup(kA, 1, 0), -1);
        QVERIFY(table.learn(kA, 1, 3, 0));
        QCOMPARE(table.lookup(kA, 1, 500), 3);
        QCOMPARE(table.lookup(kA, 2, 500), -1);  // the same MAC on another VLAN is another entry
        QCOMPARE(table.lookup(kA, 1, 1000), -1); // aged out
        QVERIFY(table.learn(kA, 1, 3, 1200));    // the slot is reused
        QCOMPARE(table.lookup(kA, 1, 1300), 3);
        QCOMPARE(table.entries(1300).size(), std::size_t(1));
    }

    void aMovedAddressFollowsItsNewPort() {
        MacTable table;
        table.learn(kA, 1, 1, 10);
        table.learn(kA, 1, 2, 20); // the VM moved (or migrated) to port 2
        QCOMPARE(table.lookup(kA, 1, 30), 2);
        QCOMPARE(table.entries(30).size(), std::size_t(1));
    }

    void forgettingAPortDropsOnlyItsAddresses() {
        MacTable table;
        table.learn(kA, 1, 1, 0);
        table.learn(kB, 1, 2, 0);
        table.forgetPort(1);
        QCOMPARE(table.lookup(kA, 1, 1), -1);
        QCOMPARE(table.lookup(kB, 1, 1), 2);
        table.learn(kA, 1, 4, 2);
        QCOMPARE(table.lookup(kA, 1, 3), 4);
    }

    void aFullTableStillAnswersForWhatItHolds() {
        MacTable table;
        int stored = 0;
        for (MacAddress mac = 1; mac <= MacTable::kSlots + 100; ++mac)
            stored += table.learn(0x020000000000 | mac, 1, 1, 0);
        QVERIFY(stored >= int(MacTable::kSlots) * 9 / 10);
        QVERIFY(stored <= int(MacTable::kSlots));
        QCOMPARE(table.lookup(0x020000000001, 1, 1), 1);
    }

    void vlanPoliciesParse() {
        QCOMPARE(policy("").toString(), std::string("access:1"));
        QCOMPARE(policy("10").toString(), std::string("access:10"));
        QCOMPARE(policy("access:4094").toString(), std::string("access:4094"));
        QCOMPARE(policy("trunk:10,20-22,30").toString(), std::string("trunk:10,20-22,30"));
        for (const char* bad :
             {"0", "4095", "ten", "trunk:", "trunk:5-2", "trunk:1,,x", "access:"}) {
            std::string error;
            QVERIFY2(!VlanPolicy::parse(bad, &error), bad);
            QVERIFY2(error.find("VLAN") != std::string::npos ||
                         error.find("trunk") != std::string::npos,
                     error.c_str());
        }
    }

    void broadcastAndUnknownUnicastFloodTheVlan() {
        PortMap ports;
        MacTable macs;
        ports.setPort(0, policy(""));
        ports.setPort(1, policy(""));
        ports.setPort(2, policy(""));
        ports.setPort(3, policy("20")); // another VLAN: never flooded to from VLAN 1
        auto f = frame(kBroadcast, kA);
        Verdict v = decide(ports, macs, 0, f.data(), f.size(), 0);
        QCOMPARE(v.drop, Drop::None);
        QCOMPARE(v.vlan, std::uint16_t(1));
        QCOMPARE(v.out, bit(1) | bit(2));
        f = frame(kB, kA); // B unknown yet
        QCOMPARE(decide(ports, macs, 0, f.data(), f.size(), 0).out, bit(1) | bit(2));
        f = frame(kA, kB); // B answers from port 2: A is known, B is learned
        QCOMPARE(decide(ports, macs, 2, f.data(), f.size(), 1).out, bit(0));
        f = frame(kB, kA);
        QCOMPARE(decide(ports, macs, 0, f.data(), f.size(), 2).out, bit(2));
    }

    void vlansAreIsolated() {
        PortMap ports;
        MacTable macs;
        ports.setPort(0, policy("10"));
        ports.setPort(1, policy("20"));
        ports.setPort(2, policy("10"));
        auto f = frame(kB, kC);
        decide(ports, macs, 1, f.data(), f.size(), 0); // C learned on VLAN 20
        f = frame(kC, kA);
        const Verdict v = decide(ports, macs, 0, f.data(), f.size(), 1);
        QCOMPARE(v.vlan, std::uint16_t(10));
        QCOMPARE(v.out, bit(2)); // C is unknown on VLAN 10: flooded there, never to port 1
    }

    void trunksCarryTaggedFramesOfTheirVlans() {
        PortMap ports;
        MacTable macs;
        ports.setPort(0, policy("10"));
        ports.setPort(1, policy("trunk:10,30"));
        ports.setPort(2, policy("30"));
        auto f = frame(kBroadcast, kA, 30);
        Verdict v = decide(ports, macs, 1, f.data(), f.size(), 0);
        QCOMPARE(v.drop, Drop::None);
        QCOMPARE(v.vlan, std::uint16_t(30));
        QCOMPARE(v.out, bit(2));
        f = frame(kBroadcast, kA, 20);
        QCOMPARE(decide(ports, macs, 1, f.data(), f.size(), 0).drop, Drop::VlanNotAllowed);
        f = frame(kBroadcast, kA); // untagged on a trunk
        QCOMPARE(decide(ports, macs, 1, f.data(), f.size(), 0).drop, Drop::VlanNotAllowed);
        f = frame(kBroadcast, kB, 10); // a guest on an access port tagging by itself
        QCOMPARE(decide(ports, macs, 0, f.data(), f.size(), 0).drop, Drop::TaggedOnAccess);
        f = frame(kBroadcast, kB);
        QCOMPARE(decide(ports, macs, 0, f.data(), f.size(), 0).out, bit(1));
    }

    void badFramesAreDropped() {
        PortMap ports;
        MacTable macs;
        ports.setPort(0, policy(""));
        ports.setPort(1, policy(""));
        auto f = frame(kB, kBroadcast); // multicast source
        QCOMPARE(decide(ports, macs, 0, f.data(), f.size(), 0).drop, Drop::BadSource);
        f = frame(kB, kA);
        QCOMPARE(decide(ports, macs, 0, f.data(), 13, 0).drop, Drop::Malformed);
        f = frame(kB, kA, 10);
        QCOMPARE(decide(ports, macs, 0, f.data(), 16, 0).drop, Drop::Malformed);
    }

    void aFrameForItsOwnPortGoesNowhere() {
        PortMap ports;
        MacTable macs;
        ports.setPort(0, policy(""));
        ports.setPort(1, policy(""));
        auto f = frame(kBroadcast, kB);
        decide(ports, macs, 0, f.data(), f.size(), 0);
        f = frame(kB, kA);
        const Verdict v = decide(ports, macs, 0, f.data(), f.size(), 0);
        QCOMPARE(v.drop, Drop::None);
        QCOMPARE(v.out, PortMask(0));
    }

    void aBurstDecidesLikeSingleFrames() {
        PortMap ports;
        MacTable macs;
        for (int p = 0; p < 3; ++p)
            ports.setPort(p, policy(""));
        auto learnB = frame(kBroadcast, kB);
        decide(ports, macs, 1, learnB.data(), learnB.size(), 0);
        std::vector<std::vector<std::uint8_t>> frames = {
            frame(kB, kA), frame(kB, kA), frame(kC, kA), frame(kBroadcast, kA), frame(kB, kA)};
        const std::uint8_t* heads[5];
        std::uint16_t lengths[5];
        for (int i = 0; i < 5; ++i) {
            heads[i] = frames[i].data();
            lengths[i] = static_cast<std::uint16_t>(frames[i].size());
        }
        Verdict verdicts[5];
        decideBurst(ports, macs, 0, heads, lengths, 5, 1, verdicts);
        QCOMPARE(verdicts[0].out, bit(1));
        QCOMPARE(verdicts[1].out, bit(1));
        QCOMPARE(verdicts[2].out, bit(1) | bit(2));
        QCOMPARE(verdicts[3].out, bit(1) | bit(2));
        QCOMPARE(verdicts[4].out, bit(1));
        QCOMPARE(macs.lookup(kA, 1, 2), 0);
    }

    void portsFileLinesAreChecked() {
        std::string error;
        auto ports =
            parsePorts("# ports\nvm1.0 /run/a.sock - vm1\nvm2.0 /run/b.sock trunk:5 vm2\n", &error);
        QVERIFY2(ports, error.c_str());
        QCOMPARE(ports->size(), std::size_t(2));
        QCOMPARE((*ports)[1].vlan.toString(), std::string("trunk:5"));
        QCOMPARE((*ports)[1].owner, std::string("vm2"));
        QVERIFY(!parsePorts("a relative.sock -\n", &error));
        QVERIFY(error.find("line 1") != std::string::npos &&
                error.find("absolute") != std::string::npos);
        QVERIFY(!parsePorts("a /x.sock -\na /y.sock -\n", &error));
        QVERIFY(error.find("twice") != std::string::npos);
        QVERIFY(!parsePorts("a;rm /x.sock -\n", &error));
        QVERIFY(!parsePorts("a /x.sock 5000\n", &error));
        QVERIFY(error.find("1 to 4094") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestSwitchForwarding)
#include "tst_switch_forwarding.moc"
