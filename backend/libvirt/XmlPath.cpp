#include "libvirt/XmlPath.h"

#include <QXmlStreamReader>

namespace vireo {

QString xmlValueAt(const QByteArray& xml, const QStringList& path, const QString& attribute) {
    QXmlStreamReader r(xml);
    QStringList at;
    while (!r.atEnd()) {
        const auto t = r.readNext();
        if (t == QXmlStreamReader::StartElement) {
            at << r.name().toString();
            if (at == path)
                return attribute.isEmpty() ? r.readElementText()
                                           : r.attributes().value(attribute).toString();
        } else if (t == QXmlStreamReader::EndElement) {
            at.removeLast();
        }
    }
    return {};
}

} // namespace vireo
