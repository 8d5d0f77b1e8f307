#include "vm/HostTopology.h"

#include "passthrough/HostRoot.h"

#include <QRegularExpression>
#include <algorithm>

namespace vireo {

QVector<int> parseCpuList(const QString& text) {
    QVector<int> out;
    for (const auto& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList range = part.trimmed().split(QLatin1Char('-'));
        bool ok1 = false, ok2 = true;
        const int from = range.value(0).toInt(&ok1);
        const int to = range.size() > 1 ? range.value(1).toInt(&ok2) : from;
        if (!ok1 || !ok2 || to < from || to - from > 4096) continue;
        for (int c = from; c <= to; ++c)
            out.append(c);
    }
    return out;
}

HostTopology HostTopology::read(const HostRoot& root) {
    HostTopology t;
    static const QRegularExpression cpuRe(QStringLiteral("^cpu(\\d+)$"));
    const QString base = QStringLiteral("sys/devices/system/cpu/");
    for (const auto& name : root.list(base)) {
        const auto m = cpuRe.match(name);
        if (!m.hasMatch()) continue;
        const QString topo = base + name + QStringLiteral("/topology/");
        if (!root.exists(topo)) continue; // offline CPUs have no topology
        HostCpu cpu;
        cpu.id = m.captured(1).toInt();
        cpu.core = root.readText(topo + QStringLiteral("core_id")).toInt();
        cpu.package = root.readText(topo + QStringLiteral("physical_package_id")).toInt();
        cpu.siblings = parseCpuList(root.readText(topo + QStringLiteral("thread_siblings_list")));
        t.cpus.append(cpu);
    }
    std::sort(t.cpus.begin(), t.cpus.end(),
              [](const HostCpu& a, const HostCpu& b) { return a.id < b.id; });
    static const QRegularExpression nodeRe(QStringLiteral("^node(\\d+)$"));
    int nodes = 0;
    for (const auto& name : root.list(QStringLiteral("sys/devices/system/node/"))) {
        const auto m = nodeRe.match(name);
        if (!m.hasMatch()) continue;
        ++nodes;
        for (int id : parseCpuList(root.readText(QStringLiteral("sys/devices/system/node/") + name +
                                                 QStringLiteral("/cpulist"))))
            for (auto& c : t.cpus)
                if (c.id == id) c.node = m.captured(1).toInt();
    }
    t.nodes = qMax(1, nodes);
    const QString cache = base + QStringLiteral("cpu0/cache/");
    for (const auto& index : root.list(cache)) {
        if (!index.startsWith(QLatin1String("index"))) continue;
        const QString p = cache + index + QLatin1Char('/');
        t.caches.append({root.readText(p + QStringLiteral("level")).toInt(),
                         root.readText(p + QStringLiteral("type")),
                         root.readText(p + QStringLiteral("size")),
                         parseCpuList(root.readText(p + QStringLiteral("shared_cpu_list")))});
    }
    const QString hp = QStringLiteral("sys/kernel/mm/hugepages/");
    for (const auto& pool : root.list(hp)) {
        static const QRegularExpression re(QStringLiteral("^hugepages-(\\d+)kB$"));
        const auto m = re.match(pool);
        if (!m.hasMatch()) continue;
        t.hugepages.append({m.captured(1).toInt(),
                            root.readText(hp + pool + QStringLiteral("/nr_hugepages")).toInt(),
                            root.readText(hp + pool + QStringLiteral("/free_hugepages")).toInt()});
    }
    return t;
}

QVector<int> HostTopology::firstThreadOfEachCore() const {
    QVector<int> out;
    for (const auto& c : cpus)
        if (c.siblings.isEmpty() || c.siblings.first() == c.id) out.append(c.id);
    return out;
}

Status checkHugepages(const VmSpec& spec, const HostTopology& host) {
    const int size = spec.perf.hugepageKiB;
    if (size == 0) return {};
    const auto need = static_cast<int>(spec.memoryMiB * 1024 / std::uint64_t(size));
    int free = 0, total = 0;
    bool pool = false;
    for (const auto& h : host.hugepages)
        if (h.sizeKiB == size) {
            free = h.free;
            total = h.total;
            pool = true;
        }
    const QString sizeName = size == 2048 ? QStringLiteral("2 MiB") : QStringLiteral("1 GiB");
    if (!pool)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("VM '%1' wants %2 hugepages, which this host's kernel "
                                        "does not offer")
                             .arg(spec.name, sizeName),
                         QStringLiteral("use 'vireoctl vm edit %1 --hugepages 2M' or --hugepages "
                                        "off")
                             .arg(spec.name));
    if (free < need)
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("VM '%1' needs %2 free %3 hugepages for its %4 MiB; the host has %5")
                .arg(spec.name)
                .arg(need)
                .arg(sizeName)
                .arg(spec.memoryMiB)
                .arg(free),
            QStringLiteral("as root: echo %1 > /sys/kernel/mm/hugepages/hugepages-%2kB/"
                           "nr_hugepages, or 'vireoctl vm edit %3 --hugepages off'")
                .arg(total + need - free)
                .arg(size)
                .arg(spec.name));
    return {};
}

