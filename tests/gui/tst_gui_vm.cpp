// The desktop app against a real guest: the New-VM wizard creates a kernel-boot VM, the
// list shows it (and a VM vireoctl creates behind the app's back), Start runs it until
// the guest reports ready, the console attaches, a live snapshot is taken from the
// Snapshots tab, and Delete removes it.
#include "BackupsTab.h"
#include "ConsoleTab.h"
#include "DetachableArea.h"
#include "DetailsPane.h"
#include "GuiTestEnv.h"
#include "HardwareTab.h"
#include "JobRunner.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "NewVmWizard.h"
#include "SnapshotsTab.h"
#include "TerminalWidget.h"
#include "VmListModel.h"
#include "store/Library.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace vireo;

namespace {
const QString kGuest = QStringLiteral(VIREO_GUEST_DIR);
const QString kVm = QStringLiteral("gui-guest");

VmState stateOf(MainWindow& w, const QString& name) {
    const VmRow* row = w.model()->row(name);
    return row ? row->status.state : VmState::Shutoff;
}
} // namespace

class TestGuiVm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void wizardValidates();
    void fullLifecycle();
    void hardwareTabEditsNics();
    void hardwareTabSharesFoldersAndSetsPresets();
    void importTheGuestDiskAndBootIt();
    void wizardMakesCloudVmsAndImportsAppliances();
    void backupsTabSchedulesBacksUpAndRestores();

private:
    NewVmWizard* openWizard(MainWindow& window);
    GuiTestEnv m_env;
};

void TestGuiVm::initTestCase() {
    if (!QFile::exists(kGuest + QStringLiteral("/vmlinux")))
        QSKIP("the test guest is not built (tests/guest/build.sh failed?)");
    QVERIFY(m_env.setUp());
}

void TestGuiVm::cleanupTestCase() {
    if (m_env.lib.isEmpty()) return;
    for (const auto& vm : Library(m_env.lib).vmNames())
        m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), vm});
}

NewVmWizard* TestGuiVm::openWizard(MainWindow& window) {
    window.action(MainWindow::Action::New)->trigger();
    auto* wizard = window.findChild<NewVmWizard*>();
    if (wizard) {
        if (!QTest::qWaitForWindowExposed(wizard)) qWarning() << "wizard not exposed";
    }
    return wizard;
}

void TestGuiVm::wizardValidates() {
    MainWindow window(m_env.lib);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("taken"),
                            QStringLiteral("--nic"), QStringLiteral("none")}) == 0);
    auto* wizard = openWizard(window);
    QVERIFY(wizard);
    child<QRadioButton>(wizard, "sourceKernel")->setChecked(true);
    wizard->next();
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled()); // no kernel yet
    child<QLineEdit>(wizard, "kernelPath")->setText(kGuest + QStringLiteral("/vmlinux"));
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    wizard->next();
    auto* name = child<QLineEdit>(wizard, "vmName");
    auto* problems = child<QLabel>(wizard, "problems");
    name->setText(QStringLiteral("taken"));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY2(problems->text().contains(QStringLiteral("taken")), qPrintable(problems->text()));
    name->setText(QStringLiteral("bad/name"));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    name->setText(QStringLiteral("fine"));
    auto* memory = child<QSpinBox>(wizard, "memory");
    memory->setValue(memory->maximum()); // 4 TiB: more than this host has
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY2(!problems->text().isEmpty(), "no memory problem shown");
    memory->setValue(256);
    QVERIFY2(wizard->button(QWizard::NextButton)->isEnabled(), qPrintable(problems->text()));
    wizard->reject();
    // The VM vireoctl created appeared in the running app within a second.
    QTRY_VERIFY_WITH_TIMEOUT(window.model()->row(QStringLiteral("taken")) != nullptr, 1000);
    // A start, an edit and a stop by vireoctl show within a second each (timed from the
    // moment vireoctl returns).
    const QString taken = QStringLiteral("taken");
    QVERIFY(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("start"), taken}) == 0);
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(window, taken) == VmState::Running, 1000);
    QVERIFY(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), taken}) == 0);
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(window, taken) == VmState::Shutoff, 1000);
    QVERIFY(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("edit"), taken,
                            QStringLiteral("--memory"), QStringLiteral("96M")}) == 0);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(taken)->spec.memoryMiB, 96, 1000);
    // A second window on the same library sees the same and neither fights the other.
    MainWindow second(m_env.lib);
    QTRY_VERIFY_WITH_TIMEOUT(second.model()->row(taken) != nullptr, 2000);
    QCOMPARE(second.model()->row(taken)->spec.memoryMiB, 96);
    // ...and one it deletes disappears from both.
    QVERIFY(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), taken}) == 0);
    QTRY_VERIFY_WITH_TIMEOUT(window.model()->row(taken) == nullptr, 1000);
    QTRY_VERIFY_WITH_TIMEOUT(second.model()->row(taken) == nullptr, 1000);
}

