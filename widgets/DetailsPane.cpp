#include "DetailsPane.h"

#include "BackupsTab.h"
#include "ConsoleTab.h"
#include "DisplayTab.h"
#include "HardwareTab.h"
#include "OverviewTab.h"
#include "PerformanceTab.h"
#include "SnapshotsTab.h"

namespace vireo {

DetailsPane::DetailsPane(JobRunner* jobs, QWidget* parent) : QTabWidget(parent) {
    m_overview = new OverviewTab(jobs, this);
    m_hardware = new HardwareTab(jobs, this);
    m_snapshots = new SnapshotsTab(jobs, this);
    m_backups = new BackupsTab(jobs, this);
    m_console = new ConsoleTab(jobs, this);
    m_display = new DisplayTab(jobs, this);
    m_performance = new PerformanceTab(jobs, this);
    addTab(m_overview, tr("Overview"));
    addTab(m_hardware, tr("Hardware"));
    addTab(m_snapshots, tr("Snapshots"));
    addTab(m_backups, tr("Backups"));
    addTab(m_console, tr("Console"));
    addTab(m_display, tr("Display"));
    addTab(m_performance, tr("Performance"));
    m_tabs = {m_overview, m_hardware, m_snapshots, m_backups, m_console, m_display, m_performance};
    for (auto* tab : m_tabs)
        connect(tab, &VmTab::vmModified, this, &DetailsPane::vmModified);
}

void DetailsPane::setVm(const VmRow* row) {
    for (auto* tab : m_tabs)
        tab->setVm(row);
}

} // namespace vireo
