#include "NewVmWizard.h"

#include "OsPresets.h"
#include "core/Size.h"
#include "jobs/HostResources.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace vireo {

namespace {
bool isFile(const QLineEdit* edit) {
    return QFileInfo(edit->text().trimmed()).isFile();
}
} // namespace

NewVmWizard::NewVmWizard(const QString& libraryRoot, QWidget* parent)
    : QWizard(parent), m_root(libraryRoot) {
    setObjectName(QStringLiteral("newVmWizard"));
    setWindowTitle(tr("New Virtual Machine"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    buildSourcePage();
    buildMediaPage();
    buildSystemPage();
    buildSummaryPage();
    setButtonText(QWizard::FinishButton, tr("Create"));
    resize(640, 480);
}

NewVmSource NewVmWizard::source() const {
    if (m_fromDisk->isChecked()) return NewVmSource::ImportDisk;
    if (m_fromKernel->isChecked()) return NewVmSource::KernelBoot;
    if (m_fromCloud->isChecked()) return NewVmSource::CloudImage;
    if (m_fromAppliance->isChecked()) return NewVmSource::Appliance;
    return NewVmSource::Iso;
}

QWidget* NewVmWizard::makeFileRow(QLineEdit* edit, const QString& caption, const QString& filter) {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* browse = new QPushButton(tr("Browse…"), row);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, caption, filter] {
        const QString path = QFileDialog::getOpenFileName(this, caption, edit->text(), filter);
        if (!path.isEmpty()) edit->setText(path);
    });
    return row;
}

void NewVmWizard::buildSourcePage() {
    m_sourcePage = new CheckedPage(this);
    m_sourcePage->setTitle(tr("How will the VM boot?"));
    m_sourcePage->setSubTitle(tr("Choose where the operating system comes from."));
    m_fromIso = new QRadioButton(tr("Install from an ISO image"), m_sourcePage);
    m_fromIso->setObjectName(QStringLiteral("sourceIso"));
    m_fromDisk = new QRadioButton(tr("Import an existing disk (QCOW2, VMDK, VDI, VHDX or raw)"),
                                  m_sourcePage);
    m_fromDisk->setObjectName(QStringLiteral("sourceImport"));
    m_fromKernel = new QRadioButton(tr("Boot a Linux kernel directly"), m_sourcePage);
    m_fromKernel->setObjectName(QStringLiteral("sourceKernel"));
    m_fromCloud = new QRadioButton(
        tr("From a cloud image (cloud-init: your SSH key, your user data)"), m_sourcePage);
    m_fromCloud->setObjectName(QStringLiteral("sourceCloud"));
    m_fromAppliance = new QRadioButton(
        tr("Import an appliance (OVA or OVF from VirtualBox or VMware)"), m_sourcePage);
    m_fromAppliance->setObjectName(QStringLiteral("sourceAppliance"));
    m_fromIso->setChecked(true);
    auto* layout = new QVBoxLayout(m_sourcePage);
    layout->addWidget(m_fromIso);
    layout->addWidget(m_fromDisk);
    layout->addWidget(m_fromKernel);
    layout->addWidget(m_fromCloud);
    layout->addWidget(m_fromAppliance);
    layout->addStretch(1);
    setPage(SourcePageId, m_sourcePage);
}

