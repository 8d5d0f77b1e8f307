// Every shipped .ts is complete, and the app's menus are German under --lang de.
#include "GuiTestEnv.h"

#include "MainWindow.h"
#include "Translations.h"
#include <QProcess>

#include <QMenu>
#include <QMenuBar>
#include <QXmlStreamReader>

using namespace vireo;

class TestGuiTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_env.setUp()); }
    void tsFilesComplete_data();
    void tsFilesComplete();
    void germanMenus();
    void frenchMenus();
    void appStartsInTheSystemOrGivenLanguage();

private:
    QStringList menuTitles(const QString& language);
    GuiTestEnv m_env;
};

void TestGuiTranslations::tsFilesComplete_data() {
    QTest::addColumn<QString>("path");
    for (const auto& lang : shippedLanguages())
        QTest::newRow(qPrintable(lang))
            << QStringLiteral(VIREO_SOURCE_DIR "/translations/vireo_%1.ts").arg(lang);
}

void TestGuiTranslations::tsFilesComplete() {
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
    QXmlStreamReader xml(&f);
    int messages = 0;
    QStringList unfinished;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
            ++messages;
        } else if (xml.name() == QLatin1String("translation")) {
            const auto type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == QLatin1String("unfinished") || (type.isEmpty() && text.isEmpty()))
                unfinished << source;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(messages > 100, qPrintable(QStringLiteral("only %1 messages").arg(messages)));
    QVERIFY2(unfinished.isEmpty(),
             qPrintable(QStringLiteral("%1 unfinished: %2")
                            .arg(unfinished.size())
                            .arg(unfinished.mid(0, 10).join(QStringLiteral(" | ")))));
}

QStringList TestGuiTranslations::menuTitles(const QString& language) {
    installTranslations(language);
    MainWindow window(m_env.lib);
    QStringList titles;
    for (auto* a : window.menuBar()->actions())
        titles << a->text();
    for (auto* a : window.findChild<QMenu*>(QStringLiteral("machineMenu"))->actions())
        if (!a->isSeparator()) titles << a->text();
    installTranslations(QStringLiteral("en"));
    return titles;
}

void TestGuiTranslations::germanMenus() {
    const QStringList english = menuTitles(QStringLiteral("en"));
    QVERIFY(english.contains(QStringLiteral("&File")));
    const QStringList german = menuTitles(QStringLiteral("de"));
    QVERIFY2(german.contains(QStringLiteral("&Datei")), qPrintable(german.join(QLatin1Char(','))));
    QVERIFY2(german.contains(QStringLiteral("&Maschine")),
             qPrintable(german.join(QLatin1Char(','))));
    QCOMPARE(german.size(), english.size());
    for (int i = 0; i < english.size(); ++i)
        QVERIFY2(german.at(i) != english.at(i), qPrintable(english.at(i)));
}

void TestGuiTranslations::frenchMenus() {
    const QStringList french = menuTitles(QStringLiteral("fr"));
    QVERIFY2(french.contains(QStringLiteral("&Fichier")),
             qPrintable(french.join(QLatin1Char(','))));
}

void TestGuiTranslations::appStartsInTheSystemOrGivenLanguage() {
    // The real binary: the system locale picks German, --lang overrides it.
    auto help = [](const QStringList& args, const QByteArray& lang) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LANGUAGE"), QString::fromLatin1(lang));
        env.insert(QStringLiteral("LANG"), QString::fromLatin1(lang));
        env.insert(QStringLiteral("LC_ALL"), QString::fromLatin1(lang));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(VIREO_APP_PATH), args + QStringList{QStringLiteral("--help")});
        p.waitForFinished(30000);
        return QString::fromUtf8(p.readAllStandardOutput());
    };
    const QString german = help({}, "de_DE.UTF-8");
    QVERIFY2(german.contains(QStringLiteral("Sprache der Oberfläche")), qPrintable(german));
    const QString overridden =
        help({QStringLiteral("--lang"), QStringLiteral("fr")}, "de_DE.UTF-8");
    QVERIFY2(!overridden.contains(QStringLiteral("Sprache der Oberfläche")),
             qPrintable(overridden));
    QVERIFY2(overridden.contains(QStringLiteral("Langue de l")), qPrintable(overridden));
    const QString english = help({}, "C.UTF-8");
    QVERIFY2(english.contains(QStringLiteral("Language of the interface")), qPrintable(english));
}

QTEST_MAIN(TestGuiTranslations)
#include "tst_gui_translations.moc"
