#include "libvirt/LibvirtTemplates.h"

#include "libvirt/DomainDocument.h"
#include "libvirt/DomainMetadata.h"
#include "libvirt/LibvirtEngine.h"
#include "libvirt/LibvirtStorage.h"
#include "vm/CloudInit.h"

#include <QDomDocument>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QUuid>

namespace vireo {

namespace {

// The instance's definition: not a template, its own UUID and machine-id.
void makeInstanceDefinition(QDomDocument& doc, const QUuid& uuid) {
    QDomElement root = doc.documentElement();
    root.removeChild(root.firstChildElement(QStringLiteral("uuid")));
    QDomElement uuidElement = doc.createElement(QStringLiteral("uuid"));
    uuidElement.appendChild(doc.createTextNode(uuid.toString(QUuid::WithoutBraces)));
    root.insertAfter(uuidElement, root.firstChildElement(QStringLiteral("name")));

    removeDomainFlag(doc, kTemplateFlag);

    // systemd takes the machine-id from this SMBIOS OEM string (as locally).
    for (QDomElement s = root.firstChildElement(QStringLiteral("sysinfo")); !s.isNull();) {
        const QDomElement next = s.nextSiblingElement(QStringLiteral("sysinfo"));
        if (s.attribute(QStringLiteral("type")) == QLatin1String("smbios")) root.removeChild(s);
        s = next;
    }
    QDomElement sysinfo = doc.createElement(QStringLiteral("sysinfo"));
    sysinfo.setAttribute(QStringLiteral("type"), QStringLiteral("smbios"));
    QDomElement oem = doc.createElement(QStringLiteral("oemStrings"));
    QDomElement entry = doc.createElement(QStringLiteral("entry"));
    entry.appendChild(
        doc.createTextNode(QStringLiteral("io.systemd.credential:system.machine_id=") +
                           QUuid::createUuid().toString(QUuid::Id128)));
    oem.appendChild(entry);
    sysinfo.appendChild(oem);
    root.insertBefore(sysinfo, root.firstChildElement(QStringLiteral("os")));
    QDomElement os = root.firstChildElement(QStringLiteral("os"));
    QDomElement smbios = os.firstChildElement(QStringLiteral("smbios"));
    if (smbios.isNull())
        smbios = os.appendChild(doc.createElement(QStringLiteral("smbios"))).toElement();
    smbios.setAttribute(QStringLiteral("mode"), QStringLiteral("sysinfo"));
}

// A template booting a cloud image keeps its seed as TEMPLATE-seed.iso in its CD drive:
// the instance gets NAME-seed.iso beside it, made here from that one.
Status reseedInstance(const LibvirtConnection& conn, QDomDocument& doc, const QString& templateName,
                      const QString& name, const QUuid& uuid, QStringList& made) {
    for (QDomElement disk : devicesOf(doc, QStringLiteral("disk"))) {
        if (disk.attribute(QStringLiteral("device")) != QLatin1String("cdrom")) continue;
        QDomElement source = disk.firstChildElement(QStringLiteral("source"));
        const QString seed = source.attribute(QStringLiteral("file"));
        if (QFileInfo(seed).fileName() != templateName + QStringLiteral("-seed.iso")) continue;
        const LibvirtStorage storage(conn);
        QTemporaryDir local;
        if (!local.isValid())
            return makeError(
                ErrorCode::Io,
                QStringLiteral("cannot make a temporary folder for the seed of '%1'").arg(name),
                QStringLiteral("check that $TMPDIR is writable"));
        const QString templateSeed = local.filePath(QStringLiteral("template-seed.iso"));
        VIREO_TRY(storage.download(seed, templateSeed));
        VmSpec spec;
        spec.name = name;
        spec.uuid = uuid;
        const QString ownSeed = local.filePath(QStringLiteral("seed.iso"));
        VIREO_TRY(reseedNoCloud(templateSeed, spec, ownSeed));
        auto uploaded = storage.upload(ownSeed, QFileInfo(seed).path() + QLatin1Char('/') + name +
                                                    QStringLiteral("-seed.iso"));
        if (!uploaded) return uploaded.error();
        made << uploaded->path;
        source.setAttribute(QStringLiteral("file"), uploaded->path);
    }
    return {};
}

} // namespace

bool isTemplateDomain(virDomainPtr dom) {
    return domainFlags(dom).contains(kTemplateFlag);
}

QSet<QString> templatesAmong(const QVector<virDomainPtr>& doms) {
    // One call at a time: measured here, calls from several threads on one connection take
    // longer in all (200 domains: 35 ms in one thread, 46 ms in four).
    QSet<QString> out;
    for (virDomainPtr dom : doms)
        if (isTemplateDomain(dom)) out.insert(QString::fromUtf8(virDomainGetName(dom)));
    return out;
}

Status LibvirtTemplates::mark(const QString& name) const {
    auto dom = m_conn->domain(name);
    if (!dom) return dom.error();
    const QString remote = m_conn->remote().name;
    if (virDomainIsActive(dom->get()) == 1)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' on remote '%2' is running; only a shut-off VM can be a "
                           "template")
                .arg(name, remote),
            QStringLiteral("stop it first with 'vireoctl --remote %1 vm stop %2'")
                .arg(remote, name));
    if (isTemplateDomain(dom->get())) return {};
    if (!setDomainFlag(dom->get(), kTemplateFlag, true))
        return m_conn->lastError(QStringLiteral("marking VM '%1' as a template").arg(name));
    if (virDomainSetAutostart(dom->get(), 0) < 0) // a template never starts
        return m_conn->lastError(QStringLiteral("turning off the autostart of '%1'").arg(name));
    return {};
}

