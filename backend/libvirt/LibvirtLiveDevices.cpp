#include "libvirt/LibvirtLiveDevices.h"

#include "libvirt/DomainDocument.h"
#include "libvirt/DomainXml.h"
#include "libvirt/LibvirtNetworks.h"
#include "libvirt/LibvirtStorage.h"

#include <QDomDocument>
#include <QSet>
#include <QVector>

namespace vireo {

namespace {

// The VM's devices as they are now: the running QEMU's when it runs.
Result<QDomDocument> currentXml(const LibvirtConnection& conn, virDomainPtr dom, bool running,
                                const QString& vm) {
    return domainDocument(conn, dom, vm, running ? 0 : VIR_DOMAIN_XML_INACTIVE);
}

QByteArray deviceXml(const QDomElement& device) {
    QDomDocument doc;
    doc.appendChild(doc.importNode(device, true));
    return doc.toByteArray();
}

void replaceSource(QDomElement device, const QString& attribute, const QString& value) {
    QDomElement source = device.firstChildElement(QStringLiteral("source"));
    if (!source.isNull()) device.removeChild(source);
    if (value.isEmpty()) return;
    source = device.ownerDocument().createElement(QStringLiteral("source"));
    source.setAttribute(attribute, value);
    device.insertAfter(source, device.firstChildElement(QStringLiteral("driver")));
}

QString sourceFileOf(const QDomElement& disk) {
    return disk.firstChildElement(QStringLiteral("source")).attribute(QStringLiteral("file"));
}

unsigned affected(bool running) {
    return unsigned(VIR_DOMAIN_AFFECT_CONFIG) | (running ? unsigned(VIR_DOMAIN_AFFECT_LIVE) : 0u);
}

} // namespace

Status LibvirtLiveDevices::changeCdrom(const QString& vm, const QString& iso) const {
    auto dom = m_conn.domain(vm);
    if (!dom) return dom.error();
    if (!iso.isEmpty())
        if (auto volume = LibvirtStorage(m_conn).volume(iso); !volume) return volume.error();
    const bool running = virDomainIsActive(dom->get()) == 1;
    auto doc = currentXml(m_conn, dom->get(), running, vm);
    if (!doc) return doc.error();
    QDomElement drive;
    for (const QDomElement& d : devicesOf(*doc, QStringLiteral("disk")))
        if (d.attribute(QStringLiteral("device")) == QLatin1String("cdrom")) drive = d;
    if (drive.isNull())
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("VM '%1' on remote '%2' has no CD drive").arg(vm, m_conn.remote().name),
            QStringLiteral("give it one while it is shut off: 'vireoctl --remote %1 "
                           "vm edit %2 --cdrom ISO'")
                .arg(m_conn.remote().name, vm));
    drive.setAttribute(QStringLiteral("type"), QStringLiteral("file"));
    drive.removeChild(drive.firstChildElement(QStringLiteral("backingStore")));
    replaceSource(drive, QStringLiteral("file"), iso);
    // FORCE: a guest that locked the tray (a mounted CD) still gets it opened, as locally.
    const unsigned flags = affected(running) | unsigned(VIR_DOMAIN_DEVICE_MODIFY_FORCE);
    if (virDomainUpdateDeviceFlags(dom->get(), deviceXml(drive).constData(), flags) < 0)
        return m_conn.lastError(QStringLiteral("changing the CD of VM '%1'").arg(vm));
    return {};
}

