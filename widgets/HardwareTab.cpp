#include "HardwareTab.h"

#include "JobRunner.h"
#include "core/Size.h"
#include "jobs/HostResources.h"
#include "jobs/SpecEdit.h"
#include "network/VirtualNetworks.h"
#include "passthrough/HostRoot.h"
#include "vm/DiskHotplug.h"
#include "vm/HostTopology.h"
#include "vm/NicMove.h"
#include "vm/SharedFolders.h"
#include "vm/VmLifecycle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace vireo {

HardwareTab::HardwareTab(JobRunner* jobs, QWidget* parent) : VmTab(jobs, parent) {
    m_cpus = new QSpinBox(this);
    m_cpus->setObjectName(QStringLiteral("hwCpus"));
    m_cpus->setRange(1, 256);
    m_memory = new QSpinBox(this);
    m_memory->setObjectName(QStringLiteral("hwMemory"));
    m_memory->setRange(64, 1024 * 1024);
    m_memory->setSingleStep(256);
    m_memory->setSuffix(tr(" MiB"));
    m_firmware = new QComboBox(this);
    m_firmware->addItem(tr("BIOS (SeaBIOS)"), int(Firmware::Bios));
    m_firmware->addItem(tr("UEFI (OVMF)"), int(Firmware::Uefi));
    m_display = new QComboBox(this);
    m_display->addItem(tr("None (serial console only)"), int(DisplayType::None));
    m_display->addItem(tr("VNC"), int(DisplayType::Vnc));
    m_clipboard = new QCheckBox(tr("Share the clipboard (the guest runs spice-vdagent)"), this);
    m_clipboard->setObjectName(QStringLiteral("hwClipboard"));
    m_clipboard->setToolTip(tr("Copy and paste text between this computer and the guest. "
                               "Snapshots of the running VM are then taken without memory."));
    m_cdrom = new QLineEdit(this);
    m_cdrom->setPlaceholderText(tr("No CD-ROM"));
    m_bootOrder = new QLineEdit(this);
    m_bootOrder->setToolTip(tr("Comma-separated: disk, cdrom, network"));
    m_disks = new QListWidget(this);
    m_nics = new QListWidget(this);
    m_disks->setObjectName(QStringLiteral("hwDisks"));
    m_nics->setObjectName(QStringLiteral("hwNics"));
    m_disks->setMaximumHeight(80);
    m_nics->setMaximumHeight(60);
    m_addDisk = new QPushButton(tr("Add Disk…"), this);
    m_removeDisk = new QPushButton(tr("Remove Disk"), this);
    m_nicNetwork = new QComboBox(this);
    m_nicNetwork->setObjectName(QStringLiteral("hwNicNetwork"));
    m_addNic = new QPushButton(tr("Add Network Card"), this);
    m_addNic->setObjectName(QStringLiteral("hwAddNic"));
    m_removeNic = new QPushButton(tr("Remove Network Card"), this);
    m_moveNic = new QPushButton(tr("Move Card to Network"), this);
    m_moveNic->setObjectName(QStringLiteral("hwMoveNic"));
    m_moveNic->setToolTip(tr("Puts the selected card on the chosen network, also while the VM "
                             "runs: the guest sees its cable unplugged and plugged in again."));
    m_runningNote = new QLabel(this);
    m_runningNote->setWordWrap(true);
    m_apply = new QPushButton(tr("Apply"), this);
    m_revert = new QPushButton(tr("Revert"), this);
    // The CD-ROM stays editable while the VM runs: "Change Now" swaps the medium live.
    m_changeCd = new QPushButton(tr("Change Now"), this);
    m_changeCd->setObjectName(QStringLiteral("hwChangeCd"));
    m_changeCd->setToolTip(tr("Insert this ISO into the running VM's CD drive (empty: eject)"));
    m_cdrom->setObjectName(QStringLiteral("hwCdrom"));
    m_shares = new QListWidget(this);
    m_shares->setObjectName(QStringLiteral("hwShares"));
    m_shares->setMaximumHeight(60);
    m_addShare = new QPushButton(tr("Share a Folder…"), this);
    m_removeShare = new QPushButton(tr("Stop Sharing"), this);
    m_shareReadOnly = new QCheckBox(tr("Read-only"), this);
    m_shareReadOnly->setToolTip(tr("Enforced on the host: the guest cannot change the folder"));
    m_shareHint = new QLabel(this);
    m_shareHint->setObjectName(QStringLiteral("hwShareHint"));
    m_shareHint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("hwPreset"));
    m_preset->addItem(tr("Default"), QStringLiteral("none"));
    m_preset->addItem(tr("Gaming / low latency"), QStringLiteral("low-latency"));
    m_preset->addItem(tr("Server / throughput"), QStringLiteral("throughput"));
    m_preset->addItem(tr("Custom (set with vireoctl)"), QString());
    m_perfSummary = new QLabel(this);
    m_perfSummary->setObjectName(QStringLiteral("hwPerfSummary"));
    m_perfSummary->setWordWrap(true);
    m_editors = {m_cpus,      m_memory, m_firmware,  m_display, m_clipboard,
                 m_bootOrder, m_addNic, m_removeNic, m_preset};

    auto* form = new QFormLayout;
    form->addRow(tr("vCPUs:"), m_cpus);
    form->addRow(tr("Memory:"), m_memory);
    form->addRow(tr("Firmware:"), m_firmware);
    form->addRow(tr("Display:"), m_display);
    form->addRow(QString(), m_clipboard);
    auto* cdRow = new QHBoxLayout;
    cdRow->addWidget(m_cdrom, 1);
    cdRow->addWidget(m_changeCd);
    form->addRow(tr("CD-ROM image:"), cdRow);
    form->addRow(tr("Boot order:"), m_bootOrder);
    form->addRow(tr("Disks:"), m_disks);
    auto* diskButtons = new QHBoxLayout;
    diskButtons->addWidget(m_addDisk);
    diskButtons->addWidget(m_removeDisk);
    diskButtons->addStretch(1);
    form->addRow(QString(), diskButtons);
    form->addRow(tr("Network cards:"), m_nics);
    auto* nicButtons = new QHBoxLayout;
    nicButtons->addWidget(m_nicNetwork);
    nicButtons->addWidget(m_addNic);
    nicButtons->addWidget(m_removeNic);
    nicButtons->addWidget(m_moveNic);
    nicButtons->addStretch(1);
    form->addRow(QString(), nicButtons);
    form->addRow(tr("Shared folders:"), m_shares);
    auto* shareButtons = new QHBoxLayout;
    shareButtons->addWidget(m_addShare);
    shareButtons->addWidget(m_shareReadOnly);
    shareButtons->addWidget(m_removeShare);
    shareButtons->addStretch(1);
    form->addRow(QString(), shareButtons);
    form->addRow(QString(), m_shareHint);
    form->addRow(tr("Performance:"), m_preset);
    form->addRow(QString(), m_perfSummary);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_runningNote, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);
    // The settings scroll: the tab never forces the main window to be taller.
    auto* settings = new QWidget;
    auto* settingsLayout = new QVBoxLayout(settings);
    settingsLayout->addLayout(form);
    settingsLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(settings);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);

    auto changed = [this] {
        const bool m = modified();
        m_apply->setEnabled(m);
        m_revert->setEnabled(m);
    };
    connect(m_cpus, &QSpinBox::valueChanged, this, changed);
    connect(m_memory, &QSpinBox::valueChanged, this, changed);
    connect(m_firmware, &QComboBox::currentIndexChanged, this, changed);
    connect(m_display, &QComboBox::currentIndexChanged, this, changed);
    connect(m_display, &QComboBox::currentIndexChanged, this, [this] {
        m_clipboard->setEnabled(m_display->currentData().toInt() == int(DisplayType::Vnc));
    });
    connect(m_clipboard, &QCheckBox::toggled, this, changed);
    connect(m_cdrom, &QLineEdit::textChanged, this, changed);
    connect(m_cdrom, &QLineEdit::textChanged, this, [this] {
        m_changeCd->setEnabled(m_row && m_row->status.isActive() &&
                               m_cdrom->text().trimmed() != m_row->spec.cdrom);
    });
    connect(m_changeCd, &QPushButton::clicked, this, [this] { changeCdrom(m_cdrom->text()); });
    connect(m_bootOrder, &QLineEdit::textChanged, this, changed);
    connect(m_preset, &QComboBox::currentIndexChanged, this, changed);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        if (m_row) showPerformance(m_row->spec);
    });
    connect(m_addShare, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Share a Folder"));
        if (dir.isEmpty()) return;
        // The folder's name as the tag, reduced to what a tag may hold.
        QString tag = QDir(dir).dirName();
        tag.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("-"));
        addShare(dir, tag.left(36), m_shareReadOnly->isChecked());
    });
    connect(m_removeShare, &QPushButton::clicked, this, &HardwareTab::removeSelectedShare);
    connect(m_shares, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_row || row < 0 || row >= m_row->spec.shares.size()) {
            m_shareHint->clear();
            return;
        }
        m_shareHint->setText(
            tr("In the guest: %1").arg(SharedFolders::guestMountCommand(m_row->spec.shares[row])));
    });
    connect(m_apply, &QPushButton::clicked, this, &HardwareTab::apply);
    connect(m_addDisk, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Add Disk Image"), QString(),
            tr("Disk images (*.qcow2 *.img *.raw *.vmdk *.vdi *.vhdx);;All files (*)"));
        if (!path.isEmpty()) addDisk(path);
    });
    connect(m_removeDisk, &QPushButton::clicked, this, &HardwareTab::removeSelectedDisk);
    connect(m_addNic, &QPushButton::clicked, this,
            [this] { addNic(m_nicNetwork->currentData().toString()); });
    connect(m_removeNic, &QPushButton::clicked, this, &HardwareTab::removeSelectedNic);
    connect(m_moveNic, &QPushButton::clicked, this,
            [this] { moveSelectedNic(m_nicNetwork->currentData().toString()); });
    connect(m_revert, &QPushButton::clicked, this, [this] {
        if (m_row) load(m_row->spec);
    });
    setVm(nullptr);
}

