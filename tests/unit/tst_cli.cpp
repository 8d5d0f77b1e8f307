// vireoctl as a user scripts it: exit codes, one-line errors, JSON, nothing changed on
// bad input, and the truth about VMs whose QEMU (or vireoctl) died. VMs here run SeaBIOS
// without a guest; the booted-guest scenarios live in tests/integration.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "CliTestSupport.h"

#include <csignal>

namespace {

using clitest::Run;

QByteArray snapshotTree(const QString& root) {
    // Every file with its content: "nothing changed" means this stays equal.
    QByteArray all;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const auto& f : files) {
        if (f.endsWith(QStringLiteral(".lock"))) continue;
        QFile file(f);
        file.open(QIODevice::ReadOnly);
        all += f.toUtf8() + '\n' + file.readAll() + '\n';
    }
    return all;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void usageAndHelp();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void diskLifecycleWithRealQemuImg();
    void convertCancelLeavesNoTarget();
    void startTwiceAndDeleteRunning();
    void diskInUseByAnotherRunningVm();
    void qemuKilledShowsCrashed();
    void vireoctlKilledMidStartLeavesLibraryReadable();
    void corruptVmIsListedNotFatal();
    void everyDeviceKindStartsInRealQemu();
    void fullCloneAndColdAttach();

private:
    Run vireoctl(const QStringList& args, int timeoutMs = 60000);
    QTemporaryDir m_dir;
    QString m_lib;
};

Run TestCli::vireoctl(const QStringList& args, int timeoutMs) {
    return clitest::vireoctl(m_lib, args, timeoutMs);
}

void TestCli::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_lib = m_dir.filePath(QStringLiteral("lib"));
    qputenv("XDG_RUNTIME_DIR", m_dir.filePath(QStringLiteral("run")).toUtf8());
    QDir().mkpath(m_dir.filePath(QStringLiteral("run")));
    qputenv("XDG_CACHE_HOME", m_dir.filePath(QStringLiteral("cache")).toUtf8());
}

void TestCli::cleanupTestCase() {
    const auto list =
        vireoctl({QStringLiteral("vm"), QStringLiteral("list"), QStringLiteral("--json")});
    for (const auto& v : QJsonDocument::fromJson(list.out.toUtf8()).array())
        vireoctl({QStringLiteral("vm"), QStringLiteral("kill"),
                  v.toObject().value(QStringLiteral("name")).toString()});
    const QStringList orphans = clitest::killOrphansOf(m_lib);
    QVERIFY2(orphans.isEmpty(),
             qPrintable(QStringLiteral("orphaned QEMU: ") + orphans.join(QLatin1Char(' '))));
}

void TestCli::usageAndHelp() {
    QCOMPARE(vireoctl({QStringLiteral("--help")}).code, 0);
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("--help")}).code,
        0);
    QVERIFY(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("--help")})
                .out.contains(QStringLiteral("--memory")));
    auto unknown = vireoctl({QStringLiteral("vm"), QStringLiteral("fly")});
    QCOMPARE(unknown.code, 2);
    QCOMPARE(unknown.err.count(QLatin1Char('\n')), 1);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start")}).code, 2);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("x"),
                       QStringLiteral("--bogus")})
                 .code,
             2);
    auto missing =
        vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("ghost")});
    QCOMPARE(missing.code, 1);
    QVERIFY(missing.err.contains(QStringLiteral("'ghost' does not exist")));
}

