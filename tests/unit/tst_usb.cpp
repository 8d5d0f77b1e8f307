// USB: filters parsed and matched as a user writes them, replayed device lists and
// hotplug events, the QEMU arguments a start gives matching devices, and vireoctl usb list
// on a captured host tree (devices, hubs left out, controllers with their buses).
#include "qemu/QemuCommandBuilder.h"
#include "spec/VmSpecJson.h"
#include "spec/VmSpecValidation.h"
#include "usb/ReplayUsbBus.h"
#include "usb/UsbFilters.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace vireo;

namespace {

QJsonObject device(const QString& id, const QString& vid, const QString& pid,
                   const QString& serial = {}, const QString& cls = QStringLiteral("0x00")) {
    return {{QStringLiteral("id"), id},
            {QStringLiteral("address"), 5},
            {QStringLiteral("vendor_id"), vid},
            {QStringLiteral("product_id"), pid},
            {QStringLiteral("manufacturer"), QStringLiteral("Maker")},
            {QStringLiteral("product"), QStringLiteral("Thing ") + id},
            {QStringLiteral("serial"), serial},
            {QStringLiteral("speed"), QStringLiteral("high")},
            {QStringLiteral("class"), cls}};
}

UsbDevice dev(const QString& id, const QString& vid, const QString& pid,
              const QString& serial = {}) {
    return *usbDeviceFromJson(device(id, vid, pid, serial));
}

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run vireoctl(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(VIREOCTL_PATH), args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestUsb : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void filtersParseAsWritten();
    void badFiltersAreOneLine_data();
    void badFiltersAreOneLine();
    void filtersMatch();
    void specKeepsFiltersAndValidatesThem();
    void replayFollowsEvents();
    void replayRefusesMalformedLists();
    void startArgumentsForMatchedDevices();
    void cliListsATreesDevicesAndControllers();
};

void TestUsb::filtersParseAsWritten() {
    auto f = parseUsbFilter(QStringLiteral("046D:C52B"));
    QVERIFY(f);
    QCOMPARE(f->vendor, QStringLiteral("046d"));
    QCOMPARE(f->product, QStringLiteral("c52b"));
    QVERIFY(f->serial.isEmpty() && f->port.isEmpty());
    f = parseUsbFilter(QStringLiteral("serial=AbC-01,port=3-1.4,vendor=0781"));
    QVERIFY(f);
    QCOMPARE(f->serial, QStringLiteral("AbC-01")); // the serial keeps its case
    QCOMPARE(f->port, QStringLiteral("3-1.4"));
    QCOMPARE(usbFilterToString(*f), QStringLiteral("vendor=0781,serial=AbC-01,port=3-1.4"));
    QCOMPARE(*parseUsbFilter(usbFilterToString(*f)) == *f, true);
}

void TestUsb::badFiltersAreOneLine_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << QString() << QStringLiteral("KEY=VALUE");
    QTest::newRow("unknown key") << QStringLiteral("colour=red") << QStringLiteral("unknown key");
    QTest::newRow("short vendor") << QStringLiteral("vendor=46d") << QStringLiteral("4 hex");
    QTest::newRow("twice") << QStringLiteral("vendor=046d,vendor=0781")
                           << QStringLiteral("given twice");
    QTest::newRow("port") << QStringLiteral("port=1-0") << QStringLiteral("bus and port");
    QTest::newRow("port depth") << QStringLiteral("port=1-1.2.3.4.5.6.7.8")
                                << QStringLiteral("bus and port");
    QTest::newRow("serial space") << QStringLiteral("serial=a b") << QStringLiteral("serial");
    QTest::newRow("no value") << QStringLiteral("vendor=") << QStringLiteral("KEY=VALUE");
}