bool HardwareTab::modified() const {
    if (!m_row) return false;
    const VmSpec& s = m_row->spec;
    return m_cpus->value() != s.cpu.count() || std::uint64_t(m_memory->value()) != s.memoryMiB ||
           m_firmware->currentData().toInt() != int(s.firmware) ||
           m_display->currentData().toInt() != int(s.display) ||
           m_clipboard->isChecked() != s.clipboard || m_cdrom->text() != s.cdrom ||
           m_bootOrder->text() != s.bootOrder.join(QLatin1Char(',')) ||
           chosenPreset() != (s.perf.isDefault() ? QStringLiteral("none") : s.perf.preset);
}

QString HardwareTab::chosenPreset() const {
    return m_preset->currentData().toString();
}

void HardwareTab::showPerformance(const VmSpec& spec) {
    QStringList lines;
    const QString chosen = chosenPreset();
    const QString stored = spec.perf.isDefault() ? QStringLiteral("none") : spec.perf.preset;
    if (!chosen.isEmpty() && chosen != stored) {
        // A preview: what the preset would set on this host, one line per change.
        PerformancePreset preset;
        auto host = HostRoot::open(HostRoot::defaultDir());
        if (parsePerformancePreset(chosen, &preset) && host) {
            VmSpec preview = spec;
            preview.cpu.cores = m_cpus->value();
            preview.cpu.sockets = preview.cpu.threads = 1;
            preview.memoryMiB = std::uint64_t(m_memory->value());
            lines = applyPerformancePreset(preview, preset, HostTopology::read(*host));
        }
    } else {
        const PerformanceSpec& p = spec.perf;
        auto list = [](const QVector<int>& v) {
            QStringList l;
            for (int c : v)
                l << QString::number(c);
            return l.join(QLatin1Char(','));
        };
        if (!p.vcpuPins.isEmpty())
            lines << tr("vCPUs pinned to host CPUs %1").arg(list(p.vcpuPins));
        if (!p.emulatorPins.isEmpty())
            lines << tr("QEMU's own threads on host CPUs %1").arg(list(p.emulatorPins));
        if (p.hugepageKiB)
            lines
                << tr("RAM on %1 hugepages").arg(p.hugepageKiB == 2048 ? tr("2 MiB") : tr("1 GiB"));
        if (p.ioThreads) lines << tr("%n I/O thread(s)", nullptr, p.ioThreads);
        if (p.queues > 1) lines << tr("%n queue(s) per virtio disk", nullptr, p.queues);
        if (lines.isEmpty()) lines << tr("QEMU's defaults: no pinning, normal pages");
    }
    m_perfSummary->setText(lines.join(QLatin1Char('\n')));
}