void TestCli::badInputChangesNothing_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    const QString vm = QStringLiteral("vm"), create = QStringLiteral("create");
    QTest::newRow("slash") << QStringList{vm, create, QStringLiteral("a/b")}
                           << QStringLiteral("a/b");
    QTest::newRow("dotdot") << QStringList{vm, create, QStringLiteral("..")}
                            << QStringLiteral("..");
    QTest::newRow("spaces") << QStringList{vm, create, QStringLiteral("   ")}
                            << QStringLiteral("empty");
    QTest::newRow("300") << QStringList{vm, create, QString(300, QLatin1Char('n'))}
                         << QStringLiteral("300 characters");
    QTest::newRow("neg-memory") << QStringList{vm, create, QStringLiteral("m"),
                                               QStringLiteral("--memory"), QStringLiteral("-512M")}
                                << QStringLiteral("-512M");
    QTest::newRow("huge-memory") << QStringList{vm, create, QStringLiteral("m"),
                                                QStringLiteral("--memory"), QStringLiteral("900T")}
                                 << QStringLiteral("out of range");
    QTest::newRow("zero-cpus") << QStringList{vm, create, QStringLiteral("m"),
                                              QStringLiteral("--cpus"), QStringLiteral("0")}
                               << QStringLiteral("--cpus");
    QTest::newRow("absurd-cpus") << QStringList{vm, create, QStringLiteral("m"),
                                                QStringLiteral("--cpus"), QStringLiteral("5000")}
                                 << QStringLiteral("5000 vCPUs");
    QTest::newRow("missing-iso") << QStringList{vm, create, QStringLiteral("m"),
                                                QStringLiteral("--cdrom"),
                                                QStringLiteral("/nonexistent.iso")}
                                 << QStringLiteral("/nonexistent.iso");
    QTest::newRow("missing-disk") << QStringList{vm, create, QStringLiteral("m"),
                                                 QStringLiteral("--disk"),
                                                 QStringLiteral("/nope.qcow2")}
                                  << QStringLiteral("/nope.qcow2");
    QTest::newRow("bad-bus") << QStringList{vm, create, QStringLiteral("m"),
                                            QStringLiteral("--disk"),
                                            QStringLiteral("/x,bus=floppy")}
                             << QStringLiteral("bus=floppy");
    QTest::newRow("neg-disk") << QStringList{QStringLiteral("disk"), create,
                                             QStringLiteral("/tmp/vireo-neg.qcow2"),
                                             QStringLiteral("--size"), QStringLiteral("-1G")}
                              << QStringLiteral("-1G");
}

void TestCli::badInputChangesNothing() {
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    QVERIFY(
        vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("keeper")}).code ==
            0 ||
        QFile::exists(m_lib + QStringLiteral("/keeper/vm.json")));
    const QByteArray before = snapshotTree(m_lib);
    const Run r = vireoctl(args);
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1Char(';')),
             qPrintable(QStringLiteral("no fix in: ") + r.err)); // "problem; fix"
    QCOMPARE(snapshotTree(m_lib), before);
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/vireo-neg.qcow2")));
}