void TestGuiVm::fullLifecycle() {
    MainWindow window(m_env.lib);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.model()->isLoaded());

    // New VM: kernel boot of the test guest with a new 1 GiB disk.
    auto* wizard = openWizard(window);
    QVERIFY(wizard);
    child<QRadioButton>(wizard, "sourceKernel")->setChecked(true);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(NewVmWizard::MediaPageId));
    child<QLineEdit>(wizard, "kernelPath")->setText(kGuest + QStringLiteral("/vmlinux"));
    child<QLineEdit>(wizard, "initrdPath")->setText(kGuest + QStringLiteral("/initramfs.cpio.gz"));
    child<QLineEdit>(wizard, "kernelCmdline")
        ->setText(QStringLiteral("console=ttyS0 quiet cryptomgr.notests panic=-1"));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(NewVmWizard::SystemPageId));
    child<QLineEdit>(wizard, "vmName")->setText(kVm);
    child<QSpinBox>(wizard, "cpus")->setValue(1);
    child<QSpinBox>(wizard, "memory")->setValue(256);
    child<QComboBox>(wizard, "firmware")->setCurrentIndex(0); // BIOS
    child<QCheckBox>(wizard, "newDisk")->setChecked(true);
    child<QSpinBox>(wizard, "diskSize")->setValue(1);
    QVERIFY2(wizard->button(QWizard::NextButton)->isEnabled(),
             qPrintable(wizard->problems().join(QLatin1Char('\n'))));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(NewVmWizard::SummaryPageId));
    QVERIFY(child<QLabel>(wizard, "summary")->text().contains(kVm));
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(window.model()->row(kVm) != nullptr, 30000);
    QVERIFY2(window.messageBar()->text().isEmpty(), qPrintable(window.messageBar()->text()));
    // The definition comes first, its new disk is attached right after.
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(kVm)->spec.disks.size(), 1, 30000);
    QCOMPARE(window.model()->row(kVm)->spec.memoryMiB, std::uint64_t(256));
    QTRY_COMPARE_WITH_TIMEOUT(window.currentVm(), kVm, 5000);

    // Start through the action; the state column follows.
    QTRY_VERIFY(window.action(MainWindow::Action::Start)->isEnabled());
    window.action(MainWindow::Action::Start)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(window, kVm) == VmState::Running, 90000);
    QVERIFY2(window.messageBar()->text().isEmpty(), qPrintable(window.messageBar()->text()));
    const int r = window.model()->rowOf(kVm);
    QCOMPARE(window.model()->index(r, VmListModel::StateColumn).data().toString(),
             QStringLiteral("Running"));
    QVERIFY(window.action(MainWindow::Action::Stop)->isEnabled());
    QVERIFY(!window.action(MainWindow::Action::Start)->isEnabled());

    // The guest boots; the console tab is attached to its serial port.
    const QString logPath = Library(m_env.lib).consoleLogPath(kVm);
    auto guestReady = [&logPath] {
        QFile log(logPath);
        return log.open(QIODevice::ReadOnly) && log.readAll().contains("VIREO-GUEST: ready");
    };
    QTRY_VERIFY_WITH_TIMEOUT(guestReady(), 240000);
    // The Overview knows the guest's address (QEMU NAT) and how long it has been up.
    auto* address = child<QLabel>(window.details(), "overviewAddress");
    auto* uptime = child<QLabel>(window.details(), "overviewUptime");
    QTRY_VERIFY_WITH_TIMEOUT(address->text().contains(QStringLiteral("10.0.2.15")), 5000);
    QVERIFY2(uptime->text().endsWith(QStringLiteral(" s")), qPrintable(uptime->text()));
    const QString firstUptime = uptime->text();
    QTRY_VERIFY_WITH_TIMEOUT(uptime->text() != firstUptime, 3000); // it ticks
    // The list's Activity column draws the last minute of CPU use and shows the numbers.
    const QModelIndex activity =
        window.model()->index(window.model()->rowOf(kVm), VmListModel::ActivityColumn);
    QTRY_VERIFY_WITH_TIMEOUT(
        activity.data(VmListModel::ActivityRole).value<QList<double>>().size() >= 2, 10000);
    QVERIFY2(activity.data().toString().contains(QLatin1Char('%')),
             qPrintable(activity.data().toString()));
    const auto memory = activity.data(VmListModel::MemoryActivityRole).value<QList<double>>();
    QVERIFY(memory.size() >= 2);
    QVERIFY2(memory.last() > 16, "a 256 MiB guest's QEMU holds more than 16 MiB");
    // A guest with a named-network NIC shows the address its DHCP lease gave it: that
    // case is checked with real dnsmasq leases in tst_networks.
    auto* console = window.details()->console();
    window.details()->setCurrentWidget(console);
    QTRY_VERIFY_WITH_TIMEOUT(console->terminal()->isConnected(), 10000);
    // A key typed in the terminal reaches the guest's shell, which echoes it back.
    QTest::keyClicks(console->terminal(), QStringLiteral("echo gui-$((6*7))"));
    QTest::keyClick(console->terminal(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(console->terminal()->screenText().contains(QStringLiteral("gui-42")),
                             20000);
    // The console floats in its own window, still attached, and comes back on close.
    console->area()->setDetached(true);
    QVERIFY(QTest::qWaitForWindowExposed(console->area()->floatingWindow()));
    QCOMPARE(console->terminal()->window(), console->area()->floatingWindow());
    QTest::keyClicks(console->terminal(), QStringLiteral("echo float-$((6*7))"));
    QTest::keyClick(console->terminal(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(console->terminal()->screenText().contains(QStringLiteral("float-42")),
                             20000);
    console->area()->floatingWindow()->close();
    QVERIFY(!console->area()->isDetached());
    QVERIFY(console->terminal()->isConnected());

    // The Hardware tab hot-plugs a disk into the running guest, which sees it come and go.
    const QString hot = m_env.dir.filePath(QStringLiteral("hot.qcow2"));
    QCOMPARE(m_env.vireoctl({QStringLiteral("disk"), QStringLiteral("create"), hot,
                             QStringLiteral("--size"), QStringLiteral("32M")}),
             0);
    auto* hardware = window.details()->hardware();
    window.details()->setCurrentWidget(hardware);
    hardware->addDisk(hot);
    auto logHas = [&logPath](const char* text) {
        QFile log(logPath);
        return log.open(QIODevice::ReadOnly) && log.readAll().contains(text);
    };
    QTRY_VERIFY_WITH_TIMEOUT(logHas("VIREO-GUEST: disk-added"), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(kVm)->spec.disks.size(), 2, 10000);
    auto* disks = child<QListWidget>(hardware, "hwDisks");
    QTRY_COMPARE_WITH_TIMEOUT(disks->count(), 2, 5000);
    disks->setCurrentRow(1);
    hardware->removeSelectedDisk();
    QTRY_VERIFY_WITH_TIMEOUT(logHas("VIREO-GUEST: disk-removed"), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(kVm)->spec.disks.size(), 1, 10000);
    QVERIFY2(window.messageBar()->text().isEmpty(), qPrintable(window.messageBar()->text()));
    // The CD-ROM changes live: "Change Now" shows while it runs.
    QVERIFY(child<QPushButton>(hardware, "hwChangeCd")->isVisible());
    const QString iso = m_env.dir.filePath(QStringLiteral("drivers.iso"));
    QFile isoFile(iso);
    QVERIFY(isoFile.open(QIODevice::WriteOnly));
    isoFile.write(QByteArray(32 * 1024, 'i'));
    isoFile.close();
    hardware->changeCdrom(iso);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(kVm)->spec.cdrom, iso, 10000);
    QVERIFY2(window.messageBar()->text().isEmpty(), qPrintable(window.messageBar()->text()));
    // Network cards cannot be added while it runs (disabled, and the tooltip says why), but
    // a card can move to another network.
    auto* addNic = child<QPushButton>(hardware, "hwAddNic");
    QVERIFY(!addNic->isEnabled());
    QVERIFY(addNic->toolTip().contains(QStringLiteral("Shut the VM down")));
    QVERIFY(child<QComboBox>(hardware, "hwNicNetwork")->isEnabled());
    QVERIFY(child<QPushButton>(hardware, "hwMoveNic")->isEnabled());

    // A live snapshot from the Snapshots tab.
    auto* snapshots = window.details()->snapshots();
    window.details()->setCurrentWidget(snapshots);
    child<QLineEdit>(snapshots, "snapshotName")->setText(QStringLiteral("first"));
    QTest::mouseClick(child<QPushButton>(snapshots, "takeSnapshot"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !snapshots->tree()->findItems(QStringLiteral("first"), Qt::MatchExactly).isEmpty(), 180000);
    QVERIFY2(window.messageBar()->text().isEmpty(), qPrintable(window.messageBar()->text()));
    QCOMPARE(
        snapshots->tree()->findItems(QStringLiteral("first"), Qt::MatchExactly).first()->text(2),
        QStringLiteral("yes"));
    // ...and one of the disks only, with "Include memory" unticked.
    auto* withMemory = child<QCheckBox>(snapshots, "snapshotMemory");
    QVERIFY(withMemory->isEnabled());
    withMemory->setChecked(false);
    child<QLineEdit>(snapshots, "snapshotName")->setText(QStringLiteral("disks"));
    QTest::mouseClick(child<QPushButton>(snapshots, "takeSnapshot"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !snapshots->tree()->findItems(QStringLiteral("disks"), Qt::MatchRecursive).isEmpty(),
        60000);
    QCOMPARE(
        snapshots->tree()->findItems(QStringLiteral("disks"), Qt::MatchRecursive).first()->text(2),
        QStringLiteral("no"));

    // Delete (confirming the dialog); the running VM is powered off first.
    QTimer::singleShot(300, this, [] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box) box->button(QMessageBox::Yes)->click();
    });
    window.action(MainWindow::Action::Delete)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.model()->row(kVm) == nullptr, 60000);
    QVERIFY(!Library(m_env.lib).exists(kVm));
    QVERIFY2(window.messageBar()->text().isEmpty(), qPrintable(window.messageBar()->text()));
}

void TestGuiVm::hardwareTabEditsNics() {
    MainWindow window(m_env.lib);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString vm = QStringLiteral("hw");
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("create"), vm,
                             QStringLiteral("--nic"), QStringLiteral("none")}),
             0);
    QTRY_VERIFY_WITH_TIMEOUT(window.selectVm(vm), 5000);
    auto* hardware = window.details()->hardware();
    window.details()->setCurrentWidget(hardware);
    auto* nicNetwork = child<QComboBox>(hardware, "hwNicNetwork");
    QVERIFY(nicNetwork->isEnabled());
    QCOMPARE(nicNetwork->itemData(0).toString(), QStringLiteral("user"));
    hardware->addNic(QStringLiteral("user"));
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(vm)->spec.nics.size(), 1, 10000);
    const QString mac = window.model()->row(vm)->spec.nics.first().mac;
    QVERIFY2(mac.startsWith(QStringLiteral("52:54:00:")), qPrintable(mac));
    auto* nics = child<QListWidget>(hardware, "hwNics");
    QTRY_COMPARE_WITH_TIMEOUT(nics->count(), 1, 5000);
    QVERIFY(nics->item(0)->text().contains(mac));
    // Moved to a named network: same card (same MAC), another network.
    QCOMPARE(m_env.vireoctl({QStringLiteral("network"), QStringLiteral("create"),
                             QStringLiteral("hwlab"), QStringLiteral("--mode"),
                             QStringLiteral("internal")}),
             0);
    nics->setCurrentRow(0);
    hardware->moveSelectedNic(QStringLiteral("hwlab"));
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(vm)->spec.nics.first().network,
                              QStringLiteral("hwlab"), 10000);
    QCOMPARE(window.model()->row(vm)->spec.nics.first().mac, mac);
    QTRY_VERIFY_WITH_TIMEOUT(nicNetwork->findData(QStringLiteral("hwlab")) >= 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        nics->count() == 1 && nics->item(0)->text().contains(QStringLiteral("hwlab")), 5000);
    nics->setCurrentRow(0);
    hardware->removeSelectedNic();
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(vm)->spec.nics.size(), 0, 10000);
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), vm}), 0);
    QCOMPARE(m_env.vireoctl(
                 {QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("hwlab")}),
             0);
}

