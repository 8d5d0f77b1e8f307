// Bad input: each must give one clear error naming the thing and the fix.
#include "core/Size.h"
#include "spec/VmSpecValidation.h"

#include <QtTest>

using namespace vireo;

class TestValidation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void badNames_data();
    void badNames();
    void goodNames();
    void sizes_data();
    void sizes();
    void specLimits();
};

void TestValidation::badNames_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("dotdot") << QStringLiteral("..");
    QTest::newRow("dot-start") << QStringLiteral(".hidden");
    QTest::newRow("nul") << QString::fromUtf8("a\0b", 3);
    QTest::newRow("spaces-only") << QStringLiteral("   ");
    QTest::newRow("empty") << QString();
    QTest::newRow("300-chars") << QString(300, QLatin1Char('a'));
    QTest::newRow("dash-start") << QStringLiteral("-rf");
    QTest::newRow("newline") << QStringLiteral("a\nb");
}

void TestValidation::badNames() {
    QFETCH(QString, name);
    auto r = validateVmName(name);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    QVERIFY(r.error().message.startsWith(QStringLiteral("VM name")));
    QVERIFY(!r.error().fix.isEmpty());
    QVERIFY(!r.error().line().contains(QLatin1Char('\n')));
}

void TestValidation::goodNames() {
    for (const auto& n : {QStringLiteral("web-01"), QStringLiteral("debian_12.2"),
                          QStringLiteral("A"), QString(64, QLatin1Char('x'))})
        QVERIFY2(validateVmName(n).ok(), qPrintable(n));
}

void TestValidation::sizes_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("512M") << QStringLiteral("512M") << qint64(512) * 1024 * 1024;
    QTest::newRow("2G") << QStringLiteral("2G") << (qint64(2) << 30);
    QTest::newRow("1.5G") << QStringLiteral("1.5G") << qint64(1536) * 1024 * 1024;
    QTest::newRow("GiB") << QStringLiteral("1GiB") << (qint64(1) << 30);
    QTest::newRow("negative") << QStringLiteral("-5G") << qint64(-1);
    QTest::newRow("zero") << QStringLiteral("0") << qint64(-1);
    QTest::newRow("absurd") << QStringLiteral("99999T") << qint64(-1);
    QTest::newRow("words") << QStringLiteral("lots") << qint64(-1);
}

void TestValidation::sizes() {
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    auto r = parseSize(text, QStringLiteral("memory"));
    if (bytes < 0) {
        QVERIFY(!r.ok());
        QVERIFY(r.error().line().contains(text));
    } else {
        QVERIFY(r.ok());
        QCOMPARE(qint64(*r), bytes);
    }
}

void TestValidation::specLimits() {
    VmSpec s;
    s.name = QStringLiteral("ok");
    s.uuid = QUuid::createUuid();
    QVERIFY(validateVmSpec(s).ok());
    VmSpec cpu = s;
    cpu.cpu = {1, 1000, 1};
    QVERIFY(validateVmSpec(cpu).error().message.contains(QStringLiteral("1000 vCPUs")));
    VmSpec mem = s;
    mem.memoryMiB = 1;
    QVERIFY(!validateVmSpec(mem).ok());
    VmSpec iso = s;
    iso.cdrom = QStringLiteral("/no/such.iso");
    QCOMPARE(validateVmSpec(iso).error().code, ErrorCode::NotFound);
    VmSpec mac = s;
    mac.nics = {{NicModel::Virtio,
                 QStringLiteral("01:00:5e:00:00:01"),
                 QStringLiteral("user"),
                 {},
                 {}}}; // multicast
    QVERIFY(validateVmSpec(mac).error().message.contains(QStringLiteral("unicast")));
    VmSpec sb = s;
    sb.secureBoot = true;
    QVERIFY(validateVmSpec(sb).error().fix.contains(QStringLiteral("uefi")));
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