void TestCli::diskLifecycleWithRealQemuImg() {
    const QString d = m_dir.filePath(QStringLiteral("disks"));
    QDir().mkpath(d);
    QCOMPARE(
        vireoctl({QStringLiteral("disk"), QStringLiteral("create"), d + QStringLiteral("/a.qcow2"),
                  QStringLiteral("--size"), QStringLiteral("1G")})
            .code,
        0);
    auto info = vireoctl({QStringLiteral("disk"), QStringLiteral("info"),
                          d + QStringLiteral("/a.qcow2"), QStringLiteral("--json")});
    auto o = QJsonDocument::fromJson(info.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("qcow2"));
    QCOMPARE(o.value(QStringLiteral("virtualSize")).toInteger(), qint64(1) << 30);
    QVERIFY(o.value(QStringLiteral("actualSize")).toInteger() < 10 << 20); // thin
    QCOMPARE(
        vireoctl({QStringLiteral("disk"), QStringLiteral("create"), d + QStringLiteral("/p.qcow2"),
                  QStringLiteral("--size"), QStringLiteral("64M"), QStringLiteral("--preallocate"),
                  QStringLiteral("full")})
            .code,
        0);
    o = QJsonDocument::fromJson(vireoctl({QStringLiteral("disk"), QStringLiteral("info"),
                                          d + QStringLiteral("/p.qcow2"), QStringLiteral("--json")})
                                    .out.toUtf8())
            .object();
    QVERIFY(o.value(QStringLiteral("actualSize")).toInteger() >= 64 << 20); // really allocated
    for (const QString& sub :
         {QStringLiteral("monolithicSparse"), QStringLiteral("streamOptimized")}) {
        const QString p = d + QStringLiteral("/v-") + sub + QStringLiteral(".vmdk");
        QCOMPARE(
            vireoctl({QStringLiteral("disk"), QStringLiteral("create"), p, QStringLiteral("--size"),
                      QStringLiteral("100M"), QStringLiteral("--format"), QStringLiteral("vmdk"),
                      QStringLiteral("--vmdk-subformat"), sub})
                .code,
            0);
        QCOMPARE(QJsonDocument::fromJson(vireoctl({QStringLiteral("disk"), QStringLiteral("info"),
                                                   p, QStringLiteral("--json")})
                                             .out.toUtf8())
                     .object()
                     .value(QStringLiteral("format"))
                     .toString(),
                 QStringLiteral("vmdk"));
    }
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"),
                       d + QStringLiteral("/r.raw"), QStringLiteral("--size"),
                       QStringLiteral("32M"), QStringLiteral("--format"), QStringLiteral("raw")})
                 .code,
             0);
    // Import formats other tools make: VDI and VHDX through qemu-img itself.
    for (const QString& fmt : {QStringLiteral("vdi"), QStringLiteral("vhdx")}) {
        const QString src = d + QStringLiteral("/src.") + fmt;
        QProcess mk;
        mk.start(QStringLiteral("qemu-img"),
                 {QStringLiteral("create"), QStringLiteral("-q"), QStringLiteral("-f"), fmt, src,
                  QStringLiteral("48M")});
        QVERIFY(mk.waitForFinished() && mk.exitCode() == 0);
        const QString dst = d + QStringLiteral("/from-") + fmt + QStringLiteral(".qcow2");
        const auto conv = vireoctl({QStringLiteral("disk"), QStringLiteral("convert"), src, dst});
        QVERIFY2(conv.code == 0, qPrintable(conv.err));
        o = QJsonDocument::fromJson(vireoctl({QStringLiteral("disk"), QStringLiteral("info"), dst,
                                              QStringLiteral("--json")})
                                        .out.toUtf8())
                .object();
        QCOMPARE(o.value(QStringLiteral("virtualSize")).toInteger(), qint64(48) << 20);
    }
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("resize"),
                       d + QStringLiteral("/a.qcow2"), QStringLiteral("2G")})
                 .code,
             0);
    o = QJsonDocument::fromJson(vireoctl({QStringLiteral("disk"), QStringLiteral("info"),
                                          d + QStringLiteral("/a.qcow2"), QStringLiteral("--json")})
                                    .out.toUtf8())
            .object();
    QCOMPARE(o.value(QStringLiteral("virtualSize")).toInteger(), qint64(2) << 30);
    auto shrink = vireoctl({QStringLiteral("disk"), QStringLiteral("resize"),
                            d + QStringLiteral("/a.qcow2"), QStringLiteral("1G")});
    QCOMPARE(shrink.code, 1);
    QVERIFY(shrink.err.contains(QStringLiteral("--shrink")));
    auto exists =
        vireoctl({QStringLiteral("disk"), QStringLiteral("create"), d + QStringLiteral("/a.qcow2"),
                  QStringLiteral("--size"), QStringLiteral("1G")});
    QCOMPARE(exists.code, 1);
    QVERIFY(exists.err.contains(QStringLiteral("already exists")));
    // A backing chain shows up in info.
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"),
                       d + QStringLiteral("/top.qcow2"), QStringLiteral("--backing"),
                       d + QStringLiteral("/a.qcow2")})
                 .code,
             0);
    o = QJsonDocument::fromJson(
            vireoctl({QStringLiteral("disk"), QStringLiteral("info"),
                      d + QStringLiteral("/top.qcow2"), QStringLiteral("--json")})
                .out.toUtf8())
            .object();
    QCOMPARE(o.value(QStringLiteral("backingChain")).toArray().size(), 1);
}