void NewVmWizard::buildMediaPage() {
    m_mediaPage = new CheckedPage(this);
    m_mediaPage->setTitle(tr("Boot media"));
    m_mediaStack = new QStackedWidget(m_mediaPage);

    auto* isoPage = new QWidget(m_mediaStack);
    m_iso = new QLineEdit(isoPage);
    m_iso->setObjectName(QStringLiteral("isoPath"));
    m_isoLabel = new QLabel(isoPage);
    auto* isoForm = new QFormLayout(isoPage);
    isoForm->addRow(tr("ISO image:"),
                    makeFileRow(m_iso, tr("Choose an ISO image"), tr("ISO images (*.iso)")));
    isoForm->addRow(QString(), m_isoLabel);
    m_mediaStack->addWidget(isoPage);

    auto* diskPage = new QWidget(m_mediaStack);
    m_importDisk = new QLineEdit(diskPage);
    m_importDisk->setObjectName(QStringLiteral("importPath"));
    m_convert =
        new QCheckBox(tr("Copy into the VM's folder as QCOW2 (else use it in place)"), diskPage);
    m_convert->setObjectName(QStringLiteral("convertImport"));
    m_convert->setChecked(true);
    auto* diskForm = new QFormLayout(diskPage);
    diskForm->addRow(tr("Disk image:"),
                     makeFileRow(m_importDisk, tr("Choose a disk image"),
                                 tr("Disk images (*.qcow2 *.vmdk *.vdi *.vhdx *.img *.raw);;"
                                    "All files (*)")));
    diskForm->addRow(QString(), m_convert);
    m_mediaStack->addWidget(diskPage);

    auto* kernelPage = new QWidget(m_mediaStack);
    m_kernel = new QLineEdit(kernelPage);
    m_kernel->setObjectName(QStringLiteral("kernelPath"));
    m_initrd = new QLineEdit(kernelPage);
    m_initrd->setObjectName(QStringLiteral("initrdPath"));
    m_cmdline = new QLineEdit(QStringLiteral("console=ttyS0"), kernelPage);
    m_cmdline->setObjectName(QStringLiteral("kernelCmdline"));
    auto* kernelForm = new QFormLayout(kernelPage);
    kernelForm->addRow(tr("Kernel:"), makeFileRow(m_kernel, tr("Choose a kernel"), QString()));
    kernelForm->addRow(tr("Initial ramdisk:"),
                       makeFileRow(m_initrd, tr("Choose an initial ramdisk"), QString()));
    kernelForm->addRow(tr("Command line:"), m_cmdline);
    m_mediaStack->addWidget(kernelPage);

    auto* cloudPage = new QWidget(m_mediaStack);
    m_cloudImage = new QLineEdit(cloudPage);
    m_cloudImage->setObjectName(QStringLiteral("cloudImagePath"));
    m_sshKey = new QLineEdit(cloudPage);
    m_sshKey->setObjectName(QStringLiteral("sshKeyPath"));
    m_sshKey->setPlaceholderText(tr("Default: your ~/.ssh/*.pub"));
    m_userData = new QLineEdit(cloudPage);
    m_userData->setObjectName(QStringLiteral("userDataPath"));
    m_userData->setPlaceholderText(tr("Optional #cloud-config or script"));
    auto* cloudForm = new QFormLayout(cloudPage);
    cloudForm->addRow(tr("Cloud image:"),
                      makeFileRow(m_cloudImage, tr("Choose a cloud image"),
                                  tr("Disk images (*.qcow2 *.img *.raw *.vmdk);;All files (*)")));
    cloudForm->addRow(tr("SSH public key:"), makeFileRow(m_sshKey, tr("Choose an SSH public key"),
                                                         tr("Public keys (*.pub);;All files (*)")));
    cloudForm->addRow(tr("User data:"),
                      makeFileRow(m_userData, tr("Choose cloud-init user data"), QString()));
    m_mediaStack->addWidget(cloudPage);

    auto* appliancePage = new QWidget(m_mediaStack);
    m_appliance = new QLineEdit(appliancePage);
    m_appliance->setObjectName(QStringLiteral("appliancePath"));
    auto* applianceForm = new QFormLayout(appliancePage);
    applianceForm->addRow(tr("Appliance:"), makeFileRow(m_appliance, tr("Choose an appliance"),
                                                        tr("Appliances (*.ova *.ovf)")));
    applianceForm->addRow(QString(),
                          new QLabel(tr("Its vCPUs, memory, firmware, disks and network cards "
                                        "come from the appliance; devices Vireo has no "
                                        "counterpart for (sound, USB) are left out."),
                                     appliancePage));
    m_mediaStack->addWidget(appliancePage);

    auto* layout = new QVBoxLayout(m_mediaPage);
    layout->addWidget(m_mediaStack);
    layout->addStretch(1);

    m_mediaPage->onEnter = [this] {
        m_mediaStack->setCurrentIndex(int(source()));
        switch (source()) {
        case NewVmSource::Iso:
            m_mediaPage->setSubTitle(tr("The installer image the VM boots first."));
            break;
        case NewVmSource::ImportDisk:
            m_mediaPage->setSubTitle(tr("A disk with an installed system."));
            break;
        case NewVmSource::KernelBoot:
            m_mediaPage->setSubTitle(tr("QEMU loads the kernel and ramdisk itself."));
            break;
        case NewVmSource::CloudImage:
            m_mediaPage->setSubTitle(
                tr("The image is cached once; the VM gets a thin overlay and a cloud-init seed."));
            break;
        case NewVmSource::Appliance:
            m_mediaPage->setSubTitle(tr("An exported virtual machine."));
            break;
        }
    };
    m_mediaPage->check = [this] {
        switch (source()) {
        case NewVmSource::Iso:
            return isFile(m_iso);
        case NewVmSource::ImportDisk:
            return isFile(m_importDisk);
        case NewVmSource::KernelBoot:
            return isFile(m_kernel) && (m_initrd->text().trimmed().isEmpty() || isFile(m_initrd));
        case NewVmSource::CloudImage:
            return isFile(m_cloudImage) &&
                   (m_sshKey->text().trimmed().isEmpty() || isFile(m_sshKey)) &&
                   (m_userData->text().trimmed().isEmpty() || isFile(m_userData));
        case NewVmSource::Appliance:
            return isFile(m_appliance);
        }
        return false;
    };
    for (auto* edit :
         {m_iso, m_importDisk, m_kernel, m_initrd, m_cloudImage, m_sshKey, m_userData, m_appliance})
        connect(edit, &QLineEdit::textChanged, m_mediaPage, &CheckedPage::recheck);
    connect(m_iso, &QLineEdit::textChanged, this, [this] {
        const QString label = isoVolumeLabel(m_iso->text().trimmed());
        const QString preset = presetForVolumeLabel(label);
        if (label.isEmpty())
            m_isoLabel->clear();
        else if (preset.isEmpty())
            m_isoLabel->setText(tr("Volume label: %1").arg(label));
        else
            m_isoLabel->setText(
                tr("Volume label: %1 (looks like %2)").arg(label, osPreset(preset).displayName()));
    });
    setPage(MediaPageId, m_mediaPage);
}

