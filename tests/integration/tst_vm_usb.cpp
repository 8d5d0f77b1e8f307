// Host USB devices and a real running guest under QEMU. This machine kind has no USB bus,
// so the host side is a replayed device list with hotplug events (a captured tree's
// vireo-capture/usb.json); QEMU, its xhci controller and its usb-host devices are real:
// a filter gives a plugged device to the VM at start, usb attach/detach change what QEMU
// holds, the filter watcher attaches a device plugged in later and removes it when it
// leaves, and the guest sees its USB controller.
#include "GuestTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using guesttest::kGuest;
using guesttest::Run;

namespace {

QJsonObject device(const QString& id, int address, const QString& vid, const QString& pid,
                   const QString& product, const QString& serial = {}) {
    return {{QStringLiteral("id"), id},
            {QStringLiteral("address"), address},
            {QStringLiteral("vendor_id"), vid},
            {QStringLiteral("product_id"), pid},
            {QStringLiteral("product"), product},
            {QStringLiteral("serial"), serial},
            {QStringLiteral("speed"), QStringLiteral("high")}};
}

QJsonObject hotplug(int afterMs, const QString& action, const QJsonObject& device) {
    return {{QStringLiteral("after_ms"), afterMs},
            {QStringLiteral("action"), action},
            {QStringLiteral("device"), device}};
}

} // namespace

class TestVmUsb : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void filtersAttachAndDetachOnARunningGuest();

private:
    Run vireoctl(const QStringList& args) { return m_lab.vireoctl(args); }
    Run usb(QStringList args) {
        args.prepend(QStringLiteral("usb"));
        args << QStringLiteral("--host-root") << m_tree;
        return vireoctl(args);
    }
    // port → the VM holding it ("" when none), from usb list --json.
    QMap<QString, QString> holders();
    void writeHost(const QJsonArray& devices, const QJsonArray& events);

    guesttest::GuestLab m_lab;
    QString m_tree;
};

void TestVmUsb::initTestCase() {
    if (!QFile::exists(kGuest + QStringLiteral("/vmlinux")))
        QSKIP("the test guest is not built (tests/guest/build.sh failed?)");
    QVERIFY(m_lab.init());
    m_tree = m_lab.path(QStringLiteral("host"));
    for (const char* dir : {"/vireo-capture", "/sys", "/proc"})
        QVERIFY(QDir().mkpath(m_tree + QLatin1String(dir)));
}

void TestVmUsb::cleanupTestCase() {
    if (!m_lab.lib().isEmpty()) m_lab.killAll();
}

void TestVmUsb::writeHost(const QJsonArray& devices, const QJsonArray& events) {
    QFile f(m_tree + QStringLiteral("/vireo-capture/usb.json"));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("devices"), devices},
                                      {QStringLiteral("events"), events}})
                .toJson());
}

QMap<QString, QString> TestVmUsb::holders() {
    QMap<QString, QString> out;
    const Run r = usb({QStringLiteral("list"), QStringLiteral("--json")});
    for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8())
                             .object()
                             .value(QStringLiteral("devices"))
                             .toArray())
        out.insert(v.toObject().value(QStringLiteral("id")).toString(),
                   v.toObject().value(QStringLiteral("attached_to")).toString());
    return out;
}

