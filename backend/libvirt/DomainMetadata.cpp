#include "libvirt/DomainMetadata.h"

#include "libvirt/DomainXml.h"

#include <QDomDocument>
#include <QXmlStreamWriter>

namespace vireo {

namespace {

const QString kNamespace = QString::fromLatin1(kVireoXmlNamespace);

// Vireo's metadata element of a domain's definition (an empty <vireo:vm/> when it has none).
QDomDocument vireoMetadata(virDomainPtr dom) {
    QDomDocument doc;
    if (char* xml = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, kVireoXmlNamespace,
                                         VIR_DOMAIN_AFFECT_CONFIG)) {
        doc.setContent(QByteArray(xml), true);
        free(xml);
    }
    if (doc.documentElement().isNull())
        doc.appendChild(doc.createElementNS(kNamespace, QStringLiteral("vireo:vm")));
    return doc;
}

QString localNameOf(const QDomElement& e) {
    return e.localName().isEmpty() ? e.tagName().section(QLatin1Char(':'), -1) : e.localName();
}

// The `tag` children of Vireo's metadata element, with or without a namespace prefix
// (libvirt keeps the prefix it was given; documents read without namespaces show it).
QVector<QDomElement> flagElements(const QDomElement& vm, const QString& tag) {
    QVector<QDomElement> out;
    for (QDomElement e = vm.firstChildElement(); !e.isNull(); e = e.nextSiblingElement())
        if (localNameOf(e) == tag) out << e;
    return out;
}

} // namespace

QSet<QString> domainFlags(virDomainPtr dom) {
    QSet<QString> out;
    const QDomDocument doc = vireoMetadata(dom);
    for (QDomElement e = doc.documentElement().firstChildElement(); !e.isNull();
         e = e.nextSiblingElement())
        if (e.text().trimmed() == QLatin1String("yes")) out.insert(localNameOf(e));
    return out;
}

bool setDomainFlag(virDomainPtr dom, const QString& tag, bool on) {
    // libvirt puts the element into the namespace it is given (refusing one declared in
    // it), so it gets the element unprefixed: Vireo's text children, the flag as asked.
    const QDomElement vm = vireoMetadata(dom).documentElement();
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.writeStartElement(QStringLiteral("vm"));
    bool empty = true;
    for (QDomElement e = vm.firstChildElement(); !e.isNull(); e = e.nextSiblingElement()) {
        if (localNameOf(e) == tag) continue;
        w.writeTextElement(localNameOf(e), e.text());
        empty = false;
    }
    if (on) {
        w.writeTextElement(tag, QStringLiteral("yes"));
        empty = false;
    }
    w.writeEndElement();
    // An element left empty goes away, so a definition without flags is as before.
    return virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, empty ? nullptr : xml.constData(),
                                "vireo", kVireoXmlNamespace, VIR_DOMAIN_AFFECT_CONFIG) == 0;
}

void removeDomainFlag(QDomDocument& domain, const QString& tag) {
    QDomElement metadata = domain.documentElement().firstChildElement(QStringLiteral("metadata"));
    for (QDomElement vm = metadata.firstChildElement(); !vm.isNull();) {
        const QDomElement next = vm.nextSiblingElement();
        const QString prefix = vm.tagName().section(QLatin1Char(':'), 0, -2);
        const bool vireos = vm.attribute(QStringLiteral("xmlns:") + prefix) == kNamespace ||
                            vm.attribute(QStringLiteral("xmlns")) == kNamespace;
        const QVector<QDomElement> flags = vireos ? flagElements(vm, tag) : QVector<QDomElement>{};
        for (QDomElement flag : flags)
            vm.removeChild(flag);
        if (!flags.isEmpty() && vm.firstChildElement().isNull()) metadata.removeChild(vm);
        vm = next;
    }
}

} // namespace vireo
