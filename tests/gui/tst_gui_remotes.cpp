// The Remote Hosts window against two real libvirt hosts (tests/libvirt/two-hosts.sh):
// adding a host tests its connection first, a VM started behind Vireo's back (virsh)
// shows up by libvirt's event (the page has no timer), and the Migrate dialog moves a
// running VM to the other host with progress. The main window shows the hosts as groups
// under the VMs, following the same events. A running VM's screen opens through the
// host's own libvirt connection (a unix socket), and over tcp says why it cannot.
#include "GuiTestEnv.h"
#include "JobRunner.h"
#include "MainWindow.h"
#include "RemoteDialogs.h"
#include "RemoteListPanel.h"
#include "RemoteScreenWindow.h"
#include "RemotesPage.h"
#include "VncView.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTreeWidget>
#include <unistd.h>

using namespace vireo;

namespace {
const QString kHarness = QStringLiteral(VIREO_SOURCE_DIR "/tests/libvirt/two-hosts.sh");
const QString kUri1 = QStringLiteral("qemu+tcp://10.77.0.1/system");
const QString kUri2 = QStringLiteral("qemu+tcp://10.77.0.2/system");
const QString kGuest = QStringLiteral(VIREO_GUEST_DIR);

int run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    p.waitForFinished(120000);
    if (p.exitCode() != 0) qWarning() << program << args << p.readAllStandardError();
    return p.exitCode();
}
} // namespace

class TestGuiRemotes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void addHostTestsTheConnection();
    void eventsUpdateThePageWithoutPolling();
    void mainWindowShowsHostsAsGroups();
    void migrateDialogMovesARunningVm();
    void saslLoginGoesThroughThePrompt();
    void screenThroughTheLibvirtConnection();

private:
    QString stateOf(RemotesPage& page, const QString& remote, const QString& vm) {
        QTreeWidgetItem* item = page.vmItem(remote, vm);
        return item ? item->text(1) : QString();
    }
    GuiTestEnv m_env;
    QString m_state;
    bool m_up = false;
    std::unique_ptr<JobRunner> m_jobs;
};

void TestGuiRemotes::initTestCase() {
    if (::geteuid() != 0) QSKIP("needs root: builds network namespaces and runs two libvirtd");
    if (QStandardPaths::findExecutable(QStringLiteral("virsh")).isEmpty() ||
        !QFile::exists(QStringLiteral("/usr/sbin/libvirtd")))
        QSKIP("libvirt-daemon and libvirt-clients are not installed");
    QVERIFY(m_env.setUp());
    qputenv("VIREO_ACCEL", "tcg");
    m_state = m_env.dir.filePath(QStringLiteral("hosts"));
    QCOMPARE(run(QStringLiteral("bash"), {kHarness, QStringLiteral("up"), m_state}), 0);
    m_up = true;
    m_jobs = std::make_unique<JobRunner>(m_env.lib);
}

void TestGuiRemotes::cleanupTestCase() {
    m_jobs.reset();
    if (m_up) run(QStringLiteral("bash"), {kHarness, QStringLiteral("down"), m_state});
}

void TestGuiRemotes::addHostTestsTheConnection() {
    AddHostDialog dialog(m_jobs.get());
    QSignalSpy tested(&dialog, &AddHostDialog::tested);
    dialog.nameEdit()->setText(QStringLiteral("h1"));
    dialog.uriEdit()->setText(QStringLiteral("http://10.77.0.1/system"));
    dialog.add();
    QVERIFY(tested.wait(10000));
    QCOMPARE(tested.last().at(0).toBool(), false);
    QVERIFY2(dialog.result()->text().contains(QLatin1String("not a QEMU/KVM driver")),
             qPrintable(dialog.result()->text()));
    QString out;
    m_env.vireoctl({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("list")},
                   &out);
    QVERIFY(!out.contains(QLatin1String("h1"))); // nothing saved

    dialog.uriEdit()->setText(kUri1);
    dialog.test();
    QVERIFY(tested.wait(20000));
    QCOMPARE(tested.last().at(0).toBool(), true);
    QVERIFY2(dialog.result()->text().contains(QLatin1String("vh1, libvirt 9.")),
             qPrintable(dialog.result()->text()));
    dialog.add();
    QVERIFY(tested.wait(20000));
    QCOMPARE(dialog.QDialog::result(), int(QDialog::Accepted));
    QCOMPARE(m_env.vireoctl(
                 {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("h2"), kUri2}),
             0);
}