void TestVmUsb::filtersAttachAndDetachOnARunningGuest() {
    const QJsonObject receiver = device(QStringLiteral("1-2"), 4, QStringLiteral("046d"),
                                        QStringLiteral("c52b"), QStringLiteral("USB Receiver"));
    const QJsonObject stick =
        device(QStringLiteral("1-3"), 5, QStringLiteral("0781"), QStringLiteral("5583"),
               QStringLiteral("Ultra Fit"), QStringLiteral("4C530001"));
    const QJsonObject kingston = device(QStringLiteral("1-4"), 6, QStringLiteral("0951"),
                                        QStringLiteral("1666"), QStringLiteral("DataTraveler"));
    const QJsonObject stranger = device(QStringLiteral("1-5"), 7, QStringLiteral("1234"),
                                        QStringLiteral("5678"), QStringLiteral("Gadget"));
    writeHost({receiver, stick}, {});

    // Bad filters and a controller-less VM with filters: one line each, nothing defined.
    Run r = vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("bad"),
                      QStringLiteral("--usb-filter"), QStringLiteral("vendor=zz")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("USB filter 'vendor=zz'")), qPrintable(r.err));
    QVERIFY(!QFile::exists(m_lab.lib() + QStringLiteral("/bad/vm.json")));
    r = vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("bad"),
                  QStringLiteral("--usb-filter"), QStringLiteral("046d:c52b"),
                  QStringLiteral("--no-usb")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("--remove-usb-filter all")), qPrintable(r.err));

    // The guest: the SanDisk stick by vendor and product, any Kingston by vendor.
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("u"),
                  QStringLiteral("--memory"), QStringLiteral("256M"), QStringLiteral("--kernel"),
                  kGuest + QStringLiteral("/vmlinux"), QStringLiteral("--initrd"),
                  kGuest + QStringLiteral("/initramfs.cpio.gz"), QStringLiteral("--append"),
                  QStringLiteral("console=ttyS0 quiet cryptomgr.notests panic=-1"),
                  QStringLiteral("--nic"), QStringLiteral("none"), QStringLiteral("--usb-filter"),
                  QStringLiteral("0781:5583"), QStringLiteral("--usb-filter"),
                  QStringLiteral("vendor=0951")})
            .code,
        0);
    r = vireoctl({QStringLiteral("vm"), QStringLiteral("show"), QStringLiteral("u"),
                  QStringLiteral("--json")});
    const QJsonObject shown = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(shown.value(QStringLiteral("usb")).toBool(), true);
    QCOMPARE(shown.value(QStringLiteral("usbFilters")).toArray().size(), 2);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("plain"),
                       QStringLiteral("--no-usb")})
                 .code,
             0);

    // Attaching to a VM that does not run, or has no controller: one line with the fix.
    r = usb({QStringLiteral("attach"), QStringLiteral("u"), QStringLiteral("046d:c52b")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("is not running")), qPrintable(r.err));
    r = usb({QStringLiteral("attach"), QStringLiteral("plain"), QStringLiteral("1-2")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("no USB controller")) &&
                 r.err.contains(QStringLiteral("--usb")),
             qPrintable(r.err));

    // At start the filter gives it the stick that is plugged in, and nothing else.
    qputenv("VIREO_HOST_ROOT", m_tree.toUtf8());
    r = vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("u")});
    qunsetenv("VIREO_HOST_ROOT");
    QCOMPARE(r.code, 0);
    QVERIFY(m_lab.waitForMarker(QStringLiteral("u"), QStringLiteral("VIREO-GUEST: ready")));
    auto held = holders();
    QCOMPARE(held.value(QStringLiteral("1-3")), QStringLiteral("u"));
    QCOMPARE(held.value(QStringLiteral("1-2")), QString());
    // The guest sees the xhci controller on its PCI bus.
    r = vireoctl({QStringLiteral("vm"), QStringLiteral("exec"), QStringLiteral("u"),
                  QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                  QStringLiteral("cat /sys/bus/pci/devices/*/class")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("0x0c0330")), qPrintable(r.out));

    // By hand: attach by VENDOR:PRODUCT, once; detach by port, once.
    r = usb({QStringLiteral("attach"), QStringLiteral("u"), QStringLiteral("046d:c52b")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("1-2")), qPrintable(r.out));
    QCOMPARE(holders().value(QStringLiteral("1-2")), QStringLiteral("u"));
    r = usb({QStringLiteral("attach"), QStringLiteral("u"), QStringLiteral("1-2")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("is attached to VM 'u'")), qPrintable(r.err));
    r = usb({QStringLiteral("attach"), QStringLiteral("u"), QStringLiteral("9999:0001")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("no USB device '9999:0001' is plugged in")),
             qPrintable(r.err));
    QCOMPARE(vireoctl({QStringLiteral("usb"), QStringLiteral("detach"), QStringLiteral("u"),
                       QStringLiteral("1-2")})
                 .code,
             0);
    QCOMPARE(holders().value(QStringLiteral("1-2")), QString());
    r = vireoctl({QStringLiteral("usb"), QStringLiteral("detach"), QStringLiteral("u"),
                  QStringLiteral("1-2")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("holds no USB device at 1-2")), qPrintable(r.err));
    r = vireoctl({QStringLiteral("usb"), QStringLiteral("detach"), QStringLiteral("u"),
                  QStringLiteral("1-2,id=x")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("is not a USB port")), qPrintable(r.err));

    // Plugged in while it runs: the Kingston goes to the VM (its second filter), the
    // unknown gadget to nobody; unplugged, the Kingston is taken out of QEMU again.
    writeHost({receiver, stick}, {hotplug(100, QStringLiteral("arrived"), kingston),
                                  hotplug(100, QStringLiteral("arrived"), stranger),
                                  hotplug(300, QStringLiteral("left"), kingston)});
    r = usb({QStringLiteral("watch"), QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    QStringList actions;
    for (const auto& line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        actions << QStringLiteral("%1 %2 %3 %4")
                       .arg(o.value(QStringLiteral("event")).toString(),
                            o.value(QStringLiteral("device")).toString(),
                            o.value(QStringLiteral("action")).toString(),
                            o.value(QStringLiteral("vm")).toString());
    }
    QCOMPARE(actions, (QStringList{QStringLiteral("arrived 1-4 attached u"),
                                   QStringLiteral("arrived 1-5 ignored "),
                                   QStringLiteral("left 1-4 detached u")}));
    QVERIFY(r.out.contains(QStringLiteral("(filter 2)")));
    QCOMPARE(holders().value(QStringLiteral("1-3")), QStringLiteral("u"));

    // Filters change while it runs (nothing else does); the next plug-in follows them.
    r = vireoctl({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("u"),
                  QStringLiteral("--memory"), QStringLiteral("300M")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("is running")), qPrintable(r.err));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("u"),
                       QStringLiteral("--usb-filter"), QStringLiteral("1234:5678")})
                 .code,
             0);
    writeHost({receiver, stick}, {hotplug(50, QStringLiteral("arrived"), stranger)});
    r = usb({QStringLiteral("watch"), QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("\"action\":\"attached\"")) &&
                 r.out.contains(QStringLiteral("(filter 3)")),
             qPrintable(r.out));
    QCOMPARE(holders().value(QStringLiteral("1-3")), QStringLiteral("u"));

    // Stopped, the VM holds nothing (QEMU was the record).
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("u")}).code, 0);
    QCOMPARE(holders().value(QStringLiteral("1-3")), QString());
}

QTEST_GUILESS_MAIN(TestVmUsb)
#include "tst_vm_usb.moc"
