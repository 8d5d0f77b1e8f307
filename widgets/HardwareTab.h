#pragma once

#include "VmTab.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace vireo {

// The VM's hardware. Everything here is part of the definition QEMU is started with, so
// it is editable while the VM is shut off and disabled (with a tooltip saying why) while
// it runs.
class HardwareTab : public VmTab {
    Q_OBJECT
public:
    explicit HardwareTab(JobRunner* jobs, QWidget* parent = nullptr);
    void setVm(const VmRow* row) override;

    // Disks can change while the VM runs (virtio hot-plug); everything else needs it off.
    void addDisk(const QString& path);
    // The CD drive's medium, live in a running VM (empty ejects).
    void changeCdrom(const QString& iso);
    void removeSelectedDisk();
    // network: "user" (per-VM NAT) or a named network.
    void addNic(const QString& network);
    void removeSelectedNic();
    // Moves the selected card to the chosen network; a running VM keeps the card (its link
    // goes down and up) when both are kernel networks of one MTU.
    void moveSelectedNic(const QString& network);
    // Shared folders (virtiofs) can change while the VM runs (hot-plug), like disks.
    void addShare(const QString& hostDir, const QString& tag, bool readOnly);
    void removeSelectedShare();
    // The performance preset ("low-latency", "throughput", "none"), applied with Apply.
    void choosePreset(const QString& preset);

private:
    void load(const VmSpec& spec);
    void apply();
    bool modified() const;
    QString chosenPreset() const;
    void showPerformance(const VmSpec& spec);

    std::optional<VmRow> m_row;
    QSpinBox* m_cpus;
    QSpinBox* m_memory;
    QComboBox* m_firmware;
    QComboBox* m_display;
    QCheckBox* m_clipboard;
    QLineEdit* m_cdrom;
    QLineEdit* m_bootOrder;
    QListWidget* m_disks;
    QListWidget* m_nics;
    QPushButton* m_changeCd;
    QPushButton* m_addDisk;
    QPushButton* m_removeDisk;
    QComboBox* m_nicNetwork;
    QPushButton* m_addNic;
    QPushButton* m_removeNic;
    QPushButton* m_moveNic;
    QListWidget* m_shares;
    QPushButton* m_addShare;
    QPushButton* m_removeShare;
    QCheckBox* m_shareReadOnly;
    QLabel* m_shareHint;
    QComboBox* m_preset;
    QLabel* m_perfSummary;
    QLabel* m_runningNote;
    QPushButton* m_apply;
    QPushButton* m_revert;
    QList<QWidget*> m_editors;
};

} // namespace vireo
