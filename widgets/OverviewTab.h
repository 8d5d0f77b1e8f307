#pragma once

#include "VmTab.h"

#include <QTimer>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace vireo {

// State, what the state means (crash details), identity and the VM's notes.
class OverviewTab : public VmTab {
    Q_OBJECT
public:
    explicit OverviewTab(JobRunner* jobs, QWidget* parent = nullptr);
    void setVm(const VmRow* row) override;
    static QString uptimeText(qint64 seconds);

private:
    void saveNotes();
    void showUptime();

    std::optional<VmRow> m_row;
    QLabel* m_name;
    QLabel* m_state;
    QLabel* m_detail;
    QLabel* m_uuid;
    QLabel* m_boot;
    QLabel* m_address;
    QLabel* m_uptime;
    QTimer m_uptimeTimer;
    QPlainTextEdit* m_notes;
    QPushButton* m_saveNotes;
};

} // namespace vireo
