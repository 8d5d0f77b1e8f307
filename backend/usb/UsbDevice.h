#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QString>

namespace vireo {

// One device on a host USB bus, as libusb (or a replayed list) reports it. A device is
// named by where it is plugged in — bus and port path, "1-2.1" as in sysfs — because
// that stays the same when it is re-plugged into the same socket, unlike its address.
struct UsbDevice {
    int bus = 0;
    QString ports;   // port numbers from the root hub, "2.1"
    int address = 0; // the kernel's device number on the bus (changes on each plug)
    quint16 vendorId = 0;
    quint16 productId = 0;
    QString manufacturer;
    QString product;
    QString serial;
    QString speed; // "low", "full", "high", "super", "super+" or "unknown"
    quint8 deviceClass = 0;

    QString id() const { return QStringLiteral("%1-%2").arg(bus).arg(ports); }
    QString vendorHex() const {
        return QStringLiteral("%1").arg(vendorId, 4, 16, QLatin1Char('0'));
    }
    QString productHex() const {
        return QStringLiteral("%1").arg(productId, 4, 16, QLatin1Char('0'));
    }
    QString vidPid() const { return vendorHex() + QLatin1Char(':') + productHex(); }
    // A hub is never passed on: the devices behind it are.
    bool isHub() const { return deviceClass == 0x09; }
    // "Logitech USB Receiver", or the ids when the device gives no names.
    QString displayName() const;
    // The usbfs node QEMU opens: "dev/bus/usb/001/004" (relative to the host root).
    QString nodePath() const;
};

QJsonObject usbDeviceToJson(const UsbDevice& device);
// The inverse, for replayed device lists; a field of the wrong form is one clear error.
Result<UsbDevice> usbDeviceFromJson(const QJsonObject& object);

// "1-2.1": a bus number, a dash and up to seven dot-separated port numbers.
bool isUsbPortId(const QString& text);

} // namespace vireo
