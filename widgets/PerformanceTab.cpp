#include "PerformanceTab.h"

#include "HistoryChart.h"

#include <QLabel>
#include <QVBoxLayout>

namespace vireo {

PerformanceTab::PerformanceTab(JobRunner* jobs, QWidget* parent) : VmTab(jobs, parent) {
    m_cpu = new HistoryChart(tr("CPU"), tr("%"), this);
    m_memory = new HistoryChart(tr("Memory (resident)"), tr("MiB"), this);
    m_disk = new HistoryChart(tr("Disk read / write"), tr("KiB/s"), this);
    m_status = new QLabel(this);
    auto* layout = new QVBoxLayout(this);
    for (auto* chart : {m_cpu, m_memory, m_disk})
        layout->addWidget(chart, 1);
    layout->addWidget(m_status);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &PerformanceTab::sample);
    setVm(nullptr);
}

void PerformanceTab::setVm(const VmRow* row) {
    const pid_t pid = row && row->status.isActive() ? row->status.pid : 0;
    const QString name = row ? row->name : QString();
    if (pid == m_pid && name == m_name) return;
    // Another VM, or a new QEMU of the same VM: its history starts over.
    m_name = name;
    m_pid = pid;
    m_last.reset();
    for (auto* chart : {m_cpu, m_memory, m_disk})
        chart->clear();
    if (m_pid > 0) {
        m_status->setText(tr("Sampling %1 every second (last five minutes).").arg(m_name));
        sample();
        m_timer.start();
    } else {
        m_timer.stop();
        m_status->setText(row ? tr("%1 is not running.").arg(m_name) : QString());
    }
}

void PerformanceTab::sample() {
    // Three small procfs reads (~50 µs): cheap enough for the UI thread once a second.
    auto now = sampleProcess(m_pid);
    if (!now) {
        m_timer.stop();
        m_status->setText(tr("%1 stopped.").arg(m_name));
        return;
    }
    if (m_last) {
        const ProcessRates r = ratesBetween(*m_last, *now);
        m_cpu->append(r.cpuPercent);
        m_memory->append(r.rssBytes / 1048576.0);
        m_disk->append(r.readBytesPerSec / 1024.0, r.writeBytesPerSec / 1024.0);
    }
    m_last = *now;
}

} // namespace vireo
