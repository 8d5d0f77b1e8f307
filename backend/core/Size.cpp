#include "core/Size.h"

#include <QRegularExpression>
#include <cmath>

namespace vireo {

Result<std::uint64_t> parseSize(const QString& text, const QString& what) {
    static const QRegularExpression re(
        QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]?)(?:i?[bB])?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 '%2' is not a size").arg(what, text),
                         QStringLiteral("use a positive number with a unit, e.g. 512M or 20G"));
    const double number = m.captured(1).toDouble();
    int shift = 0;
    const QString unit = m.captured(2).toUpper();
    switch (unit.isEmpty() ? 0 : unit.at(0).unicode()) {
    case 'K':
        shift = 10;
        break;
    case 'M':
        shift = 20;
        break;
    case 'G':
        shift = 30;
        break;
    case 'T':
        shift = 40;
        break;
    default:
        shift = 0;
    }
    const double bytes = std::ldexp(number, shift);
    // 1 PiB is far beyond anything a workstation VM uses; larger is a typo.
    if (bytes < 1 || bytes > std::ldexp(1.0, 50))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 '%2' is out of range").arg(what, text),
                         QStringLiteral("use a size between 1 byte and 1P"));
    return static_cast<std::uint64_t>(bytes);
}

QString formatSize(std::uint64_t bytes) {
    static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    return QStringLiteral("%1 %2").arg(v, 0, 'f', u == 0 ? 0 : 1).arg(QLatin1String(units[u]));
}

} // namespace vireo
