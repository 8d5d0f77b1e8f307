#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"

#include <QString>
#include <QVector>

namespace vireo {

class HostRoot;

struct HostCpu {
    int id = 0;
    int core = 0;          // core_id within its package
    int package = 0;       // socket
    int node = 0;          // NUMA node
    QVector<int> siblings; // hyper-threads sharing the core, itself included
};

struct HostCache {
    int level = 0;
    QString type; // Data, Instruction, Unified
    QString size; // "32K", as the kernel writes it
    QVector<int> sharedBy;
};

struct HostHugepages {
    int sizeKiB = 0;
    int total = 0;
    int free = 0;
};

// The host's CPU layout as the performance settings need it: which CPUs share a core
// (never pin two vCPUs to siblings by accident), caches, NUMA nodes, hugepage pools. Read
// from sysfs under a host root, so captured trees test it.
struct HostTopology {
    QVector<HostCpu> cpus;
    QVector<HostCache> caches; // of CPU 0 (every core's caches look alike on desktop CPUs)
    int nodes = 1;
    QVector<HostHugepages> hugepages;

    static HostTopology read(const HostRoot& root);
    // One CPU per physical core, lowest first: what pinning should use.
    QVector<int> firstThreadOfEachCore() const;
};

// Parses the kernel's CPU list format ("0-3,8,10-11").
QVector<int> parseCpuList(const QString& text);

// Refuses a start that needs more free hugepages than the host has; one line with the fix.
Status checkHugepages(const VmSpec& spec, const HostTopology& host);

// The two presets: each sets the performance settings together (on this host's
// topology) and returns one line per change saying what it does and why.
enum class PerformancePreset { LowLatency, Throughput, None };
bool parsePerformancePreset(const QString& name, PerformancePreset* out);
QStringList applyPerformancePreset(VmSpec& spec, PerformancePreset preset,
                                   const HostTopology& host);

} // namespace vireo
