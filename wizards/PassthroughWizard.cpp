#include "PassthroughWizard.h"

#include "BackgroundJob.h"
#include "jobs/SpecEdit.h"
#include "passthrough/HostJournal.h"
#include "vm/VmHostDevices.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QWizardPage>

namespace vireo {

namespace {

// Which classes each choice shows ("" = every device).
struct Kind {
    const char* label;
    QStringList classPrefixes;
    bool sriov = false; // SR-IOV cards: each VM gets a VF of its own
};

const QList<Kind>& kindList() {
    static const QList<Kind> list{
        {QT_TRANSLATE_NOOP("PassthroughWizard", "Graphics cards"), {QStringLiteral("0x03")}},
        {QT_TRANSLATE_NOOP("PassthroughWizard", "Storage controllers (NVMe, SATA)"),
         {QStringLiteral("0x01")}},
        {QT_TRANSLATE_NOOP("PassthroughWizard", "USB controllers"), {QStringLiteral("0x0c03")}},
        {QT_TRANSLATE_NOOP("PassthroughWizard", "Network cards"), {QStringLiteral("0x02")}},
        {QT_TRANSLATE_NOOP("PassthroughWizard", "SR-IOV network cards (a VF for each VM)"),
         {QStringLiteral("0x02")},
         true},
        {QT_TRANSLATE_NOOP("PassthroughWizard", "All devices"), {}},
    };
    return list;
}

QString deviceName(const PciDevice& d) {
    return d.deviceName.isEmpty() ? d.vendorId + QLatin1Char(':') + d.deviceId : d.deviceName;
}

QString shellQuote(const QString& s) {
    return QLatin1Char('\'') + QString(s).replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
           QLatin1Char('\'');
}

} // namespace

PassthroughWizard::PassthroughWizard(const QString& libraryRoot, QWidget* parent)
    : QWizard(parent), m_root(libraryRoot) {
    setObjectName(QStringLiteral("passthroughWizard"));
    setWindowTitle(tr("Pass a Host Device to a VM"));
    buildDevicePage();
    buildGroupPage();
    buildPlanPage();
    buildVmPage();
    resize(900, 600);
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id == GroupPageId) showGroup();
        if (id == PlanPageId) makePlan();
        if (id == VmPageId) m_vlan->setEnabled(sriovMode());
    });
    scan();
}

QString PassthroughWizard::selectedAddress() const {
    auto* item = m_devices->currentItem();
    return item ? item->text(0) : QString();
}

const DeviceVerdict* PassthroughWizard::verdictOf(const QString& address) const {
    if (!m_report) return nullptr;
    for (const auto& v : m_report->verdicts)
        if (v.address == address) return &v;
    return nullptr;
}

void PassthroughWizard::buildDevicePage() {
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Which device?"));
    page->setSubTitle(tr("Each device says whether it can go to a VM; the reasons show below."));
    m_kind = new QComboBox(page);
    m_kind->setObjectName(QStringLiteral("passthroughKind"));
    for (const auto& k : kindList())
        m_kind->addItem(tr(k.label));
    m_devices = new QTreeWidget(page);
    m_devices->setObjectName(QStringLiteral("passthroughDevices"));
    m_devices->setHeaderLabels({tr("Address"), tr("Device"), tr("Verdict"), tr("Driver")});
    m_devices->setRootIsDecorated(false);
    m_devices->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_deviceWhy = new QLabel(page);
    m_deviceWhy->setWordWrap(true);
    m_deviceWhy->setObjectName(QStringLiteral("passthroughDeviceWhy"));
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_kind);
    layout->addWidget(m_devices, 1);
    layout->addWidget(m_deviceWhy);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &PassthroughWizard::fillDevices);
    connect(m_devices, &QTreeWidget::currentItemChanged, this, [this] {
        QStringList lines;
        if (sriovMode()) {
            m_deviceWhy->setText(sriovWhy(selectedAddress()));
            return;
        }
        if (const DeviceVerdict* v = verdictOf(selectedAddress()))
            for (const auto& r : v->reasons)
                lines << (r.fix.isEmpty() ? r.message : tr("%1 — fix: %2").arg(r.message, r.fix));
        m_deviceWhy->setText(lines.join(QLatin1Char('\n')));
    });
    setPage(DevicePageId, page);
}

