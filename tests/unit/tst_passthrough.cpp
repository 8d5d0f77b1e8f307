// Passthrough verdicts on captured host trees (fixtures/RULES.md), readiness checks, bad
// input, the capture round trip and the JSON contract of `vireoctl host passthrough`.
#include "passthrough/HostCapture.h"
#include "passthrough/PassthroughReport.h"
#include "passthrough/PassthroughWarnings.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace vireo;

namespace {

// The trees copied into the repository first; the shared checkout as a fallback.
QString hostsDir() {
    for (const QString& dir :
         {QStringLiteral(VIREO_TEST_DATA "/hosts"), QStringLiteral(VIREO_SHARED_FIXTURES "/hosts")})
        if (QFileInfo(dir).isDir()) return dir;
    return {};
}

QStringList trees() {
    const QString dir = hostsDir();
    return dir.isEmpty() ? QStringList()
                         : QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

PassthroughReport scan(const QString& dir) {
    auto host = HostRoot::open(dir);
    if (!host) qFatal("%s", qPrintable(host.error().line()));
    auto report = scanPassthrough(*host);
    if (!report) qFatal("%s", qPrintable(report.error().line()));
    return *report;
}

const DeviceVerdict* findVerdict(const PassthroughReport& r, const QString& address) {
    for (const auto& v : r.verdicts)
        if (v.address == address) return &v;
    return nullptr;
}

// Copies a tree, turning stand-in link files into real symlinks (and dropping `skip`).
void materialize(const QString& from, const QString& to, const QString& skip = {}) {
    QDirIterator it(from, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString src = it.next();
        const QString rel = QDir(from).relativeFilePath(src);
        if (!skip.isEmpty() && rel.startsWith(skip)) continue;
        const QString dst = to + QLatin1Char('/') + rel;
        QDir().mkpath(QFileInfo(dst).path());
        QFile f(src);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        if (data.startsWith("../") && !data.trimmed().contains('\n'))
            QCOMPARE(::symlink(data.trimmed().constData(), QFile::encodeName(dst).constData()), 0);
        else
            QVERIFY(QFile::copy(src, dst));
    }
}

} // namespace

class TestPassthrough : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyTree_data();
    void everyTree();
    void realSymlinksGiveTheSameVerdicts();
    void iommuOffBlocksEverything();
    void readinessChecks();
    void warnings();
    void warningsOnRealHosts_data();
    void warningsOnRealHosts();
    void missingHostRoot();
    void symlinkEscapingTheRoot();
    void unknownAddress();
    void captureRoundTrip();
    void vireoctlJsonContract();
};

void TestPassthrough::initTestCase() {
    if (hostsDir().isEmpty())
        QSKIP("no host trees: neither tests/data/hosts nor ../shared/fixtures/hosts exists");
}

void TestPassthrough::everyTree_data() {
    QTest::addColumn<QString>("tree");
    for (const auto& t : trees())
        QTest::newRow(qPrintable(t)) << hostsDir() + QLatin1Char('/') + t;
}

void TestPassthrough::everyTree() {
    QFETCH(QString, tree);
    const PassthroughReport r = scan(tree);
    // Exactly the devices of the tree, none invented.
    QStringList listed =
        QDir(tree + QStringLiteral("/sys/bus/pci/devices"))
            .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    QStringList reported;
    for (const auto& v : r.verdicts) {
        reported.append(v.address);
        QVERIFY2(!v.together.contains(v.address), qPrintable(v.address));
        QStringList sorted = v.together;
        sorted.sort();
        QCOMPARE(v.together, sorted);
        QVERIFY2(!v.reasons.isEmpty() || v.verdict == Verdict::Passable, qPrintable(v.address));
    }
    listed.sort();
    QCOMPARE(reported, listed);

    QFile file(tree + QStringLiteral("/expected.json"));
    if (!file.open(QIODevice::ReadOnly)) return; // trees without expectations: shape only
    const QJsonObject expected = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(!expected.isEmpty());
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        const DeviceVerdict* v = findVerdict(r, it.key());
        QVERIFY2(v, qPrintable(it.key()));
        const QJsonObject e = it.value().toObject();
        QCOMPARE(verdictName(v->verdict) + QLatin1Char(' ') + it.key(),
                 e.value(QStringLiteral("verdict")).toString() + QLatin1Char(' ') + it.key());
        QStringList together;
        for (const auto& a : e.value(QStringLiteral("together")).toArray())
            together.append(a.toString());
        QCOMPARE(v->together, together);
    }
}

