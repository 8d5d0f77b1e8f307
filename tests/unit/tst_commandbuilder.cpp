// Golden-file tests of the one place that builds QEMU command lines: each
// data/golden/NAME.json (a vm.json) must produce exactly NAME.args (one argument per
// line), or, for a rejected spec, exactly the error line in NAME.err.
// VIREO_REGENERATE_GOLDEN=1 rewrites the expected files; review them in the diff.
#include "GoldenFile.h"
#include "qemu/QemuCommandBuilder.h"
#include "spec/VmSpecJson.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace vireo;

class TestCommandBuilder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void golden_data();
    void golden();
    void everySpecHasExpectation();
};

static QString goldenDir() {
    return QStringLiteral(VIREO_TEST_DATA "/golden");
}

void TestCommandBuilder::golden_data() {
    QTest::addColumn<QString>("name");
    const auto files =
        QDir(goldenDir()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 6);
    for (const auto& f : files)
        QTest::newRow(qPrintable(f)) << f.chopped(5);
}

void TestCommandBuilder::golden() {
    QFETCH(QString, name);
    QFile in(goldenDir() + QLatin1Char('/') + name + QStringLiteral(".json"));
    QVERIFY(in.open(QIODevice::ReadOnly));
    auto spec = vmSpecFromBytes(in.readAll(), in.fileName());
    QVERIFY2(spec.ok(), spec.ok() ? "" : qPrintable(spec.error().line()));
    QemuLaunchContext ctx;
    ctx.runtimeDir = QStringLiteral("/run/vireo/") + spec->uuid.toString(QUuid::WithoutBraces);
    ctx.consoleLogPath = QStringLiteral("/lib/vms/") + spec->name + QStringLiteral("/console.log");
    ctx.ovmfCode = QStringLiteral("/usr/share/OVMF/OVMF_CODE_4M.fd");
    ctx.ovmfVars = QStringLiteral("/lib/vms/") + spec->name +
                   (name.contains(QStringLiteral("qcow2-vars")) ? QStringLiteral("/OVMF_VARS.qcow2")
                                                                : QStringLiteral("/OVMF_VARS.fd"));
    // Taps as VirtualNetworks would name them; networks named dpdk* have a DPDK switch.
    for (int i = 0; i < spec->nics.size(); ++i)
        ctx.nicTaps << (spec->nics[i].network == QLatin1String("user") ? QString()
                        : spec->nics[i].network.startsWith(QLatin1String("hub"))
                            ? QStringLiteral("socket:230.1.2.3:20001")
                        : spec->nics[i].network.startsWith(QLatin1String("dpdk"))
                            ? QStringLiteral(
                                  "vhost-user:/run/vireo/net/vibr00000000/vitp0000000%1.sock")
                                  .arg(i)
                            : QStringLiteral("vitp0000000%1").arg(i));
    // Networks named jumbo* have an MTU of 9000 (virtio NICs are told; e1000e cannot be).
    for (const auto& nic : spec->nics)
        ctx.nicMtus << (nic.network.startsWith(QLatin1String("jumbo")) ? 9000 : 1500);
    // SR-IOV VFs as the start would take them: VF i of the PF at 0000:01:10.i.
    for (int i = 0; i < spec->sriovVfs.size(); ++i)
        ctx.sriovVfs << QStringLiteral("0000:01:10.%1").arg(i);
    if (name.contains(QStringLiteral("kvm"))) ctx.accel = QStringLiteral("kvm");
    ctx.startPaused = name.contains(QStringLiteral("paused"));
    ctx.incomingDefer = name.contains(QStringLiteral("restore"));
    const auto argv = buildQemuArgv(*spec, ctx);
    const QString actual = argv ? argv->join(QLatin1Char('\n')) + QLatin1Char('\n')
                                : argv.error().line() + QLatin1Char('\n');
    const QString expectedPath = goldenDir() + QLatin1Char('/') + name +
                                 (argv ? QStringLiteral(".args") : QStringLiteral(".err"));
    golden::compare(actual, expectedPath);
}

void TestCommandBuilder::everySpecHasExpectation() {
    // A .args and a .err for the same spec would mean a stale golden file.
    for (const auto& f : QDir(goldenDir()).entryList({QStringLiteral("*.json")}, QDir::Files)) {
        const QString base = goldenDir() + QLatin1Char('/') + f.chopped(5);
        QVERIFY2(QFile::exists(base + QStringLiteral(".args")) !=
                     QFile::exists(base + QStringLiteral(".err")),
                 qPrintable(f));
    }
}

QTEST_GUILESS_MAIN(TestCommandBuilder)
#include "tst_commandbuilder.moc"
