#include "PerformanceTab.h"

#include "HistoryChart.h"
#include "network/VirtualNetworks.h"

#include <QLabel>
#include <QVBoxLayout>

namespace vireo {

PerformanceTab::PerformanceTab(JobRunner* jobs, QWidget* parent) : VmTab(jobs, parent) {
    m_cpu = new HistoryChart(tr("CPU"), tr("%"), this);
    m_memory = new HistoryChart(tr("Memory (resident)"), tr("MiB"), this);
    m_disk = new HistoryChart(tr("Disk read / write"), tr("KiB/s"), this);
    m_network = new HistoryChart(tr("Network received / sent"), tr("KiB/s"), this);
    m_status = new QLabel(this);
    auto* layout = new QVBoxLayout(this);
    for (auto* chart : {m_cpu, m_memory, m_disk, m_network})
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
    m_taps.clear();
    if (row)
        for (int i = 0; i < row->spec.nics.size(); ++i)
            if (row->spec.nics[i].network != QLatin1String("user"))
                m_taps << VirtualNetworks::tapNameOf(row->spec, i);
    m_network->setToolTip(m_taps.isEmpty() ? tr("Per-VM NAT traffic stays inside QEMU and is not "
                                                "measured; NICs on named networks are.")
                                           : QString());
    for (auto* chart : {m_cpu, m_memory, m_disk, m_network})
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
        const InterfaceBytes net = readTapBytes(m_taps);
        const double seconds = std::max(0.001, (now->atMs - m_last->atMs) / 1000.0);
        if (net.interfaces > 0 && m_lastNet.interfaces == net.interfaces)
            m_network->append(
                std::max(0.0, (net.guestReceived - m_lastNet.guestReceived) / seconds / 1024.0),
                std::max(0.0, (net.guestSent - m_lastNet.guestSent) / seconds / 1024.0));
        m_lastNet = net;
    } else {
        m_lastNet = readTapBytes(m_taps);
    }
    m_last = *now;
}

} // namespace vireo