void PassthroughWizard::buildGroupPage() {
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Its IOMMU group"));
    page->setSubTitle(tr("A VM gets a whole group: every member with its role."));
    m_group = new QTreeWidget(page);
    m_group->setObjectName(QStringLiteral("passthroughGroup"));
    m_group->setHeaderLabels({tr("Address"), tr("Device"), tr("Role")});
    m_group->setRootIsDecorated(false);
    m_group->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_groupWhy = new QLabel(page);
    m_groupWhy->setWordWrap(true);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_group, 1);
    layout->addWidget(m_groupWhy);
    setPage(GroupPageId, page);
}

void PassthroughWizard::buildPlanPage() {
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Host changes"));
    page->setSubTitle(tr("What this computer needs once for the device; Apply journals every "
                         "file ('vireoctl host rollback' undoes it)."));
    m_planView = new QPlainTextEdit(page);
    m_planView->setObjectName(QStringLiteral("passthroughPlan"));
    m_planView->setReadOnly(true);
    m_planStatus = new QLabel(page);
    m_planStatus->setWordWrap(true);
    m_planStatus->setObjectName(QStringLiteral("passthroughPlanStatus"));
    auto* copy = new QPushButton(tr("&Copy Commands"), page);
    copy->setObjectName(QStringLiteral("passthroughCopy"));
    m_apply = new QPushButton(tr("&Apply Now"), page);
    m_apply->setObjectName(QStringLiteral("passthroughApply"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(planCommands()); });
    connect(m_apply, &QPushButton::clicked, this, &PassthroughWizard::applyPlan);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(copy);
    buttons->addWidget(m_apply);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_planView, 1);
    layout->addWidget(m_planStatus);
    layout->addLayout(buttons);
    setPage(PlanPageId, page);
}

void PassthroughWizard::buildVmPage() {
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Which VM?"));
    page->setSubTitle(tr("The device joins the VM's hardware; it goes to vfio-pci when the VM "
                         "starts."));
    m_vms = new QComboBox(page);
    m_vms->setObjectName(QStringLiteral("passthroughVm"));
    for (const auto& name : Library(m_root).vmNames())
        m_vms->addItem(name);
    m_vlan = new QSpinBox(page);
    m_vlan->setObjectName(QStringLiteral("passthroughVlan"));
    m_vlan->setRange(0, 4094);
    m_vlan->setSpecialValueText(tr("untagged"));
    m_vlan->setToolTip(tr("The VF tags the VM's frames with this VLAN; the guest sees none."));
    m_vmStatus = new QLabel(page);
    m_vmStatus->setWordWrap(true);
    m_vmStatus->setObjectName(QStringLiteral("passthroughVmStatus"));
    auto* layout = new QFormLayout(page);
    layout->addRow(tr("VM:"), m_vms);
    layout->addRow(tr("VLAN (SR-IOV):"), m_vlan);
    layout->addRow(m_vmStatus);
    setPage(VmPageId, page);
}

void PassthroughWizard::scan() {
    runJob<PassthroughReport>(
        this, tr("Reading this host's devices"),
        [] {
            auto host = HostRoot::open(HostRoot::defaultDir());
            if (!host) return Result<PassthroughReport>(host.error());
            return scanPassthrough(*host);
        },
        [this](const Result<PassthroughReport>& r) {
            if (!r) {
                m_deviceWhy->setText(r.error().line());
            } else {
                m_report = *r;
                fillDevices();
            }
            Q_EMIT scanned();
        });
}

