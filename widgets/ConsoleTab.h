#pragma once

#include "VmTab.h"

class QLabel;
class QPushButton;

namespace vireo {

class DetachableArea;
class TerminalWidget;

// The VM's serial console: a terminal attached to QEMU's serial socket while the VM runs
// (re-attached when it starts again).
class ConsoleTab : public VmTab {
    Q_OBJECT
public:
    explicit ConsoleTab(JobRunner* jobs, QWidget* parent = nullptr);
    void setVm(const VmRow* row) override;
    TerminalWidget* terminal() const { return m_terminal; }
    DetachableArea* area() const { return m_area; }

private:
    void attach();

    std::optional<VmRow> m_row;
    TerminalWidget* m_terminal;
    DetachableArea* m_area;
    QLabel* m_status;
    QPushButton* m_reconnect;
};

} // namespace vireo