void TestPassthrough::realSymlinksGiveTheSameVerdicts() {
    // The stored trees keep links as small files; a real capture has real symlinks.
    for (const char* name :
         {"01-intel-z370-asrock-itx-duo", "21-sriov-cx4lx-vfs-share-pf-group-c246"}) {
        QTemporaryDir tmp;
        const QString tree = hostsDir() + QLatin1Char('/') + QLatin1String(name);
        materialize(tree, tmp.path());
        const PassthroughReport a = scan(tree);
        const PassthroughReport b = scan(tmp.path());
        QCOMPARE(b.verdicts.size(), a.verdicts.size());
        for (qsizetype i = 0; i < a.verdicts.size(); ++i) {
            QCOMPARE(b.verdicts.at(i).address, a.verdicts.at(i).address);
            QCOMPARE(b.verdicts.at(i).verdict, a.verdicts.at(i).verdict);
            QCOMPARE(b.verdicts.at(i).together, a.verdicts.at(i).together);
        }
    }
}

void TestPassthrough::iommuOffBlocksEverything() {
    QTemporaryDir tmp;
    materialize(hostsDir() + QStringLiteral("/05-intel-z170-asrock-itx-gtx960"), tmp.path(),
                QStringLiteral("sys/kernel/iommu_groups"));
    const PassthroughReport r = scan(tmp.path());
    QVERIFY(!r.verdicts.isEmpty());
    for (const auto& v : r.verdicts) {
        QCOMPARE(v.verdict, Verdict::Blocked);
        QCOMPARE(v.reasons.first().code, QStringLiteral("iommu-off"));
    }
    QVERIFY(!r.iommu.enabled);
    auto host = HostRoot::open(tmp.path());
    auto checks = runReadinessChecks(*host);
    QVERIFY(checks);
    for (const auto& c : *checks)
        if (c.id == QLatin1String("iommu-active") || c.id == QLatin1String("firmware-iommu"))
            QCOMPARE(c.level, CheckLevel::Fail);
}

void TestPassthrough::readinessChecks() {
    auto levels = [](const QString& tree) {
        QMap<QString, CheckLevel> out;
        auto host = HostRoot::open(hostsDir() + QLatin1Char('/') + tree);
        auto checks = runReadinessChecks(*host);
        if (!checks) return out;
        for (const auto& c : *checks) {
            out.insert(c.id, c.level);
            if (c.level != CheckLevel::Pass && c.fix.isEmpty())
                out.insert(c.id + "!nofix", c.level);
        }
        return out;
    };
    const auto z370 = levels(QStringLiteral("01-intel-z370-asrock-itx-duo"));
    QCOMPARE(z370.size(), 8); // every check, each non-pass with a fix
    QCOMPARE(z370.value(QStringLiteral("cpu-virt")), CheckLevel::Pass);
    QCOMPARE(z370.value(QStringLiteral("iommu-active")), CheckLevel::Pass);
    QCOMPARE(z370.value(QStringLiteral("iommu-pt")), CheckLevel::Warn);
    QCOMPARE(z370.value(QStringLiteral("acs-override")), CheckLevel::Pass);
    QCOMPARE(z370.value(QStringLiteral("kvm")), CheckLevel::Fail); // no dev/kvm in the tree
    const auto acs = levels(QStringLiteral("19-amd-b550-asrock-itx-acs-override"));
    QCOMPARE(acs.value(QStringLiteral("acs-override")), CheckLevel::Warn);
    QCOMPARE(acs.value(QStringLiteral("iommu-pt")), CheckLevel::Pass);
    const auto sriov = levels(QStringLiteral("21-sriov-cx4lx-vfs-share-pf-group-c246"));
    QCOMPARE(sriov.value(QStringLiteral("iommu-pt")), CheckLevel::Pass);

    const PassthroughReport r =
        scan(hostsDir() + QStringLiteral("/19-amd-b550-asrock-itx-acs-override"));
    QVERIFY(r.iommu.acsOverride);
    QCOMPARE(r.iommu.vendor, QStringLiteral("amd"));
}