void HardwareTab::load(const VmSpec& spec) {
    for (auto* w : m_editors)
        w->blockSignals(true);
    m_cpus->setValue(spec.cpu.count());
    m_memory->setValue(int(spec.memoryMiB));
    m_firmware->setCurrentIndex(m_firmware->findData(int(spec.firmware)));
    m_display->setCurrentIndex(m_display->findData(int(spec.display)));
    m_clipboard->setChecked(spec.clipboard);
    m_clipboard->setEnabled(spec.display == DisplayType::Vnc);
    m_cdrom->setText(spec.cdrom);
    m_bootOrder->setText(spec.bootOrder.join(QLatin1Char(',')));
    m_preset->setCurrentIndex(
        m_preset->findData(spec.perf.isDefault() ? QStringLiteral("none") : spec.perf.preset));
    for (auto* w : m_editors)
        w->blockSignals(false);
    showPerformance(spec);
    m_shares->clear();
    for (const auto& f : spec.shares)
        new QListWidgetItem(f.readOnly ? tr("%1: %2 (read-only)").arg(f.tag, f.hostDir)
                                       : tr("%1: %2").arg(f.tag, f.hostDir),
                            m_shares);
    m_shareHint->clear();
    m_disks->clear();
    for (const auto& d : spec.disks) {
        auto* item =
            new QListWidgetItem(tr("%1 (%2, %3)").arg(d.path, d.format, toString(d.bus)), m_disks);
        item->setData(Qt::UserRole, d.path);
    }
    m_nics->clear();
    for (const auto& n : spec.nics) {
        auto* item = new QListWidgetItem(
            tr("%1 on %2, MAC %3").arg(toString(n.model), n.network, n.mac), m_nics);
        item->setData(Qt::UserRole, n.mac);
    }
    // The networks a new card can join: per-VM NAT and the library's named networks.
    // Rebuilt only when the list changes, so an open drop-down is not closed by a rescan.
    QStringList networks{QStringLiteral("user")};
    for (const auto& net : VirtualNetworks(Library(m_jobs->libraryRoot())).list())
        networks << net.spec.name;
    QStringList shown;
    for (int i = 0; i < m_nicNetwork->count(); ++i)
        shown << m_nicNetwork->itemData(i).toString();
    if (shown != networks) {
        const QString chosen = m_nicNetwork->currentData().toString();
        m_nicNetwork->clear();
        for (const auto& net : networks)
            m_nicNetwork->addItem(net == QLatin1String("user") ? tr("NAT (this VM only)") : net,
                                  net);
        if (const int i = m_nicNetwork->findData(chosen); i >= 0) m_nicNetwork->setCurrentIndex(i);
    }
    m_apply->setEnabled(false);
    m_revert->setEnabled(false);
}

