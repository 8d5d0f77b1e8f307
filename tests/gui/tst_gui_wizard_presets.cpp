// The New-VM wizard's OS presets: what an ISO's volume label says (read from a real ISO
// made by xorriso), which preset that picks, and what each preset recommends.
#include "GuiTestEnv.h"
#include "MainWindow.h"
#include "NewVmWizard.h"
#include "OsPresets.h"
#include "jobs/HostResources.h"
#include "jobs/NewVmPlan.h"

#include <QComboBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QStandardPaths>

using namespace vireo;

class TestGuiWizardPresets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_env.setUp()); }
    void labelsPickPresets_data();
    void labelsPickPresets();
    void presetsRecommendWhatTheOsNeeds();
    void wizardDetectsTheIso_data();
    void wizardDetectsTheIso();

private:
    QString makeIso(const QString& label);
    GuiTestEnv m_env;
};

void TestGuiWizardPresets::labelsPickPresets_data() {
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("preset");
    // Labels as the distributions ship them.
    QTest::newRow("debian") << "Debian 12.5.0 amd64 n"
                            << "debian";
    QTest::newRow("ubuntu") << "Ubuntu 24.04.1 LTS amd64"
                            << "ubuntu";
    QTest::newRow("fedora") << "Fedora-WS-Live-40-1-14"
                            << "fedora";
    QTest::newRow("arch") << "ARCH_202411"
                          << "arch";
    QTest::newRow("win10") << "CCSA_X64FRE_EN-US_DV5"
                           << "win10";
    QTest::newRow("win11") << "CPBA_X64FRE_EN-US_DV9"
                           << "win11";
    QTest::newRow("freebsd") << "14_1_RELEASE_AMD64_CD"
                             << "freebsd";
    QTest::newRow("unknown") << "MY_BACKUP_2024"
                             << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestGuiWizardPresets::labelsPickPresets() {
    QFETCH(QString, label);
    QFETCH(QString, preset);
    QCOMPARE(presetForVolumeLabel(label), preset);
}

void TestGuiWizardPresets::presetsRecommendWhatTheOsNeeds() {
    for (const auto& id :
         {"debian", "ubuntu", "fedora", "arch", "win10", "win11", "freebsd", "linux", "other"})
        QCOMPARE(osPreset(QString::fromLatin1(id)).id, QString::fromLatin1(id));
    QCOMPARE(osPreset(QStringLiteral("no-such-os")).id, QStringLiteral("other"));
    for (const auto& p : osPresets()) {
        QVERIFY2(p.cpus >= 1 && p.memoryMiB >= 512 && p.diskGiB >= 8, qPrintable(p.id));
        QVERIFY2(!p.displayName().isEmpty(), qPrintable(p.id));
    }
    // Windows 11 refuses to install without UEFI, Secure Boot and a TPM 2.0.
    const OsPreset& win11 = osPreset(QStringLiteral("win11"));
    QVERIFY(win11.firmware == Firmware::Uefi);
    QVERIFY(win11.secureBoot);
    QCOMPARE(win11.tpm, !QStandardPaths::findExecutable(QStringLiteral("swtpm")).isEmpty());
    QVERIFY(win11.memoryMiB >= 4096 && win11.diskGiB >= 64);
    // Windows has no virtio drivers out of the box: SATA and e1000e.
    QVERIFY(win11.diskBus == DiskBus::Sata);
    QVERIFY(osPreset(QStringLiteral("debian")).diskBus == DiskBus::Virtio);
}

QString TestGuiWizardPresets::makeIso(const QString& label) {
    const QString dir = m_env.dir.filePath(QStringLiteral("iso-content"));
    QDir().mkpath(dir);
    QFile readme(dir + QStringLiteral("/README.txt"));
    if (readme.open(QIODevice::WriteOnly)) readme.write("an installer would be here\n");
    readme.close();
    const QString iso = m_env.dir.filePath(
        QString(label).replace(QLatin1Char(' '), QLatin1Char('_')) + QStringLiteral(".iso"));
    QProcess p;
    p.start(QStringLiteral("xorriso"),
            {QStringLiteral("-as"), QStringLiteral("mkisofs"), QStringLiteral("-quiet"),
             QStringLiteral("-V"), label, QStringLiteral("-o"), iso, dir});
    p.waitForFinished(60000);
    return p.exitCode() == 0 ? iso : QString();
}

void TestGuiWizardPresets::wizardDetectsTheIso_data() {
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("preset");
    QTest::newRow("debian") << "Debian 12.5.0 amd64 n"
                            << "debian";
    QTest::newRow("win11") << "CPBA_X64FRE_EN-US_DV9"
                           << "win11";
}

void TestGuiWizardPresets::wizardDetectsTheIso() {
    QFETCH(QString, label);
    QFETCH(QString, preset);
    if (QStandardPaths::findExecutable(QStringLiteral("xorriso")).isEmpty())
        QSKIP("xorriso is not installed (installer/dev/install-deps.sh installs it)");
    const QString iso = makeIso(label);
    QVERIFY(!iso.isEmpty());
    QCOMPARE(isoVolumeLabel(iso), label);

    MainWindow window(m_env.lib);
    window.show();
    window.action(MainWindow::Action::New)->trigger();
    auto* wizard = window.findChild<NewVmWizard*>();
    QVERIFY(wizard);
    wizard->findChild<QRadioButton*>(QStringLiteral("sourceIso"))->setChecked(true);
    wizard->next();
    wizard->findChild<QLineEdit*>(QStringLiteral("isoPath"))->setText(iso);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(NewVmWizard::SystemPageId));
    QCOMPARE(wizard->findChild<QComboBox*>(QStringLiteral("osPreset"))->currentData().toString(),
             preset);
    const NewVmPlan plan = wizard->plan();
    const OsPreset& expected = osPreset(preset);
    QCOMPARE(plan.spec.os, preset);
    // The recommendation, but never more vCPUs than the host has or over half its memory.
    QCOMPARE(plan.spec.cpu.count(), qMin(expected.cpus, qMax(1, hostCpuCount())));
    QCOMPARE(plan.spec.memoryMiB,
             qMin(expected.memoryMiB, qMax<std::uint64_t>(256, hostMemoryMiB() / 2)));
    QVERIFY(plan.spec.firmware == expected.firmware);
    QCOMPARE(plan.spec.tpm, expected.tpm);
    QCOMPARE(plan.spec.cdrom, iso);
    wizard->reject();
}

QTEST_MAIN(TestGuiWizardPresets)
#include "tst_gui_wizard_presets.moc"
