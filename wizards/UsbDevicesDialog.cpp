#include "UsbDevicesDialog.h"

#include "BackgroundJob.h"
#include "jobs/SpecEdit.h"
#include "passthrough/HostRoot.h"
#include "usb/UsbAttachments.h"
#include "usb/UsbBus.h"
#include "usb/UsbFilters.h"
#include "vm/VmRuntime.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace vireo {

UsbDevicesDialog::UsbDevicesDialog(const QString& libraryRoot, const QString& vm, QWidget* parent)
    : QDialog(parent), m_root(libraryRoot), m_vm(vm) {
    setObjectName(QStringLiteral("usbDevicesDialog"));
    setWindowTitle(tr("USB Devices of %1").arg(vm));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Host USB devices. A device attached here stays with the "
                                    "VM until it is unplugged, detached, or the VM stops."),
                                 this));
    m_devices = new QTreeWidget(this);
    m_devices->setObjectName(QStringLiteral("usbDevices"));
    m_devices->setHeaderLabels({tr("Port"), tr("ID"), tr("Device"), tr("Held by")});
    m_devices->setRootIsDecorated(false);
    m_devices->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    layout->addWidget(m_devices);
    auto* deviceButtons = new QHBoxLayout;
    m_attach = new QPushButton(tr("&Attach"), this);
    m_attach->setObjectName(QStringLiteral("usbAttach"));
    m_detach = new QPushButton(tr("&Detach"), this);
    m_detach->setObjectName(QStringLiteral("usbDetach"));
    m_addFilter = new QPushButton(tr("Always Attach This &Kind"), this);
    m_addFilter->setObjectName(QStringLiteral("usbAddFilter"));
    m_addFilter->setToolTip(tr("A filter by vendor and product: any such device goes to this "
                               "VM when it starts or when plugged in while it runs."));
    m_addSerialFilter = new QPushButton(tr("Always Attach This &Device"), this);
    m_addSerialFilter->setObjectName(QStringLiteral("usbAddSerialFilter"));
    m_addSerialFilter->setToolTip(tr("A filter by vendor, product and serial number: only "
                                     "this one device."));
    for (auto* b : {m_attach, m_detach, m_addFilter, m_addSerialFilter})
        deviceButtons->addWidget(b);
    deviceButtons->addStretch();
    layout->addLayout(deviceButtons);

    layout->addWidget(new QLabel(tr("USB filters of %1:").arg(vm), this));
    m_filters = new QListWidget(this);
    m_filters->setObjectName(QStringLiteral("usbFilters"));
    layout->addWidget(m_filters);
    m_removeFilter = new QPushButton(tr("&Remove Filter"), this);
    m_removeFilter->setObjectName(QStringLiteral("usbRemoveFilter"));
    auto* filterButtons = new QHBoxLayout;
    filterButtons->addWidget(m_removeFilter);
    filterButtons->addStretch();
    layout->addLayout(filterButtons);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("usbStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(box);

    connect(m_attach, &QPushButton::clicked, this, &UsbDevicesDialog::attachSelected);
    connect(m_detach, &QPushButton::clicked, this, &UsbDevicesDialog::detachSelected);
    connect(m_addFilter, &QPushButton::clicked, this, [this] { addFilterFromSelected(false); });
    connect(m_addSerialFilter, &QPushButton::clicked, this,
            [this] { addFilterFromSelected(true); });
    connect(m_removeFilter, &QPushButton::clicked, this, &UsbDevicesDialog::removeSelectedFilter);
    connect(m_devices, &QTreeWidget::currentItemChanged, this, &UsbDevicesDialog::updateButtons);
    connect(m_filters, &QListWidget::currentRowChanged, this, &UsbDevicesDialog::updateButtons);
    resize(640, 420);
    updateButtons();
    refresh();
}

void UsbDevicesDialog::refresh() {
    const QString root = m_root;
    const QString vm = m_vm;
    runJob<State>(
        this, tr("Reading USB devices"),
        [root, vm]() -> Result<State> {
            const Library library(root);
            State state;
            auto spec = library.load(vm);
            if (!spec) return spec.error();
            state.spec = *spec;
            state.running = VmRuntime(library, *spec).livePid() != 0;
            auto host = HostRoot::open(HostRoot::defaultDir());
            if (!host) return host.error();
            auto bus = openUsbBus(*host);
            if (!bus) return bus.error();
            auto devices = (*bus)->devices();
            if (!devices) return devices.error();
            state.devices = *devices;
            state.held = UsbAttachments(library).held();
            return state;
        },
        [this](const Result<State>& r) {
            if (r)
                display(*r);
            else
                m_status->setText(r.error().line());
            Q_EMIT refreshed();
        });
}