void TestGuiVm::hardwareTabSharesFoldersAndSetsPresets() {
    MainWindow window(m_env.lib);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString vm = QStringLiteral("hw-share");
    QCOMPARE(
        m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("create"), vm, QStringLiteral("--nic"),
                        QStringLiteral("none"), QStringLiteral("--cpus"), QStringLiteral("4")}),
        0);
    QTRY_VERIFY_WITH_TIMEOUT(window.selectVm(vm), 5000);
    auto* hardware = window.details()->hardware();
    window.details()->setCurrentWidget(hardware);
    QTemporaryDir shared;
    hardware->addShare(shared.path(), QStringLiteral("src"), true);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(vm)->spec.shares.size(), 1, 10000);
    QCOMPARE(window.model()->row(vm)->spec.shares.first().readOnly, true);
    auto* shares = child<QListWidget>(hardware, "hwShares");
    QTRY_COMPARE_WITH_TIMEOUT(shares->count(), 1, 5000);
    QVERIFY(shares->item(0)->text().contains(shared.path()));
    shares->setCurrentRow(0);
    QCOMPARE(child<QLabel>(hardware, "hwShareHint")->text(),
             QStringLiteral("In the guest: mount -t virtiofs src /mnt/src"));
    hardware->removeSelectedShare();
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(vm)->spec.shares.size(), 0, 10000);

    // A preset shows what it will change before Apply, then stores it.
    auto* summary = child<QLabel>(hardware, "hwPerfSummary");
    QVERIFY2(summary->text().contains(QStringLiteral("defaults")), qPrintable(summary->text()));
    hardware->choosePreset(QStringLiteral("throughput"));
    QVERIFY2(summary->text().contains(QStringLiteral("2 I/O thread(s)")),
             qPrintable(summary->text()));
    QVERIFY2(summary->text().contains(QStringLiteral("4 queue(s)")), qPrintable(summary->text()));
    QPushButton* apply = nullptr;
    for (auto* b : hardware->findChildren<QPushButton*>())
        if (b->text() == QLatin1String("Apply")) apply = b;
    QVERIFY(apply && apply->isEnabled());
    apply->click();
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(vm)->spec.perf.preset,
                              QStringLiteral("throughput"), 10000);
    QCOMPARE(window.model()->row(vm)->spec.perf.ioThreads, 2);
    QCOMPARE(window.model()->row(vm)->spec.perf.queues, 4);
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), vm}), 0);
}

