#pragma once

#include "VmTab.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace vireo {

// A VM's backups: the schedule (folder, every N hours, points kept), Back Up Now, and the
// folder's chain of points with their type, size and state; restore a point as a new VM,
// verify the chain.
class BackupsTab : public VmTab {
    Q_OBJECT
public:
    explicit BackupsTab(JobRunner* jobs, QWidget* parent = nullptr);
    void setVm(const VmRow* row) override;
    // Re-reads the folder's chain (off the UI thread).
    void reload();
    QTreeWidget* points() const { return m_points; }
    // Restores the selected point as `newName` (the Restore button asks for the name).
    void restoreSelected(const QString& newName);

Q_SIGNALS:
    void reloaded();
    void verified(const QString& summary);

private:
    void saveSchedule();
    void backUpNow();
    void verify();
    void updateButtons();
    QString folder() const;

    std::optional<VmRow> m_row;
    QLineEdit* m_folder;
    QSpinBox* m_every;
    QSpinBox* m_keep;
    QPushButton* m_save;
    QPushButton* m_backUp;
    QPushButton* m_restore;
    QPushButton* m_verify;
    QTreeWidget* m_points;
    QLabel* m_status;
    int m_generation = 0;
};

} // namespace vireo