void UsbDevicesDialog::display(const State& state) {
    const QString current =
        m_devices->currentItem() ? m_devices->currentItem()->text(0) : QString();
    m_state = state;
    m_devices->clear();
    for (const auto& d : state.devices) {
        const QString holder = usbHolder(state.held, d.id());
        auto* item = new QTreeWidgetItem(m_devices, {d.id(), d.vidPid(), d.displayName(), holder});
        if (d.id() == current) m_devices->setCurrentItem(item);
    }
    if (state.devices.isEmpty())
        m_status->setText(tr("No USB devices are plugged into this host."));
    m_filters->clear();
    for (const auto& f : state.spec.usbFilters)
        m_filters->addItem(usbFilterToString(f));
    updateButtons();
}

const UsbDevice* UsbDevicesDialog::selectedDevice() const {
    const auto* item = m_devices->currentItem();
    if (!item) return nullptr;
    for (const auto& d : m_state.devices)
        if (d.id() == item->text(0)) return &d;
    return nullptr;
}

void UsbDevicesDialog::updateButtons() {
    const UsbDevice* d = selectedDevice();
    const QString holder = m_devices->currentItem() ? m_devices->currentItem()->text(3) : QString();
    m_attach->setEnabled(d && m_state.running && m_state.spec.usb && holder.isEmpty());
    m_detach->setEnabled(d && holder == m_vm);
    m_addFilter->setEnabled(d != nullptr);
    m_addSerialFilter->setEnabled(d && !d->serial.isEmpty());
    m_removeFilter->setEnabled(m_filters->currentRow() >= 0);
    if (!m_state.spec.name.isEmpty() && !m_state.running)
        m_attach->setToolTip(tr("Start the VM to attach a device now; a filter attaches it "
                                "at every start."));
}

void UsbDevicesDialog::finish(const Status& result, const QString& done) {
    m_status->setText(result ? done : result.error().line());
    Q_EMIT changed(bool(result));
    refresh();
}

void UsbDevicesDialog::attachSelected() {
    const UsbDevice* d = selectedDevice();
    if (!d) return;
    const UsbDevice device = *d;
    const QString root = m_root;
    const QString vm = m_vm;
    runJob<bool>(
        this, tr("Attaching %1 to %2").arg(device.displayName(), vm),
        [root, vm, device]() -> Result<bool> {
            auto host = HostRoot::open(HostRoot::defaultDir());
            if (!host) return host.error();
            const Library library(root);
            VIREO_TRY(UsbAttachments(library).attach(vm, device, *host));
            return true;
        },
        [this, device](const Result<bool>& r) {
            finish(r ? Status{} : Status(r.error()),
                   tr("%1 is attached to %2.").arg(device.displayName(), m_vm));
        });
}

void UsbDevicesDialog::detachSelected() {
    const UsbDevice* d = selectedDevice();
    if (!d) return;
    const QString port = d->id();
    const QString root = m_root;
    const QString vm = m_vm;
    runJob<bool>(
        this, tr("Detaching %1 from %2").arg(port, vm),
        [root, vm, port]() -> Result<bool> {
            const Library library(root);
            VIREO_TRY(UsbAttachments(library).detach(vm, port));
            return true;
        },
        [this, port](const Result<bool>& r) {
            finish(r ? Status{} : Status(r.error()), tr("%1 is detached.").arg(port));
        });
}

void UsbDevicesDialog::addFilterFromSelected(bool withSerial) {
    const UsbDevice* d = selectedDevice();
    if (!d) return;
    UsbFilterSpec filter{d->vendorHex(), d->productHex(), withSerial ? d->serial : QString(), {}};
    const QString root = m_root;
    const QString vm = m_vm;
    runJob<bool>(
        this, tr("Adding a USB filter to %1").arg(vm),
        [root, vm, filter]() -> Result<bool> {
            VIREO_TRY(editVmSpec(Library(root), vm, [&](VmSpec& spec) {
                if (!spec.usbFilters.contains(filter)) spec.usbFilters.append(filter);
                spec.usb = true;
            }));
            return true;
        },
        [this, filter](const Result<bool>& r) {
            finish(r ? Status{} : Status(r.error()),
                   tr("Added filter %1.").arg(usbFilterToString(filter)));
        });
}

void UsbDevicesDialog::removeSelectedFilter() {
    const int row = m_filters->currentRow();
    if (row < 0 || row >= m_state.spec.usbFilters.size()) return;
    const UsbFilterSpec filter = m_state.spec.usbFilters.at(row);
    const QString root = m_root;
    const QString vm = m_vm;
    runJob<bool>(
        this, tr("Removing a USB filter from %1").arg(vm),
        [root, vm, filter]() -> Result<bool> {
            VIREO_TRY(editVmSpec(Library(root), vm,
                                 [&](VmSpec& spec) { spec.usbFilters.removeAll(filter); }));
            return true;
        },
        [this, filter](const Result<bool>& r) {
            finish(r ? Status{} : Status(r.error()),
                   tr("Removed filter %1.").arg(usbFilterToString(filter)));
        });
}

} // namespace vireo
