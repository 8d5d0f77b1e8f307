#pragma once

#include "jobs/NewVmPlan.h"

#include <QWizard>
#include <QWizardPage>
#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QStackedWidget;

namespace vireo {

// A wizard page whose Next/Finish enables when `check` says so; recheck() re-asks.
class CheckedPage : public QWizardPage {
    Q_OBJECT
public:
    explicit CheckedPage(QWidget* parent = nullptr) : QWizardPage(parent) {}
    std::function<bool()> check;
    std::function<void()> onEnter;
    bool isComplete() const override { return check ? check() : true; }
    void initializePage() override {
        if (onEnter) onEnter();
    }
    void recheck() { Q_EMIT completeChanged(); }
};

// New VM: where it boots from (ISO installer, an existing disk, a Linux kernel, a cloud
// image with cloud-init, an OVA/OVF appliance), then
// the OS preset and hardware with inline validation, then a summary. It only decides;
// plan() is carried out by executeNewVmPlan() in a job.
class NewVmWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { SourcePageId, MediaPageId, SystemPageId, SummaryPageId };

    explicit NewVmWizard(const QString& libraryRoot, QWidget* parent = nullptr);
    NewVmPlan plan() const;
    // Opens on the media page of `source` (the Import Disk action starts here).
    void startWith(NewVmSource source);
    // The problems shown on the system page, worded for the user; empty when none.
    QStringList problems() const;

private:
    QWidget* makeFileRow(QLineEdit* edit, const QString& caption, const QString& filter);
    void buildSourcePage();
    void buildMediaPage();
    void buildSystemPage();
    void buildSummaryPage();
    void applyPreset(const QString& id);
    void suggestName();
    NewVmSource source() const;

    QString m_root;
    CheckedPage* m_sourcePage = nullptr;
    CheckedPage* m_mediaPage = nullptr;
    CheckedPage* m_systemPage = nullptr;
    CheckedPage* m_summaryPage = nullptr;
    QRadioButton* m_fromIso = nullptr;
    QRadioButton* m_fromDisk = nullptr;
    QRadioButton* m_fromKernel = nullptr;
    QRadioButton* m_fromCloud = nullptr;
    QRadioButton* m_fromAppliance = nullptr;
    QLineEdit* m_cloudImage = nullptr;
    QLineEdit* m_sshKey = nullptr;
    QLineEdit* m_userData = nullptr;
    QLineEdit* m_appliance = nullptr;
    QWidget* m_diskRow = nullptr;
    QStackedWidget* m_mediaStack = nullptr;
    QLineEdit* m_iso = nullptr;
    QLabel* m_isoLabel = nullptr;
    QLineEdit* m_importDisk = nullptr;
    QCheckBox* m_convert = nullptr;
    QLineEdit* m_kernel = nullptr;
    QLineEdit* m_initrd = nullptr;
    QLineEdit* m_cmdline = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_preset = nullptr;
    QSpinBox* m_cpus = nullptr;
    QSpinBox* m_memory = nullptr;
    QCheckBox* m_newDisk = nullptr;
    QSpinBox* m_diskSize = nullptr;
    QComboBox* m_firmware = nullptr;
    QLabel* m_problems = nullptr;
    QLabel* m_summary = nullptr;
    bool m_nameEdited = false;
};

} // namespace vireo