void TestGuiVm::importTheGuestDiskAndBootIt() {
    // File > Import Disk with the test guest's own QCOW2, copied into the VM's folder; the
    // VM boots from it through SeaBIOS like any installed system.
    MainWindow window(m_env.lib);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.action(MainWindow::Action::Import)->trigger();
    auto* wizard = window.findChild<NewVmWizard*>();
    QVERIFY(wizard);
    QCOMPARE(wizard->currentId(), int(NewVmWizard::MediaPageId));
    QVERIFY(child<QRadioButton>(wizard, "sourceImport")->isChecked());
    const QString source = kGuest + QStringLiteral("/disk.qcow2");
    const QByteArray sourceBefore = [&] {
        QFile f(source);
        return f.open(QIODevice::ReadOnly) ? f.read(1 << 20) : QByteArray();
    }();
    child<QLineEdit>(wizard, "importPath")->setText(source);
    child<QCheckBox>(wizard, "convertImport")->setChecked(true);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(NewVmWizard::SystemPageId));
    const QString vm = QStringLiteral("imported");
    child<QLineEdit>(wizard, "vmName")->setText(vm);
    child<QSpinBox>(wizard, "memory")->setValue(256);
    child<QComboBox>(wizard, "firmware")->setCurrentIndex(0); // BIOS: the disk has SYSLINUX
    QVERIFY2(wizard->button(QWizard::NextButton)->isEnabled(),
             qPrintable(wizard->problems().join(QLatin1Char('\n'))));
    wizard->next();
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.model()->row(vm) != nullptr &&
                                 window.model()->row(vm)->spec.disks.size() == 1,
                             60000);
    const DiskSpec disk = window.model()->row(vm)->spec.disks.first();
    QVERIFY2(disk.path.startsWith(m_env.lib + QStringLiteral("/imported/")), qPrintable(disk.path));
    QCOMPARE(disk.format, QStringLiteral("qcow2"));

    QTRY_VERIFY_WITH_TIMEOUT(window.selectVm(vm), 5000);
    QTRY_VERIFY(window.action(MainWindow::Action::Start)->isEnabled());
    window.action(MainWindow::Action::Start)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(window, vm) == VmState::Running, 60000);
    const QString logPath = Library(m_env.lib).consoleLogPath(vm);
    auto ready = [&logPath] {
        QFile log(logPath);
        return log.open(QIODevice::ReadOnly) && log.readAll().contains("VIREO-GUEST: ready");
    };
    QTRY_VERIFY_WITH_TIMEOUT(ready(), 120000);
    QVERIFY2(window.messageBar()->text().isEmpty(), qPrintable(window.messageBar()->text()));
    window.action(MainWindow::Action::ForceOff)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(window, vm) == VmState::Shutoff, 30000);
    // The imported original is untouched.
    QFile after(source);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.read(1 << 20), sourceBefore);
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), vm}), 0);
}