void NewVmWizard::buildSystemPage() {
    m_systemPage = new CheckedPage(this);
    m_systemPage->setTitle(tr("Name and hardware"));
    m_systemPage->setSubTitle(tr("The OS preset fills in recommended values."));
    m_name = new QLineEdit(m_systemPage);
    m_name->setObjectName(QStringLiteral("vmName"));
    m_preset = new QComboBox(m_systemPage);
    m_preset->setObjectName(QStringLiteral("osPreset"));
    for (const auto& p : osPresets())
        m_preset->addItem(p.displayName(), p.id);
    m_cpus = new QSpinBox(m_systemPage);
    m_cpus->setObjectName(QStringLiteral("cpus"));
    m_cpus->setRange(1, qMax(1, hostCpuCount()) * 4);
    m_memory = new QSpinBox(m_systemPage);
    m_memory->setObjectName(QStringLiteral("memory"));
    m_memory->setRange(64, 4 * 1024 * 1024);
    m_memory->setSingleStep(256);
    m_memory->setSuffix(tr(" MiB"));
    m_newDisk = new QCheckBox(tr("Create a new disk"), m_systemPage);
    m_newDisk->setObjectName(QStringLiteral("newDisk"));
    m_diskSize = new QSpinBox(m_systemPage);
    m_diskSize->setObjectName(QStringLiteral("diskSize"));
    m_diskSize->setRange(1, 64 * 1024);
    m_diskSize->setSuffix(tr(" GiB"));
    m_firmware = new QComboBox(m_systemPage);
    m_firmware->setObjectName(QStringLiteral("firmware"));
    m_firmware->addItem(tr("BIOS (SeaBIOS)"), int(Firmware::Bios));
    m_firmware->addItem(tr("UEFI (OVMF)"), int(Firmware::Uefi));
    m_problems = new QLabel(m_systemPage);
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b3261e"));

    m_diskRow = new QWidget(m_systemPage);
    auto* diskRow = new QHBoxLayout(m_diskRow);
    diskRow->setContentsMargins(0, 0, 0, 0);
    diskRow->addWidget(m_newDisk);
    diskRow->addWidget(m_diskSize, 1);
    auto* form = new QFormLayout(m_systemPage);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Operating system:"), m_preset);
    form->addRow(tr("vCPUs:"), m_cpus);
    form->addRow(tr("Memory:"), m_memory);
    form->addRow(tr("Disk:"), m_diskRow);
    form->addRow(tr("Firmware:"), m_firmware);
    form->addRow(m_problems);

    connect(m_preset, &QComboBox::currentIndexChanged, this,
            [this] { applyPreset(m_preset->currentData().toString()); });
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    auto revalidate = [this] {
        const QStringList list = problems();
        m_problems->setText(list.join(QLatin1Char('\n')));
        m_systemPage->recheck();
    };
    connect(m_name, &QLineEdit::textChanged, this, revalidate);
    connect(m_memory, &QSpinBox::valueChanged, this, revalidate);
    connect(m_diskSize, &QSpinBox::valueChanged, this, revalidate);
    connect(m_newDisk, &QCheckBox::toggled, this, revalidate);
    connect(m_newDisk, &QCheckBox::toggled, m_diskSize, &QWidget::setEnabled);
    m_systemPage->check = [this] { return problems().isEmpty(); };
    m_systemPage->onEnter = [this, form] {
        const bool importing = source() == NewVmSource::ImportDisk;
        const bool ownDisk = importing || source() == NewVmSource::CloudImage;
        const bool appliance = source() == NewVmSource::Appliance;
        // An appliance brings its hardware; only the name is asked for.
        form->setRowVisible(m_diskRow, !ownDisk && !appliance);
        for (QWidget* w : {static_cast<QWidget*>(m_preset), static_cast<QWidget*>(m_cpus),
                           static_cast<QWidget*>(m_memory), static_cast<QWidget*>(m_firmware)})
            form->setRowVisible(w, !appliance);
        if (source() == NewVmSource::Iso) {
            const QString detected = presetForVolumeLabel(isoVolumeLabel(m_iso->text().trimmed()));
            if (!detected.isEmpty()) m_preset->setCurrentIndex(m_preset->findData(detected));
        } else if (source() == NewVmSource::KernelBoot &&
                   m_preset->currentData().toString() == QLatin1String("debian")) {
            m_preset->setCurrentIndex(m_preset->findData(QStringLiteral("linux")));
        }
        applyPreset(m_preset->currentData().toString());
        // An appliance is named after its file unless the user typed a name.
        if (appliance && !m_nameEdited)
            m_name->setText(QFileInfo(m_appliance->text().trimmed()).completeBaseName());
        m_problems->setText(problems().join(QLatin1Char('\n')));
    };
    setPage(SystemPageId, m_systemPage);
}

