// Machine > Pass a Host Device on a captured host (VIREO_HOST_ROOT): pick the GPU, see its
// group with the audio function going along, review and apply the host changes (written in
// the tree, journaled), and add the card to a VM.
#include "GuiTestEnv.h"
#include "MainWindow.h"
#include "PassthroughWizard.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>

using namespace vireo;

class TestGuiPassthrough : public QObject {
    Q_OBJECT
    GuiTestEnv m_env;

    // A writable copy of a shared host tree in the test's folder; empty when absent.
    QString copyTree(const QString& name, const QString& dest) {
        const QString fixture =
            QStringLiteral(VIREO_SOURCE_DIR "/../shared/fixtures/hosts/") + name;
        if (!QFileInfo(fixture).isDir() || !m_env.setUp()) return {};
        const QString tree = m_env.dir.filePath(dest);
        if (QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-r"), fixture, tree}) != 0 ||
            QProcess::execute(QStringLiteral("chmod"),
                              {QStringLiteral("-R"), QStringLiteral("u+w"), tree}) != 0)
            return {};
        return tree;
    }

    // Machine > Pass a Host Device on the shown window, once its scan has finished.
    static PassthroughWizard* openScannedWizard(MainWindow& window) {
        window.findChild<QAction*>(QStringLiteral("passthroughAction"))->trigger();
        auto* wizard = window.findChild<PassthroughWizard*>(QStringLiteral("passthroughWizard"));
        if (!wizard) return nullptr;
        QSignalSpy scanned(wizard, &PassthroughWizard::scanned);
        return scanned.wait(10000) ? wizard : nullptr;
    }

private Q_SLOTS:
    void gpuToAVm() {
        const QString tree =
            copyTree(QStringLiteral("01-intel-z370-asrock-itx-duo"), QStringLiteral("host"));
        if (tree.isEmpty()) QSKIP("the captured host trees are not here");
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
        PassthroughWizard* wizard = openScannedWizard(window);
        QVERIFY(wizard);

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

    // An SR-IOV card (the captured ConnectX-4 Lx, its VFs given groups of their own): the
    // card shows how many VFs can go to VMs, the wizard skips host changes (a VF goes to
    // vfio-pci at start) and adds "any free VF" with a VLAN and a MAC of its own.
    void sriovCardToAVm() {
        const QString tree = copyTree(QStringLiteral("21-sriov-cx4lx-vfs-share-pf-group-c246"),
                                      QStringLiteral("sriov-host"));
        if (tree.isEmpty()) QSKIP("the captured host trees are not here");
        auto write = [&](const QString& rel, const QByteArray& content) {
            QDir().mkpath(QFileInfo(tree + QLatin1Char('/') + rel).path());
            QFile f(tree + QLatin1Char('/') + rel);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(content);
        };
        for (const auto& [vf, group] :
             {std::pair{QStringLiteral("0000:01:00.2"), QStringLiteral("20")},
              std::pair{QStringLiteral("0000:01:00.3"), QStringLiteral("21")}}) {
            QFile::remove(tree + QStringLiteral("/sys/kernel/iommu_groups/1/devices/") + vf);
            write(QStringLiteral("sys/kernel/iommu_groups/%1/devices/%2").arg(group, vf),
                  ("../../../../devices/pci0000:00/" + vf).toUtf8());
            write(QStringLiteral("sys/devices/pci0000:00/%1/iommu_group").arg(vf),
                  ("../../../kernel/iommu_groups/" + group).toUtf8());
        }
        qputenv("VIREO_HOST_ROOT", tree.toUtf8());
        QCOMPARE(m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("create"),
                                 QStringLiteral("router"), QStringLiteral("--memory"),
                                 QStringLiteral("256M")}),
                 0);

        MainWindow window(m_env.lib);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        PassthroughWizard* wizard = openScannedWizard(window);
        QVERIFY(wizard);
        wizard->kinds()->setCurrentIndex(4); // SR-IOV network cards
        QTreeWidget* devices = wizard->devices();
        QCOMPARE(devices->topLevelItemCount(), 2); // the two PFs, not their VFs
        auto pf0 = devices->findItems(QStringLiteral("0000:01:00.0"), Qt::MatchExactly);
        auto pf1 = devices->findItems(QStringLiteral("0000:01:00.1"), Qt::MatchExactly);
        QCOMPARE(pf0.first()->text(2), QStringLiteral("2 VF(s) for VMs"));
        QCOMPARE(pf1.first()->text(2), QStringLiteral("0 VF(s) for VMs"));
        devices->setCurrentItem(pf1.first());
        auto* why = wizard->findChild<QLabel*>(QStringLiteral("passthroughDeviceWhy"));
        QVERIFY2(why->text().startsWith(QLatin1String("No VF can go to a VM: IOMMU group 1")),
                 qPrintable(why->text()));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(PassthroughWizard::DevicePageId)); // refused
        devices->setCurrentItem(pf0.first());
        QVERIFY2(why->text().contains(QLatin1String("2 free now")), qPrintable(why->text()));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(PassthroughWizard::VmPageId));
        QVERIFY(wizard->vlan()->isEnabled());
        wizard->vms()->setCurrentText(QStringLiteral("router"));
        wizard->vlan()->setValue(42);
        QSignalSpy added(wizard, &PassthroughWizard::added);
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY(added.wait(10000));
        QVERIFY2(
            added.first().first().toBool(),
            qPrintable(wizard->findChild<QLabel*>(QStringLiteral("passthroughVmStatus"))->text()));
        QString out;
        m_env.vireoctl({QStringLiteral("vm"), QStringLiteral("show"), QStringLiteral("router")},
                       &out);
        const QJsonObject vf = QJsonDocument::fromJson(out.toUtf8())
                                   .object()
                                   .value(QStringLiteral("sriovVfs"))
                                   .toArray()
                                   .first()
                                   .toObject();
        QCOMPARE(vf.value(QStringLiteral("pf")).toString(), QStringLiteral("0000:01:00.0"));
        QCOMPARE(vf.value(QStringLiteral("vf")).toInt(), -1);
        QCOMPARE(vf.value(QStringLiteral("vlan")).toInt(), 42);
        QVERIFY2(vf.value(QStringLiteral("mac")).toString().startsWith(QLatin1String("52:54:00:")),
                 qPrintable(out));
        qunsetenv("VIREO_HOST_ROOT");
    }
};

QTEST_MAIN(TestGuiPassthrough)
#include "tst_gui_passthrough.moc"
