// OVA / OVF import and export with the real qemu-img: a round trip keeps the spec and the
// disk bytes; VirtualBox- and VMware-style descriptors map as expected; damaged or hostile
// appliances fail with one clear error and leave nothing in the library.
#include "appliance/Appliance.h"
#include "appliance/OvfDescriptor.h"
#include "appliance/TarArchive.h"
#include "storage/QemuImg.h"
#include "vm/MacAddresses.h"

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace vireo;

namespace {

const QString kFixtures = QStringLiteral(VIREO_TEST_DATA "/ovf");

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& data) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

// A ustar archive with any member names (the product's writer refuses bad ones).
QByteArray tarOf(const QList<std::pair<QByteArray, QByteArray>>& members) {
    QByteArray out;
    for (const auto& [name, data] : members) {
        QByteArray h(512, '\0');
        std::memcpy(h.data(), name.constData(), size_t(qMin<qsizetype>(name.size(), 99)));
        std::memcpy(h.data() + 100, "0000644", 7);
        std::memcpy(h.data() + 108, "0000000", 7);
        std::memcpy(h.data() + 116, "0000000", 7);
        const QByteArray size = QByteArray::number(data.size(), 8).rightJustified(11, '0');
        std::memcpy(h.data() + 124, size.constData(), 11);
        std::memcpy(h.data() + 136, "00000000000", 11);
        h[156] = '0';
        std::memcpy(h.data() + 257, "ustar", 6);
        std::memcpy(h.data() + 263, "00", 2);
        std::memset(h.data() + 148, ' ', 8);
        unsigned sum = 0;
        for (char c : h)
            sum += static_cast<unsigned char>(c);
        const QByteArray s = QByteArray::number(sum, 8).rightJustified(6, '0');
        std::memcpy(h.data() + 148, s.constData(), 6);
        h[154] = '\0';
        out += h + data + QByteArray((512 - data.size() % 512) % 512, '\0');
    }
    return out + QByteArray(1024, '\0');
}

QByteArray sha256(const QByteArray& data) {
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

} // namespace

class TestAppliance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void roundTripKeepsSpecAndBytes();
    void fixturesMap_data();
    void fixturesMap();
    void badAppliancesLeaveNothing_data();
    void badAppliancesLeaveNothing();

private:
    // An OVA around `ovf` and one streamOptimized disk, optionally with a manifest.
    QString makeOva(const QString& name, const QByteArray& ovf, bool manifest,
                    const QByteArray& diskName = "disk1.vmdk");
    QStringList libraryLeftovers() const;

    QTemporaryDir m_dir;
    QString m_lib;
    QByteArray m_vmdk; // a 64 MiB streamOptimized disk with a pattern written
};

void TestAppliance::init() {
    QVERIFY(m_dir.isValid());
    m_lib = m_dir.filePath(QStringLiteral("lib-%1").arg(QRandomGenerator::global()->generate()));
    if (m_vmdk.isEmpty()) {
        const QString raw = m_dir.filePath(QStringLiteral("pattern.qcow2"));
        DiskCreateOptions o;
        o.path = raw;
        o.sizeBytes = 64ull << 20;
        QVERIFY(QemuImg::create(o).ok());
        QCOMPARE(
            QProcess::execute(QStringLiteral("qemu-io"),
                              {QStringLiteral("-c"), QStringLiteral("write -P 0x5a 1M 3M"), raw}),
            0);
        const QString vmdk = m_dir.filePath(QStringLiteral("pattern.vmdk"));
        QVERIFY(QemuImg::convert(raw, vmdk, QStringLiteral("vmdk"), {}, nullptr,
                                 QStringLiteral("streamOptimized"))
                    .ok());
        m_vmdk = readAll(vmdk);
        QVERIFY(!m_vmdk.isEmpty());
    }
}

QStringList TestAppliance::libraryLeftovers() const {
    return QDir(m_lib)
        .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
        .filter(QRegularExpression(QStringLiteral("^(?!\\.library\\.lock$)")));
}

QString TestAppliance::makeOva(const QString& name, const QByteArray& ovf, bool manifest,
                               const QByteArray& diskName) {
    QList<std::pair<QByteArray, QByteArray>> members{{"appliance.ovf", ovf}, {diskName, m_vmdk}};
    if (manifest)
        members.append({"appliance.mf", "SHA256(appliance.ovf)= " + sha256(ovf) + "\nSHA256(" +
                                            diskName + ")= " + sha256(m_vmdk) + "\n"});
    const QString path = m_dir.filePath(name);
    writeAll(path, tarOf(members));
    return path;
}