void TestCli::convertCancelLeavesNoTarget() {
    // A big raw source full of data so the conversion takes a while; SIGINT mid-way.
    const QString d = m_dir.filePath(QStringLiteral("cancel"));
    QDir().mkpath(d);
    const QString src = d + QStringLiteral("/big.raw");
    {
        QFile f(src);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray chunk(1 << 20, '\0');
        for (int i = 0; i < chunk.size(); i += 4096)
            chunk[i] = char(i / 4096 + 1);
        for (int i = 0; i < 1536; ++i)
            f.write(chunk);
    }
    QProcess p;
    p.start(QStringLiteral(VIREOCTL_PATH),
            {QStringLiteral("disk"), QStringLiteral("convert"), src,
             d + QStringLiteral("/out.vmdk"), QStringLiteral("--format"), QStringLiteral("vmdk"),
             QStringLiteral("--vmdk-subformat"), QStringLiteral("streamOptimized")});
    QVERIFY(p.waitForStarted());
    QTest::qWait(700);
    if (p.state() == QProcess::NotRunning)
        QSKIP("conversion finished before it could be cancelled");
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("cancelled")));
    QCOMPARE(QDir(d).entryList(QDir::Files), QStringList{QStringLiteral("big.raw")});
}

void TestCli::startTwiceAndDeleteRunning() {
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("fw"),
                       QStringLiteral("--memory"), QStringLiteral("64M"), QStringLiteral("--nic"),
                       QStringLiteral("none")})
                 .code,
             0);
    auto start = vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("fw")});
    QVERIFY2(start.code == 0, qPrintable(start.err));
    auto again = vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("fw")});
    QCOMPARE(again.code, 1);
    QVERIFY(again.err.contains(QStringLiteral("already running")));
    auto del = vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("fw")});
    QCOMPARE(del.code, 1);
    QVERIFY(del.err.contains(QStringLiteral("--force")));
    QVERIFY(QFile::exists(m_lib + QStringLiteral("/fw/vm.json")));
    auto list = QJsonDocument::fromJson(vireoctl({QStringLiteral("vm"), QStringLiteral("list"),
                                                  QStringLiteral("--json")})
                                            .out.toUtf8())
                    .array();
    bool running = false;
    for (const auto& v : list)
        running |=
            v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("fw") &&
            v.toObject().value(QStringLiteral("state")).toString() == QLatin1String("running");
    QVERIFY(running);
    const qint64 pid = [&] {
        for (const auto& v : list)
            if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("fw"))
                return v.toObject().value(QStringLiteral("pid")).toInteger();
        return qint64(0);
    }();
    QVERIFY(pid > 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("fw"),
                       QStringLiteral("--force")})
                 .code,
             0);
    QVERIFY(!QFile::exists(m_lib + QStringLiteral("/fw")));
    QTRY_VERIFY(::kill(static_cast<pid_t>(pid), 0) != 0);
}

void TestCli::diskInUseByAnotherRunningVm() {
    const QString disk = m_dir.filePath(QStringLiteral("shared.qcow2"));
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"), disk,
                       QStringLiteral("--size"), QStringLiteral("64M")})
                 .code,
             0);
    for (const QString& n : {QStringLiteral("u1"), QStringLiteral("u2")})
        QCOMPARE(
            vireoctl({QStringLiteral("vm"), QStringLiteral("create"), n, QStringLiteral("--memory"),
                      QStringLiteral("64M"), QStringLiteral("--disk"), disk,
                      QStringLiteral("--nic"), QStringLiteral("none")})
                .code,
            0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("u1")}).code,
             0);
    auto second = vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("u2")});
    QCOMPARE(second.code, 1);
    QVERIFY2(second.err.contains(QStringLiteral("in use by running VM 'u1'")),
             qPrintable(second.err));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("u1")}).code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("u2")}).code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("u2")}).code,
             0);
}

