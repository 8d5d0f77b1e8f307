// The libvirt domain XML builder against golden files: the same vm.json inputs as the QEMU
// command-line builder (data/golden/NAME.json) must give exactly data/golden/libvirt/NAME.xml
// (or NAME.err for what libvirt 9 cannot express), and every XML must pass libvirt's own
// schema (virt-xml-validate). VIREO_REGENERATE_GOLDEN=1 rewrites the files.
#include "GoldenFile.h"
#include "libvirt/DomainSpec.h"
#include "libvirt/DomainXml.h"
#include "libvirt/FirmwareEdit.h"
#include "libvirt/NetworkXml.h"
#include "spec/VmSpecJson.h"
#include "vm/KeyboardTyping.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace vireo;

class TestDomainXml : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void golden_data();
    void golden();
    void everySpecHasExpectation();
    void tcgDomainType();
    void networkGolden_data();
    void networkGolden();
    void staticLeaseXml();
    void everyKeyStrokeHasALinuxKeycode();
    void specReadBackFromDomain_data();
    void specReadBackFromDomain();
    void firmwareAndTpmSwappedIn();
};

static QString specDir() {
    return QStringLiteral(VIREO_TEST_DATA "/golden");
}
static QString xmlDir() {
    return QStringLiteral(VIREO_TEST_DATA "/golden/libvirt");
}

static Result<VmSpec> loadSpec(const QString& name) {
    QFile in(specDir() + QLatin1Char('/') + name + QStringLiteral(".json"));
    if (!in.open(QIODevice::ReadOnly)) return makeError(ErrorCode::NotFound, in.fileName());
    return vmSpecFromBytes(in.readAll(), in.fileName());
}

