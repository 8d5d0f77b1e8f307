#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace vireo {

// The text (or, with `attribute`, that attribute) of the first element at `path` from the
// root of a libvirt XML description, e.g. {"capabilities", "host", "uuid"}; "" when absent.
QString xmlValueAt(const QByteArray& xml, const QStringList& path, const QString& attribute = {});

} // namespace vireo
