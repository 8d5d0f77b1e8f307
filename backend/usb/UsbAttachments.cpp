#include "usb/UsbAttachments.h"

#include "passthrough/HostRoot.h"
#include "qemu/QemuCommandBuilder.h"
#include "qemu/QmpSync.h"
#include "usb/UsbFilters.h"
#include "vm/VmRuntime.h"

#include <QJsonArray>
#include <unistd.h>

namespace vireo {

namespace {

const QLatin1String kIdPrefix("usbhost-");

Result<std::unique_ptr<QmpClient>> connectTo(const Library& library, const VmSpec& spec) {
    VmRuntime rt(library, spec);
    if (rt.livePid() == 0)
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("VM '%1' is not running").arg(spec.name),
                         QStringLiteral("start it with 'vireoctl vm start %1'; its USB filters "
                                        "then give it matching devices")
                             .arg(spec.name));
    return QmpSync::connect(rt.qmpSocket(), 10000);
}

// The ports whose usb-host devices the VM behind `qmp` holds.
Result<QStringList> portsHeld(QmpClient& qmp) {
    auto children =
        QmpSync::call(qmp, QStringLiteral("qom-list"),
                      QJsonObject{{QStringLiteral("path"), QStringLiteral("/machine/peripheral")}});
    if (!children) return children.error();
    QStringList ports;
    for (const auto& v : children->toArray()) {
        const QString name = v.toObject().value(QStringLiteral("name")).toString();
        if (name.startsWith(kIdPrefix)) ports << name.mid(kIdPrefix.size());
    }
    ports.sort();
    return ports;
}

} // namespace

QString usbHolder(const QMap<QString, QStringList>& held, const QString& portId) {
    for (auto it = held.begin(); it != held.end(); ++it)
        if (it.value().contains(portId)) return it.key();
    return {};
}

Status checkUsbAccess(const UsbDevice& device, const HostRoot& host) {
    if (!host.isRealHost()) return {};
    const QString node = host.absolute(device.nodePath());
    if (::access(node.toLocal8Bit().constData(), R_OK | W_OK) == 0) return {};
    return makeError(ErrorCode::InvalidState,
                     QStringLiteral("USB device %1 (%2) cannot be opened by you (%3)")
                         .arg(device.id(), device.displayName(), node),
                     QStringLiteral("join group vireo (vireo-helper's udev rule gives it USB "
                                    "devices) and log in again"));
}

Result<QStringList> UsbAttachments::heldBy(const VmSpec& spec) const {
    VmRuntime rt(m_library, spec);
    if (rt.livePid() == 0) return QStringList{};
    auto qmp = QmpSync::connect(rt.qmpSocket(), 5000);
    if (!qmp) return qmp.error();
    return portsHeld(**qmp);
}

QMap<QString, QStringList> UsbAttachments::held() const {
    QMap<QString, QStringList> out;
    for (const auto& name : m_library.vmNames()) {
        auto spec = m_library.load(name);
        if (!spec || !spec->usb) continue;
        auto ports = heldBy(*spec);
        if (ports && !ports->isEmpty()) out.insert(name, *ports);
    }
    return out;
}

QString UsbAttachments::holder(const QString& portId) const {
    return usbHolder(held(), portId);
}

Status UsbAttachments::attach(const QString& vm, const UsbDevice& device,
                              const HostRoot& host) const {
    auto spec = m_library.load(vm);
    if (!spec) return spec.error();
    if (!spec->usb)
        return makeError(
            ErrorCode::InvalidState, QStringLiteral("VM '%1' has no USB controller").arg(vm),
            QStringLiteral("stop it, run 'vireoctl vm edit %1 --usb', start it").arg(vm));
    const QString other = holder(device.id());
    if (!other.isEmpty())
        return makeError(ErrorCode::Busy,
                         QStringLiteral("USB device %1 (%2) is attached to VM '%3'")
                             .arg(device.id(), device.displayName(), other),
                         other == vm ? QString()
                                     : QStringLiteral("detach it first: vireoctl usb detach %1 %2")
                                           .arg(other, device.id()));
    VIREO_TRY(checkUsbAccess(device, host));
    auto qmp = connectTo(m_library, *spec);
    if (!qmp) return qmp.error();
    auto added =
        QmpSync::call(**qmp, QStringLiteral("device_add"), usbHostDeviceOptions(device.id()));
    if (!added)
        return makeError(added.error().code,
                         QStringLiteral("VM '%1' did not take USB device %2: %3")
                             .arg(vm, device.id(), added.error().message),
                         added.error().fix);
    return {};
}

Status UsbAttachments::detach(const QString& vm, const QString& portId) const {
    auto spec = m_library.load(vm);
    if (!spec) return spec.error();
    auto qmp = connectTo(m_library, *spec);
    if (!qmp) return qmp.error();
    auto ports = portsHeld(**qmp);
    if (!ports) return ports.error();
    if (!ports->contains(portId))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("VM '%1' holds no USB device at %2").arg(vm, portId),
                         QStringLiteral("'vireoctl usb list' shows which VM holds what"));
    // USB unplug needs no guest cooperation: the device is gone when device_del returns.
    auto removed = QmpSync::call(**qmp, QStringLiteral("device_del"),
                                 QJsonObject{{QStringLiteral("id"), usbHostDeviceId(portId)}});
    if (!removed) return removed.error();
    return {};
}

QStringList usbPortsForStart(const Library& library, const VmSpec& spec,
                             const QVector<UsbDevice>& devices, const HostRoot& host) {
    if (!spec.usb || spec.usbFilters.isEmpty()) return {};
    const auto held = UsbAttachments(library).held();
    QStringList ports;
    for (const auto& d : devices) {
        if (matchingUsbFilter(spec, d) < 0 || !checkUsbAccess(d, host)) continue;
        const QString holder = usbHolder(held, d.id());
        if (holder.isEmpty() || holder == spec.name) ports << d.id();
    }
    return ports;
}

} // namespace vireo