void TestDomainXml::golden_data() {
    QTest::addColumn<QString>("name");
    for (const auto& f :
         QDir(specDir()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(f)) << f.chopped(5);
}

void TestDomainXml::golden() {
    QFETCH(QString, name);
    auto spec = loadSpec(name);
    QVERIFY2(spec.ok(), spec.ok() ? "" : qPrintable(spec.error().line()));
    const auto xml = buildDomainXml(*spec, {});
    const QString actual = xml ? *xml : xml.error().line() + QLatin1Char('\n');
    const QString expectedPath = xmlDir() + QLatin1Char('/') + name +
                                 (xml ? QStringLiteral(".xml") : QStringLiteral(".err"));
    golden::compare(actual, expectedPath);
    if (QTest::currentTestFailed() || !xml || qEnvironmentVariableIsSet("VIREO_REGENERATE_GOLDEN"))
        return;
    golden::validateWithLibvirt(*xml, QStringLiteral("domain"));
}

void TestDomainXml::everySpecHasExpectation() {
    for (const auto& f : QDir(specDir()).entryList({QStringLiteral("*.json")}, QDir::Files)) {
        const QString base = xmlDir() + QLatin1Char('/') + f.chopped(5);
        QVERIFY2(QFile::exists(base + QStringLiteral(".xml")) !=
                     QFile::exists(base + QStringLiteral(".err")),
                 qPrintable(f));
    }
}

void TestDomainXml::tcgDomainType() {
    auto spec = loadSpec(QStringLiteral("minimal"));
    QVERIFY(spec.ok());
    const auto xml = buildDomainXml(*spec, {QStringLiteral("qemu")});
    QVERIFY(xml.ok());
    QVERIFY(xml->startsWith(QLatin1String("<domain type=\"qemu\">")));
}

// data/golden/libvirt-network/NAME.json (a network spec) -> NAME.xml or NAME.err; every XML
// also passes libvirt's network schema and reads back as the same mode and subnet.
static QString networkDir() {
    return QStringLiteral(VIREO_TEST_DATA "/golden/libvirt-network");
}

void TestDomainXml::networkGolden_data() {
    QTest::addColumn<QString>("name");
    const auto files =
        QDir(networkDir()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 5);
    for (const auto& f : files)
        QTest::newRow(qPrintable(f)) << f.chopped(5);
}

void TestDomainXml::networkGolden() {
    QFETCH(QString, name);
    QFile in(networkDir() + QLatin1Char('/') + name + QStringLiteral(".json"));
    QVERIFY(in.open(QIODevice::ReadOnly));
    auto spec = networkSpecFromJson(in.readAll(), in.fileName());
    QVERIFY2(spec.ok(), spec.ok() ? "" : qPrintable(spec.error().line()));
    const auto xml = buildNetworkXml(*spec);
    const QString actual = xml ? *xml : xml.error().line() + QLatin1Char('\n');
    const QString expectedPath = networkDir() + QLatin1Char('/') + name +
                                 (xml ? QStringLiteral(".xml") : QStringLiteral(".err"));
    golden::compare(actual, expectedPath);
    if (QTest::currentTestFailed() || !xml || qEnvironmentVariableIsSet("VIREO_REGENERATE_GOLDEN"))
        return;
    const LibvirtNetworkShape shape = readNetworkXml(xml->toUtf8());
    QCOMPARE(toString(shape.mode), toString(spec->mode));
    QCOMPARE(shape.dhcp, spec->dhcp);
    if (spec->mode == NetworkMode::NatNetwork || spec->mode == NetworkMode::HostOnly)
        QCOMPARE(shape.subnet, spec->subnet.cidr());
    golden::validateWithLibvirt(*xml, QStringLiteral("network"));
}

// A remote network's static leases: written as libvirt's <host> entry, read back from its
// network XML, and what a lease is validated against.
void TestDomainXml::staticLeaseXml() {
    const StaticLease lease{QStringLiteral("52:54:00:aa:bb:cc"), QStringLiteral("10.1.2.7"),
                            QStringLiteral("web")};
    const QString host = buildDhcpHostXml(lease);
    QCOMPARE(host,
             QStringLiteral("<host mac=\"52:54:00:aa:bb:cc\" ip=\"10.1.2.7\" name=\"web\"/>"));
    const QByteArray network = "<network><name>n</name><ip address='10.1.2.1' prefix='24'><dhcp>"
                               "<range start='10.1.2.100' end='10.1.2.200'/>" +
                               host.toUtf8() + "</dhcp></ip></network>";
    const LibvirtNetworkShape shape = readNetworkXml(network);
    QCOMPARE(shape.staticLeases.size(), 1);
    QCOMPARE(shape.staticLeases.first().ip, lease.ip);
    QCOMPARE(shape.staticLeases.first().hostname, lease.hostname);
    const NetworkSpec spec = networkSpecOfShape(QStringLiteral("n"), shape);
    QCOMPARE(spec.subnet.cidr(), QStringLiteral("10.1.2.0/24"));
    // The same MAC again, and an address outside the subnet, are refused.
    QVERIFY(!validateStaticLease(spec, lease));
    QVERIFY(!validateStaticLease(
        spec, {QStringLiteral("52:54:00:aa:bb:cd"), QStringLiteral("10.9.9.9"), {}}));
    QVERIFY(validateStaticLease(
        spec, {QStringLiteral("52:54:00:aa:bb:cd"), QStringLiteral("10.1.2.8"), {}}));
}

// `vm type` on a remote sends Linux key codes: every key either layout presses has one.
void TestDomainXml::everyKeyStrokeHasALinuxKeycode() {
    QString printable;
    for (char c = ' '; c <= '~'; ++c)
        printable += QLatin1Char(c);
    const QString german = QStringLiteral("\u00df\u00fc\u00f6\u00e4\u00dc\u00d6\u00c4\u00a7\u00b0");
    for (const auto& [layout, text] :
         {std::pair{KeyboardLayout::Us, printable + QStringLiteral("\n\t")},
          std::pair{KeyboardLayout::German, printable + german + QStringLiteral("\n\t")}}) {
        auto strokes = keystrokesFor(text, layout);
        QVERIFY(strokes.ok());
        for (const QStringList& chord : *strokes)
            for (const QString& key : chord)
                QVERIFY2(linuxKeycodeOf(key) > 0, qPrintable(key));
    }
    QCOMPARE(linuxKeycodeOf(QStringLiteral("a")), 30);    // KEY_A
    QCOMPARE(linuxKeycodeOf(QStringLiteral("less")), 86); // KEY_102ND
    QCOMPARE(linuxKeycodeOf(QStringLiteral("f13")), -1);
}

void TestDomainXml::specReadBackFromDomain_data() {
    QTest::addColumn<QString>("name");
    for (const auto& f :
         QDir(xmlDir()).entryList({QStringLiteral("*.xml")}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(f)) << f.chopped(4); // the specs the builder takes
}

// vm export reads a host's definition back as a VmSpec: what the builder wrote for each
// golden spec comes back as it was (as far as an appliance needs it).
void TestDomainXml::specReadBackFromDomain() {
    QFETCH(QString, name);
    auto spec = loadSpec(name);
    QVERIFY(spec.ok());
    const auto xml = buildDomainXml(*spec, {});
    QVERIFY(xml.ok());
    QDomDocument doc;
    QVERIFY(doc.setContent(*xml));
    auto read = vmSpecFromDomain(doc);
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().line()));
    QCOMPARE(read->name, spec->name);
    QCOMPARE(read->uuid, spec->uuid);
    QCOMPARE(read->memoryMiB, spec->memoryMiB);
    QCOMPARE(read->cpu.count(), spec->cpu.count());
    QVERIFY(read->firmware == spec->firmware);
    QCOMPARE(read->secureBoot, spec->secureBoot);
    QCOMPARE(read->tpm, spec->tpm);
    QCOMPARE(read->kernel.kernel, spec->kernel.kernel);
    QCOMPARE(read->kernel.cmdline, spec->kernel.cmdline);
    QCOMPARE(read->cdrom, spec->cdrom);
    QCOMPARE(read->disks.size(), spec->disks.size());
    for (int i = 0; i < spec->disks.size(); ++i) {
        QCOMPARE(read->disks[i].path, spec->disks[i].path);
        QCOMPARE(read->disks[i].readOnly, spec->disks[i].readOnly);
    }
    QCOMPARE(read->nics.size(), spec->nics.size());
    for (int i = 0; i < spec->nics.size(); ++i) {
        QCOMPARE(read->nics[i].mac, spec->nics[i].mac);
        QVERIFY(read->nics[i].model == spec->nics[i].model);
    }
}

