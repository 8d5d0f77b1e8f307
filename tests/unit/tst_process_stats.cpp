// What the app's Performance tab and Activity column read: a process's CPU, memory and
// I/O counters from procfs, its start time, and a VM's tap counters from sysfs -- on
// captured entries with exact numbers, and on a real QEMU.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "CliTestSupport.h"
#include "network/InterfaceStats.h"
#include "vm/ProcessStats.h"

#include <unistd.h>

class TestProcessStats : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void countersFromProcfsAndSysfs();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
    QString m_lib;
};

void TestProcessStats::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_lib = path(QStringLiteral("lib"));
    QDir().mkpath(path(QStringLiteral("run")));
    qputenv("XDG_RUNTIME_DIR", path(QStringLiteral("run")).toUtf8());
    qputenv("XDG_CACHE_HOME", path(QStringLiteral("cache")).toUtf8());
}

void TestProcessStats::cleanupTestCase() {
    clitest::vireoctl(m_lib,
                      {QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("stats")});
    const QStringList orphans = clitest::killOrphansOf(m_lib);
    QVERIFY2(orphans.isEmpty(), qPrintable(QStringLiteral("orphaned QEMU: ") + orphans.join(' ')));
}

void TestProcessStats::countersFromProcfsAndSysfs() {
    // A captured procfs entry: exact numbers, and a command name with spaces and ')'.
    const QString proc = path(QStringLiteral("proc"));
    QDir().mkpath(proc + QStringLiteral("/4242"));
    auto write = [&](const QString& name, const QByteArray& text) {
        QFile f(proc + QStringLiteral("/4242/") + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    };
    write(QStringLiteral("stat"), "4242 (qemu (vm) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 "
                                  "250 50 0 0 20 0 3 0 100 1000 500\n");
    write(QStringLiteral("status"), "Name:\tqemu\nVmRSS:\t    2048 kB\nThreads:\t3\n");
    write(QStringLiteral("io"), "rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 4096\n"
                                "write_bytes: 8192\ncancelled_write_bytes: 99\n");
    auto s = vireo::sampleProcess(4242, proc);
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QCOMPARE(s->cpuNs, 300 * 1000000000LL / ::sysconf(_SC_CLK_TCK));
    QCOMPARE(s->rssBytes, 2048LL * 1024);
    QCOMPARE(s->readBytes, 4096LL);
    QCOMPARE(s->writeBytes, 8192LL);
    vireo::ProcessSample later = *s;
    later.atMs += 2000;
    later.cpuNs += 1000000000LL; // one CPU-second in two seconds
    later.writeBytes += 2048 * 1024;
    const auto r = vireo::ratesBetween(*s, later);
    QCOMPARE(r.cpuPercent, 50.0);
    QCOMPARE(r.writeBytesPerSec, 1024.0 * 1024);
    QCOMPARE(r.readBytesPerSec, 0.0);
    QVERIFY(!vireo::sampleProcess(4243, proc));
    // A VM's tap as sysfs shows it: rx is what the guest sent.
    const QString sys = path(QStringLiteral("sys"));
    QDir().mkpath(sys + QStringLiteral("/class/net/vitp1/statistics"));
    auto counter = [&](const QString& name, const QByteArray& value) {
        QFile f(sys + QStringLiteral("/class/net/vitp1/statistics/") + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(value);
    };
    counter(QStringLiteral("rx_bytes"), "1500\n");
    counter(QStringLiteral("tx_bytes"), "9000\n");
    const auto taps = vireo::readTapBytes({QStringLiteral("vitp1"), QStringLiteral("gone")}, sys);
    QCOMPARE(taps.interfaces, 1);
    QCOMPARE(taps.guestSent, 1500);
    QCOMPARE(taps.guestReceived, 9000);
    QCOMPARE(vireo::readTapBytes({QStringLiteral("lo")}).interfaces, 1); // the real sysfs
    // Started 100 ticks after boot; the system has been up 1000.5 s.
    QFile uptime(proc + QStringLiteral("/uptime"));
    QVERIFY(uptime.open(QIODevice::WriteOnly));
    uptime.write("1000.50 1900.00\n");
    uptime.close();
    auto up = vireo::processUptimeSeconds(4242, proc);
    QVERIFY(up);
    QCOMPARE(*up, qint64(1000.5 - 100.0 / double(::sysconf(_SC_CLK_TCK))));
    // The start time is exact (boot time + start ticks), so it never drifts between scans.
    QFile procStat(proc + QStringLiteral("/stat"));
    QVERIFY(procStat.open(QIODevice::WriteOnly));
    procStat.write("cpu  1 2 3 4\nbtime 1700000000\nprocesses 9\n");
    procStat.close();
    auto startedAt = vireo::processStartTime(4242, proc);
    QVERIFY(startedAt);
    QCOMPARE(startedAt->toSecsSinceEpoch(), 1700000000 + 100 / ::sysconf(_SC_CLK_TCK));

    // A real QEMU: it has used CPU to start and holds guest memory.
    const auto created = clitest::vireoctl(
        m_lib, {QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("stats"),
                QStringLiteral("--memory"), QStringLiteral("64M"), QStringLiteral("--nic"),
                QStringLiteral("none")});
    QVERIFY2(created.code == 0, qPrintable(created.err));
    QCOMPARE(clitest::vireoctl(
                 m_lib, {QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("stats")})
                 .code,
             0);
    const auto list = clitest::vireoctl(
        m_lib, {QStringLiteral("vm"), QStringLiteral("list"), QStringLiteral("--json")});
    const pid_t qemu = pid_t(QJsonDocument::fromJson(list.out.toUtf8())
                                 .array()
                                 .first()
                                 .toObject()
                                 .value(QStringLiteral("pid"))
                                 .toInteger());
    QVERIFY(qemu > 0);
    auto first = vireo::sampleProcess(qemu);
    QVERIFY(first);
    QVERIFY(first->cpuNs > 0);
    QVERIFY2(first->rssBytes > 8 * 1024 * 1024, qPrintable(QString::number(first->rssBytes)));
    QTest::qWait(300);
    auto second = vireo::sampleProcess(qemu);
    QVERIFY(second);
    QVERIFY(second->cpuNs >= first->cpuNs);
    QVERIFY(second->atMs >= first->atMs + 300);
    auto qemuUp = vireo::processUptimeSeconds(qemu);
    QVERIFY(qemuUp);
    QVERIFY2(*qemuUp >= 0 && *qemuUp < 60, qPrintable(QString::number(*qemuUp)));
    auto qemuStart = vireo::processStartTime(qemu);
    QVERIFY(qemuStart);
    const qint64 age = qemuStart->secsTo(QDateTime::currentDateTimeUtc());
    QVERIFY2(age >= -1 && age < 60, qPrintable(QString::number(age)));
    QCOMPARE(vireo::processStartTime(qemu)->toSecsSinceEpoch(), qemuStart->toSecsSinceEpoch());
    QCOMPARE(clitest::vireoctl(
                 m_lib, {QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("stats")})
                 .code,
             0);
    QTRY_VERIFY(!vireo::sampleProcess(qemu));
}

QTEST_GUILESS_MAIN(TestProcessStats)
#include "tst_process_stats.moc"
