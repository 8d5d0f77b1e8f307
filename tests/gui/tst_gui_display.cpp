// The embedded display against a real QEMU VNC unix socket: the test guest boots from its
// own disk through SeaBIOS with a VGA display; the VNC view connects, shows a screen that
// is not blank, and a line typed into the view reaches the guest (the guest reports it on
// its serial console). Grab and release, screenshots and the floating window as a user
// meets them.
#include "ClipboardBridge.h"
#include "ConsoleTab.h"
#include "DetachableArea.h"
#include "DetailsPane.h"
#include "DisplayTab.h"
#include "GuiTestEnv.h"
#include "HistoryChart.h"
#include "MainWindow.h"
#include "PerformanceTab.h"
#include "TerminalWidget.h"
#include "VncView.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QSet>
#include <QToolButton>

using namespace vireo;

namespace {
const QString kGuest = QStringLiteral(VIREO_GUEST_DIR);
const QString kVm = QStringLiteral("screen");

int distinctColours(const QImage& image, int enough) {
    QSet<QRgb> seen;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            seen.insert(image.pixel(x, y));
            if (seen.size() >= enough) return enough;
        }
    return int(seen.size());
}
} // namespace

class TestGuiDisplay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void screenAndKeyboardReachTheGuest();

private:
    QString consoleLog() const;
    GuiTestEnv m_env;
};

void TestGuiDisplay::initTestCase() {
    if (!QFile::exists(kGuest + QStringLiteral("/disk.qcow2")))
        QSKIP("the test guest is not built (tests/guest/build.sh failed?)");
    QVERIFY(m_env.setUp());
}

void TestGuiDisplay::cleanupTestCase() {
    if (!m_env.lib.isEmpty()) m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), kVm});
}

