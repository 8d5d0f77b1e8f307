#include "usb/UsbDevice.h"

#include <QRegularExpression>

namespace vireo {

QString UsbDevice::displayName() const {
    QString name = manufacturer;
    if (!product.isEmpty()) name += (name.isEmpty() ? QString() : QStringLiteral(" ")) + product;
    return name.isEmpty() ? vidPid() : name;
}

QString UsbDevice::nodePath() const {
    return QStringLiteral("dev/bus/usb/%1/%2")
        .arg(bus, 3, 10, QLatin1Char('0'))
        .arg(address, 3, 10, QLatin1Char('0'));
}

bool isUsbPortId(const QString& text) {
    static const QRegularExpression re(
        QStringLiteral("^[1-9][0-9]{0,2}-[1-9][0-9]?(\\.[1-9][0-9]?){0,6}$"));
    return re.match(text).hasMatch();
}

QJsonObject usbDeviceToJson(const UsbDevice& d) {
    return {{QStringLiteral("id"), d.id()},
            {QStringLiteral("bus"), d.bus},
            {QStringLiteral("ports"), d.ports},
            {QStringLiteral("address"), d.address},
            {QStringLiteral("vendor_id"), d.vendorHex()},
            {QStringLiteral("product_id"), d.productHex()},
            {QStringLiteral("manufacturer"), d.manufacturer},
            {QStringLiteral("product"), d.product},
            {QStringLiteral("serial"), d.serial},
            {QStringLiteral("speed"), d.speed},
            {QStringLiteral("class"),
             QStringLiteral("0x%1").arg(d.deviceClass, 2, 16, QLatin1Char('0'))}};
}

namespace {

bool parseHex16(const QString& text, quint16* out) {
    static const QRegularExpression re(QStringLiteral("^(0x)?[0-9a-fA-F]{4}$"));
    if (!re.match(text).hasMatch()) return false;
    *out = static_cast<quint16>(text.right(4).toUInt(nullptr, 16));
    return true;
}

} // namespace

Result<UsbDevice> usbDeviceFromJson(const QJsonObject& o) {
    UsbDevice d;
    const QString id = o.value(QStringLiteral("id")).toString();
    auto bad = [&](const QString& field) {
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("USB device '%1' in the device list has a bad '%2'")
                             .arg(id.isEmpty() ? QStringLiteral("?") : id, field),
                         QStringLiteral("give it as 'vireoctl usb list --json' writes it"));
    };
    if (!isUsbPortId(id)) return bad(QStringLiteral("id"));
    d.bus = id.section(QLatin1Char('-'), 0, 0).toInt();
    d.ports = id.section(QLatin1Char('-'), 1);
    d.address = o.value(QStringLiteral("address")).toInt();
    if (d.address < 1 || d.address > 127) return bad(QStringLiteral("address"));
    if (!parseHex16(o.value(QStringLiteral("vendor_id")).toString(), &d.vendorId))
        return bad(QStringLiteral("vendor_id"));
    if (!parseHex16(o.value(QStringLiteral("product_id")).toString(), &d.productId))
        return bad(QStringLiteral("product_id"));
    d.manufacturer = o.value(QStringLiteral("manufacturer")).toString();
    d.product = o.value(QStringLiteral("product")).toString();
    d.serial = o.value(QStringLiteral("serial")).toString();
    d.speed = o.value(QStringLiteral("speed")).toString(QStringLiteral("unknown"));
    bool ok = true;
    const uint cls =
        o.value(QStringLiteral("class")).toString(QStringLiteral("0x00")).toUInt(&ok, 16);
    if (!ok || cls > 0xff) return bad(QStringLiteral("class"));
    d.deviceClass = static_cast<quint8>(cls);
    return d;
}

} // namespace vireo