void TestCli::qemuKilledShowsCrashed() {
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("k9"),
                       QStringLiteral("--memory"), QStringLiteral("64M"), QStringLiteral("--nic"),
                       QStringLiteral("none")})
                 .code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("k9")}).code,
             0);
    const auto show =
        QJsonDocument::fromJson(
            vireoctl({QStringLiteral("vm"), QStringLiteral("list"), QStringLiteral("--json")})
                .out.toUtf8())
            .array();
    qint64 pid = 0;
    for (const auto& v : show)
        if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("k9"))
            pid = v.toObject().value(QStringLiteral("pid")).toInteger();
    QVERIFY(pid > 0);
    ::kill(static_cast<pid_t>(pid), SIGKILL);
    QTRY_VERIFY(::kill(static_cast<pid_t>(pid), 0) != 0);
    QString state, detail;
    QTRY_VERIFY_WITH_TIMEOUT(
        ([&] {
            for (const auto& v :
                 QJsonDocument::fromJson(vireoctl({QStringLiteral("vm"), QStringLiteral("list"),
                                                   QStringLiteral("--json")})
                                             .out.toUtf8())
                     .array())
                if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("k9")) {
                    state = v.toObject().value(QStringLiteral("state")).toString();
                    detail = v.toObject().value(QStringLiteral("detail")).toString();
                }
            return state == QLatin1String("crashed");
        }()),
        5000);
    QVERIFY2(detail.contains(QStringLiteral("signal 9")), qPrintable(detail));
    // The next start works and the library is intact.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("k9")}).code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("k9")}).code,
             0);
    // An acknowledged crash (kill on a crashed VM) is simply off.
    auto after = vireoctl({QStringLiteral("vm"), QStringLiteral("show"), QStringLiteral("k9")});
    QCOMPARE(QJsonDocument::fromJson(after.out.toUtf8())
                 .object()
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("shutoff"));
}

void TestCli::vireoctlKilledMidStartLeavesLibraryReadable() {
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("mid"),
                       QStringLiteral("--memory"), QStringLiteral("64M"), QStringLiteral("--nic"),
                       QStringLiteral("none")})
                 .code,
             0);
    // Kill vireoctl at several points of a start; afterwards list must tell the truth
    // and a following start or kill must work.
    for (int delayMs : {5, 40, 80, 150, 300}) {
        QProcess p;
        p.start(QStringLiteral(VIREOCTL_PATH),
                {QStringLiteral("--library"), m_lib, QStringLiteral("vm"), QStringLiteral("start"),
                 QStringLiteral("mid")});
        QVERIFY(p.waitForStarted());
        QTest::qWait(delayMs);
        p.kill();
        p.waitForFinished();
        const auto list =
            vireoctl({QStringLiteral("vm"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(list.code, 0);
        QString state;
        for (const auto& v : QJsonDocument::fromJson(list.out.toUtf8()).array())
            if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("mid"))
                state = v.toObject().value(QStringLiteral("state")).toString();
        QVERIFY2(state == QLatin1String("running") || state == QLatin1String("shutoff") ||
                     state == QLatin1String("crashed"),
                 qPrintable(state));
        if (state == QLatin1String("running") || state == QLatin1String("crashed")) {
            const auto kill =
                vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("mid")});
            QVERIFY2(kill.code == 0, qPrintable(kill.err));
        }
        const auto start =
            vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("mid")});
        QVERIFY2(start.code == 0,
                 qPrintable(QStringLiteral("after a kill at %1 ms, list said %2, start: %3")
                                .arg(delayMs)
                                .arg(state, start.err)));
        const auto kill =
            vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("mid")});
        QVERIFY2(kill.code == 0, qPrintable(kill.err));
    }
}