QString TestGuiDisplay::consoleLog() const {
    QFile f(m_env.lib + QLatin1Char('/') + kVm + QStringLiteral("/console.log"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void TestGuiDisplay::screenAndKeyboardReachTheGuest() {
    const QString overlay = m_env.dir.filePath(QStringLiteral("screen.qcow2"));
    QCOMPARE(m_env.vireoctl({QStringLiteral("disk"), QStringLiteral("create"), overlay,
                             QStringLiteral("--backing"), kGuest + QStringLiteral("/disk.qcow2")}),
             0);
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("create"), kVm,
                             QStringLiteral("--memory"), QStringLiteral("256M"),
                             QStringLiteral("--disk"), overlay, QStringLiteral("--display"),
                             QStringLiteral("vnc"), QStringLiteral("--clipboard"),
                             QStringLiteral("--nic"), QStringLiteral("none")}),
             0);
    // Started paused, so the view meets QEMU's screen before the firmware sets a video
    // mode, and must follow the guest's resolution change.
    QCOMPARE(m_env.vireoctl(
                 {QStringLiteral("vm"), QStringLiteral("start"), kVm, QStringLiteral("--paused")}),
             0);

    QString out;
    QCOMPARE(m_env.vireoctl({QStringLiteral("display"), kVm, QStringLiteral("--json")}, &out), 0);
    const QString socket =
        QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("socket")).toString();
    QVERIFY(QFileInfo(socket).exists());

    auto* viewPtr = new VncView; // owned by the area, as in the Display tab
    VncView& view = *viewPtr;
    DetachableArea area(viewPtr);
    area.resize(800, 500);
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    QSignalSpy connected(&view, &VncView::connectionChanged);
    QSignalSpy resized(&view, &VncView::frameSizeChanged);
    view.connectToSocket(socket);
    QTRY_VERIFY_WITH_TIMEOUT(view.isConnected(), 10000);
    const QSize before = view.frameSize();
    QVERIFY(!before.isEmpty());
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("resume"), kVm}), 0);
    QTRY_VERIFY_WITH_TIMEOUT(consoleLog().contains(QStringLiteral("VIREO-GUEST: ready")), 120000);
    // VGA text mode is 720x400; QEMU's screen before any mode is set is not.
    QTRY_COMPARE_WITH_TIMEOUT(view.frameSize(), QSize(720, 400), 10000);
    QVERIFY2(before != view.frameSize(), "the guest never changed its resolution");
    QVERIFY(!resized.isEmpty());
    QCOMPARE(view.sizeHint(), QSize(720, 400));
    // The guest's text console (SeaBIOS, then the kernel's VGA console) is on the screen.
    QTRY_VERIFY_WITH_TIMEOUT(distinctColours(view.screenshot(), 2) >= 2, 20000);

    // A line typed into the view arrives on the guest's first virtual terminal.
    view.setFocus();
    QTest::keyClicks(&view, QStringLiteral("vnc42"));
    QTest::keyClick(&view, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(consoleLog().contains(QStringLiteral("VIREO-GUEST: vt-input vnc42")),
                             20000);
    // Shifted characters, typed as a keyboard does (Shift held), go through as printed.
    for (char c : {'A', '_', 'B'})
        QTest::keyClick(&view, c, Qt::ShiftModifier);
    QTest::keyClick(&view, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(consoleLog().contains(QStringLiteral("VIREO-GUEST: vt-input A_B")),
                             20000);

    // The main window with the booted guest: its screen in the Display tab and its shell
    // in the Console tab, saved for people to look at.
    {
        MainWindow window(m_env.lib);
        window.resize(1200, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.selectVm(kVm), 5000);
        auto* display = window.details()->display();
        window.details()->setCurrentWidget(display);
        QTRY_VERIFY_WITH_TIMEOUT(display->view()->isConnected(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(distinctColours(display->view()->screenshot(), 2) >= 2, 10000);
        QTest::qWait(300);
        const QString shots = QStringLiteral(VIREO_GUI_OUT "/screenshots");
        QDir().mkpath(shots);
        const QImage withScreen = window.grab().toImage();
        QVERIFY(withScreen.save(shots + QStringLiteral("/main-window-display-guest.png")));
        QVERIFY(distinctColours(withScreen, 9) > 8);
        // The Send Key menu's Ctrl+Alt+Del reaches the guest: Linux reboots at once.
        auto* sendKey = display->findChild<QToolButton*>(QStringLiteral("sendKey"));
        QVERIFY(sendKey && sendKey->menu());
        QAction* cad = sendKey->menu()->actions().value(0);
        QVERIFY(cad);
        QCOMPARE(cad->text(), QStringLiteral("Ctrl+Alt+Del"));
        const int bootsBefore = consoleLog().count(QStringLiteral("VIREO-GUEST: booted"));
        cad->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            consoleLog().count(QStringLiteral("VIREO-GUEST: ready")) == bootsBefore + 1, 120000);
        QCOMPARE(consoleLog().count(QStringLiteral("VIREO-GUEST: booted")), bootsBefore + 1);
        // Type Clipboard: the host clipboard's text reaches the guest as key presses.
        QGuiApplication::clipboard()->setText(QStringLiteral("clip {ok} @1\n"));
        auto* typeClipboard = display->findChild<QToolButton*>(QStringLiteral("typeClipboard"));
        QVERIFY(typeClipboard && typeClipboard->menu());
        typeClipboard->menu()->actions().value(0)->trigger(); // the US layout
        QTRY_VERIFY_WITH_TIMEOUT(
            consoleLog().contains(QStringLiteral("VIREO-GUEST: vt-input clip {ok} @1")), 20000);
        // Two-way clipboard (the VM has --clipboard; the guest runs the test guest's
        // spice-vdagent stand-in): what the host copies reaches the guest, what the guest
        // copies lands in the host's clipboard, and nothing bounces back.
        QTRY_VERIFY_WITH_TIMEOUT(display->clipboard()->isReady(), 10000);
        QGuiApplication::clipboard()->setText(QStringLiteral("host \u2192 guest \u00e4"));
        QTRY_VERIFY_WITH_TIMEOUT(consoleLog().contains(QStringLiteral(
                                     "VIREO-GUEST: clipboard-in host \u2192 guest \u00e4")),
                                 20000);
        QCOMPARE(
            m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("exec"), kVm, QStringLiteral("--"),
                            QStringLiteral("sh"), QStringLiteral("-c"),
                            QStringLiteral("echo 'guest \u2192 host \u00df' > /run/vireo-clip")}),
            0);
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(),
                                  QStringLiteral("guest \u2192 host \u00df"), 20000);
        QTest::qWait(500);
        QVERIFY(!consoleLog().contains(QStringLiteral("clipboard-in guest")));
        auto* console = window.details()->console();
        window.details()->setCurrentWidget(console);
        QTRY_VERIFY_WITH_TIMEOUT(console->terminal()->isConnected(), 10000);
        QTest::keyClicks(console->terminal(), QStringLiteral("uname -sr; echo shot-$((6*7))"));
        QTest::keyClick(console->terminal(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            console->terminal()->screenText().contains(QStringLiteral("shot-42")), 20000);
        const QImage withShell = window.grab().toImage();
        QVERIFY(withShell.save(shots + QStringLiteral("/main-window-console-guest.png")));
        QVERIFY(distinctColours(withShell, 9) > 8);
        console->terminal()->disconnectFromSocket(); // the serial socket takes one client
    }

    // A click grabs keyboard and pointer; Ctrl+Alt gives them back.
    QVERIFY(!view.isGrabbed());
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.rect().center());
    QVERIFY(view.isGrabbed());
    QTest::keyPress(&view, Qt::Key_Control, Qt::ControlModifier);
    QTest::keyPress(&view, Qt::Key_Alt, Qt::ControlModifier | Qt::AltModifier);
    QVERIFY(!view.isGrabbed());
    QTest::keyRelease(&view, Qt::Key_Alt, Qt::ControlModifier);
    QTest::keyRelease(&view, Qt::Key_Control, {});

    // The screenshot is a real PNG of the guest's screen, kept for people to look at.
    const QString png = QStringLiteral(VIREO_GUI_OUT) + QStringLiteral("/display-guest.png");
    QVERIFY(view.screenshot().save(png, "PNG"));
    QImage saved(png);
    QCOMPARE(saved.size(), view.frameSize());
    QVERIFY(distinctColours(saved, 2) >= 2);

    // The display floats in its own window and comes back when that window closes.
    area.setDetached(true);
    QVERIFY(area.floatingWindow());
    QCOMPARE(view.window(), area.floatingWindow());
    QVERIFY(QTest::qWaitForWindowExposed(area.floatingWindow()));
    area.floatingWindow()->close();
    QVERIFY(!area.isDetached());
    QCOMPARE(view.window(), &area);
    QVERIFY(view.isConnected());

    // Without scaling the screen is shown 1:1; the pixels stay the guest's.
    view.setScaling(false);
    QCOMPARE(view.sizeHint(), view.frameSize());

    // The Performance tab samples the VM's QEMU once a second and draws its history.
    QString list;
    QCOMPARE(m_env.vireoctl(
                 {QStringLiteral("vm"), QStringLiteral("list"), QStringLiteral("--json")}, &list),
             0);
    VmRow row;
    row.name = kVm;
    row.status.state = VmState::Running;
    row.status.pid = pid_t(QJsonDocument::fromJson(list.toUtf8())
                               .array()
                               .first()
                               .toObject()
                               .value(QStringLiteral("pid"))
                               .toInteger());
    QVERIFY(row.status.pid > 0);
    PerformanceTab perf(nullptr);
    perf.resize(480, 400);
    perf.setVm(&row);
    QTRY_VERIFY_WITH_TIMEOUT(perf.cpuChart()->sampleCount() >= 2, 10000);
    QVERIFY2(perf.memoryChart()->latest() > 16, "QEMU of a 256 MiB guest uses more than 16 MiB");
    QCOMPARE(perf.diskChart()->sampleCount(), perf.cpuChart()->sampleCount());
    // This guest has no NIC on a named network: no network line, and the chart says why.
    QCOMPARE(perf.networkChart()->sampleCount(), 0);
    QVERIFY(!perf.networkChart()->toolTip().isEmpty());
    QVERIFY(perf.grab().save(QStringLiteral(VIREO_GUI_OUT) + QStringLiteral("/performance.png")));

    // QEMU going away ends the session with a reason, and the view says so.
    QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), kVm}), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isConnected(), 10000);
    QVERIFY(!connected.isEmpty());
    // ...and the Performance tab stops sampling a QEMU that is gone.
    const int samples = perf.cpuChart()->sampleCount();
    QTest::qWait(1500);
    QCOMPARE(perf.cpuChart()->sampleCount(), samples);
}

QTEST_MAIN(TestGuiDisplay)
#include "tst_gui_display.moc"
