// Help > Check This Host: the doctor's checks in the app, the same verdicts as
// `vireoctl doctor --json` on this host, with a fix to copy for what is not a pass.
#include "GuiTestEnv.h"
#include "HostCheckDialog.h"
#include "MainWindow.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QTreeWidget>

using namespace vireo;

class TestGuiHostCheck : public QObject {
    Q_OBJECT
    GuiTestEnv m_env;

private Q_SLOTS:
    void showsTheDoctorsVerdicts() {
        QVERIFY(m_env.setUp());
        QString json;
        m_env.vireoctl({QStringLiteral("--json"), QStringLiteral("doctor")}, &json);
        QHash<QString, QString> expected;
        for (const auto& v : QJsonDocument::fromJson(json.toUtf8())
                                 .object()
                                 .value(QStringLiteral("checks"))
                                 .toArray())
            expected.insert(v.toObject().value(QStringLiteral("id")).toString(),
                            v.toObject().value(QStringLiteral("status")).toString());
        QVERIFY2(expected.size() >= 12, qPrintable(json));

        MainWindow window(m_env.lib);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* action = window.findChild<QAction*>(QStringLiteral("hostCheckAction"));
        QVERIFY(action);
        action->trigger();
        auto* dialog = window.findChild<HostCheckDialog*>(QStringLiteral("hostCheckDialog"));
        QVERIFY(dialog && dialog->isVisible());
        QSignalSpy checked(dialog, &HostCheckDialog::checked);
        QVERIFY(checked.wait(30000));

        QTreeWidget* tree = dialog->checks();
        QCOMPARE(tree->topLevelItemCount(), expected.size());
        QTreeWidgetItem* notPassing = nullptr;
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            auto* item = tree->topLevelItem(i);
            QCOMPARE(item->data(0, Qt::UserRole).toString(), expected.value(item->text(0)));
            QVERIFY(!item->text(2).isEmpty());
            if (item->data(0, Qt::UserRole).toString() != QLatin1String("pass") && !notPassing)
                notPassing = item;
        }
        auto* summary = dialog->findChild<QLabel*>(QStringLiteral("hostCheckSummary"));
        QVERIFY(summary && !summary->text().isEmpty());
        if (notPassing) {
            tree->setCurrentItem(notPassing);
            dialog->findChild<QPushButton*>(QStringLiteral("copyFix"))->click();
            QCOMPARE(QGuiApplication::clipboard()->text(), notPassing->text(3));
            QVERIFY(!notPassing->text(3).isEmpty());
        }
    }
};

QTEST_MAIN(TestGuiHostCheck)
#include "tst_gui_host_check.moc"