// A remote vm edit swaps the builder's firmware and TPM into a definition and keeps the rest.
void TestDomainXml::firmwareAndTpmSwappedIn() {
    auto spec = loadSpec(QStringLiteral("kernel-boot"));
    QVERIFY(spec.ok());
    const auto xml = buildDomainXml(*spec, {});
    QVERIFY(xml.ok());
    QDomDocument doc;
    QVERIFY(doc.setContent(*xml));
    auto fresh = replaceFirmware(doc, Firmware::Uefi, true);
    QVERIFY(fresh.ok());
    QVERIFY(*fresh); // newly UEFI: its variables start afresh
    QVERIFY(replaceTpm(doc, true).ok());
    auto read = vmSpecFromDomain(doc);
    QVERIFY(read.ok());
    QVERIFY(read->firmware == Firmware::Uefi);
    QVERIFY(read->secureBoot);
    QVERIFY(read->tpm);
    QCOMPARE(read->kernel.kernel, spec->kernel.kernel); // the rest stays
    QCOMPARE(read->memoryMiB, spec->memoryMiB);
    const QString text = doc.toString();
    QVERIFY2(text.contains(QLatin1String("<smm state=\"on\"/>")), qPrintable(text));
    // The same again changes nothing, so the store is kept.
    fresh = replaceFirmware(doc, Firmware::Uefi, true);
    QVERIFY(fresh.ok() && !*fresh);
    // And back: no UEFI, SMM or TPM left.
    QVERIFY(replaceFirmware(doc, Firmware::Bios, false).ok());
    QVERIFY(replaceTpm(doc, false).ok());
    const QString bios = doc.toString();
    QVERIFY2(!bios.contains(QLatin1String("firmware=")) && !bios.contains(QLatin1String("<smm")) &&
                 !bios.contains(QLatin1String("<tpm")) && !bios.contains(QLatin1String("<loader")),
             qPrintable(bios));
}

QTEST_GUILESS_MAIN(TestDomainXml)
#include "tst_domain_xml.moc"
