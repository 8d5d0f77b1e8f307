// The Sandboxes page driving a real sandbox: create one with the New Sandbox wizard (bad
// choices refused on their page, a duplicate name on the last), start it in the background,
// see it run with live memory figures and its output, stop it (its exit shown) and delete
// it. Needs root and busybox.
#include "../integration/SandboxTestSupport.h"
#include "GuiTestEnv.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "NewSandboxWizard.h"
#include "SandboxListModel.h"
#include "SandboxesPage.h"
#include "TerminalWidget.h"
#include "VmListModel.h"
#include "sandbox/runtime/CgroupLayout.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTreeWidget>

#include <sys/stat.h>
#include <unistd.h>

using namespace vireo;

class TestGuiSandboxes : public QObject {
    Q_OBJECT
    GuiTestEnv m_env;

private Q_SLOTS:
    // Sandboxes outlive the app by design: one left running by a failed run would hold its
    // groups and fail the retry's checks for leftovers.
    void cleanupTestCase() {
        if (m_env.lib.isEmpty()) return;
        for (const char* name : {"guisb", "guitty"})
            (void)m_env.vireoctl({QStringLiteral("sandbox"), QStringLiteral("rm"),
                                  QStringLiteral("--force"), QLatin1String(name)});
    }

    void sandboxesPageRunsOne() {
        if (*vireo::test::sandboxSkipReason()) QSKIP(vireo::test::sandboxSkipReason());
        QVERIFY(m_env.setUp());
        ::chmod(QFile::encodeName(m_env.dir.path()).constData(), 0755);
        const QString root = m_env.dir.filePath(QStringLiteral("root"));
        QVERIFY(
            vireo::test::makeBusyboxRoot(root, {QStringLiteral("sh"), QStringLiteral("echo"),
                                                QStringLiteral("sleep"), QStringLiteral("stty")}));
        qputenv("VIREOCTL", VIREOCTL_PATH);

        MainWindow window(m_env.lib);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.action(MainWindow::Action::Sandboxes)->trigger();
        SandboxesPage* page = window.sandboxesPage();
        QVERIFY(QTest::qWaitForWindowExposed(page));
        const auto row = [page](const QString& name) -> QTreeWidgetItem* {
            const auto found = page->sandboxes()->findItems(name, Qt::MatchExactly, 0);
            return found.isEmpty() ? nullptr : found.first();
        };

        // No sandboxes yet: the main window's list holds VMs only.
        QAbstractItemModel* mainList = window.view()->model();
        const auto mainRow = [mainList](const QString& name) -> QModelIndex {
            for (int r = 0; r < mainList->rowCount(); ++r) {
                const QModelIndex i = mainList->index(r, VmListModel::NameColumn);
                if (i.data(VmListModel::KindRole).toInt() == VmListModel::SandboxKind &&
                    i.data(VmListModel::NameRole).toString() == name)
                    return i;
            }
            return {};
        };
        const auto mainState = [&](const QString& name) {
            const QModelIndex i = mainRow(name);
            return i.isValid() ? i.siblingAtColumn(VmListModel::StateColumn).data().toString()
                               : QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(window.sandboxModel()->rowCount() == 0, 5000);

        // The wizard: a folder that does not exist is refused on the first page.
        NewSandboxWizard* wizard = page->openNewSandboxWizard();
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        child<QLineEdit>(wizard, "sandboxName")->setText(QStringLiteral("guisb"));
        QCOMPARE(child<QComboBox>(wizard, "sandboxImage")->currentData().toString(), QString());
        child<QLineEdit>(wizard, "sandboxRootfs")->setText(root + QStringLiteral("-missing"));
        child<QLineEdit>(wizard, "sandboxCommand")
            ->setText(QStringLiteral("/bin/sh -c 'echo hello-from-gui; exec sleep 600'"));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(NewSandboxWizard::RootPageId));
        QVERIFY2(child<QLabel>(wizard, "sandboxRootStatus")
                     ->text()
                     .contains(QLatin1String("does not exist")),
                 qPrintable(child<QLabel>(wizard, "sandboxRootStatus")->text()));
        child<QLineEdit>(wizard, "sandboxRootfs")->setText(root);
        wizard->next();
        QCOMPARE(wizard->currentId(), int(NewSandboxWizard::LimitsPageId));
        child<QLineEdit>(wizard, "sandboxMemory")->setText(QStringLiteral("lots"));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(NewSandboxWizard::LimitsPageId)); // not a size
        child<QLineEdit>(wizard, "sandboxMemory")->setText(QStringLiteral("64M"));
        child<QSpinBox>(wizard, "sandboxPids")->setValue(64);
        wizard->next();
        QCOMPARE(wizard->currentId(), int(NewSandboxWizard::NetworkPageId));
        child<QPlainTextEdit>(wizard, "sandboxVolumes")
            ->setPlainText(QStringLiteral("guidata:/data"));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(NewSandboxWizard::SummaryPageId));
        const QString line = child<QPlainTextEdit>(wizard, "sandboxSummary")->toPlainText();
        QVERIFY2(line.startsWith(QLatin1String("vireoctl sandbox create --name guisb --rootfs ")) &&
                     line.contains(QLatin1String("--memory 64M --pids 64 --network none -v "
                                                 "guidata:/data -- /bin/sh -c 'echo "
                                                 "hello-from-gui; exec sleep 600'")),
                 qPrintable(line));
        QSignalSpy created(wizard, &NewSandboxWizard::created);
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY(created.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("guisb")) != nullptr, 10000);
        QCOMPARE(row(QStringLiteral("guisb"))->text(3), QStringLiteral("Created"));
        QCOMPARE(row(QStringLiteral("guisb"))->text(1), root);
        QString shown;
        QCOMPARE(m_env.vireoctl({QStringLiteral("sandbox"), QStringLiteral("volumes"),
                                 QStringLiteral("--json")},
                                &shown),
                 0);
        QVERIFY2(shown.contains(QLatin1String("guidata")), qPrintable(shown));

        // The same name again: one clear line on the wizard's last page, no second row.
        wizard = page->openNewSandboxWizard();
        child<QLineEdit>(wizard, "sandboxName")->setText(QStringLiteral("guisb"));
        child<QLineEdit>(wizard, "sandboxRootfs")->setText(root);
        child<QLineEdit>(wizard, "sandboxCommand")->setText(QStringLiteral("/bin/sh"));
        wizard->next();
        wizard->next();
        wizard->next();
        wizard->button(QWizard::FinishButton)->click();
        auto* status = child<QLabel>(wizard, "sandboxWizardStatus");
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("already exists")), 10000);
        QVERIFY(wizard->isVisible());
        wizard->close();
        QCOMPARE(page->sandboxes()->topLevelItemCount(), 1);

        page->sandboxes()->setCurrentItem(row(QStringLiteral("guisb")));
        QVERIFY(child<QPushButton>(page, "startSandbox")->isEnabled());
        child<QPushButton>(page, "startSandbox")->click();
        QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("guisb"))->text(3), QStringLiteral("Running"),
                                  15000);
        // Live figures from its cgroups, and its output below.
        QTRY_VERIFY_WITH_TIMEOUT(!row(QStringLiteral("guisb"))->text(5).isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->log()->toPlainText().contains(QStringLiteral("hello-from-gui")), 10000);
        QVERIFY(child<QPushButton>(page, "stopSandbox")->isEnabled());
        QVERIFY(!child<QPushButton>(page, "startSandbox")->isEnabled());
        QVERIFY(!child<QPushButton>(page, "sandboxTerminal")->isEnabled()); // made without one
        // The main window lists it beside the VMs, with the sandbox icon, its state, its
        // limit and live memory; selecting it leaves the VM actions off, and activating it
        // opens it on the Sandboxes page.
        QTRY_COMPARE_WITH_TIMEOUT(mainState(QStringLiteral("guisb")), QStringLiteral("Running"),
                                  10000);
        QModelIndex sandboxRow = mainRow(QStringLiteral("guisb"));
        QVERIFY(!sandboxRow.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(sandboxRow.siblingAtColumn(VmListModel::MemoryColumn).data().toString(),
                 QStringLiteral("64.0 MiB"));
        QTRY_VERIFY_WITH_TIMEOUT(!mainRow(QStringLiteral("guisb"))
                                      .siblingAtColumn(VmListModel::ActivityColumn)
                                      .data()
                                      .toString()
                                      .isEmpty(),
                                 10000);
        QVERIFY(window.selectSandbox(QStringLiteral("guisb")));
        QCOMPARE(window.currentSandbox(), QStringLiteral("guisb"));
        QVERIFY(window.currentVm().isEmpty() && window.selectedVms().isEmpty());
        QVERIFY(!window.action(MainWindow::Action::Start)->isEnabled());
        QVERIFY(!window.action(MainWindow::Action::Delete)->isEnabled());
        page->sandboxes()->clearSelection();
        page->sandboxes()->setCurrentItem(nullptr);
        Q_EMIT window.view()->activated(mainRow(QStringLiteral("guisb")));
        QTRY_VERIFY_WITH_TIMEOUT(page->sandboxes()->currentItem() &&
                                     page->sandboxes()->currentItem()->text(0) ==
                                         QStringLiteral("guisb"),
                                 10000);
        // The sandbox outlives nothing of the app: vireoctl sees it running too.
        QString listed;
        QCOMPARE(m_env.vireoctl(
                     {QStringLiteral("sandbox"), QStringLiteral("list"), QStringLiteral("--json")},
                     &listed),
                 0);
        QVERIFY2(listed.contains(QStringLiteral("\"running\"")), qPrintable(listed));

        page->sandboxes()->setCurrentItem(row(QStringLiteral("guisb")));
        child<QPushButton>(page, "stopSandbox")->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            row(QStringLiteral("guisb"))->text(3).startsWith(QStringLiteral("Exited")), 20000);
        // Started and stopped again from the main window's list, through its context actions.
        QTRY_VERIFY_WITH_TIMEOUT(
            mainState(QStringLiteral("guisb")).startsWith(QStringLiteral("Exited")), 10000);
        QVERIFY(window.selectSandbox(QStringLiteral("guisb")));
        window.sandboxAction(QStringLiteral("sandboxStartAction"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("guisb"))->text(3), QStringLiteral("Running"),
                                  15000);
        QTRY_COMPARE_WITH_TIMEOUT(mainState(QStringLiteral("guisb")), QStringLiteral("Running"),
                                  10000);
        QVERIFY(window.selectSandbox(QStringLiteral("guisb")));
        window.sandboxAction(QStringLiteral("sandboxStopAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            row(QStringLiteral("guisb"))->text(3).startsWith(QStringLiteral("Exited")), 20000);
        // File > New Sandbox opens the wizard.
        window.action(MainWindow::Action::NewSandbox)->trigger();
        auto* fromMenu = child<NewSandboxWizard>(page, "newSandboxWizard");
        QVERIFY(fromMenu && fromMenu->isVisible());
        fromMenu->close();
        page->sandboxes()->setCurrentItem(row(QStringLiteral("guisb")));
        child<QPushButton>(page, "deleteSandbox")->click();
        QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("guisb")) == nullptr, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!mainRow(QStringLiteral("guisb")).isValid(), 10000);
        QVERIFY(vireo::test::leftoverSandboxCgroups().isEmpty());

        // One made with a terminal: the Terminal window shows its shell, keys typed there
        // reach it, and the shell sees the window's size.
        wizard = page->openNewSandboxWizard();
        child<QLineEdit>(wizard, "sandboxName")->setText(QStringLiteral("guitty"));
        child<QLineEdit>(wizard, "sandboxRootfs")->setText(root);
        child<QLineEdit>(wizard, "sandboxCommand")->setText(QStringLiteral("/bin/sh"));
        wizard->next();
        child<QCheckBox>(wizard, "sandboxTty")->setChecked(true);
        wizard->next();
        wizard->next();
        wizard->button(QWizard::FinishButton)->click();
        QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("guitty")) != nullptr, 10000);
        page->sandboxes()->setCurrentItem(row(QStringLiteral("guitty")));
        child<QPushButton>(page, "startSandbox")->click();
        QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("guitty"))->text(3), QStringLiteral("Running"),
                                  15000);
        page->sandboxes()->setCurrentItem(row(QStringLiteral("guitty")));
        QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(page, "sandboxTerminal")->isEnabled(), 10000);
        SandboxTerminalWindow* term = page->openTerminal();
        QVERIFY(term);
        QVERIFY(QTest::qWaitForWindowExposed(term));
        TerminalWidget* screen = term->terminal();
        QTRY_VERIFY_WITH_TIMEOUT(screen->isConnected(), 5000);
        screen->setFocus();
        QTest::keyClicks(screen, QStringLiteral("echo typed-$((6*7)); stty size"));
        QTest::keyClick(screen, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(screen->screenText().contains(QStringLiteral("typed-42")), 10000);
        const QString size = QStringLiteral("%1 %2").arg(screen->rows()).arg(screen->columns());
        QTRY_VERIFY2_WITH_TIMEOUT(screen->screenText().contains(size),
                                  qPrintable(screen->screenText()), 10000);
        term->close();
        page->sandboxes()->setCurrentItem(row(QStringLiteral("guitty")));
        child<QPushButton>(page, "deleteSandbox")->click();
        QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("guitty")) == nullptr, 20000);
        QVERIFY(vireo::test::leftoverSandboxCgroups().isEmpty());
    }
};

QTEST_MAIN(TestGuiSandboxes)
#include "tst_gui_sandboxes.moc"