void TestUsb::badFiltersAreOneLine() {
    QFETCH(QString, text);
    QFETCH(QString, says);
    auto f = parseUsbFilter(text);
    QVERIFY(!f);
    QVERIFY2(f.error().message.contains(says), qPrintable(f.error().message));
    QVERIFY(f.error().message.startsWith(QStringLiteral("USB filter")));
    QVERIFY(f.error().fix.contains(QStringLiteral("usb list")));
    QVERIFY(!f.error().line().contains(QLatin1Char('\n')));
}

void TestUsb::filtersMatch() {
    const UsbDevice stick = dev(QStringLiteral("1-3"), QStringLiteral("0781"),
                                QStringLiteral("5583"), QStringLiteral("4C53"));
    QVERIFY(usbFilterMatches(*parseUsbFilter(QStringLiteral("0781:5583")), stick));
    QVERIFY(usbFilterMatches(*parseUsbFilter(QStringLiteral("vendor=0781")), stick));
    QVERIFY(usbFilterMatches(*parseUsbFilter(QStringLiteral("port=1-3")), stick));
    QVERIFY(!usbFilterMatches(*parseUsbFilter(QStringLiteral("port=1-3.1")), stick));
    QVERIFY(!usbFilterMatches(*parseUsbFilter(QStringLiteral("vendor=0781,serial=4c53")), stick));
    QVERIFY(usbFilterMatches(*parseUsbFilter(QStringLiteral("vendor=0781,serial=4C53")), stick));
    QVERIFY(!usbFilterMatches(*parseUsbFilter(QStringLiteral("046d:c52b")), stick));
    // A hub is never given away, whatever the filter.
    auto hub = usbDeviceFromJson(device(QStringLiteral("1-1"), QStringLiteral("05e3"),
                                        QStringLiteral("0610"), {}, QStringLiteral("0x09")));
    QVERIFY(hub && hub->isHub());
    QVERIFY(!usbFilterMatches(*parseUsbFilter(QStringLiteral("vendor=05e3")), *hub));
    VmSpec spec;
    spec.usbFilters = {*parseUsbFilter(QStringLiteral("046d:c52b")),
                       *parseUsbFilter(QStringLiteral("vendor=0781"))};
    QCOMPARE(matchingUsbFilter(spec, stick), 1);
}

void TestUsb::specKeepsFiltersAndValidatesThem() {
    VmSpec spec;
    spec.name = QStringLiteral("u");
    spec.uuid = QUuid::createUuid();
    spec.usbFilters = {*parseUsbFilter(QStringLiteral("vendor=0781,serial=X1,port=2-1"))};
    auto back = vmSpecFromBytes(vmSpecToBytes(spec), QStringLiteral("test"));
    QVERIFY2(back, back ? "" : qPrintable(back.error().line()));
    QVERIFY(back->usb);
    QCOMPARE(back->usbFilters.size(), 1);
    QCOMPARE(usbFilterToString(back->usbFilters.first()),
             QStringLiteral("vendor=0781,serial=X1,port=2-1"));
    QVERIFY(validateVmSpec(spec));
    // An older vm.json has no USB controller; a filter without one is refused.
    QJsonObject old = vmSpecToJson(spec);
    old.remove(QStringLiteral("usb"));
    old.remove(QStringLiteral("usbFilters"));
    QVERIFY(!vmSpecFromBytes(QJsonDocument(old).toJson(), QStringLiteral("old"))->usb);
    spec.usb = false;
    auto bad = validateVmSpec(spec);
    QVERIFY(!bad);
    QVERIFY(bad.error().message.contains(QStringLiteral("USB controller")));
    spec.usb = true;
    spec.usbFilters.first().vendor = QStringLiteral("zz");
    QVERIFY(!validateVmSpec(spec)); // a hand-edited vm.json is checked like the CLI
}

