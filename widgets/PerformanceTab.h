#pragma once

#include "VmTab.h"
#include "network/InterfaceStats.h"
#include "vm/ProcessStats.h"

#include <QTimer>

class QLabel;

namespace vireo {

class HistoryChart;

// CPU, memory, disk and network I/O of the VM over the last five minutes, sampled once a
// second from procfs (its QEMU) and sysfs (its taps) while the tab shows a running VM.
class PerformanceTab : public VmTab {
    Q_OBJECT
public:
    explicit PerformanceTab(JobRunner* jobs, QWidget* parent = nullptr);
    void setVm(const VmRow* row) override;
    HistoryChart* cpuChart() const { return m_cpu; }
    HistoryChart* memoryChart() const { return m_memory; }
    HistoryChart* diskChart() const { return m_disk; }
    HistoryChart* networkChart() const { return m_network; }

private:
    void sample();

    QString m_name;
    pid_t m_pid = 0;
    std::optional<ProcessSample> m_last;
    QStringList m_taps; // NICs on named networks; per-VM NAT has no host interface
    InterfaceBytes m_lastNet;
    QTimer m_timer;
    QLabel* m_status;
    HistoryChart* m_cpu;
    HistoryChart* m_memory;
    HistoryChart* m_disk;
    HistoryChart* m_network;
};

} // namespace vireo