bool parsePerformancePreset(const QString& name, PerformancePreset* out) {
    if (name == QLatin1String("low-latency") || name == QLatin1String("gaming"))
        *out = PerformancePreset::LowLatency;
    else if (name == QLatin1String("throughput") || name == QLatin1String("server"))
        *out = PerformancePreset::Throughput;
    else if (name == QLatin1String("none"))
        *out = PerformancePreset::None;
    else
        return false;
    return true;
}

QStringList applyPerformancePreset(VmSpec& spec, PerformancePreset preset,
                                   const HostTopology& host) {
    QStringList why;
    PerformanceSpec& p = spec.perf;
    p = PerformanceSpec{};
    if (preset == PerformancePreset::None) {
        why << QStringLiteral("all performance settings back to QEMU's defaults");
        return why;
    }
    const int vcpus = spec.cpu.count();
    const QVector<int> cores = host.firstThreadOfEachCore();
    if (preset == PerformancePreset::LowLatency) {
        p.preset = QStringLiteral("low-latency");
        // The first core stays for the host and QEMU's own threads; vCPUs get whole cores.
        if (cores.size() > vcpus) {
            p.emulatorPins = {cores.first()};
            p.vcpuPins = cores.mid(1, vcpus);
            why << QStringLiteral("vCPUs pinned one per physical core (%1): no migration "
                                  "between cores, warm caches")
                       .arg([&] {
                           QStringList l;
                           for (int c : p.vcpuPins)
                               l << QString::number(c);
                           return l.join(QLatin1Char(','));
                       }());
            why << QStringLiteral("QEMU's own and I/O threads pinned to CPU %1: they never "
                                  "preempt a vCPU")
                       .arg(cores.first());
        } else {
            why << QStringLiteral("no pinning: the host has %1 core(s) for %2 vCPU(s) and "
                                  "needs one for itself")
                       .arg(cores.size())
                       .arg(vcpus);
        }
        if (spec.memoryMiB % 2 == 0) {
            p.hugepageKiB = 2048;
            why << QStringLiteral("guest RAM on 2 MiB hugepages: fewer TLB misses, memory "
                                  "reserved up front");
        }
        p.ioThreads = 1;
        why << QStringLiteral("one I/O thread for the disks: disk completions leave the "
                              "vCPU threads alone");
        return why;
    }
    p.preset = QStringLiteral("throughput");
    p.ioThreads = qBound(1, vcpus / 2, 4);
    p.queues = qBound(1, vcpus, 8);
    why << QStringLiteral("%1 I/O thread(s), disks spread over them: parallel disk work")
               .arg(p.ioThreads);
    why << QStringLiteral("%1 queue(s) per virtio disk and virtio NIC on a named network: "
                          "every vCPU submits I/O without a shared lock")
               .arg(p.queues);
    why << QStringLiteral("no pinning: the host scheduler balances a throughput load best");
    return why;
}

} // namespace vireo