void TestPassthrough::warnings() {
    // Tree 18 has two RX 580 (Polaris 10): the reset bug is a warning, not a verdict.
    const PassthroughReport r = scan(hostsDir() + QStringLiteral("/18-amd-ryzen1-x370-dual-rx580"));
    int resetBugs = 0;
    for (const auto& v : r.verdicts)
        for (const auto& reason : v.reasons)
            if (reason.code == QLatin1String("reset-bug")) ++resetBugs;
    QVERIFY(resetBugs >= 1);
    QCOMPARE(knownResetBugFamily(QStringLiteral("0x1002"), QStringLiteral("0x731f")),
             QStringLiteral("Navi 10"));
    QVERIFY(knownResetBugFamily(QStringLiteral("0x10de"), QStringLiteral("0x67df")).isEmpty());
    // Tree 21's VFs share their PF's group: blocked, and the reason says so.
    const PassthroughReport s =
        scan(hostsDir() + QStringLiteral("/21-sriov-cx4lx-vfs-share-pf-group-c246"));
    const DeviceVerdict* vf = findVerdict(s, QStringLiteral("0000:01:00.2"));
    QVERIFY(vf);
    bool pfReason = false;
    for (const auto& reason : vf->reasons)
        pfReason = pfReason || reason.code == QLatin1String("vf-shares-pf-group");
    QVERIFY(pfReason);
}

void TestPassthrough::warningsOnRealHosts_data() {
    QTest::addColumn<QString>("tree");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("expected");
    // A laptop's MX150 renders through the iGPU (no display outputs): passing it through
    // gives a VM no screen.
    QTest::newRow("muxless laptop dGPU") << "13-laptop-kabylake-r-mx150-shared-group"
                                         << "0000:01:00.0"
                                         << "muxless-dgpu" << true;
    // The only GPU of a host: the host loses its console when it goes to a VM.
    QTest::newRow("single GPU, server") << "03-supermicro-x11scl-c242-server"
                                        << "0000:06:00.0"
                                        << "single-gpu" << true;
    QTest::newRow("single GPU, Ryzen 1") << "16-amd-ryzen1-300series-r7-240"
                                         << "0000:23:00.0"
                                         << "single-gpu" << true;
    QTest::newRow("two GPUs are not single") << "18-amd-ryzen1-x370-dual-rx580"
                                             << "0000:26:00.0"
                                             << "single-gpu" << false;
    // The host's only network card: passing it through cuts the host off.
    QTest::newRow("only NIC") << "15-intel-b85-gtx970"
                              << "0000:03:00.0"
                              << "only-nic" << true;
    // A GPU's HDMI audio function must go along with it.
    QTest::newRow("card functions") << "18-amd-ryzen1-x370-dual-rx580"
                                    << "0000:26:00.0"
                                    << "card-functions" << true;
}

void TestPassthrough::warningsOnRealHosts() {
    QFETCH(QString, tree);
    QFETCH(QString, address);
    QFETCH(QString, code);
    QFETCH(bool, expected);
    const PassthroughReport r = scan(hostsDir() + QLatin1Char('/') + tree);
    const DeviceVerdict* v = findVerdict(r, address);
    QVERIFY2(v, qPrintable(address));
    bool found = false;
    for (const auto& reason : v->reasons)
        if (reason.code == code) {
            found = true;
            QCOMPARE(reason.severity, ReasonSeverity::Warning);
            QVERIFY2(!reason.message.isEmpty() && !reason.fix.isEmpty(), qPrintable(code));
        }
    QCOMPARE(found, expected);
}

void TestPassthrough::missingHostRoot() {
    auto host = HostRoot::open(QStringLiteral("/nonexistent/vireo-host-root"));
    QVERIFY(!host);
    QCOMPARE(host.error().code, ErrorCode::NotFound);
    QVERIFY(host.error().message.contains(QLatin1String("/nonexistent/vireo-host-root")));
    QVERIFY(!host.error().fix.isEmpty());
    QTemporaryDir empty;
    auto notATree = HostRoot::open(empty.path());
    QVERIFY(!notATree);
    QCOMPARE(notATree.error().code, ErrorCode::InvalidArgument);
}

void TestPassthrough::symlinkEscapingTheRoot() {
    QTemporaryDir tmp;
    const QString root = tmp.path() + QStringLiteral("/tree");
    QVERIFY(QDir().mkpath(root + QStringLiteral("/sys/bus/pci/devices")));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/proc")));
    QVERIFY(QDir().mkpath(tmp.path() + QStringLiteral("/outside")));
    // ../../../.. from sys/bus/pci/devices is the root itself; one more leaves it.
    QCOMPARE(::symlink("../../../../../outside",
                       QFile::encodeName(root + QStringLiteral("/sys/bus/pci/devices/0000:00:01.0"))
                           .constData()),
             0);
    auto host = HostRoot::open(root);
    QVERIFY(host);
    auto report = scanPassthrough(*host);
    QVERIFY(!report);
    QCOMPARE(report.error().code, ErrorCode::Corrupt);
    QVERIFY2(report.error().message.contains(QLatin1String("0000:00:01.0")),
             qPrintable(report.error().message));
    QVERIFY(!report.error().fix.isEmpty());
}

