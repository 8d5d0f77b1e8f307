#include "usb/UsbFilters.h"

#include <QRegularExpression>

namespace vireo {

namespace {

bool isHex4(const QString& text) {
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{4}$"));
    return re.match(text).hasMatch();
}

} // namespace

QString usbFilterProblem(const UsbFilterSpec& f) {
    if (f.vendor.isEmpty() && f.product.isEmpty() && f.serial.isEmpty() && f.port.isEmpty())
        return QStringLiteral("it names nothing to match");
    if (!f.vendor.isEmpty() && !isHex4(f.vendor))
        return QStringLiteral("vendor '%1' is not 4 hex digits").arg(f.vendor.left(16));
    if (!f.product.isEmpty() && !isHex4(f.product))
        return QStringLiteral("product '%1' is not 4 hex digits").arg(f.product.left(16));
    if (!f.port.isEmpty() && !isUsbPortId(f.port))
        return QStringLiteral("port '%1' is not a bus and port path like 1-2.1")
            .arg(f.port.left(24));
    static const QRegularExpression serialRe(QStringLiteral("^[\\x21-\\x2b\\x2d-\\x7e]{1,126}$"));
    if (!f.serial.isEmpty() && !serialRe.match(f.serial).hasMatch())
        return QStringLiteral("the serial is not 1-126 printable characters without commas or "
                              "spaces");
    return {};
}

Result<UsbFilterSpec> parseUsbFilter(const QString& text) {
    UsbFilterSpec f;
    static const QRegularExpression vidPid(QStringLiteral("^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$"));
    const auto m = vidPid.match(text);
    if (m.hasMatch()) {
        f.vendor = m.captured(1).toLower();
        f.product = m.captured(2).toLower();
        return f;
    }
    const auto bad = [&](const QString& why) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("USB filter '%1': %2").arg(text.left(80), why),
                         QStringLiteral("give vendor=HEX4,product=HEX4,serial=TEXT,port=BUS-PORT "
                                        "(any of them) or VENDOR:PRODUCT, as 'vireoctl usb list' "
                                        "shows them"));
    };
    for (const auto& part : text.split(QLatin1Char(','))) {
        const QString key = part.section(QLatin1Char('='), 0, 0);
        const QString value = part.section(QLatin1Char('='), 1);
        if (!part.contains(QLatin1Char('=')) || value.isEmpty())
            return bad(QStringLiteral("'%1' is not KEY=VALUE").arg(part.left(40)));
        QString* field = key == QLatin1String("vendor")    ? &f.vendor
                         : key == QLatin1String("product") ? &f.product
                         : key == QLatin1String("serial")  ? &f.serial
                         : key == QLatin1String("port")    ? &f.port
                                                           : nullptr;
        if (!field) return bad(QStringLiteral("unknown key '%1'").arg(key.left(20)));
        if (!field->isEmpty()) return bad(QStringLiteral("'%1' is given twice").arg(key));
        *field = key == QLatin1String("serial") ? value : value.toLower();
    }
    const QString problem = usbFilterProblem(f);
    if (!problem.isEmpty()) return bad(problem);
    return f;
}

QString usbFilterToString(const UsbFilterSpec& f) {
    QStringList parts;
    if (!f.vendor.isEmpty()) parts << QStringLiteral("vendor=") + f.vendor;
    if (!f.product.isEmpty()) parts << QStringLiteral("product=") + f.product;
    if (!f.serial.isEmpty()) parts << QStringLiteral("serial=") + f.serial;
    if (!f.port.isEmpty()) parts << QStringLiteral("port=") + f.port;
    return parts.join(QLatin1Char(','));
}

bool usbFilterMatches(const UsbFilterSpec& f, const UsbDevice& d) {
    if (d.isHub()) return false;
    if (!f.vendor.isEmpty() && f.vendor != d.vendorHex()) return false;
    if (!f.product.isEmpty() && f.product != d.productHex()) return false;
    if (!f.serial.isEmpty() && f.serial != d.serial) return false;
    if (!f.port.isEmpty() && f.port != d.id()) return false;
    return true;
}

int matchingUsbFilter(const VmSpec& spec, const UsbDevice& device) {
    for (int i = 0; i < spec.usbFilters.size(); ++i)
        if (usbFilterMatches(spec.usbFilters[i], device)) return i;
    return -1;
}

} // namespace vireo
