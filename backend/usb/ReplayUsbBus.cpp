#include "usb/ReplayUsbBus.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <algorithm>

namespace vireo {

namespace {

void sortById(QVector<UsbDevice>& devices) {
    std::sort(devices.begin(), devices.end(), [](const UsbDevice& a, const UsbDevice& b) {
        return a.bus != b.bus ? a.bus < b.bus : a.ports < b.ports;
    });
}

} // namespace

Result<std::unique_ptr<ReplayUsbBus>> ReplayUsbBus::fromJson(const QJsonObject& script) {
    auto bus = std::make_unique<ReplayUsbBus>();
    for (const auto& v : script.value(QStringLiteral("devices")).toArray()) {
        auto d = usbDeviceFromJson(v.toObject());
        if (!d) return d.error();
        if (!d->isHub()) bus->m_devices.append(*d);
    }
    sortById(bus->m_devices);
    for (const auto& v : script.value(QStringLiteral("events")).toArray()) {
        const QJsonObject o = v.toObject();
        Step step;
        step.afterMs = o.value(QStringLiteral("after_ms")).toInt();
        const QString action = o.value(QStringLiteral("action")).toString();
        if (action == QLatin1String("arrived"))
            step.event.kind = UsbEventKind::Arrived;
        else if (action == QLatin1String("left"))
            step.event.kind = UsbEventKind::Left;
        else
            return makeError(
                ErrorCode::Corrupt,
                QStringLiteral("USB event action '%1' is not 'arrived' or 'left'").arg(action));
        if (step.afterMs < 0 || step.afterMs > 60000)
            return makeError(
                ErrorCode::Corrupt,
                QStringLiteral("USB event delay %1 ms is outside 0..60000").arg(step.afterMs));
        auto d = usbDeviceFromJson(o.value(QStringLiteral("device")).toObject());
        if (!d) return d.error();
        step.event.device = *d;
        bus->m_steps.append(step);
    }
    return bus;
}

Result<std::unique_ptr<ReplayUsbBus>> ReplayUsbBus::fromFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::Io,
            QStringLiteral("cannot read USB list '%1': %2").arg(path, f.errorString()));
    QJsonParseError err{};
    const auto doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("USB list '%1' is not a JSON object").arg(path),
                         QStringLiteral("capture it again with 'vireoctl host capture'"));
    return fromJson(doc.object());
}

Result<QVector<UsbDevice>> ReplayUsbBus::devices() {
    return m_devices;
}

Status ReplayUsbBus::watch(const std::function<bool(const UsbEvent&)>& onEvent) {
    while (!m_steps.isEmpty()) {
        const Step step = m_steps.takeFirst();
        QThread::msleep(static_cast<unsigned long>(step.afterMs));
        const UsbDevice& d = step.event.device;
        m_devices.erase(std::remove_if(m_devices.begin(), m_devices.end(),
                                       [&](const UsbDevice& o) { return o.id() == d.id(); }),
                        m_devices.end());
        if (step.event.kind == UsbEventKind::Arrived && !d.isHub()) {
            m_devices.append(d);
            sortById(m_devices);
        }
        if (d.isHub()) continue;
        if (!onEvent(step.event)) break;
    }
    return {};
}

} // namespace vireo