void NewVmWizard::buildSummaryPage() {
    m_summaryPage = new CheckedPage(this);
    m_summaryPage->setTitle(tr("Summary"));
    m_summaryPage->setSubTitle(tr("Create the VM with these settings."));
    m_summary = new QLabel(m_summaryPage);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    auto* layout = new QVBoxLayout(m_summaryPage);
    layout->addWidget(m_summary);
    layout->addStretch(1);
    m_summaryPage->onEnter = [this] {
        const NewVmPlan p = plan();
        QString boot;
        switch (p.source) {
        case NewVmSource::Iso:
            boot = tr("Installs from %1").arg(p.spec.cdrom);
            break;
        case NewVmSource::ImportDisk:
            boot = p.convertImport ? tr("Copies %1 into its folder").arg(p.importPath)
                                   : tr("Uses %1 in place").arg(p.importPath);
            break;
        case NewVmSource::KernelBoot:
            boot = tr("Boots the kernel %1").arg(p.spec.kernel.kernel);
            break;
        case NewVmSource::CloudImage:
            boot = tr("Boots a thin overlay on %1 with a cloud-init seed").arg(p.cloudImage);
            break;
        case NewVmSource::Appliance:
            m_summary->setText(
                tr("<b>%1</b><br>Imports the appliance %2 (its hardware and disks)")
                    .arg(p.spec.name.toHtmlEscaped(), p.appliancePath.toHtmlEscaped()));
            return;
        }
        const QString disk =
            p.newDiskBytes ? tr("new %1 disk").arg(formatSize(p.newDiskBytes)) : tr("no new disk");
        m_summary->setText(tr("<b>%1</b><br>%2<br>%3 vCPU(s), %4 memory, %5, %6 firmware")
                               .arg(p.spec.name.toHtmlEscaped(), boot.toHtmlEscaped())
                               .arg(p.spec.cpu.count())
                               .arg(formatSize(p.spec.memoryMiB * 1024 * 1024), disk,
                                    p.spec.firmware == Firmware::Uefi ? tr("UEFI") : tr("BIOS")));
    };
    setPage(SummaryPageId, m_summaryPage);
}

void NewVmWizard::applyPreset(const QString& id) {
    const OsPreset& p = osPreset(id);
    m_cpus->setValue(qMin(p.cpus, qMax(1, hostCpuCount())));
    std::uint64_t memory = p.memoryMiB;
    // Recommend at most half of the host; the user may still go up to all of it.
    const std::uint64_t host = hostMemoryMiB();
    if (host > 0) memory = qMin(memory, qMax<std::uint64_t>(256, host / 2));
    m_memory->setValue(int(memory));
    m_diskSize->setValue(int(p.diskGiB));
    m_firmware->setCurrentIndex(m_firmware->findData(int(p.firmware)));
    m_newDisk->setChecked(source() == NewVmSource::Iso);
    m_diskSize->setEnabled(m_newDisk->isChecked());
    suggestName();
}

