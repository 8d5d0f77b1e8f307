// Machine > Pass a Host Device on a captured host (VIREO_HOST_ROOT): pick the GPU, see its
// group with the audio function going along, review and apply the host changes (written in
// the tree, journaled), and add the card to a VM.
#include "GuiTestEnv.h"
#include "MainWindow.h"
#include "PassthroughWizard.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>

using namespace vireo;

class TestGuiPassthrough : public QObject {
    Q_OBJECT
    GuiTestEnv m_env;

private Q_SLOTS:
    void gpuToAVm() {
        const QString fixture = QStringLiteral(
            VIREO_SOURCE_DIR "/../shared/fixtures/hosts/01-intel-z370-asrock-itx-duo");
        if (!QFileInfo(fixture).isDir()) QSKIP("the captured host trees are not here");
        QVERIFY(m_env.setUp());
        const QString tree = m_env.dir.filePath(QStringLiteral("host"));
        QVERIFY(QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-r"), fixture, tree}) ==
                0);
        QVERIFY(QProcess::execute(QStringLiteral("chmod"),
                                  {QStringLiteral("-R"), QStringLiteral("u+w"), tree}) == 0);
        QDir().mkpath(tree + QStringLiteral("/etc/default"));
        QFile grub(tree + QStringLiteral("/etc/default/grub"));
        QVERIFY(grub.open(QIODevice::WriteOnly));
        grub.write("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n");
        grub.close();
        qputenv("VIREO_HOST_ROOT", tree.toUtf8());
        QCOMPARE(
            m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("gamer"),
                            QStringLiteral("--memory"), QStringLiteral("256M")}),
            0);

        MainWindow window(m_env.lib);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QAction*>(QStringLiteral("passthroughAction"))->trigger();
        auto* wizard = window.findChild<PassthroughWizard*>(QStringLiteral("passthroughWizard"));
        QVERIFY(wizard);
        QSignalSpy scanned(wizard, &PassthroughWizard::scanned);
        QVERIFY(scanned.wait(10000));

        // Graphics cards: the boot GPU (host-critical) and the GT 1030 (passable).
        QCOMPARE(wizard->kinds()->currentIndex(), 0);
        QTreeWidget* devices = wizard->devices();
        QCOMPARE(devices->topLevelItemCount(), 2);
        devices->setCurrentItem(
            devices->findItems(QStringLiteral("0000:00:02.0"), Qt::MatchExactly).first());
        QVERIFY(wizard->findChild<QLabel*>(QStringLiteral("passthroughDeviceWhy"))
                    ->text()
                    .contains(QLatin1String("boot GPU")));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(PassthroughWizard::DevicePageId)); // refused
        devices->setCurrentItem(
            devices->findItems(QStringLiteral("0000:01:00.0"), Qt::MatchExactly).first());
        wizard->next();
        QCOMPARE(wizard->currentId(), int(PassthroughWizard::GroupPageId));
        const auto audio =
            wizard->group()->findItems(QStringLiteral("0000:01:00.1"), Qt::MatchExactly);
        QCOMPARE(audio.size(), 1);
        QCOMPARE(audio.first()->text(2), QStringLiteral("goes with it"));

        QSignalSpy planned(wizard, &PassthroughWizard::planned);
        wizard->next();
        QVERIFY(planned.wait(10000));
        QVERIFY2(wizard->planView()->toPlainText().contains(QLatin1String("/etc/default/grub")),
                 qPrintable(wizard->planView()->toPlainText()));
        wizard->findChild<QPushButton*>(QStringLiteral("passthroughCopy"))->click();
        const QString commands = QGuiApplication::clipboard()->text();
        QVERIFY2(
            commands.contains(QLatin1String("sudo tee '/etc/udev/rules.d/90-vireo-vfio.rules'")),
            qPrintable(commands));
        QSignalSpy applied(wizard, &PassthroughWizard::applied);
        wizard->findChild<QPushButton*>(QStringLiteral("passthroughApply"))->click();
        QVERIFY(applied.wait(10000));
        QCOMPARE(applied.first().first().toBool(), true);
        QFile rules(tree + QStringLiteral("/etc/udev/rules.d/90-vireo-vfio.rules"));
        QVERIFY(rules.open(QIODevice::ReadOnly));
        QVERIFY(rules.readAll().contains("KERNEL==\"0000:01:00.1\""));

        wizard->next();
        QCOMPARE(wizard->currentId(), int(PassthroughWizard::VmPageId));
        QCOMPARE(wizard->vms()->currentText(), QStringLiteral("gamer"));
        QSignalSpy added(wizard, &PassthroughWizard::added);
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY(added.wait(10000));
        QString out;
        m_env.vireoctl({QStringLiteral("--json"), QStringLiteral("vm"), QStringLiteral("show"),
                        QStringLiteral("gamer")},
                       &out);
        QVERIFY2(out.contains(QLatin1String("\"0000:01:00.0\"")) &&
                     out.contains(QLatin1String("\"0000:01:00.1\"")),
                 qPrintable(out));
        qunsetenv("VIREO_HOST_ROOT");
    }
};

QTEST_MAIN(TestGuiPassthrough)
#include "tst_gui_passthrough.moc"
