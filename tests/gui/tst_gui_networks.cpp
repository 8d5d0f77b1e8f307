// The Networks page driving real networks: a host-only network made from the form, started
// through vireo-helper, a booting guest's DHCP lease and port appearing on their own; a DPDK
// network's switch load line. Needs root (bridges, dnsmasq) and the test guest.
#include "GuiTestEnv.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "NetworksPage.h"
#include "network/NetworkSpec.h"
#include "network/VirtualNetworks.h"
#include "store/Library.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QtTest>

#include <unistd.h>

using namespace vireo;

namespace {
const QString kGuest = QStringLiteral(VIREO_GUEST_DIR);

} // namespace

class TestGuiNetworks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void networksPageShowsLiveLeases();

private:
    GuiTestEnv m_env;
};

void TestGuiNetworks::initTestCase() {
    if (!QFile::exists(kGuest + QStringLiteral("/vmlinux")))
        QSKIP("the test guest is not built (tests/guest/build.sh failed?)");
    QVERIFY(m_env.setUp());
}

void TestGuiNetworks::cleanupTestCase() {
    if (m_env.lib.isEmpty()) return;
    for (const auto& vm : Library(m_env.lib).vmNames())
        m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), vm});
    // A failed test's networks, so no bridge or switch outlives it.
    for (const auto& network : VirtualNetworks(Library(m_env.lib)).list()) {
        m_env.vireoctl({QStringLiteral("network"), QStringLiteral("stop"), network.spec.name});
        m_env.vireoctl({QStringLiteral("network"), QStringLiteral("delete"), network.spec.name});
    }
}

