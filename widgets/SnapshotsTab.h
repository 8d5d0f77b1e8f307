#pragma once

#include "VmTab.h"

class QCheckBox;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace vireo {

// The VM's snapshot tree (parent → children, the current one in bold): take a new one
// (live with memory when the VM runs), revert to one, delete one.
class SnapshotsTab : public VmTab {
    Q_OBJECT
public:
    explicit SnapshotsTab(JobRunner* jobs, QWidget* parent = nullptr);
    void setVm(const VmRow* row) override;
    // Re-reads the tree (off the UI thread).
    void reload();
    QTreeWidget* tree() const { return m_tree; }

Q_SIGNALS:
    void reloaded();

private:
    void take();
    void revert();
    void remove();
    QString selected() const;
    void updateButtons();

    std::optional<VmRow> m_row;
    QTreeWidget* m_tree;
    QLineEdit* m_newName;
    QCheckBox* m_withMemory;
    QPushButton* m_take;
    QPushButton* m_revert;
    QPushButton* m_delete;
    int m_generation = 0;
};

} // namespace vireo
