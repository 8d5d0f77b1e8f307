#pragma once

#include <QTabWidget>

namespace vireo {

class ConsoleTab;
class DisplayTab;
class PerformanceTab;
class HardwareTab;
class JobRunner;
class OverviewTab;
class SnapshotsTab;
class BackupsTab;
class VmTab;
struct VmRow;

// The tabs about the selected VM: Overview, Hardware, Snapshots, Console.
class DetailsPane : public QTabWidget {
    Q_OBJECT
public:
    explicit DetailsPane(JobRunner* jobs, QWidget* parent = nullptr);
    void setVm(const VmRow* row);

    OverviewTab* overview() const { return m_overview; }
    HardwareTab* hardware() const { return m_hardware; }
    SnapshotsTab* snapshots() const { return m_snapshots; }
    BackupsTab* backups() const { return m_backups; }
    ConsoleTab* console() const { return m_console; }
    DisplayTab* display() const { return m_display; }
    PerformanceTab* performance() const { return m_performance; }

Q_SIGNALS:
    void vmModified();

private:
    OverviewTab* m_overview;
    HardwareTab* m_hardware;
    SnapshotsTab* m_snapshots;
    BackupsTab* m_backups;
    ConsoleTab* m_console;
    DisplayTab* m_display;
    PerformanceTab* m_performance;
    QList<VmTab*> m_tabs;
};

} // namespace vireo