// View > Networks: create a host-only network from the form (its mode explained), start
// it, see a booting guest's DHCP lease appear with the VM's name, stop and delete it.
void TestGuiNetworks::networksPageShowsLiveLeases() {
    if (::geteuid() != 0) QSKIP("bridges and dnsmasq need root (vireo-helper); run as root");
    qputenv("VIREO_HELPER", VIREO_HELPER_PATH);
    qputenv("VIREO_SWITCH", VIREO_SWITCH_PATH);
    MainWindow window(m_env.lib);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.action(MainWindow::Action::Networks)->trigger();
    NetworksPage* page = window.networksPage();
    QVERIFY(QTest::qWaitForWindowExposed(page));
    const auto row = [page](const QString& name) -> QTreeWidgetItem* {
        const auto found = page->networks()->findItems(name, Qt::MatchExactly, 0);
        return found.isEmpty() ? nullptr : found.first();
    };
    child<QLineEdit>(page, "networkName")->setText(QStringLiteral("guinet"));
    auto* mode = child<QComboBox>(page, "networkMode");
    mode->setCurrentIndex(mode->findData(int(NetworkMode::Internal)));
    QVERIFY(child<QLabel>(page, "networkModeHelp")->text().contains(QStringLiteral("not even")));
    QVERIFY(!child<QCheckBox>(page, "networkDhcp")->isEnabled());
    // "Accelerated (DPDK)": offered where vireo-switch exists, for every mode.
    auto* dpdk = child<QCheckBox>(page, "networkDpdk");
    if (QFile::exists(QStringLiteral(VIREO_SWITCH_PATH))) {
        QVERIFY(dpdk->isEnabled());
        dpdk->setChecked(true);
        child<QLineEdit>(page, "networkName")->setText(QStringLiteral("guifast"));
        page->createFromForm();
        QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("guifast")) != nullptr, 10000);
        QCOMPARE(row(QStringLiteral("guifast"))->text(1), QStringLiteral("internal (DPDK)"));
        page->networks()->setCurrentItem(row(QStringLiteral("guifast")));
        // Running, its switch's packet thread load shows under the ports from the second
        // refresh on; stopped, the line goes away.
        QVERIFY(page->switchLoad()->isHidden());
        child<QPushButton>(page, "startNetwork")->click();
        QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("guifast"))->text(4), QStringLiteral("Active"),
                                  20000);
        page->networks()->setCurrentItem(row(QStringLiteral("guifast")));
        QTRY_VERIFY_WITH_TIMEOUT(
            page->switchLoad()->text().contains(QStringLiteral("of polls moved frames")), 15000);
        QVERIFY(!page->switchLoad()->isHidden());
        qInfo("%s", qPrintable(page->switchLoad()->text()));
        child<QPushButton>(page, "stopNetwork")->click();
        QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("guifast"))->text(4),
                                  QStringLiteral("Stopped"), 20000);
        page->networks()->setCurrentItem(row(QStringLiteral("guifast")));
        QTRY_VERIFY_WITH_TIMEOUT(page->switchLoad()->isHidden(), 10000);
        child<QPushButton>(page, "deleteNetwork")->click();
        QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("guifast")) == nullptr, 20000);
        child<QLineEdit>(page, "networkName")->setText(QStringLiteral("guinet"));
    }
    mode->setCurrentIndex(mode->findData(int(NetworkMode::Bridged)));
    auto* createBridge = child<QCheckBox>(page, "networkCreateBridge");
    if (QFile::exists(QStringLiteral(VIREO_SWITCH_PATH))) {
        // Bridged on DPDK: the switch takes the NIC itself, so no kernel bridge over it.
        QVERIFY(dpdk->isEnabled());
        dpdk->setChecked(false);
        QVERIFY(createBridge->isEnabled());
        createBridge->setChecked(true);
        dpdk->setChecked(true);
        QVERIFY(!createBridge->isEnabled() && !createBridge->isChecked());
        dpdk->setChecked(false);
    } else {
        QVERIFY(!dpdk->isEnabled() && !dpdk->isChecked());
    }
    QVERIFY(createBridge->isEnabled());
    QVERIFY(!child<QCheckBox>(page, "networkIpv6")->isEnabled());
    mode->setCurrentIndex(mode->findData(int(NetworkMode::HostOnly)));
    QVERIFY(!child<QCheckBox>(page, "networkCreateBridge")->isEnabled());
    child<QLineEdit>(page, "networkSubnet")->setText(QStringLiteral("10.93.7.0/24"));
    child<QSpinBox>(page, "networkMtu")->setValue(9000);
    child<QCheckBox>(page, "networkIpv6")->setChecked(true);
    page->createFromForm();
    QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("guinet")) != nullptr, 10000);
    QCOMPARE(row(QStringLiteral("guinet"))->text(2), QStringLiteral("10.93.7.0/24"));
    {
        auto spec = VirtualNetworks(Library(m_env.lib)).load(QStringLiteral("guinet"));
        QVERIFY(spec);
        QCOMPARE(spec->mtu, 9000);
        QVERIFY(spec->ipv6.network.startsWith(QStringLiteral("fd")));
    }
    // The same subnet again: one clear error in the message bar, nothing new in the list.
    child<QLineEdit>(page, "networkName")->setText(QStringLiteral("guinet2"));
    page->createFromForm();
    QTRY_VERIFY_WITH_TIMEOUT(!window.messageBar()->text().isEmpty(), 10000);
    QVERIFY2(window.messageBar()->text().contains(QStringLiteral("overlap")),
             qPrintable(window.messageBar()->text()));
    QCOMPARE(page->networks()->topLevelItemCount(), 1);

    page->networks()->setCurrentItem(row(QStringLiteral("guinet")));
    QVERIFY(child<QPushButton>(page, "startNetwork")->isEnabled());
    child<QPushButton>(page, "startNetwork")->click();
    QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("guinet"))->text(4), QStringLiteral("Active"),
                              20000);
    QCOMPARE(m_env.vireoctl(
                 {QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("gn"),
                  QStringLiteral("--memory"), QStringLiteral("256M"), QStringLiteral("--kernel"),
                  kGuest + QStringLiteral("/vmlinux"), QStringLiteral("--initrd"),
                  kGuest + QStringLiteral("/initramfs.cpio.gz"), QStringLiteral("--append"),
                  QStringLiteral("console=ttyS0 quiet cryptomgr.notests panic=-1"),
                  QStringLiteral("--nic"), QStringLiteral("network=guinet")}),
             0);
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("gn")}),
             0);
    page->networks()->setCurrentItem(row(QStringLiteral("guinet")));
    // The lease table follows the guest's DHCP on its own (a two-second refresh).
    QTRY_VERIFY_WITH_TIMEOUT(page->leases()->topLevelItemCount() == 1, 90000);
    QTreeWidgetItem* lease = page->leases()->topLevelItem(0);
    QVERIFY2(lease->text(0).startsWith(QStringLiteral("10.93.7.")), qPrintable(lease->text(0)));
    QCOMPARE(lease->text(3), QStringLiteral("gn"));
    // Its tap is a port of the network, with packet rates from the second refresh on.
    QTRY_VERIFY_WITH_TIMEOUT(page->ports()->topLevelItemCount() == 1, 10000);
    QCOMPARE(page->ports()->topLevelItem(0)->text(1), QStringLiteral("gn"));
    QTRY_VERIFY_WITH_TIMEOUT(!page->ports()->topLevelItem(0)->text(3).isEmpty(), 10000);
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("gn")}),
             0);
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("gn")}),
             0);

    page->networks()->setCurrentItem(row(QStringLiteral("guinet")));
    child<QPushButton>(page, "stopNetwork")->click();
    QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("guinet"))->text(4), QStringLiteral("Stopped"),
                              20000);
    page->networks()->setCurrentItem(row(QStringLiteral("guinet")));
    child<QPushButton>(page, "deleteNetwork")->click();
    QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("guinet")) == nullptr, 20000);
}

QTEST_MAIN(TestGuiNetworks)
#include "tst_gui_networks.moc"
