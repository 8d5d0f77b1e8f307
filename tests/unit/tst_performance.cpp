// Host topology from sysfs trees and the performance presets built on it: pinning picks
// whole cores (never two hyper-threads of one core), hugepage checks name the fix.
#include "passthrough/HostRoot.h"
#include "spec/VmSpecValidation.h"
#include "vm/HostTopology.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace vireo;

namespace {

void put(const QString& root, const QString& path, const QByteArray& text) {
    const QString full = root + QLatin1Char('/') + path;
    QDir().mkpath(QFileInfo(full).path());
    QFile f(full);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text + '\n');
}

// A 4-core, 8-thread desktop: CPU n and n+4 share core n (Intel's numbering).
void writeDesktop(const QString& root) {
    for (int cpu = 0; cpu < 8; ++cpu) {
        const QString t = QStringLiteral("sys/devices/system/cpu/cpu%1/topology/").arg(cpu);
        put(root, t + QStringLiteral("core_id"), QByteArray::number(cpu % 4));
        put(root, t + QStringLiteral("physical_package_id"), "0");
        put(root, t + QStringLiteral("thread_siblings_list"),
            QStringLiteral("%1,%2").arg(cpu % 4).arg(cpu % 4 + 4).toLatin1());
    }
    put(root, QStringLiteral("sys/devices/system/node/node0/cpulist"), "0-7");
    put(root, QStringLiteral("sys/devices/system/cpu/cpu0/cache/index0/level"), "1");
    put(root, QStringLiteral("sys/devices/system/cpu/cpu0/cache/index0/type"), "Data");
    put(root, QStringLiteral("sys/devices/system/cpu/cpu0/cache/index0/size"), "48K");
    put(root, QStringLiteral("sys/devices/system/cpu/cpu0/cache/index0/shared_cpu_list"), "0,4");
    put(root, QStringLiteral("sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages"), "512");
    put(root, QStringLiteral("sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages"), "300");
    put(root, QStringLiteral("sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages"), "0");
    put(root, QStringLiteral("sys/kernel/mm/hugepages/hugepages-1048576kB/free_hugepages"), "0");
}

} // namespace

class TestPerformance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cpuLists() {
        QCOMPARE(parseCpuList(QStringLiteral("0-3,8,10-11")),
                 (QVector<int>{0, 1, 2, 3, 8, 10, 11}));
        QCOMPARE(parseCpuList(QStringLiteral("")), QVector<int>{});
        QCOMPARE(parseCpuList(QStringLiteral("5-2,x")), QVector<int>{});
    }

    void topologyOfAHyperThreadedDesktop() {
        QTemporaryDir dir;
        writeDesktop(dir.path());
        auto root = HostRoot::open(dir.path());
        QVERIFY(root.ok());
        const HostTopology t = HostTopology::read(*root);
        QCOMPARE(t.cpus.size(), 8);
        QCOMPARE(t.firstThreadOfEachCore(), (QVector<int>{0, 1, 2, 3}));
        QCOMPARE(t.cpus[5].siblings, (QVector<int>{1, 5}));
        QCOMPARE(t.caches.size(), 1);
        QCOMPARE(t.caches[0].size, QStringLiteral("48K"));
        QCOMPARE(t.hugepages.size(), 2);
    }

    void lowLatencyPinsWholeCoresAndKeepsOneForTheHost() {
        QTemporaryDir dir;
        writeDesktop(dir.path());
        const HostTopology t = HostTopology::read(*HostRoot::open(dir.path()));
        VmSpec spec;
        spec.name = QStringLiteral("game");
        spec.cpu = {1, 3, 1};
        spec.memoryMiB = 512;
        const QStringList why = applyPerformancePreset(spec, PerformancePreset::LowLatency, t);
        QCOMPARE(spec.perf.vcpuPins, (QVector<int>{1, 2, 3})); // never 4-7: siblings of 0-3
        QCOMPARE(spec.perf.emulatorPins, QVector<int>{0});
        QCOMPARE(spec.perf.hugepageKiB, 2048);
        QCOMPARE(spec.perf.preset, QStringLiteral("low-latency"));
        QCOMPARE(why.size(), 4); // one line per change
        QVERIFY(validateVmSpec(spec).ok());
        QVERIFY(checkHugepages(spec, t).ok()); // 256 pages needed, 300 free
        // Too many vCPUs to give each a core: no pinning, and it says why.
        spec.cpu = {1, 4, 1};
        const QStringList why4 = applyPerformancePreset(spec, PerformancePreset::LowLatency, t);
        QVERIFY(spec.perf.vcpuPins.isEmpty());
        QVERIFY(why4.first().startsWith(QStringLiteral("no pinning")));
    }

    void throughputAndNone() {
        QTemporaryDir dir;
        writeDesktop(dir.path());
        const HostTopology t = HostTopology::read(*HostRoot::open(dir.path()));
        VmSpec spec;
        spec.name = QStringLiteral("db");
        spec.cpu = {1, 8, 1};
        applyPerformancePreset(spec, PerformancePreset::Throughput, t);
        QCOMPARE(spec.perf.ioThreads, 4);
        QCOMPARE(spec.perf.queues, 8);
        QVERIFY(spec.perf.vcpuPins.isEmpty());
        applyPerformancePreset(spec, PerformancePreset::None, t);
        QVERIFY(spec.perf.isDefault());
    }

    void hugepageShortageNamesTheFix() {
        QTemporaryDir dir;
        writeDesktop(dir.path());
        const HostTopology t = HostTopology::read(*HostRoot::open(dir.path()));
        VmSpec spec;
        spec.name = QStringLiteral("big");
        spec.memoryMiB = 1024; // 512 pages, 300 free
        spec.perf.hugepageKiB = 2048;
        const Status s = checkHugepages(spec, t);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().line(),
                 QStringLiteral("VM 'big' needs 512 free 2 MiB hugepages for its 1024 MiB; the "
                                "host has 300; as root: echo 724 > "
                                "/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages, or "
                                "'vireoctl vm edit big --hugepages off'"));
        spec.perf.hugepageKiB = 1048576;
        QVERIFY(!checkHugepages(spec, t).ok());
    }
};

QTEST_GUILESS_MAIN(TestPerformance)
#include "tst_performance.moc"