void PassthroughWizard::fillDevices() {
    m_devices->clear();
    if (!m_report) return;
    const QStringList prefixes = kindList().value(m_kind->currentIndex()).classPrefixes;
    const bool sriov = sriovMode();
    for (const auto& d : m_report->inventory.devices) {
        const QString cls = d.classHex();
        if (!prefixes.isEmpty() &&
            std::none_of(prefixes.begin(), prefixes.end(),
                         [&](const QString& p) { return cls.startsWith(p); }))
            continue;
        if (sriov && d.sriovTotalVfs <= 0) continue;
        const DeviceVerdict* v = verdictOf(d.address);
        const QString verdict =
            sriov ? tr("%n VF(s) for VMs", nullptr, int(freeVfs(d.address).size()))
            : v   ? verdictName(v->verdict)
                  : QString();
        auto* item =
            new QTreeWidgetItem(m_devices, {d.address, deviceName(d), verdict,
                                            d.driver.isEmpty() ? QStringLiteral("-") : d.driver});
        item->setData(2, Qt::UserRole, v ? int(v->verdict) : -1);
    }
    m_devices->resizeColumnToContents(0);
}

void PassthroughWizard::showGroup() {
    m_group->clear();
    const QString address = selectedAddress();
    const DeviceVerdict* v = verdictOf(address);
    const PciDevice* dev = m_report ? m_report->inventory.find(address) : nullptr;
    if (!v || !dev) return;
    const QStringList members = m_report->inventory.groups.value(dev->iommuGroup, {address});
    for (const auto& m : members) {
        const PciDevice* d = m_report->inventory.find(m);
        const DeviceVerdict* mv = verdictOf(m);
        QString role = m == address              ? tr("this device")
                       : v->together.contains(m) ? tr("goes with it")
                       : mv && mv->verdict == Verdict::NotApplicable
                           ? tr("bridge: stays with the host, does not block")
                       : mv && mv->verdict == Verdict::HostCritical
                           ? tr("the host needs it: blocks the group")
                           : tr("in the same group");
        new QTreeWidgetItem(m_group, {m, d ? deviceName(*d) : QString(), role});
    }
    QStringList lines;
    for (const auto& r : v->reasons)
        lines << (r.fix.isEmpty() ? r.message : tr("%1 — fix: %2").arg(r.message, r.fix));
    m_groupWhy->setText(lines.join(QLatin1Char('\n')));
}

void PassthroughWizard::makePlan() {
    m_plan.reset();
    m_planView->clear();
    m_apply->setEnabled(false);
    m_planStatus->setText(tr("Planning…"));
    const QString address = selectedAddress();
    runJob<HostPlan>(
        this, tr("Planning host changes"),
        [address] {
            auto host = HostRoot::open(HostRoot::defaultDir());
            if (!host) return Result<HostPlan>(host.error());
            return planHostChanges(*host, address);
        },
        [this](const Result<HostPlan>& r) {
            if (!r) {
                m_planStatus->setText(r.error().line());
            } else {
                m_plan = *r;
                QStringList text;
                for (const auto& f : r->files)
                    text << tr("%1 /%2 — %3")
                                .arg(f.before ? tr("change") : tr("create"), f.path, f.why);
                for (const auto& c : r->commands)
                    text << tr("run %1 — %2").arg(c.argv.join(QLatin1Char(' ')), c.why);
                m_planView->setPlainText(text.isEmpty() ? tr("Nothing to change.")
                                                        : text.join(QLatin1Char('\n')));
                m_planStatus->setText(r->rebootNeeded ? tr("Reboot needed: %1").arg(r->rebootWhy)
                                                      : r->rebootWhy);
                m_apply->setEnabled(!r->files.isEmpty());
            }
            Q_EMIT planned();
        });
}