void TestCli::corruptVmIsListedNotFatal() {
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("broken")}).code,
        0);
    QFile f(m_lib + QStringLiteral("/broken/vm.json"));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{ not json");
    f.close();
    const auto list =
        vireoctl({QStringLiteral("vm"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(list.code, 0);
    QVERIFY(list.err.contains(QStringLiteral("broken/vm.json")));
    bool seen = false;
    for (const auto& v : QJsonDocument::fromJson(list.out.toUtf8()).array())
        seen |= v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("broken") &&
                v.toObject().value(QStringLiteral("state")).toString() == QLatin1String("error");
    QVERIFY(seen);
    auto start =
        vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("broken")});
    QCOMPARE(start.code, 1);
    QVERIFY(start.err.contains(QStringLiteral("not valid JSON")));
    QFile again(m_lib + QStringLiteral("/broken/vm.json"));
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), QByteArray("{ not json"));
    QDir(m_lib + QStringLiteral("/broken")).removeRecursively();
}

void TestCli::everyDeviceKindStartsInRealQemu() {
    // The golden argv files pin the builder's output; this proves QEMU accepts it: UEFI
    // with Secure Boot variables, VNC on a unix socket, shared memory, every disk bus.
    const QString d = m_dir.filePath(QStringLiteral("buses"));
    QDir().mkpath(d);
    QStringList args{QStringLiteral("vm"),       QStringLiteral("create"),
                     QStringLiteral("every"),    QStringLiteral("--firmware"),
                     QStringLiteral("uefi"),     QStringLiteral("--display"),
                     QStringLiteral("vnc"),      QStringLiteral("--shared-memory"),
                     QStringLiteral("--memory"), QStringLiteral("256M"),
                     QStringLiteral("--cpus"),   QStringLiteral("2"),
                     QStringLiteral("--nic"),    QStringLiteral("user,model=e1000e")};
    for (const QString& bus : {QStringLiteral("virtio"), QStringLiteral("sata"),
                               QStringLiteral("nvme"), QStringLiteral("scsi")}) {
        const QString disk = d + QLatin1Char('/') + bus + QStringLiteral(".qcow2");
        QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"), disk,
                           QStringLiteral("--size"), QStringLiteral("16M")})
                     .code,
                 0);
        args << QStringLiteral("--disk") << disk + QStringLiteral(",bus=") + bus;
    }
    QFile iso(d + QStringLiteral("/empty.iso"));
    QVERIFY(iso.open(QIODevice::WriteOnly));
    iso.resize(1 << 20);
    iso.close();
    args << QStringLiteral("--cdrom") << iso.fileName();
    QCOMPARE(vireoctl(args).code, 0);
    // qcow2, so snapshots capture the UEFI variables with the disks.
    QVERIFY(QFile::exists(m_lib + QStringLiteral("/every/OVMF_VARS.qcow2")));
    const auto start =
        vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("every")});
    QVERIFY2(start.code == 0, qPrintable(start.err));
    const auto display =
        QJsonDocument::fromJson(
            vireoctl({QStringLiteral("display"), QStringLiteral("every"), QStringLiteral("--json")})
                .out.toUtf8())
            .object();
    QVERIFY(QFileInfo(display.value(QStringLiteral("socket")).toString()).exists());
    QVERIFY(
        display.value(QStringLiteral("uri")).toString().startsWith(QStringLiteral("vnc+unix://")));
    QCOMPARE(QJsonDocument::fromJson(
                 vireoctl({QStringLiteral("vm"), QStringLiteral("show"), QStringLiteral("every")})
                     .out.toUtf8())
                 .object()
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("running"));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("every")}).code,
             0);
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("headless")}).code,
        0);
    auto noDisplay = vireoctl({QStringLiteral("display"), QStringLiteral("headless")});
    QCOMPARE(noDisplay.code, 1);
    QVERIFY(noDisplay.err.contains(QStringLiteral("--display vnc")));
}

