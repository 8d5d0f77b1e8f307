#include "usb/LibusbBus.h"

#include <QFile>
#include <QVector>
#include <algorithm>
#include <libusb-1.0/libusb.h>
#include <utility>

namespace vireo {

namespace {

QString speedName(int speed) {
    switch (speed) {
    case LIBUSB_SPEED_LOW:
        return QStringLiteral("low");
    case LIBUSB_SPEED_FULL:
        return QStringLiteral("full");
    case LIBUSB_SPEED_HIGH:
        return QStringLiteral("high");
    case LIBUSB_SPEED_SUPER:
        return QStringLiteral("super");
    case LIBUSB_SPEED_SUPER_PLUS:
        return QStringLiteral("super+");
    default:
        return QStringLiteral("unknown");
    }
}

QString sysfsText(const UsbDevice& d, const char* attribute) {
    QFile f(QStringLiteral("/sys/bus/usb/devices/%1/%2").arg(d.id(), QLatin1String(attribute)));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll()).trimmed();
}

Error libusbError(const QString& what, int rc) {
    return makeError(ErrorCode::Unsupported,
                     QStringLiteral("%1: %2").arg(what, QString::fromUtf8(libusb_strerror(rc))),
                     QStringLiteral("this host needs its USB host controller drivers (xhci_pci) "
                                    "and usbfs at /dev/bus/usb"));
}

UsbDevice describeDevice(libusb_device* device) {
    UsbDevice d;
    d.bus = libusb_get_bus_number(device);
    d.address = libusb_get_device_address(device);
    uint8_t ports[8] = {};
    const int n = libusb_get_port_numbers(device, ports, sizeof ports);
    QStringList parts;
    for (int i = 0; i < n; ++i)
        parts << QString::number(ports[i]);
    d.ports = parts.join(QLatin1Char('.'));
    d.speed = speedName(libusb_get_device_speed(device));
    libusb_device_descriptor desc{};
    if (libusb_get_device_descriptor(device, &desc) == 0) {
        d.vendorId = desc.idVendor;
        d.productId = desc.idProduct;
        d.deviceClass = desc.bDeviceClass;
    }
    d.manufacturer = sysfsText(d, "manufacturer");
    d.product = sysfsText(d, "product");
    d.serial = sysfsText(d, "serial");
    return d;
}

struct Pending {
    QVector<UsbEvent> events;
};

int LIBUSB_CALL onHotplug(libusb_context*, libusb_device* device, libusb_hotplug_event event,
                          void* user);

} // namespace

Result<std::unique_ptr<LibusbBus>> LibusbBus::open() {
    std::unique_ptr<LibusbBus> bus(new LibusbBus);
    const int rc = libusb_init(&bus->m_context);
    if (rc != 0) {
        bus->m_context = nullptr;
        return libusbError(QStringLiteral("cannot read this host's USB buses"), rc);
    }
    return bus;
}

LibusbBus::~LibusbBus() {
    if (m_context) libusb_exit(m_context);
}

Result<QVector<UsbDevice>> LibusbBus::devices() {
    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(m_context, &list);
    if (count < 0)
        return libusbError(QStringLiteral("cannot list this host's USB devices"),
                           static_cast<int>(count));
    QVector<UsbDevice> out;
    for (ssize_t i = 0; i < count; ++i) {
        UsbDevice d = describeDevice(list[i]);
        if (d.ports.isEmpty() || d.isHub()) continue; // root hubs and hubs
        out.append(d);
    }
    libusb_free_device_list(list, 1);
    std::sort(out.begin(), out.end(), [](const UsbDevice& a, const UsbDevice& b) {
        return a.bus != b.bus ? a.bus < b.bus : a.ports < b.ports;
    });
    return out;
}

namespace {

int LIBUSB_CALL onHotplug(libusb_context*, libusb_device* device, libusb_hotplug_event event,
                          void* user) {
    // Only collected here: the caller acts (QMP calls) outside libusb's event handling.
    auto* pending = static_cast<Pending*>(user);
    UsbEvent e;
    e.kind =
        event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED ? UsbEventKind::Arrived : UsbEventKind::Left;
    e.device = describeDevice(device);
    pending->events.append(e);
    return 0;
}

} // namespace

Status LibusbBus::watch(const std::function<bool(const UsbEvent&)>& onEvent) {
    if (!libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG))
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("this host's libusb cannot report plugged devices"),
                         QStringLiteral("attach devices with 'vireoctl usb attach'"));
    Pending pending;
    libusb_hotplug_callback_handle handle = 0;
    const int rc = libusb_hotplug_register_callback(
        m_context,
        static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED |
                                          LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
        LIBUSB_HOTPLUG_NO_FLAGS, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
        LIBUSB_HOTPLUG_MATCH_ANY, onHotplug, &pending, &handle);
    if (rc != LIBUSB_SUCCESS)
        return libusbError(QStringLiteral("cannot watch this host's USB buses"), rc);
    for (;;) {
        const int r = libusb_handle_events(m_context);
        if (r != 0 && r != LIBUSB_ERROR_INTERRUPTED) {
            libusb_hotplug_deregister_callback(m_context, handle);
            return libusbError(QStringLiteral("watching USB devices failed"), r);
        }
        const QVector<UsbEvent> events = std::exchange(pending.events, {});
        for (const auto& e : events) {
            if (e.device.ports.isEmpty() || e.device.isHub()) continue;
            if (!onEvent(e)) {
                libusb_hotplug_deregister_callback(m_context, handle);
                return {};
            }
        }
    }
}

} // namespace vireo