Status LibvirtLiveDevices::moveNic(const QString& vm, int index, const QString& network) const {
    auto dom = m_conn.domain(vm);
    if (!dom) return dom.error();
    if (auto shape = LibvirtNetworks(m_conn).shape(network); !shape) return shape.error();
    const bool running = virDomainIsActive(dom->get()) == 1;
    auto doc = currentXml(m_conn, dom->get(), running, vm);
    if (!doc) return doc.error();
    const QVector<QDomElement> nics = devicesOf(*doc, QStringLiteral("interface"));
    if (index < 0 || index >= nics.size())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("VM '%1' on remote '%2' has no NIC %3")
                             .arg(vm, m_conn.remote().name)
                             .arg(index),
                         nics.isEmpty()
                             ? QStringLiteral("it has no NIC; add one while it is shut "
                                              "off with 'vm edit --nic'")
                             : QStringLiteral("its NICs are 0 to %1").arg(nics.size() - 1));
    QDomElement nic = nics.at(index);
    nic.setAttribute(QStringLiteral("type"), QStringLiteral("network"));
    replaceSource(nic, QStringLiteral("network"), network);
    if (virDomainUpdateDeviceFlags(dom->get(), deviceXml(nic).constData(), affected(running)) < 0)
        return m_conn.lastError(
            QStringLiteral("moving NIC %1 of VM '%2' to network '%3'").arg(index).arg(vm, network));
    return {};
}

Status LibvirtLiveDevices::attachDisk(const QString& vm, DiskSpec disk) const {
    auto dom = m_conn.domain(vm);
    if (!dom) return dom.error();
    auto volume = LibvirtStorage(m_conn).volume(disk.path);
    if (!volume) return volume.error();
    disk.format = volume->format;
    const bool running = virDomainIsActive(dom->get()) == 1;
    auto doc = currentXml(m_conn, dom->get(), running, vm);
    if (!doc) return doc.error();
    QSet<QString> targets;
    for (const QDomElement& d : devicesOf(*doc, QStringLiteral("disk"))) {
        if (sourceFileOf(d) == disk.path)
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("'%1' is already a disk of VM '%2' on remote '%3'")
                                 .arg(disk.path, vm, m_conn.remote().name));
        targets.insert(
            d.firstChildElement(QStringLiteral("target")).attribute(QStringLiteral("dev")));
    }
    VmSpec probe = devicesProbe();
    probe.disks = {disk};
    auto built = builderDevices(probe);
    if (!built) return built.error();
    QDomElement element = devicesOf(*built, QStringLiteral("disk")).first();
    // The builder names it as the first disk of its bus; it goes after the VM's own.
    QDomElement target = element.firstChildElement(QStringLiteral("target"));
    QString dev = target.attribute(QStringLiteral("dev"));
    while (targets.contains(dev))
        dev = dev.left(dev.size() - 1) + QChar(dev.back().unicode() + 1);
    target.setAttribute(QStringLiteral("dev"), dev);
    if (virDomainAttachDeviceFlags(dom->get(), deviceXml(element).constData(), affected(running)) <
        0)
        return m_conn.lastError(QStringLiteral("attaching '%1' to VM '%2'").arg(disk.path, vm));
    return {};
}

Status LibvirtLiveDevices::detachDisk(const QString& vm, const QString& path) const {
    auto dom = m_conn.domain(vm);
    if (!dom) return dom.error();
    const bool running = virDomainIsActive(dom->get()) == 1;
    auto doc = currentXml(m_conn, dom->get(), running, vm);
    if (!doc) return doc.error();
    for (const QDomElement& d : devicesOf(*doc, QStringLiteral("disk"))) {
        if (d.attribute(QStringLiteral("device")) != QLatin1String("disk") ||
            sourceFileOf(d) != path)
            continue;
        if (virDomainDetachDeviceFlags(dom->get(), deviceXml(d).constData(), affected(running)) < 0)
            return m_conn.lastError(QStringLiteral("detaching '%1' from VM '%2'").arg(path, vm));
        return {};
    }
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("VM '%1' on remote '%2' has no disk '%3'")
                         .arg(vm, m_conn.remote().name, path),
                     QStringLiteral("see its disks with 'vireoctl --remote %1 vm show %2'")
                         .arg(m_conn.remote().name, vm));
}

} // namespace vireo