void HardwareTab::setVm(const VmRow* row) {
    const bool sameVm = row && m_row && m_row->name == row->name;
    const bool keepEdits = sameVm && modified();
    m_row = row ? std::optional<VmRow>(*row) : std::nullopt;
    setEnabled(row != nullptr);
    if (!row) return;
    if (!keepEdits) load(row->spec);
    const bool running = row->status.isActive();
    const QString why = running ? tr("QEMU is started with this setting; it cannot change while "
                                     "the VM runs. Shut the VM down to change it.")
                                : QString();
    for (auto* w : m_editors) {
        w->setEnabled(!running);
        w->setToolTip(why);
    }
    m_changeCd->setVisible(running);
    m_changeCd->setEnabled(running && m_cdrom->text().trimmed() != row->spec.cdrom);
    m_runningNote->setText(running ? tr("The VM is running: disks can be added and removed "
                                        "(hot-plug) and cards moved to another network; the "
                                        "rest is read-only.")
                                   : QString());
    m_addDisk->setToolTip(running ? tr("Hot-plugs the image as a virtio disk into the running VM")
                                  : QString());
    if (running) {
        m_apply->setEnabled(false);
        m_revert->setEnabled(false);
    }
    m_memory->setMaximum(int(qMax<std::uint64_t>(hostMemoryMiB(), 1024)));
}