QString PassthroughWizard::planCommands() const {
    if (!m_plan) return {};
    QStringList lines;
    for (const auto& f : m_plan->files) {
        lines << QStringLiteral("sudo tee %1 >/dev/null <<'VIREO_EOF'")
                     .arg(shellQuote(QLatin1Char('/') + f.path));
        lines << QString::fromUtf8(f.after).chopped(f.after.endsWith('\n') ? 1 : 0);
        lines << QStringLiteral("VIREO_EOF");
    }
    for (const auto& c : m_plan->commands) {
        QStringList quoted;
        for (const auto& a : c.argv)
            quoted << shellQuote(a);
        lines << QStringLiteral("sudo ") + quoted.join(QLatin1Char(' '));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void PassthroughWizard::applyPlan() {
    if (!m_plan) return;
    m_apply->setEnabled(false);
    m_planStatus->setText(tr("Applying…"));
    const HostPlan plan = *m_plan;
    runJob<JournalEntry>(
        this, tr("Applying host changes"),
        [plan] {
            auto host = HostRoot::open(HostRoot::defaultDir());
            if (!host) return Result<JournalEntry>(host.error());
            auto writer = host->isRealHost() ? helperWriter() : treeWriter(*host);
            return applyHostPlan(*host, plan, *writer);
        },
        [this](const Result<JournalEntry>& r) {
            m_planStatus->setText(r ? tr("Applied as %1 (undo: vireoctl host rollback %1).%2")
                                          .arg(r->id, m_plan && m_plan->rebootNeeded
                                                          ? tr(" Reboot before starting the VM.")
                                                          : QString())
                                    : r.error().line());
            Q_EMIT applied(bool(r));
        });
}

bool PassthroughWizard::sriovMode() const {
    return kindList().value(m_kind->currentIndex()).sriov;
}

QStringList PassthroughWizard::freeVfs(const QString& pf) const {
    QStringList free;
    if (!m_report) return free;
    const auto held = heldVfs();
    for (const auto& d : m_report->inventory.devices)
        if (d.physfn == pf && pooledVfAvailable(*m_report, d.address, held)) free << d.address;
    return free;
}

QString PassthroughWizard::sriovWhy(const QString& pf) const {
    if (!m_report || pf.isEmpty()) return {};
    const int free = int(freeVfs(pf).size());
    if (free > 0)
        return tr("A VM gets any free VF of this card when it starts (%n free now), with its own "
                  "MAC and VLAN; the VF goes back with its old settings when the VM stops.",
                  nullptr, free);
    for (const auto& d : m_report->inventory.devices)
        if (d.physfn == pf)
            if (const DeviceVerdict* v = verdictOf(d.address))
                for (const auto& r : v->reasons)
                    if (r.severity == ReasonSeverity::Blocker)
                        return tr("No VF can go to a VM: %1 — fix: %2").arg(r.message, r.fix);
    return tr("This card has no VFs yet — make some with 'vireoctl host sriov-vfs %1 N'.").arg(pf);
}

int PassthroughWizard::nextId() const {
    // A VF needs no host changes of its own: it goes to vfio-pci when the VM starts.
    if (currentId() == DevicePageId && sriovMode()) return VmPageId;
    return QWizard::nextId();
}

bool PassthroughWizard::validateCurrentPage() {
    if (currentId() == DevicePageId && sriovMode()) return !freeVfs(selectedAddress()).isEmpty();
    if (currentId() == DevicePageId) {
        const DeviceVerdict* v = verdictOf(selectedAddress());
        if (!v) return false;
        // With the IOMMU off every device is blocked, yet the plan is what turns it on.
        const bool iommuOff = m_report && !m_report->iommu.enabled;
        return iommuOff || v->verdict == Verdict::Passable ||
               v->verdict == Verdict::PassableTogether || v->verdict == Verdict::AcsOverrideOnly;
    }
    if (currentId() == VmPageId) {
        if (m_vms->currentText().isEmpty()) return false;
        const QString vm = m_vms->currentText();
        const QStringList devices = m_plan ? m_plan->devices : QStringList{selectedAddress()};
        const QString root = m_root;
        // An SR-IOV card gives the VM "any free VF" of it; the edit gives the VF a MAC.
        const bool sriov = sriovMode();
        const SriovVfSpec vf{selectedAddress(), -1, QString(), m_vlan->value()};
        runJob<bool>(
            this, tr("Adding the device to %1").arg(vm),
            [root, vm, devices, sriov, vf]() -> Result<bool> {
                auto s = editVmSpec(Library(root), vm, [&](VmSpec& spec) {
                    if (sriov) {
                        spec.sriovVfs.append(vf);
                        return;
                    }
                    for (const auto& d : devices)
                        if (!spec.hostPci.contains(d)) spec.hostPci.append(d);
                });
                if (!s) return s.error();
                return true;
            },
            [this](const Result<bool>& r) {
                m_vmStatus->setText(r ? tr("Added.") : r.error().line());
                Q_EMIT added(bool(r));
                if (r) QWizard::accept();
            });
        return false; // the job accepts when the edit is stored
    }
    return true;
}

} // namespace vireo
