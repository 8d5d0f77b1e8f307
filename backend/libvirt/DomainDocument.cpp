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

void replaceDevices(QDomDocument& doc, QDomElement devices, const QDomElement& from,
                    const QString& tag, const std::function<bool(const QDomElement&)>& replaced) {
    QDomElement e = devices.firstChildElement(tag);
    while (!e.isNull()) {
        const QDomElement next = e.nextSiblingElement(tag);
        if (replaced(e)) devices.removeChild(e);
        e = next;
    }
    for (QDomElement n = from.firstChildElement(tag); !n.isNull(); n = n.nextSiblingElement(tag))
        if (replaced(n)) devices.appendChild(doc.importNode(n, true));
}

QStringList diskFilesOf(const QDomDocument& doc) {
    QStringList out;
    for (const QDomElement& disk : devicesOf(doc, QStringLiteral("disk")))
        if (disk.attribute(QStringLiteral("device"), QStringLiteral("disk")) ==
            QLatin1String("disk"))
            if (const QString path = disk.firstChildElement(QStringLiteral("source"))
                                         .attribute(QStringLiteral("file"));
                !path.isEmpty())
                out << path;
    return out;
}

QHash<QString, QStringList> diskFilesOfAllDomains(const LibvirtConnection& connection) {
    QHash<QString, QStringList> out;
    virDomainPtr* doms = nullptr;
    const int n = virConnectListAllDomains(connection.get(), &doms, 0);
    for (int i = 0; i < n; ++i) {
        const QString name = QString::fromUtf8(virDomainGetName(doms[i]));
        if (auto doc = domainDocument(connection, doms[i], name, VIR_DOMAIN_XML_INACTIVE))
            out.insert(name, diskFilesOf(*doc));
        virDomainFree(doms[i]);
    }
    std::free(doms);
    return out;
}

} // namespace vireo