void HardwareTab::apply() {
    if (!m_row) return;
    const QString name = m_row->name;
    const int cpus = m_cpus->value();
    const auto memory = std::uint64_t(m_memory->value());
    const auto firmware = Firmware(m_firmware->currentData().toInt());
    const auto display = DisplayType(m_display->currentData().toInt());
    const bool clipboard = display == DisplayType::Vnc && m_clipboard->isChecked();
    const QString cdrom = m_cdrom->text().trimmed();
    QStringList boot;
    for (const auto& part : m_bootOrder->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        boot.append(part.trimmed());
    const QString root = m_jobs->libraryRoot();
    const QString preset = chosenPreset();
    const QString stored =
        m_row->spec.perf.isDefault() ? QStringLiteral("none") : m_row->spec.perf.preset;
    auto* job = m_jobs->run(tr("Changing the hardware of %1").arg(name), [=](JobContext&) {
        return editVmSpec(Library(root), name, [&](VmSpec& spec) {
            if (spec.cpu.count() != cpus) spec.cpu = CpuTopology{1, cpus, 1};
            spec.memoryMiB = memory;
            spec.firmware = firmware;
            spec.display = display;
            spec.clipboard = clipboard;
            spec.cdrom = cdrom;
            spec.bootOrder = boot;
            PerformancePreset p;
            // Re-applied after a vCPU change too, so pins always match the vCPU count.
            if (!preset.isEmpty() && (preset != stored || !spec.perf.vcpuPins.isEmpty()) &&
                parsePerformancePreset(preset, &p))
                if (auto host = HostRoot::open(HostRoot::defaultDir()))
                    applyPerformancePreset(spec, p, HostTopology::read(*host));
        });
    });
    connect(job, &Job::finished, this, [this] { Q_EMIT vmModified(); });
    m_apply->setEnabled(false);
}

void HardwareTab::changeCdrom(const QString& iso) {
    if (!m_row) return;
    const QString name = m_row->name, root = m_jobs->libraryRoot(), path = iso.trimmed();
    auto* job = m_jobs->run(
        path.isEmpty() ? tr("Ejecting the CD of %1").arg(name)
                       : tr("Inserting %1 into %2").arg(path, name),
        [=](JobContext&) { return VmLifecycle(Library(root)).changeCdrom(name, path); });
    connect(job, &Job::finished, this, [this] { Q_EMIT vmModified(); });
    m_changeCd->setEnabled(false);
}

void HardwareTab::addDisk(const QString& path) {
    if (!m_row) return;
    const QString name = m_row->name, root = m_jobs->libraryRoot();
    auto* job = m_jobs->run(tr("Adding disk %1 to %2").arg(path, name), [=](JobContext&) {
        DiskSpec disk;
        disk.path = path;
        return DiskHotplug(Library(root)).attach(name, disk);
    });
    connect(job, &Job::finished, this, [this] { Q_EMIT vmModified(); });
}

void HardwareTab::removeSelectedDisk() {
    if (!m_row || !m_disks->currentItem()) return;
    const QString name = m_row->name, root = m_jobs->libraryRoot();
    const QString path = m_disks->currentItem()->data(Qt::UserRole).toString();
    auto* job = m_jobs->run(tr("Removing disk %1 from %2").arg(path, name), [=](JobContext&) {
        return DiskHotplug(Library(root)).detach(name, path);
    });
    connect(job, &Job::finished, this, [this] { Q_EMIT vmModified(); });
}

void HardwareTab::addNic(const QString& network) {
    if (!m_row || network.isEmpty()) return;
    const QString name = m_row->name, root = m_jobs->libraryRoot();
    auto* job = m_jobs->run(tr("Adding a network card to %1").arg(name), [=](JobContext&) {
        return editVmSpec(Library(root), name, [&](VmSpec& spec) {
            NicSpec nic;
            nic.network = network; // its MAC: a free one, chosen when the edit is stored
            spec.nics.append(nic);
        });
    });
    connect(job, &Job::finished, this, [this] { Q_EMIT vmModified(); });
}

void HardwareTab::moveSelectedNic(const QString& network) {
    if (!m_row || network.isEmpty() || m_nics->currentRow() < 0) return;
    const QString name = m_row->name, root = m_jobs->libraryRoot();
    const int index = m_nics->currentRow();
    auto* job = m_jobs->run(tr("Moving network card %1 of %2 to %3").arg(index).arg(name, network),
                            [=](JobContext&) {
                                return NicMove(Library(root)).move(name, index, {network, {}});
                            });
    connect(job, &Job::finished, this, [this] { Q_EMIT vmModified(); });
}

void HardwareTab::choosePreset(const QString& preset) {
    m_preset->setCurrentIndex(m_preset->findData(preset));
}

void HardwareTab::addShare(const QString& hostDir, const QString& tag, bool readOnly) {
    if (!m_row || hostDir.isEmpty()) return;
    const QString name = m_row->name, root = m_jobs->libraryRoot();
    auto* job = m_jobs->run(tr("Sharing %1 with %2").arg(hostDir, name), [=](JobContext&) {
        return SharedFolders(Library(root)).add(name, SharedFolder{tag, hostDir, readOnly});
    });
    connect(job, &Job::finished, this, [this] { Q_EMIT vmModified(); });
}

void HardwareTab::removeSelectedShare() {
    if (!m_row || m_shares->currentRow() < 0 || m_shares->currentRow() >= m_row->spec.shares.size())
        return;
    const QString name = m_row->name, root = m_jobs->libraryRoot();
    const QString tag = m_row->spec.shares[m_shares->currentRow()].tag;
    auto* job =
        m_jobs->run(tr("Removing shared folder %1 from %2").arg(tag, name),
                    [=](JobContext&) { return SharedFolders(Library(root)).remove(name, tag); });
    connect(job, &Job::finished, this, [this] { Q_EMIT vmModified(); });
}

void HardwareTab::removeSelectedNic() {
    if (!m_row || !m_nics->currentItem()) return;
    const QString name = m_row->name, root = m_jobs->libraryRoot();
    const QString mac = m_nics->currentItem()->data(Qt::UserRole).toString();
    auto* job = m_jobs->run(tr("Removing a network card from %1").arg(name), [=](JobContext&) {
        return editVmSpec(Library(root), name, [&](VmSpec& spec) {
            spec.nics.removeIf([&](const NicSpec& n) { return n.mac == mac; });
        });
    });
    connect(job, &Job::finished, this, [this] { Q_EMIT vmModified(); });
}

} // namespace vireo
