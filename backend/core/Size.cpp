#include "core/Size.h"

#include "core/SizeText.h"

#include <QRegularExpression>

namespace vireo {

Result<std::uint64_t> parseSize(const QString& text, const QString& what) {
    if (const auto bytes = parseSizeText(text.toStdString())) return *bytes;
    // Tell a malformed size from one out of range, as the user's fix differs.
    static const QRegularExpression form(
        QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]?)(?:i?[bB])?\\s*$"));
    if (!form.match(text).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 '%2' is not a size").arg(what, text),
                         QStringLiteral("use a positive number with a unit, e.g. 512M or 20G"));
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("%1 '%2' is out of range").arg(what, text),
                     QStringLiteral("use a size between 1 byte and 1P"));
}

QString formatSize(std::uint64_t bytes) {
    return QString::fromStdString(formatSizeText(bytes));
}

} // namespace vireo