void TestGuiRemotes::eventsUpdateThePageWithoutPolling() {
    RemotesPage page(m_jobs.get());
    QTRY_COMPARE_WITH_TIMEOUT(page.hostItem(QStringLiteral("h1"))->text(1),
                              QStringLiteral("Connected"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(page.hostItem(QStringLiteral("h2"))->text(1),
                              QStringLiteral("Connected"), 20000);
    QCOMPARE(page.hostItem(QStringLiteral("h1"))->childCount(), 0);

    // Defined and started with vireoctl and virsh, not through this page.
    QCOMPARE(
        m_env.vireoctl({QStringLiteral("--remote"), QStringLiteral("h1"), QStringLiteral("vm"),
                        QStringLiteral("create"), QStringLiteral("web"), QStringLiteral("--memory"),
                        QStringLiteral("256M"), QStringLiteral("--kernel"),
                        kGuest + QStringLiteral("/vmlinuz"), QStringLiteral("--initrd"),
                        kGuest + QStringLiteral("/initramfs.cpio.gz"), QStringLiteral("--append"),
                        QStringLiteral("console=ttyS0 quiet panic=-1"), QStringLiteral("--nic"),
                        QStringLiteral("none")}),
        0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(page, QStringLiteral("h1"), QStringLiteral("web")),
                              QStringLiteral("Shut off"), 10000);
    QCOMPARE(run(QStringLiteral("virsh"), {QStringLiteral("-q"), QStringLiteral("-c"), kUri1,
                                           QStringLiteral("start"), QStringLiteral("web")}),
             0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(page, QStringLiteral("h1"), QStringLiteral("web")),
                              QStringLiteral("Running"), 10000);
}

void TestGuiRemotes::mainWindowShowsHostsAsGroups() {
    MainWindow window(m_env.lib);
    window.show();
    RemoteListPanel* panel = window.remotePanel();
    QVERIFY(panel); // made at start: the library has hosts
    QTRY_VERIFY_WITH_TIMEOUT(panel->hostItem(QStringLiteral("h1")) &&
                                 panel->hostItem(QStringLiteral("h1"))->text(1) ==
                                     QStringLiteral("Connected"),
                             20000);
    QVERIFY(panel->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(panel->hostItem(QStringLiteral("h2")) &&
                                 panel->hostItem(QStringLiteral("h2"))->text(1) ==
                                     QStringLiteral("Connected"),
                             20000);
    const auto stateIn = [panel](const QString& vm) {
        QTreeWidgetItem* item = panel->vmItem(QStringLiteral("h1"), vm);
        return item ? item->text(1) : QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(stateIn(QStringLiteral("web")), QStringLiteral("Running"), 10000);
    // A change behind Vireo's back reaches the main window by the host's event.
    QCOMPARE(run(QStringLiteral("virsh"), {QStringLiteral("-q"), QStringLiteral("-c"), kUri1,
                                           QStringLiteral("suspend"), QStringLiteral("web")}),
             0);
    QTRY_COMPARE_WITH_TIMEOUT(stateIn(QStringLiteral("web")), QStringLiteral("Paused"), 10000);
    QCOMPARE(run(QStringLiteral("virsh"), {QStringLiteral("-q"), QStringLiteral("-c"), kUri1,
                                           QStringLiteral("resume"), QStringLiteral("web")}),
             0);
    QTRY_COMPARE_WITH_TIMEOUT(stateIn(QStringLiteral("web")), QStringLiteral("Running"), 10000);
    // Activating the VM opens it in the Remote Hosts window.
    Q_EMIT panel->list()->itemActivated(panel->vmItem(QStringLiteral("h1"), QStringLiteral("web")),
                                        0);
    RemotesPage* page = window.remotesPage();
    QVERIFY(page->isVisible());
    QCOMPARE(page->hosts()->currentItem(),
             page->vmItem(QStringLiteral("h1"), QStringLiteral("web")));
}

void TestGuiRemotes::migrateDialogMovesARunningVm() {
    RemotesPage page(m_jobs.get());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(page, QStringLiteral("h1"), QStringLiteral("web")),
                              QStringLiteral("Running"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(page.hostItem(QStringLiteral("h2"))->text(1),
                              QStringLiteral("Connected"), 20000);
    page.hosts()->setCurrentItem(page.vmItem(QStringLiteral("h1"), QStringLiteral("web")));
    MigrateDialog* dialog = page.migrateSelected();
    QVERIFY(dialog);
    QCOMPARE(dialog->target()->currentText(), QStringLiteral("h2"));
    QSignalSpy migrated(dialog, &MigrateDialog::migrated);
    dialog->migrate();
    QVERIFY(migrated.wait(120000));
    QVERIFY2(migrated.last().at(0).toBool(), qPrintable(migrated.last().at(1).toString()));
    QCOMPARE(dialog->progress()->value(), 100);
    QVERIFY2(dialog->detail()->text().contains(QLatin1String("runs on h2 now")),
             qPrintable(dialog->detail()->text()));
    // Both groups follow by the hosts' events.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(page, QStringLiteral("h2"), QStringLiteral("web")),
                              QStringLiteral("Running"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(page.vmItem(QStringLiteral("h1"), QStringLiteral("web")) == nullptr,
                             10000);
    QCOMPARE(run(QStringLiteral("virsh"), {QStringLiteral("-q"), QStringLiteral("-c"), kUri2,
                                           QStringLiteral("destroy"), QStringLiteral("web")}),
             0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(page, QStringLiteral("h2"), QStringLiteral("web")),
                              QStringLiteral("Shut off"), 10000);
}

void TestGuiRemotes::saslLoginGoesThroughThePrompt() {
    // Host 2 now asks for a SASL login (SCRAM-SHA-256, user ada).
    QProcess sasl;
    sasl.start(QStringLiteral("bash"), {kHarness, QStringLiteral("sasl"), m_state,
                                        QStringLiteral("2"), QStringLiteral("ada")});
    sasl.write("s3cret-pass");
    sasl.closeWriteChannel();
    QVERIFY(sasl.waitForFinished(60000));
    QVERIFY2(sasl.exitCode() == 0, sasl.readAllStandardError().constData());

    QStringList asked;
    auto answer = [&](const QString& password) {
        return [&asked, password](const Remote& remote,
                                  const CredentialRequest& request) -> std::optional<QString> {
            asked << remote.name +
                         (request.secret ? QStringLiteral(":password") : QStringLiteral(":user"));
            return request.secret ? password : QStringLiteral("ada");
        };
    };
    {
        RemotesPage page(m_jobs.get(), nullptr, answer(QStringLiteral("s3cret-pass")));
        QTRY_COMPARE_WITH_TIMEOUT(page.hostItem(QStringLiteral("h2"))->text(1),
                                  QStringLiteral("Connected"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(page, QStringLiteral("h2"), QStringLiteral("web")),
                                  QStringLiteral("Shut off"), 10000);
        QVERIFY2(asked.contains(QStringLiteral("h2:user")) &&
                     asked.contains(QStringLiteral("h2:password")),
                 qPrintable(asked.join(QLatin1Char(','))));
        QVERIFY(
            !asked.join(QLatin1Char(',')).contains(QLatin1String("h1:"))); // host 1 lets anyone in
        // Actions use the page's connection: starting the VM asks for nothing more.
        const int before = int(asked.size());
        page.hosts()->setCurrentItem(page.vmItem(QStringLiteral("h2"), QStringLiteral("web")));
        QMetaObject::invokeMethod(page.findChild<QPushButton*>(QStringLiteral("startButton")),
                                  "click");
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(page, QStringLiteral("h2"), QStringLiteral("web")),
                                  QStringLiteral("Running"), 20000);
        QCOMPARE(int(asked.size()), before);
    }
    asked.clear();
    RemotesPage wrong(m_jobs.get(), nullptr, answer(QStringLiteral("not-the-password")));
    QTRY_COMPARE_WITH_TIMEOUT(wrong.hostItem(QStringLiteral("h2"))->text(1),
                              QStringLiteral("Unreachable"), 20000);
    QVERIFY2(wrong.hostItem(QStringLiteral("h2"))
                 ->toolTip(1)
                 .contains(QLatin1String("refused the login")),
             qPrintable(wrong.hostItem(QStringLiteral("h2"))->toolTip(1)));
    // No password anywhere in the library's files.
    QDirIterator it(m_env.lib, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains("s3cret-pass"), qPrintable(f.fileName()));
    }
}

void TestGuiRemotes::screenThroughTheLibvirtConnection() {
    // Host 1 again, over its libvirtd's unix socket (which the lab keeps in its folder).
    const QString socket = m_state + QStringLiteral("/h1/run/libvirt-sock");
    QVERIFY(QFile::exists(socket));
    QCOMPARE(m_env.vireoctl({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("h1u"),
                             QStringLiteral("qemu+unix:///system?socket=") + socket}),
             0);
    QCOMPARE(m_env.vireoctl(
                 {QStringLiteral("--remote"), QStringLiteral("h1"), QStringLiteral("vm"),
                  QStringLiteral("create"), QStringLiteral("scr"), QStringLiteral("--memory"),
                  QStringLiteral("256M"), QStringLiteral("--kernel"),
                  kGuest + QStringLiteral("/vmlinuz"), QStringLiteral("--initrd"),
                  kGuest + QStringLiteral("/initramfs.cpio.gz"), QStringLiteral("--append"),
                  QStringLiteral("console=ttyS0 quiet panic=-1"), QStringLiteral("--nic"),
                  QStringLiteral("none"), QStringLiteral("--display"), QStringLiteral("vnc")}),
             0);
    QCOMPARE(m_env.vireoctl({QStringLiteral("--remote"), QStringLiteral("h1"), QStringLiteral("vm"),
                             QStringLiteral("start"), QStringLiteral("scr")}),
             0);
    // Host 2 asks for a login since the SASL test: this page answers none.
    RemotesPage page(m_jobs.get(), nullptr,
                     [](const Remote&, const CredentialRequest&) { return std::nullopt; });
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(page, QStringLiteral("h1u"), QStringLiteral("scr")),
                              QStringLiteral("Running"), 20000);
    page.hosts()->setCurrentItem(page.vmItem(QStringLiteral("h1u"), QStringLiteral("scr")));
    QVERIFY(page.findChild<QPushButton*>(QStringLiteral("screenButton"))->isEnabled());
    RemoteScreenWindow* window = page.screenOfSelected();
    QVERIFY(window);
    QTRY_VERIFY2_WITH_TIMEOUT(window->view()->isConnected(), qPrintable(window->status()->text()),
                              60000);
    QTRY_VERIFY_WITH_TIMEOUT(!window->view()->screenshot().isNull(), 30000);
    QVERIFY(window->view()->frameSize().width() >= 640);
    // The screen closes with the VM: the window opens it again, and then says why it cannot.
    QCOMPARE(m_env.vireoctl({QStringLiteral("--remote"), QStringLiteral("h1"), QStringLiteral("vm"),
                             QStringLiteral("kill"), QStringLiteral("scr")}),
             0);
    QTRY_VERIFY2_WITH_TIMEOUT(
        window->status()->text().contains(QLatin1String("VM 'scr' on remote 'h1u' is not running")),
        qPrintable(window->status()->text()), 20000);
    QVERIFY(!window->view()->isConnected());
    QCOMPARE(m_env.vireoctl({QStringLiteral("--remote"), QStringLiteral("h1"), QStringLiteral("vm"),
                             QStringLiteral("start"), QStringLiteral("scr")}),
             0);
    window->close();

    // The same VM through host 1's tcp connection: one line saying why not, and what to use.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(page, QStringLiteral("h1"), QStringLiteral("scr")),
                              QStringLiteral("Running"), 20000);
    page.hosts()->setCurrentItem(page.vmItem(QStringLiteral("h1"), QStringLiteral("scr")));
    RemoteScreenWindow* refused = page.screenOfSelected();
    QTRY_VERIFY_WITH_TIMEOUT(
        refused->status()->text().contains(QLatin1String("qemu+tcp carries neither")), 10000);
    QVERIFY2(refused->status()->text().contains(QLatin1String("console")),
             qPrintable(refused->status()->text()));
    QVERIFY(!refused->view()->isConnected());
    refused->close();
    QCOMPARE(m_env.vireoctl({QStringLiteral("--remote"), QStringLiteral("h1"), QStringLiteral("vm"),
                             QStringLiteral("delete"), QStringLiteral("scr"),
                             QStringLiteral("--force")}),
             0);
}

int main(int argc, char** argv) {
    // libvirt's event loop needs GLib's default context for itself (as the app's main does).
    qputenv("QT_NO_GLIB", "1");
    QApplication app(argc, argv);
    TestGuiRemotes test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_gui_remotes.moc"
