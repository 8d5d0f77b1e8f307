#include "libvirt/DomainDocument.h"

#include <cstdlib>

namespace vireo {

Result<QDomDocument> domainDocument(const LibvirtConnection& connection, virDomainPtr dom,
                                    const QString& vm, unsigned int flags) {
    char* xml = virDomainGetXMLDesc(dom, flags);
    if (!xml)
        return connection.lastError(QStringLiteral("reading the definition of VM '%1'").arg(vm));
    QDomDocument doc;
    const bool ok = bool(doc.setContent(QByteArray(xml)));
    std::free(xml);
    if (!ok)
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("libvirt gave unreadable XML for VM '%1'").arg(vm));
    return doc;
}

QVector<QDomElement> devicesOf(const QDomDocument& doc, const QString& tag) {
    QVector<QDomElement> out;
    for (QDomElement e = doc.documentElement()
                             .firstChildElement(QStringLiteral("devices"))
                             .firstChildElement(tag);
         !e.isNull(); e = e.nextSiblingElement(tag))
        out.append(e);
    return out;
}

} // namespace vireo