void TestUsb::replayFollowsEvents() {
    const QJsonObject script{
        {QStringLiteral("devices"),
         QJsonArray{device(QStringLiteral("1-2"), QStringLiteral("046d"), QStringLiteral("c52b")),
                    device(QStringLiteral("1-1"), QStringLiteral("05e3"), QStringLiteral("0610"),
                           {}, QStringLiteral("0x09"))}},
        {QStringLiteral("events"),
         QJsonArray{QJsonObject{{QStringLiteral("after_ms"), 10},
                                {QStringLiteral("action"), QStringLiteral("arrived")},
                                {QStringLiteral("device"),
                                 device(QStringLiteral("1-4"), QStringLiteral("0951"),
                                        QStringLiteral("1666"))}},
                    QJsonObject{{QStringLiteral("after_ms"), 10},
                                {QStringLiteral("action"), QStringLiteral("left")},
                                {QStringLiteral("device"),
                                 device(QStringLiteral("1-2"), QStringLiteral("046d"),
                                        QStringLiteral("c52b"))}}}}};
    auto bus = ReplayUsbBus::fromJson(script);
    QVERIFY(bus);
    QCOMPARE((*bus)->devices()->size(), 1); // the hub is left out
    QStringList seen;
    QVERIFY((*bus)->watch([&](const UsbEvent& e) {
        seen << QStringLiteral("%1 %2 %3")
                    .arg(e.kind == UsbEventKind::Arrived ? QStringLiteral("+")
                                                         : QStringLiteral("-"),
                         e.device.id())
                    .arg((*bus)->devices()->size());
        return true;
    }));
    QCOMPARE(seen, (QStringList{QStringLiteral("+ 1-4 2"), QStringLiteral("- 1-2 1")}));
    QCOMPARE((*bus)->devices()->first().id(), QStringLiteral("1-4"));
}

void TestUsb::replayRefusesMalformedLists() {
    QJsonObject bad = device(QStringLiteral("1-2"), QStringLiteral("046d"), QStringLiteral("c52b"));
    bad.insert(QStringLiteral("id"), QStringLiteral("../1"));
    auto bus = ReplayUsbBus::fromJson({{QStringLiteral("devices"), QJsonArray{bad}}});
    QVERIFY(!bus);
    QVERIFY(bus.error().message.contains(QStringLiteral("'id'")));
    bad = device(QStringLiteral("1-2"), QStringLiteral("46d"), QStringLiteral("c52b"));
    QVERIFY(!ReplayUsbBus::fromJson({{QStringLiteral("devices"), QJsonArray{bad}}}));
    auto badEvent = ReplayUsbBus::fromJson(
        {{QStringLiteral("events"),
          QJsonArray{QJsonObject{{QStringLiteral("action"), QStringLiteral("exploded")}}}}});
    QVERIFY(!badEvent);
    QVERIFY(badEvent.error().message.contains(QStringLiteral("exploded")));
}

void TestUsb::startArgumentsForMatchedDevices() {
    VmSpec spec;
    spec.name = QStringLiteral("u");
    QemuLaunchContext ctx;
    ctx.runtimeDir = QStringLiteral("/run/vireo/u");
    ctx.usbHostPorts = {QStringLiteral("1-3"), QStringLiteral("2-1.4")};
    auto argv = buildQemuArgv(spec, ctx);
    QVERIFY(argv);
    const QString line = argv->join(QLatin1Char(' '));
    QVERIFY(line.contains(QStringLiteral("-device qemu-xhci,id=usb ")));
    QVERIFY(line.contains(
        QStringLiteral("-device usb-host,bus=usb.0,hostbus=1,hostport=3,id=usbhost-1-3")));
    QVERIFY(line.contains(
        QStringLiteral("-device usb-host,bus=usb.0,hostbus=2,hostport=1.4,id=usbhost-2-1.4")));
    // The same device through QMP, for a VM that already runs.
    const QJsonObject o = usbHostDeviceOptions(QStringLiteral("2-1.4"));
    QCOMPARE(o.value(QStringLiteral("hostbus")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("hostport")).toString(), QStringLiteral("1.4"));
    QCOMPARE(o.value(QStringLiteral("id")).toString(), QStringLiteral("usbhost-2-1.4"));
    // No controller, or a port that is not one: refused, nothing built.
    ctx.usbHostPorts = {QStringLiteral("1-3,id=evil")};
    QVERIFY(!buildQemuArgv(spec, ctx));
    spec.usb = false;
    ctx.usbHostPorts = {QStringLiteral("1-3")};
    QVERIFY(!buildQemuArgv(spec, ctx));
    ctx.usbHostPorts.clear();
    QVERIFY(!buildQemuArgv(spec, ctx)->join(QLatin1Char(' ')).contains(QStringLiteral("xhci")));
}

