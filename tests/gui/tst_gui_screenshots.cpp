// Screenshots of the main window (with a few VMs), its tabs and every New-VM wizard page,
// saved as PNGs into the build folder (tests/gui/screenshots) for people to look at, and
// checked not to be blank.
#include "DetailsPane.h"
#include "GuiTestEnv.h"
#include "MainWindow.h"
#include "NewVmWizard.h"
#include "VmListModel.h"

#include <QApplication>
#include <QImage>
#include <QLineEdit>
#include <QRadioButton>
#include <QSet>
#include <QTableView>

using namespace vireo;

class TestGuiScreenshots : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mainWindow();
    void wizardPages();
    void remembersLayout();

private:
    void shoot(QWidget* widget, const QString& name);
    GuiTestEnv m_env;
    QString m_out;
};

void TestGuiScreenshots::initTestCase() {
    QVERIFY(m_env.setUp());
    m_out = QStringLiteral(VIREO_GUI_OUT "/screenshots");
    QDir().mkpath(m_out);
    struct Sample {
        const char* name;
        const char* memory;
        const char* os;
    };
    for (const auto& [name, mem, os] :
         {Sample{"debian-web", "2G", "debian"}, Sample{"build-box", "4G", "fedora"},
          Sample{"win11", "8G", "win11"}, Sample{"router", "256M", "linux"}})
        QVERIFY(m_env.vireoctl(
                    {QStringLiteral("vm"), QStringLiteral("create"), QString::fromLatin1(name),
                     QStringLiteral("--memory"), QString::fromLatin1(mem), QStringLiteral("--nic"),
                     QStringLiteral("user"), QStringLiteral("--os"), QString::fromLatin1(os)}) ==
                0);
}

void TestGuiScreenshots::shoot(QWidget* widget, const QString& name) {
    QApplication::processEvents();
    const QImage image = widget->grab().toImage();
    QVERIFY(!image.isNull());
    const QString path = m_out + QLatin1Char('/') + name + QStringLiteral(".png");
    QVERIFY2(image.save(path), qPrintable(path));
    // Not blank: many distinct colours and more than one in every quarter of the height.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    QVERIFY2(
        colours.size() > 8,
        qPrintable(QStringLiteral("%1 looks blank (%2 colours)").arg(path).arg(colours.size())));
    qInfo().noquote() << "saved" << path;
}

void TestGuiScreenshots::mainWindow() {
    MainWindow window(m_env.lib);
    window.resize(1100, 680);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.model()->rowCount(), 4);
    QVERIFY(window.selectVm(QStringLiteral("debian-web")));
    shoot(&window, QStringLiteral("main-window"));
    // Each VM shows its OS's icon; an OS Vireo has no icon for shows the generic one.
    auto icon = [&](const QString& vm) {
        return window.model()
            ->index(window.model()->rowOf(vm), VmListModel::NameColumn)
            .data(Qt::DecorationRole)
            .value<QIcon>();
    };
    QVERIFY(!icon(QStringLiteral("win11")).isNull());
    QVERIFY(!icon(QStringLiteral("win11")).pixmap(24).isNull());
    QVERIFY(icon(QStringLiteral("win11")).cacheKey() !=
            icon(QStringLiteral("debian-web")).cacheKey());
    const QStringList tabs = {QStringLiteral("overview"),  QStringLiteral("hardware"),
                              QStringLiteral("snapshots"), QStringLiteral("console"),
                              QStringLiteral("display"),   QStringLiteral("performance")};
    for (int i = 0; i < tabs.size(); ++i) {
        window.details()->setCurrentIndex(i);
        QTest::qWait(100);
        shoot(&window, QStringLiteral("main-window-") + tabs.at(i));
    }
    window.filterEdit()->setText(QStringLiteral("deb"));
    QTRY_COMPARE(window.view()->model()->rowCount(), 1);
}

void TestGuiScreenshots::wizardPages() {
    MainWindow window(m_env.lib);
    window.show();
    window.action(MainWindow::Action::New)->trigger();
    auto* wizard = window.findChild<NewVmWizard*>();
    QVERIFY(wizard);
    QVERIFY(QTest::qWaitForWindowExposed(wizard));
    // A file stands in for the ISO: the pages only need it to exist.
    const QString iso = m_env.dir.filePath(QStringLiteral("debian-12.iso"));
    QFile f(iso);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, '\0'));
    f.close();
    shoot(wizard, QStringLiteral("wizard-1-source"));
    wizard->next();
    wizard->findChild<QLineEdit*>(QStringLiteral("isoPath"))->setText(iso);
    shoot(wizard, QStringLiteral("wizard-2-media"));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(NewVmWizard::SystemPageId));
    shoot(wizard, QStringLiteral("wizard-3-system"));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(NewVmWizard::SummaryPageId));
    shoot(wizard, QStringLiteral("wizard-4-summary"));
    wizard->reject();
}

void TestGuiScreenshots::remembersLayout() {
    // Window size, the list/details split and column widths survive a restart.
    {
        MainWindow window(m_env.lib);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(930, 610);
        window.view()->setColumnWidth(VmListModel::NameColumn, 222);
        QTRY_COMPARE(window.size(), QSize(930, 610));
        window.close();
    }
    MainWindow again(m_env.lib);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QTRY_COMPARE(again.size(), QSize(930, 610));
    QCOMPARE(again.view()->columnWidth(VmListModel::NameColumn), 222);
}

QTEST_MAIN(TestGuiScreenshots)
#include "tst_gui_screenshots.moc"