void TestAppliance::roundTripKeepsSpecAndBytes() {
    const Library lib(m_lib);
    const QString disk = m_dir.filePath(QStringLiteral("round.qcow2"));
    writeAll(m_dir.filePath(QStringLiteral("round.vmdk")), m_vmdk);
    QVERIFY(QemuImg::convert(m_dir.filePath(QStringLiteral("round.vmdk")), disk,
                             QStringLiteral("qcow2"))
                .ok());
    VmSpec spec;
    spec.name = QStringLiteral("source");
    spec.uuid = QUuid::createUuid();
    spec.cpu = CpuTopology{1, 3, 1};
    spec.memoryMiB = 768;
    spec.firmware = Firmware::Uefi;
    spec.os = QStringLiteral("debian");
    spec.display = DisplayType::Vnc;
    spec.disks = {DiskSpec{disk, QStringLiteral("qcow2"), DiskBus::Scsi}};
    spec.nics = {NicSpec{}, NicSpec{NicModel::E1000e, {}, QStringLiteral("user"), {}, {}}};
    QVERIFY(assignUniqueMacs(lib, spec).ok());
    QVERIFY(lib.create(spec).ok());

    const QString ova = m_dir.filePath(QStringLiteral("source.ova"));
    QVERIFY(Appliance(lib).exportOva(QStringLiteral("source"), ova).ok());
    // The first member is the descriptor, then the disk, then the manifest.
    auto entries = TarArchive::list(ova);
    QVERIFY(entries.ok());
    QCOMPARE(entries->size(), 3);
    QCOMPARE(entries->at(0).name, QStringLiteral("source.ovf"));
    QCOMPARE(entries->at(1).name, QStringLiteral("source-disk1.vmdk"));
    QCOMPARE(entries->at(2).name, QStringLiteral("source.mf"));
    // GNU tar reads it, and the disk is a streamOptimized VMDK.
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("-tf"), ova});
    QVERIFY(tar.waitForFinished());
    QCOMPARE(tar.readAllStandardOutput(), QByteArray("source.ovf\nsource-disk1.vmdk\nsource.mf\n"));
    // Exporting again over it is refused.
    QCOMPARE(Appliance(lib).exportOva(QStringLiteral("source"), ova).error().code,
             ErrorCode::AlreadyExists);

    auto imported = Appliance(lib).import(ova, QStringLiteral("copy"));
    QVERIFY2(imported.ok(), qPrintable(imported ? QString() : imported.error().line()));
    QCOMPARE(imported->unmapped, QStringList());
    auto back = lib.load(QStringLiteral("copy"));
    QVERIFY(back.ok());
    QCOMPARE(back->cpu.count(), 3);
    QCOMPARE(back->memoryMiB, std::uint64_t(768));
    QCOMPARE(toString(back->firmware), toString(Firmware::Uefi));
    QCOMPARE(back->os, QStringLiteral("debian"));
    QCOMPARE(toString(back->display), toString(DisplayType::Vnc));
    QCOMPARE(back->disks.size(), 1);
    QCOMPARE(toString(back->disks[0].bus), toString(DiskBus::Scsi));
    QCOMPARE(back->nics.size(), 2);
    QCOMPARE(toString(back->nics[0].model), toString(NicModel::Virtio));
    QCOMPARE(toString(back->nics[1].model), toString(NicModel::E1000e));
    QVERIFY(back->uuid != spec.uuid);
    QVERIFY(back->nics[0].mac != spec.nics[0].mac);
    QCOMPARE(QProcess::execute(QStringLiteral("qemu-img"),
                               {QStringLiteral("compare"), disk, back->disks[0].path}),
             0);
    QVERIFY(!QDir(m_lib).entryList(QDir::Hidden | QDir::Dirs).join(' ').contains(".import-"));
}

void TestAppliance::fixturesMap_data() {
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("cpus");
    QTest::addColumn<int>("memoryMiB");
    QTest::addColumn<bool>("uefi");
    QTest::addColumn<qulonglong>("capacity");
    QTest::addColumn<int>("bus");
    QTest::addColumn<QString>("os");
    QTest::addColumn<int>("nics");
    QTest::addColumn<QString>("unmappedWord"); // something listed as not imported
    QTest::newRow("virtualbox") << QStringLiteral("virtualbox.ovf")
                                << QStringLiteral("vbox-appliance") << 2 << 1024 << true
                                << qulonglong(64ull << 20) << int(DiskBus::Sata)
                                << QStringLiteral("debian") << 1 << QStringLiteral("USB");
    QTest::newRow("vmware") << QStringLiteral("vmware.ovf") << QStringLiteral("debian11-web") << 4
                            << 4096 << true << qulonglong(2ull << 30) << int(DiskBus::Scsi)
                            << QStringLiteral("debian") << 1 << QStringLiteral("VmxNet3");
    QTest::newRow("ovf2") << QStringLiteral("bios-minimal-ovf2.ovf")
                          << QStringLiteral("minimal-bios") << 1 << 512 << false
                          << qulonglong(32ull << 20) << int(DiskBus::Sata) << QString() << 1
                          << QStringLiteral("IDE");
}

