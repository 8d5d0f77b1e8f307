// Where companion programs are looked for: an installed program goes to libexec first, a
// build tree's program to its sibling folders.
#include "core/CompanionPaths.h"

#include <QtTest>

using namespace vireo;

class TestCompanionPaths : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void installedProgramsLookInLibexecFirst() {
        const auto paths = companionCandidates("/usr/bin", "vireo-sandbox-monitor");
        QCOMPARE(paths.size(), size_t(2));
        QCOMPARE(QString::fromStdString(paths[0]),
                 QStringLiteral("/usr/libexec/vireo/vireo-sandbox-monitor"));
        // vireoctl itself, which the app runs, is beside it in /usr/bin.
        QCOMPARE(QString::fromStdString(companionCandidates("/usr/bin", "vireoctl")[1]),
                 QStringLiteral("/usr/bin/vireoctl"));
    }

    void buildTreeProgramsLookBesideThemFirst() {
        const auto paths = companionCandidates("/src/build/app/vireoctl", "vireo-sandbox-monitor");
        QCOMPARE(paths.size(), size_t(4));
        QCOMPARE(QString::fromStdString(paths[0]),
                 QStringLiteral("/src/build/app/vireoctl/vireo-sandbox-monitor"));
        QCOMPARE(QString::fromStdString(paths[1]),
                 QStringLiteral(
                     "/src/build/app/vireoctl/../vireo-sandbox-monitor/vireo-sandbox-monitor"));
        QCOMPARE(QString::fromStdString(paths.back()),
                 QStringLiteral("/usr/libexec/vireo/vireo-sandbox-monitor"));
    }
};

QTEST_GUILESS_MAIN(TestCompanionPaths)
#include "tst_companion_paths.moc"