Status LibvirtTemplates::unmark(const QString& name) const {
    auto dom = m_conn->domain(name);
    if (!dom) return dom.error();
    if (!isTemplateDomain(dom->get())) return {};
    auto doc = domainDocument(*m_conn, dom->get(), name, VIR_DOMAIN_XML_INACTIVE);
    if (!doc) return doc.error();
    const QStringList bases = diskFilesOf(*doc);
    auto volumes = LibvirtStorage(*m_conn).list();
    if (!volumes) return volumes.error();
    QStringList overlays;
    for (const auto& v : *volumes)
        if (bases.contains(v.backing)) overlays << v.path;
    if (!overlays.isEmpty()) {
        // Name the VMs whose disks those overlays are, as locally.
        QStringList users;
        const auto files = diskFilesOfAllDomains(*m_conn);
        for (auto it = files.begin(); it != files.end(); ++it)
            for (const QString& path : it.value())
                if (overlays.contains(path) && !users.contains(it.key())) users << it.key();
        users.sort();
        if (users.isEmpty()) users = overlays; // overlays no VM uses still read it
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("template '%1' on remote '%2' is the base of linked "
                                        "instance(s) %3, whose disks would change under them "
                                        "if it ran")
                             .arg(name, m_conn->remote().name, users.join(QStringLiteral(", "))),
                         QStringLiteral("delete them first, or keep it a template"));
    }
    if (!setDomainFlag(dom->get(), kTemplateFlag, false))
        return m_conn->lastError(QStringLiteral("unmarking template '%1'").arg(name));
    return {};
}

Status LibvirtTemplates::instantiate(const QString& templateName, const QString& name,
                                     bool linked) const {
    auto dom = m_conn->domain(templateName);
    if (!dom) return dom.error();
    const QString remote = m_conn->remote().name;
    if (!isTemplateDomain(dom->get()))
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("VM '%1' on remote '%2' is not a template").arg(templateName, remote),
            QStringLiteral("mark it with 'vireoctl --remote %1 vm template %2', or "
                           "copy it with 'vireoctl --remote %1 vm clone'")
                .arg(remote, templateName));
    const QUuid uuid = QUuid::createUuid();
    return LibvirtEngine(m_conn).clone(
        templateName, name, linked ? CloneMode::LinkedToTemplate : CloneMode::Full,
        [&](QDomDocument& doc, QStringList& made) -> Status {
            makeInstanceDefinition(doc, uuid);
            return reseedInstance(*m_conn, doc, templateName, name, uuid, made);
        });
}

} // namespace vireo