void TestAppliance::fixturesMap() {
    QFETCH(QString, fixture);
    QFETCH(QString, name);
    QFETCH(int, cpus);
    QFETCH(int, memoryMiB);
    QFETCH(bool, uefi);
    QFETCH(qulonglong, capacity);
    QFETCH(int, bus);
    QFETCH(QString, os);
    QFETCH(int, nics);
    QFETCH(QString, unmappedWord);
    const QByteArray xml = readAll(kFixtures + QLatin1Char('/') + fixture);
    QVERIFY2(!xml.isEmpty(), qPrintable(fixture));
    auto a = parseOvf(xml, fixture);
    QVERIFY2(a.ok(), qPrintable(a ? QString() : a.error().line()));
    if (!name.isEmpty()) QCOMPARE(a->name, name);
    QCOMPARE(a->cpus, cpus);
    QCOMPARE(a->memoryMiB, std::uint64_t(memoryMiB));
    QCOMPARE(a->firmware == Firmware::Uefi, uefi);
    QCOMPARE(a->drives.size(), 1);
    QCOMPARE(a->drives[0].capacity, std::uint64_t(capacity));
    QCOMPARE(int(a->drives[0].bus), bus);
    if (!os.isEmpty()) QCOMPARE(a->os, os);
    QCOMPARE(a->nics.size(), nics);
    QVERIFY2(a->unmapped.join('\n').contains(unmappedWord), qPrintable(a->unmapped.join('\n')));

    // The descriptor beside a real disk of the declared capacity imports as a VM (the
    // fixture's declared file size becomes that of the disk made here).
    DiskCreateOptions o;
    o.path = m_dir.filePath(QStringLiteral("fx.qcow2"));
    o.sizeBytes = capacity;
    QFile::remove(o.path);
    QVERIFY(QemuImg::create(o).ok());
    const QString vmdkPath =
        m_dir.filePath(QStringLiteral("fx-%1.vmdk").arg(QLatin1String(QTest::currentDataTag())));
    QVERIFY(QemuImg::convert(o.path, vmdkPath, QStringLiteral("vmdk"), {}, nullptr,
                             QStringLiteral("streamOptimized"))
                .ok());
    const QByteArray disk = readAll(vmdkPath);
    const QString dir = m_dir.filePath(QStringLiteral("fx-") + QFileInfo(fixture).baseName());
    QVERIFY(QDir().mkpath(dir));
    const QString href = a->drives[0].href;
    QString s = QString::fromUtf8(xml);
    s.replace(
        QRegularExpression(
            QStringLiteral("(href=\"%1\"[^>]*?size=\")\\d+").arg(QRegularExpression::escape(href))),
        QStringLiteral("\\1%1").arg(disk.size()));
    writeAll(dir + QLatin1Char('/') + fixture, s.toUtf8());
    writeAll(dir + QLatin1Char('/') + href, disk);
    const Library lib(m_lib);
    auto r = Appliance(lib).import(dir + QLatin1Char('/') + fixture, QStringLiteral("fx"));
    QVERIFY2(r.ok(), qPrintable(r ? QString() : r.error().line()));
    auto spec = lib.load(QStringLiteral("fx"));
    QVERIFY(spec.ok());
    QCOMPARE(spec->cpu.count(), cpus);
    QCOMPARE(spec->disks.size(), 1);
    auto info = QemuImg::info(spec->disks[0].path);
    QVERIFY(info.ok());
    QCOMPARE(info->format, QStringLiteral("qcow2"));
}

void TestAppliance::badAppliancesLeaveNothing_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("dotdot") << QStringLiteral("dotdot") << QStringLiteral("has a path");
    QTest::newRow("manifest") << QStringLiteral("manifest")
                              << QStringLiteral("does not match its SHA256");
    QTest::newRow("larger") << QStringLiteral("larger") << QStringLiteral("larger than");
    QTest::newRow("capacity") << QStringLiteral("capacity") << QStringLiteral("capacity of");
    QTest::newRow("xml") << QStringLiteral("xml") << QStringLiteral("malformed XML");
    QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("not there");
    QTest::newRow("link") << QStringLiteral("link") << QStringLiteral("not a plain file");
}