void NewVmWizard::suggestName() {
    if (m_nameEdited && !m_name->text().isEmpty()) return;
    const QString base = m_preset->currentData().toString();
    const Library library(m_root);
    QString name = base;
    for (int i = 2; library.exists(name); ++i)
        name = base + QLatin1Char('-') + QString::number(i);
    m_name->setText(name);
}

QStringList NewVmWizard::problems() const {
    QStringList out;
    for (const auto& p : checkNewVmPlan(Library(m_root), plan())) {
        switch (p.kind) {
        case PlanProblemKind::NameInvalid:
            out << tr("The name is not valid: %1").arg(p.detail);
            break;
        case PlanProblemKind::NameTaken:
            out << tr("A VM named %1 already exists.").arg(p.detail);
            break;
        case PlanProblemKind::MemoryExceedsHost:
            out << tr("The host has only %1 MiB of memory.").arg(p.detail);
            break;
        case PlanProblemKind::NotEnoughSpace:
            out << tr("Not enough free disk space: %1 available.")
                       .arg(formatSize(p.detail.toULongLong()));
            break;
        }
    }
    return out;
}

void NewVmWizard::startWith(NewVmSource source) {
    m_fromIso->setChecked(source == NewVmSource::Iso);
    m_fromDisk->setChecked(source == NewVmSource::ImportDisk);
    m_fromKernel->setChecked(source == NewVmSource::KernelBoot);
    m_fromCloud->setChecked(source == NewVmSource::CloudImage);
    m_fromAppliance->setChecked(source == NewVmSource::Appliance);
    next();
}

NewVmPlan NewVmWizard::plan() const {
    NewVmPlan p;
    p.source = source();
    const OsPreset& preset = osPreset(m_preset->currentData().toString());
    VmSpec& s = p.spec;
    s.name = m_name->text().trimmed();
    s.cpu = CpuTopology{1, m_cpus->value(), 1};
    s.memoryMiB = std::uint64_t(m_memory->value());
    s.firmware = Firmware(m_firmware->currentData().toInt());
    s.secureBoot = s.firmware == Firmware::Uefi && preset.secureBoot;
    s.tpm = preset.tpm;
    s.os = preset.id;
    NicSpec nic;
    nic.model = preset.nic;
    s.nics = {nic};
    p.diskBus = preset.diskBus;
    s.display = p.source == NewVmSource::KernelBoot ? DisplayType::None : DisplayType::Vnc;
    switch (p.source) {
    case NewVmSource::Iso:
        s.cdrom = QFileInfo(m_iso->text().trimmed()).absoluteFilePath();
        s.bootOrder = {QStringLiteral("disk"), QStringLiteral("cdrom")};
        break;
    case NewVmSource::ImportDisk:
        p.importPath = QFileInfo(m_importDisk->text().trimmed()).absoluteFilePath();
        p.convertImport = m_convert->isChecked();
        s.bootOrder = {QStringLiteral("disk")};
        break;
    case NewVmSource::KernelBoot:
        s.kernel.kernel = QFileInfo(m_kernel->text().trimmed()).absoluteFilePath();
        if (!m_initrd->text().trimmed().isEmpty())
            s.kernel.initrd = QFileInfo(m_initrd->text().trimmed()).absoluteFilePath();
        s.kernel.cmdline = m_cmdline->text().trimmed();
        break;
    case NewVmSource::CloudImage: {
        p.cloudImage = QFileInfo(m_cloudImage->text().trimmed()).absoluteFilePath();
        const auto optional = [](const QLineEdit* e) {
            return e->text().trimmed().isEmpty()
                       ? QString()
                       : QFileInfo(e->text().trimmed()).absoluteFilePath();
        };
        p.sshKeyFile = optional(m_sshKey);
        p.userDataFile = optional(m_userData);
        s.bootOrder = {QStringLiteral("disk")};
        break;
    }
    case NewVmSource::Appliance:
        p.appliancePath = QFileInfo(m_appliance->text().trimmed()).absoluteFilePath();
        break;
    }
    if ((p.source == NewVmSource::Iso || p.source == NewVmSource::KernelBoot) &&
        m_newDisk->isChecked())
        p.newDiskBytes = std::uint64_t(m_diskSize->value()) * 1024 * 1024 * 1024;
    return p;
}

} // namespace vireo
