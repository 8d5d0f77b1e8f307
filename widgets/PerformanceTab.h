#pragma once

#include "VmTab.h"
#include "vm/ProcessStats.h"

#include <QTimer>

class QLabel;

namespace vireo {

class HistoryChart;

// CPU, memory and disk I/O of the VM's QEMU over the last five minutes, sampled from
// procfs once a second while the tab shows a running VM.
class PerformanceTab : public VmTab {
    Q_OBJECT
public:
    explicit PerformanceTab(JobRunner* jobs, QWidget* parent = nullptr);
    void setVm(const VmRow* row) override;
    HistoryChart* cpuChart() const { return m_cpu; }
    HistoryChart* memoryChart() const { return m_memory; }
    HistoryChart* diskChart() const { return m_disk; }

private:
    void sample();

    QString m_name;
    pid_t m_pid = 0;
    std::optional<ProcessSample> m_last;
    QTimer m_timer;
    QLabel* m_status;
    HistoryChart* m_cpu;
    HistoryChart* m_memory;
    HistoryChart* m_disk;
};

} // namespace vireo