void TestUsb::cliListsATreesDevicesAndControllers() {
    const QString fixture =
        QStringLiteral(VIREO_SHARED_FIXTURES "/hosts/01-intel-z370-asrock-itx-duo");
    if (!QFileInfo(fixture).isDir()) QSKIP("the shared host trees are not here");
    QTemporaryDir tmp;
    const QString tree = tmp.filePath(QStringLiteral("host"));
    QCOMPARE(QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-r"), fixture, tree}), 0);
    QProcess::execute(QStringLiteral("chmod"), {QStringLiteral("-R"), QStringLiteral("u+w"), tree});
    // The chipset's xhci controller serves buses 1 and 2, as the kernel shows it.
    const QString xhci = tree + QStringLiteral("/sys/devices/pci0000:00/0000:00:14.0");
    QVERIFY(QDir().mkpath(xhci + QStringLiteral("/usb1")));
    QVERIFY(QDir().mkpath(xhci + QStringLiteral("/usb2")));
    QVERIFY(QDir().mkpath(tree + QStringLiteral("/vireo-capture")));
    QFile list(tree + QStringLiteral("/vireo-capture/usb.json"));
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write(
        QJsonDocument(
            QJsonObject{{QStringLiteral("devices"),
                         QJsonArray{device(QStringLiteral("1-2"), QStringLiteral("046d"),
                                           QStringLiteral("c52b")),
                                    device(QStringLiteral("1-1"), QStringLiteral("05e3"),
                                           QStringLiteral("0610"), {}, QStringLiteral("0x09"))}}})
            .toJson());
    list.close();
    const QString lib = tmp.filePath(QStringLiteral("lib"));
    Run r =
        vireoctl({QStringLiteral("--library"), lib, QStringLiteral("usb"), QStringLiteral("list"),
                  QStringLiteral("--json"), QStringLiteral("--host-root"), tree});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray devices = o.value(QStringLiteral("devices")).toArray();
    QCOMPARE(devices.size(), 1);
    QCOMPARE(devices.first().toObject().value(QStringLiteral("id")).toString(),
             QStringLiteral("1-2"));
    QVERIFY(devices.first().toObject().value(QStringLiteral("attached_to")).isNull());
    const QJsonArray controllers = o.value(QStringLiteral("controllers")).toArray();
    QCOMPARE(controllers.size(), 1);
    const QJsonObject c = controllers.first().toObject();
    QCOMPARE(c.value(QStringLiteral("address")).toString(), QStringLiteral("0000:00:14.0"));
    QCOMPARE(c.value(QStringLiteral("buses")).toArray(), (QJsonArray{1, 2}));
    QVERIFY(!c.value(QStringLiteral("verdict")).toString().isEmpty());
    // The text form names the device and the controller.
    r = vireoctl({QStringLiteral("--library"), lib, QStringLiteral("usb"), QStringLiteral("list"),
                  QStringLiteral("--host-root"), tree});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("1-2")) && r.out.contains(QStringLiteral("046d:c52b")),
             qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("controller 0000:00:14.0")));
    // A list that is not JSON: one line naming the file, exit 1.
    QVERIFY(list.open(QIODevice::WriteOnly | QIODevice::Truncate));
    list.write("{nope");
    list.close();
    r = vireoctl({QStringLiteral("--library"), lib, QStringLiteral("usb"), QStringLiteral("list"),
                  QStringLiteral("--host-root"), tree});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("usb.json")) && r.err.count(QLatin1Char('\n')) == 1,
             qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestUsb)
#include "tst_usb.moc"
