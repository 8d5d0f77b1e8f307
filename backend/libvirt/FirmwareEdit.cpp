#include "libvirt/FirmwareEdit.h"

#include "libvirt/DomainDocument.h"
#include "libvirt/DomainXml.h"

namespace vireo {

namespace {

void removeChildren(QDomElement parent, const QString& tag) {
    for (QDomElement e = parent.firstChildElement(tag); !e.isNull();) {
        const QDomElement next = e.nextSiblingElement(tag);
        parent.removeChild(e);
        e = next;
    }
}

// The firmware settings a definition states, as text to compare before and after.
QString firmwareOf(const QDomElement& root) {
    const QDomElement os = root.firstChildElement(QStringLiteral("os"));
    QString out = os.attribute(QStringLiteral("firmware"));
    for (QDomElement f = os.firstChildElement(QStringLiteral("firmware"))
                             .firstChildElement(QStringLiteral("feature"));
         !f.isNull(); f = f.nextSiblingElement(QStringLiteral("feature")))
        out += QLatin1Char(' ') + f.attribute(QStringLiteral("name")) + QLatin1Char('=') +
               f.attribute(QStringLiteral("enabled"));
    out += QLatin1Char(' ') +
           os.firstChildElement(QStringLiteral("loader")).attribute(QStringLiteral("secure"));
    return out;
}

} // namespace

Result<bool> replaceFirmware(QDomDocument& domain, Firmware firmware, bool secureBoot) {
    VmSpec probe = devicesProbe();
    probe.firmware = firmware;
    probe.secureBoot = secureBoot;
    auto wanted = builderDevices(probe);
    if (!wanted) return wanted.error();
    QDomElement root = domain.documentElement();
    const QString before = firmwareOf(root);
    QDomElement os = root.firstChildElement(QStringLiteral("os"));
    const QDomElement wantedOs = wanted->documentElement().firstChildElement(QStringLiteral("os"));
    if (wantedOs.hasAttribute(QStringLiteral("firmware")))
        os.setAttribute(QStringLiteral("firmware"), wantedOs.attribute(QStringLiteral("firmware")));
    else
        os.removeAttribute(QStringLiteral("firmware"));
    // A loader or store path chosen for the old firmware would not fit the new one:
    // libvirt picks both again from the host's firmware descriptors.
    for (const QString& tag :
         {QStringLiteral("firmware"), QStringLiteral("loader"), QStringLiteral("nvram")})
        removeChildren(os, tag);
    QDomNode after = os.firstChildElement(QStringLiteral("type"));
    for (const QString& tag : {QStringLiteral("firmware"), QStringLiteral("loader")})
        for (QDomElement e = wantedOs.firstChildElement(tag); !e.isNull();
             e = e.nextSiblingElement(tag))
            after = os.insertAfter(domain.importNode(e, true), after);

    QDomElement features = root.firstChildElement(QStringLiteral("features"));
    if (features.isNull())
        features =
            root.insertAfter(domain.createElement(QStringLiteral("features")), os).toElement();
    removeChildren(features, QStringLiteral("smm")); // Secure Boot's
    const QDomElement smm = wanted->documentElement()
                                .firstChildElement(QStringLiteral("features"))
                                .firstChildElement(QStringLiteral("smm"));
    if (!smm.isNull()) features.appendChild(domain.importNode(smm, true));
    return firmware == Firmware::Uefi && firmwareOf(root) != before;
}

Status replaceTpm(QDomDocument& domain, bool on) {
    VmSpec probe = devicesProbe();
    probe.tpm = on;
    auto wanted = builderDevices(probe);
    if (!wanted) return wanted.error();
    replaceDevices(domain, domain.documentElement().firstChildElement(QStringLiteral("devices")),
                   wanted->documentElement().firstChildElement(QStringLiteral("devices")),
                   QStringLiteral("tpm"), [](const QDomElement&) { return true; });
    return {};
}

} // namespace vireo
