// Machine > USB Devices on a host whose USB list is replayed (VIREO_HOST_ROOT): the
// devices without the hub, nothing to attach while the VM is off, a filter added from a
// device (by its serial) lands in the VM's definition and is removed again.
#include "GuiTestEnv.h"
#include "MainWindow.h"
#include "UsbDevicesDialog.h"
#include "store/Library.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTreeWidget>

using namespace vireo;

namespace {

QJsonObject device(const QString& id, const QString& vid, const QString& pid,
                   const QString& product, const QString& serial,
                   const QString& cls = QStringLiteral("0x00")) {
    return {{QStringLiteral("id"), id},           {QStringLiteral("address"), 3},
            {QStringLiteral("vendor_id"), vid},   {QStringLiteral("product_id"), pid},
            {QStringLiteral("product"), product}, {QStringLiteral("serial"), serial},
            {QStringLiteral("class"), cls}};
}

} // namespace

class TestGuiUsb : public QObject {
    Q_OBJECT
    GuiTestEnv m_env;

private Q_SLOTS:
    void filtersFromTheDeviceList() {
        QVERIFY(m_env.setUp());
        const QString tree = m_env.dir.filePath(QStringLiteral("host"));
        for (const char* dir : {"/vireo-capture", "/sys", "/proc"})
            QVERIFY(QDir().mkpath(tree + QLatin1String(dir)));
        QFile list(tree + QStringLiteral("/vireo-capture/usb.json"));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write(
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("devices"),
                     QJsonArray{device(QStringLiteral("1-2"), QStringLiteral("046d"),
                                       QStringLiteral("c52b"), QStringLiteral("USB Receiver"), {}),
                                device(QStringLiteral("1-3"), QStringLiteral("0781"),
                                       QStringLiteral("5583"), QStringLiteral("Ultra Fit"),
                                       QStringLiteral("4C530001")),
                                device(QStringLiteral("1-1"), QStringLiteral("05e3"),
                                       QStringLiteral("0610"), QStringLiteral("Hub"), {},
                                       QStringLiteral("0x09"))}}})
                .toJson());
        list.close();
        qputenv("VIREO_HOST_ROOT", tree.toUtf8());
        QCOMPARE(
            m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("u"),
                            QStringLiteral("--memory"), QStringLiteral("128M")}),
            0);

        MainWindow window(m_env.lib);
        QVERIFY(window.findChild<QAction*>(QStringLiteral("usbDevicesAction")));
        UsbDevicesDialog dialog(m_env.lib, QStringLiteral("u"));
        QSignalSpy refreshed(&dialog, &UsbDevicesDialog::refreshed);
        QVERIFY(refreshed.wait(10000));
        QTreeWidget* devices = dialog.devices();
        QVERIFY2(devices->topLevelItemCount() == 2, qPrintable(dialog.status()->text()));
        QCOMPARE(devices->topLevelItem(0)->text(2), QStringLiteral("USB Receiver"));

        // The receiver has no serial: only a filter for its kind; the VM is off: no attach.
        devices->setCurrentItem(devices->topLevelItem(0));
        auto* attach = dialog.findChild<QPushButton*>(QStringLiteral("usbAttach"));
        auto* bySerial = dialog.findChild<QPushButton*>(QStringLiteral("usbAddSerialFilter"));
        QVERIFY(!attach->isEnabled());
        QVERIFY(attach->toolTip().contains(QLatin1String("Start the VM")));
        QVERIFY(!bySerial->isEnabled());

        // The stick, that one device by its serial.
        devices->setCurrentItem(devices->topLevelItem(1));
        QVERIFY(bySerial->isEnabled());
        QSignalSpy changed(&dialog, &UsbDevicesDialog::changed);
        bySerial->click();
        QVERIFY(changed.wait(10000));
        QCOMPARE(changed.last().first().toBool(), true);
        QVERIFY(refreshed.wait(10000));
        auto spec = Library(m_env.lib).load(QStringLiteral("u"));
        QVERIFY(spec);
        QCOMPARE(spec->usbFilters.size(), 1);
        QCOMPARE(spec->usbFilters.first().serial, QStringLiteral("4C530001"));
        QCOMPARE(dialog.filters()->count(), 1);
        QCOMPARE(dialog.filters()->item(0)->text(),
                 QStringLiteral("vendor=0781,product=5583,serial=4C530001"));

        dialog.filters()->setCurrentRow(0);
        dialog.findChild<QPushButton*>(QStringLiteral("usbRemoveFilter"))->click();
        QVERIFY(changed.wait(10000));
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(Library(m_env.lib).load(QStringLiteral("u"))->usbFilters.size(), 0);
        QCOMPARE(dialog.filters()->count(), 0);
        qunsetenv("VIREO_HOST_ROOT");
    }
};

QTEST_MAIN(TestGuiUsb)
#include "tst_gui_usb.moc"