void TestCli::fullCloneAndColdAttach() {
    const QString d = m_dir.filePath(QStringLiteral("fullclone"));
    QDir().mkpath(d);
    const QString disk = d + QStringLiteral("/src.qcow2");
    const QString extra = d + QStringLiteral("/extra.raw");
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("create"), disk,
                       QStringLiteral("--size"), QStringLiteral("32M")})
                 .code,
             0);
    QCOMPARE(
        vireoctl({QStringLiteral("disk"), QStringLiteral("create"), extra, QStringLiteral("--size"),
                  QStringLiteral("8M"), QStringLiteral("--format"), QStringLiteral("raw")})
            .code,
        0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("fsrc"),
                       QStringLiteral("--disk"), disk})
                 .code,
             0);
    // Attach and detach on a shut-off VM only edit the definition.
    QCOMPARE(vireoctl({QStringLiteral("disk"), QStringLiteral("attach"), QStringLiteral("fsrc"),
                       extra, QStringLiteral("--bus"), QStringLiteral("sata")})
                 .code,
             0);
    auto show = [&](const QString& vm) {
        return QJsonDocument::fromJson(
                   vireoctl({QStringLiteral("vm"), QStringLiteral("show"), vm}).out.toUtf8())
            .object();
    };
    QCOMPARE(show(QStringLiteral("fsrc")).value(QStringLiteral("disks")).toArray().size(), 2);
    QCOMPARE(show(QStringLiteral("fsrc"))
                 .value(QStringLiteral("disks"))
                 .toArray()[1]
                 .toObject()
                 .value(QStringLiteral("bus"))
                 .toString(),
             QStringLiteral("sata"));
    auto twice =
        vireoctl({QStringLiteral("disk"), QStringLiteral("attach"), QStringLiteral("fsrc"), extra});
    QCOMPARE(twice.code, 1);
    QVERIFY(twice.err.contains(QStringLiteral("already attached")));
    QCOMPARE(
        vireoctl({QStringLiteral("disk"), QStringLiteral("detach"), QStringLiteral("fsrc"), extra})
            .code,
        0);
    QCOMPARE(show(QStringLiteral("fsrc")).value(QStringLiteral("disks")).toArray().size(), 1);
    QVERIFY(QFile::exists(extra)); // detach keeps the file

    // Full clone: own disk copy without a backing file, new identity.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("clone"), QStringLiteral("fsrc"),
                       QStringLiteral("fdst")})
                 .code,
             0);
    const auto src = show(QStringLiteral("fsrc")), dst = show(QStringLiteral("fdst"));
    QVERIFY(src.value(QStringLiteral("uuid")) != dst.value(QStringLiteral("uuid")));
    QVERIFY(
        src.value(QStringLiteral("nics")).toArray()[0].toObject().value(QStringLiteral("mac")) !=
        dst.value(QStringLiteral("nics")).toArray()[0].toObject().value(QStringLiteral("mac")));
    const QString copy = dst.value(QStringLiteral("disks"))
                             .toArray()[0]
                             .toObject()
                             .value(QStringLiteral("path"))
                             .toString();
    QVERIFY(copy.startsWith(m_lib + QStringLiteral("/fdst/")));
    const auto info =
        QJsonDocument::fromJson(vireoctl({QStringLiteral("disk"), QStringLiteral("info"), copy,
                                          QStringLiteral("--json")})
                                    .out.toUtf8())
            .object();
    QCOMPARE(info.value(QStringLiteral("backingChain")).toArray().size(), 0);
    QCOMPARE(info.value(QStringLiteral("virtualSize")).toInteger(), qint64(32) << 20);
    QCOMPARE(src.value(QStringLiteral("disks"))
                 .toArray()[0]
                 .toObject()
                 .value(QStringLiteral("path"))
                 .toString(),
             disk);
    // Deleting the clone leaves the source's disk alone.
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("fdst")}).code, 0);
    QVERIFY(QFile::exists(disk));
    auto again = vireoctl({QStringLiteral("vm"), QStringLiteral("clone"), QStringLiteral("fsrc"),
                           QStringLiteral("fsrc")});
    QCOMPARE(again.code, 1);
    QVERIFY(again.err.contains(QStringLiteral("already exists")));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