// The wizard's cloud-image path (image, key, user data) and its appliance path (an OVA
// exported by vireoctl) make real VMs through the same backend calls as vireoctl.
void TestGuiVm::wizardMakesCloudVmsAndImportsAppliances() {
    if (QStandardPaths::findExecutable(QStringLiteral("xorriso")).isEmpty())
        QSKIP("xorriso is not installed (package xorriso)");
    const QString key = m_env.dir.filePath(QStringLiteral("wizard.pub"));
    {
        QFile f(key);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGcBe5hFEYZRM9eF3tqiGcalhZwpB9yAb1jp3 "
                "wizard@test\n");
    }
    MainWindow window(m_env.lib);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    NewVmWizard* wizard = openWizard(window);
    QVERIFY(wizard);
    child<QRadioButton>(wizard, "sourceCloud")->setChecked(true);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(NewVmWizard::MediaPageId));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    child<QLineEdit>(wizard, "cloudImagePath")->setText(kGuest + QStringLiteral("/disk.qcow2"));
    child<QLineEdit>(wizard, "sshKeyPath")->setText(key);
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    child<QLineEdit>(wizard, "userDataPath")->setText(QStringLiteral("/no/such/user-data"));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    child<QLineEdit>(wizard, "userDataPath")->clear();
    wizard->next();
    QCOMPARE(wizard->currentId(), int(NewVmWizard::SystemPageId));
    QVERIFY(!child<QSpinBox>(wizard, "diskSize")->isVisible()); // the overlay is the disk
    child<QLineEdit>(wizard, "vmName")->setText(QStringLiteral("cloudy"));
    child<QSpinBox>(wizard, "memory")->setValue(256);
    wizard->next();
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.model()->row(QStringLiteral("cloudy")) != nullptr, 30000);
    const VmSpec cloudy = window.model()->row(QStringLiteral("cloudy"))->spec;
    QCOMPARE(cloudy.disks.size(), 1);
    QVERIFY(cloudy.cdrom.endsWith(QStringLiteral("/cloudy/seed.iso")));
    QCOMPARE(cloudy.memoryMiB, std::uint64_t(256));

    // Exported with vireoctl, imported through File > Import Appliance.
    const QString ova = m_env.dir.filePath(QStringLiteral("cloudy.ova"));
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("export"),
                             QStringLiteral("cloudy"), QStringLiteral("--ova"), ova}),
             0);
    QTRY_VERIFY(window.findChildren<NewVmWizard*>().isEmpty()); // the first one closed
    window.action(MainWindow::Action::ImportAppliance)->trigger();
    NewVmWizard* second = window.findChild<NewVmWizard*>();
    QVERIFY(second);
    QCOMPARE(second->currentId(), int(NewVmWizard::MediaPageId));
    QVERIFY(child<QRadioButton>(second, "sourceAppliance")->isChecked());
    child<QLineEdit>(second, "appliancePath")->setText(ova);
    second->next();
    QCOMPARE(second->currentId(), int(NewVmWizard::SystemPageId));
    QCOMPARE(child<QLineEdit>(second, "vmName")->text(), QStringLiteral("cloudy"));
    QVERIFY(!second->button(QWizard::NextButton)->isEnabled()); // the name is taken
    QVERIFY(!child<QSpinBox>(second, "memory")->isVisible());   // the appliance decides
    child<QLineEdit>(second, "vmName")->setText(QStringLiteral("from-ova"));
    QVERIFY(second->button(QWizard::NextButton)->isEnabled());
    second->next();
    QTest::mouseClick(second->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.model()->row(QStringLiteral("from-ova")) != nullptr, 60000);
    const VmSpec imported = window.model()->row(QStringLiteral("from-ova"))->spec;
    QCOMPARE(imported.memoryMiB, std::uint64_t(256));
    QCOMPARE(imported.disks.size(), 1);
    QVERIFY(imported.disks[0].path.startsWith(m_env.lib + QStringLiteral("/from-ova/")));
    QVERIFY2(window.messageBar()->text().isEmpty(), qPrintable(window.messageBar()->text()));
}

