#pragma once

#include "passthrough/HostPlan.h"
#include "passthrough/PassthroughReport.h"

#include <QWizard>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace vireo {

// Pass a host device to a VM: pick a GPU, storage controller, USB controller or network card
// (or an SR-IOV card, of which each VM gets a VF with its MAC and VLAN);
// see its IOMMU group with each member's role and every blocker with its fix; review the
// host changes (copy them as commands, or apply them, journaled); add the device to a VM.
// The same verdicts and plan as `vireoctl host passthrough / plan / apply`, from the same
// backend calls, run off the UI thread.
class PassthroughWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { DevicePageId, GroupPageId, PlanPageId, VmPageId };

    explicit PassthroughWizard(const QString& libraryRoot, QWidget* parent = nullptr);

    QComboBox* kinds() const { return m_kind; }
    QTreeWidget* devices() const { return m_devices; }
    QTreeWidget* group() const { return m_group; }
    QPlainTextEdit* planView() const { return m_planView; }
    QComboBox* vms() const { return m_vms; }
    QSpinBox* vlan() const { return m_vlan; }
    QString selectedAddress() const;
    // The plan as shell commands a user can read and paste (sudo tee ... ; update-grub ...).
    QString planCommands() const;
    // Applies the plan (the helper on the real host, the tree under VIREO_HOST_ROOT).
    void applyPlan();

Q_SIGNALS:
    void scanned();
    void planned();
    void applied(bool ok);
    void added(bool ok);

protected:
    bool validateCurrentPage() override;
    int nextId() const override;

private:
    void buildDevicePage();
    void buildGroupPage();
    void buildPlanPage();
    void buildVmPage();
    void scan();
    void fillDevices();
    void showGroup();
    void makePlan();
    const DeviceVerdict* verdictOf(const QString& address) const;
    bool sriovMode() const;
    // The VFs of `pf` its pool would hand to a VM now (pooledVfAvailable).
    QStringList freeVfs(const QString& pf) const;
    QString sriovWhy(const QString& pf) const;

    QString m_root;
    std::optional<PassthroughReport> m_report;
    std::optional<HostPlan> m_plan;
    QComboBox* m_kind = nullptr;
    QTreeWidget* m_devices = nullptr;
    QLabel* m_deviceWhy = nullptr;
    QTreeWidget* m_group = nullptr;
    QLabel* m_groupWhy = nullptr;
    QPlainTextEdit* m_planView = nullptr;
    QLabel* m_planStatus = nullptr;
    QPushButton* m_apply = nullptr;
    QComboBox* m_vms = nullptr;
    QSpinBox* m_vlan = nullptr;
    QLabel* m_vmStatus = nullptr;
};

} // namespace vireo