void TestPassthrough::unknownAddress() {
    const PassthroughReport r = scan(hostsDir() + QStringLiteral("/01-intel-z370-asrock-itx-duo"));
    auto v = verdictFor(r, QStringLiteral("0000:99:00.0"));
    QVERIFY(!v);
    QCOMPARE(v.error().code, ErrorCode::NotFound);
    QVERIFY(v.error().message.contains(QLatin1String("0000:99:00.0")));
    auto bad = verdictFor(r, QStringLiteral("gpu"));
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
    QVERIFY(verdictFor(r, QStringLiteral("0000:01:00.0")));
}

void TestPassthrough::captureRoundTrip() {
    QTemporaryDir tmp;
    const QString tree = hostsDir() + QStringLiteral("/21-sriov-cx4lx-vfs-share-pf-group-c246");
    const QString out = tmp.path() + QStringLiteral("/host.tar.gz");
    const Status s = captureHost(out, tree);
    QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().line()));
    const QString unpacked = tmp.path() + QStringLiteral("/unpacked");
    QVERIFY(QDir().mkpath(unpacked));
    QCOMPARE(QProcess::execute(QStringLiteral("tar"),
                               {QStringLiteral("xzf"), out, QStringLiteral("-C"), unpacked}),
             0);
    const PassthroughReport a = scan(tree);
    const PassthroughReport b = scan(unpacked);
    QCOMPARE(b.verdicts.size(), a.verdicts.size());
    for (qsizetype i = 0; i < a.verdicts.size(); ++i) {
        QCOMPARE(b.verdicts.at(i).verdict, a.verdicts.at(i).verdict);
        QCOMPARE(b.verdicts.at(i).together, a.verdicts.at(i).together);
    }
}

void TestPassthrough::vireoctlJsonContract() {
    QProcess p;
    p.start(QStringLiteral(VIREOCTL_PATH),
            {QStringLiteral("host"), QStringLiteral("passthrough"), QStringLiteral("--host-root"),
             hostsDir() + QStringLiteral("/10-amd-x570-gigabyte-aorus-pro-1080ti-gt710"),
             QStringLiteral("--json")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    const QJsonObject iommu = o.value(QStringLiteral("iommu")).toObject();
    QCOMPARE(iommu.value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(iommu.value(QStringLiteral("vendor")).toString(), QStringLiteral("amd"));
    QVERIFY(iommu.value(QStringLiteral("acs_override")).isBool());
    const QJsonArray devices = o.value(QStringLiteral("devices")).toArray();
    QVERIFY(!devices.isEmpty());
    static const QStringList kVerdicts{
        QStringLiteral("passable"),          QStringLiteral("passable-together"),
        QStringLiteral("blocked"),           QStringLiteral("host-critical"),
        QStringLiteral("acs-override-only"), QStringLiteral("not-applicable")};
    for (const auto& value : devices) {
        const QJsonObject d = value.toObject();
        for (const char* key : {"address", "class", "vendor_id", "device_id", "iommu_group",
                                "driver", "verdict", "together", "reasons"})
            QVERIFY2(d.contains(QLatin1String(key)), key);
        QVERIFY(d.value(QStringLiteral("class")).toString().startsWith(QLatin1String("0x")));
        QVERIFY(d.value(QStringLiteral("iommu_group")).isDouble());
        QVERIFY(d.value(QStringLiteral("driver")).isString() ||
                d.value(QStringLiteral("driver")).isNull());
        QVERIFY(kVerdicts.contains(d.value(QStringLiteral("verdict")).toString()));
        for (const auto& reason : d.value(QStringLiteral("reasons")).toArray())
            for (const char* key : {"code", "message", "fix"})
                QVERIFY2(reason.toObject().contains(QLatin1String(key)), key);
    }
    // Bad input from the CLI: one line on stderr, exit 1.
    QProcess bad;
    bad.start(QStringLiteral(VIREOCTL_PATH),
              {QStringLiteral("host"), QStringLiteral("passthrough"), QStringLiteral("--host-root"),
               QStringLiteral("/nonexistent/root")});
    QVERIFY(bad.waitForFinished(30000));
    QCOMPARE(bad.exitCode(), 1);
    QVERIFY(bad.readAllStandardError().contains("does not exist"));
}

QTEST_GUILESS_MAIN(TestPassthrough)
#include "tst_passthrough.moc"