void TestAppliance::badAppliancesLeaveNothing() {
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const auto descriptor = [&](const QByteArray& href, std::uint64_t fileSize,
                                std::uint64_t capacity) {
        return QByteArray("<?xml version=\"1.0\"?>\n"
                          "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" "
                          "xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\" "
                          "xmlns:rasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
                          "CIM_ResourceAllocationSettingData\">\n"
                          " <References><File ovf:id=\"f1\" ovf:href=\"") +
               href + "\" ovf:size=\"" + QByteArray::number(qulonglong(fileSize)) +
               "\"/></References>\n"
               " <DiskSection><Info>d</Info><Disk ovf:diskId=\"d1\" ovf:fileRef=\"f1\" "
               "ovf:capacity=\"" +
               QByteArray::number(qulonglong(capacity)) +
               "\"/></DiskSection>\n"
               " <VirtualSystem ovf:id=\"bad\"><Info>vm</Info>\n"
               "  <VirtualHardwareSection><Info>hw</Info>\n"
               "   <Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>20</"
               "rasd:ResourceType></Item>\n"
               "   <Item><rasd:HostResource>ovf:/disk/d1</rasd:HostResource><rasd:InstanceID>2</"
               "rasd:InstanceID><rasd:Parent>1</rasd:Parent><rasd:ResourceType>17</"
               "rasd:ResourceType></Item>\n"
               "  </VirtualHardwareSection>\n"
               " </VirtualSystem>\n"
               "</Envelope>\n";
    };
    const std::uint64_t good = 64ull << 20;
    QString ova;
    if (kind == QLatin1String("dotdot")) {
        ova = m_dir.filePath(QStringLiteral("dotdot.ova"));
        writeAll(ova, tarOf({{"appliance.ovf", descriptor("disk1.vmdk", m_vmdk.size(), good)},
                             {"../../escaped.vmdk", m_vmdk}}));
    } else if (kind == QLatin1String("manifest")) {
        ova = m_dir.filePath(QStringLiteral("manifest.ova"));
        const QByteArray ovf = descriptor("disk1.vmdk", m_vmdk.size(), good);
        writeAll(ova,
                 tarOf({{"appliance.ovf", ovf},
                        {"disk1.vmdk", m_vmdk},
                        {"appliance.mf", "SHA256(appliance.ovf)= " + sha256(ovf) +
                                             "\nSHA256(disk1.vmdk)= " + sha256("other") + "\n"}}));
    } else if (kind == QLatin1String("larger")) {
        ova = makeOva(QStringLiteral("larger.ova"), descriptor("disk1.vmdk", 4096, good), true);
    } else if (kind == QLatin1String("capacity")) {
        ova = makeOva(QStringLiteral("capacity.ova"),
                      descriptor("disk1.vmdk", m_vmdk.size(), 1ull << 20), true);
    } else if (kind == QLatin1String("xml")) {
        ova = makeOva(QStringLiteral("xml.ova"),
                      descriptor("disk1.vmdk", m_vmdk.size(), good).replace("</Envelope>", ""),
                      false);
    } else if (kind == QLatin1String("missing")) {
        ova = makeOva(QStringLiteral("missing.ova"), descriptor("disk2.vmdk", 10, good), false);
    } else if (kind == QLatin1String("link")) {
        ova = m_dir.filePath(QStringLiteral("link.ova"));
        QByteArray tar = tarOf(
            {{"appliance.ovf", descriptor("disk1.vmdk", 10, good)}, {"disk1.vmdk", QByteArray()}});
        // Turn the second member into a symbolic link to /etc/shadow (fix its checksum).
        const qsizetype h = 512 + (descriptor("disk1.vmdk", 10, good).size() + 511) / 512 * 512;
        tar[h + 156] = '2';
        std::memcpy(tar.data() + h + 157, "/etc/shadow", 11);
        std::memset(tar.data() + h + 148, ' ', 8);
        unsigned sum = 0;
        for (qsizetype i = 0; i < 512; ++i)
            sum += static_cast<unsigned char>(tar[h + i]);
        const QByteArray s = QByteArray::number(sum, 8).rightJustified(6, '0');
        std::memcpy(tar.data() + h + 148, s.constData(), 6);
        tar[h + 154] = '\0';
        writeAll(ova, tar);
    }
    const Library lib(m_lib);
    auto r = Appliance(lib).import(ova, QStringLiteral("bad"));
    QVERIFY(!r.ok());
    const QString line = r.error().line();
    QVERIFY2(line.contains(expected), qPrintable(line));
    QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
    QVERIFY(!lib.exists(QStringLiteral("bad")));
    QCOMPARE(libraryLeftovers(), QStringList());
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("escaped.vmdk"))));
    QVERIFY(
        !QFileInfo::exists(QDir(m_dir.path()).absoluteFilePath(QStringLiteral("../escaped.vmdk"))));
}

QTEST_GUILESS_MAIN(TestAppliance)
#include "tst_appliance.moc"