// The Backups tab: a schedule the app's timer acts on, Back Up Now (incremental onto the
// chain), the points with type and state, verify, and restore as a new VM.
void TestGuiVm::backupsTabSchedulesBacksUpAndRestores() {
    const QString disk = m_env.dir.filePath(QStringLiteral("bk.qcow2"));
    QCOMPARE(m_env.vireoctl({QStringLiteral("disk"), QStringLiteral("create"), disk,
                             QStringLiteral("--size"), QStringLiteral("32M")}),
             0);
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("bk"),
                             QStringLiteral("--memory"), QStringLiteral("128M"),
                             QStringLiteral("--disk"), disk, QStringLiteral("--nic"),
                             QStringLiteral("none")}),
             0);
    MainWindow window(m_env.lib);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(window.selectVm(QStringLiteral("bk")), 5000);
    BackupsTab* tab = window.details()->backups();
    window.details()->setCurrentWidget(tab);
    const QString folder = m_env.dir.filePath(QStringLiteral("bk-backups"));
    child<QLineEdit>(tab, "backupFolder")->setText(folder);
    child<QSpinBox>(tab, "backupEvery")->setValue(24);
    child<QPushButton>(tab, "saveBackupSchedule")->click();
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->row(QStringLiteral("bk"))->spec.backup.everyHours, 24,
                              10000);
    // The app's scheduler: due at once (no backup yet), then not again for a day.
    window.runDueBackups();
    QTRY_COMPARE_WITH_TIMEOUT(tab->points()->topLevelItemCount(), 1, 60000);
    QCOMPARE(tab->points()->topLevelItem(0)->text(1), QStringLiteral("Full"));
    QCOMPARE(tab->points()->topLevelItem(0)->text(3), QStringLiteral("Good"));
    window.runDueBackups();
    QTRY_VERIFY_WITH_TIMEOUT(window.jobs()->running().isEmpty(), 30000);
    tab->reload();
    QTest::qWait(500);
    QCOMPARE(tab->points()->topLevelItemCount(), 1);
    // Back Up Now adds an incremental point on top (newest first in the list).
    child<QPushButton>(tab, "backUpNow")->click();
    QTRY_COMPARE_WITH_TIMEOUT(tab->points()->topLevelItemCount(), 2, 60000);
    QCOMPARE(tab->points()->topLevelItem(0)->text(1), QStringLiteral("Incremental"));
    QSignalSpy verified(tab, &BackupsTab::verified);
    child<QPushButton>(tab, "verifyBackups")->click();
    QTRY_COMPARE_WITH_TIMEOUT(verified.size(), 1, 30000);
    QCOMPARE(verified.at(0).at(0).toString(), QStringLiteral("2 good point(s)."));
    // Restore the newest point as a new VM.
    tab->points()->setCurrentItem(tab->points()->topLevelItem(0));
    QVERIFY(child<QPushButton>(tab, "restoreBackup")->isEnabled());
    tab->restoreSelected(QStringLiteral("bk-restored"));
    QTRY_VERIFY_WITH_TIMEOUT(window.model()->row(QStringLiteral("bk-restored")) != nullptr, 60000);
    QCOMPARE(window.model()->row(QStringLiteral("bk-restored"))->spec.disks.size(), 1);
    QVERIFY2(window.messageBar()->text().isEmpty(), qPrintable(window.messageBar()->text()));
}

QTEST_MAIN(TestGuiVm)
#include "tst_gui_vm.moc"
