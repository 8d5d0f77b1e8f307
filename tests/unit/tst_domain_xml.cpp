// The libvirt domain XML builder against golden files: the same vm.json inputs as the QEMU
// command-line builder (data/golden/NAME.json) must give exactly data/golden/libvirt/NAME.xml
// (or NAME.err for what libvirt 9 cannot express), and every XML must pass libvirt's own
// schema (virt-xml-validate). VIREO_REGENERATE_GOLDEN=1 rewrites the files.
#include "GoldenFile.h"
#include "libvirt/DomainXml.h"
#include "libvirt/NetworkXml.h"
#include "spec/VmSpecJson.h"

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

QTEST_GUILESS_MAIN(TestDomainXml)
#include "tst_domain_xml.moc"
