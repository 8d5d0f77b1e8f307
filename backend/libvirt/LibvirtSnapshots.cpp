#include "libvirt/LibvirtSnapshots.h"

#include "spec/VmSpecValidation.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>
#include <libvirt/virterror.h>

namespace vireo {

namespace {

struct SnapFree {
    void operator()(virDomainSnapshotPtr s) const { virDomainSnapshotFree(s); }
};
using SnapRef = std::unique_ptr<virDomainSnapshot, SnapFree>;

// creationTime, description and state of a snapshot's XML.
SnapshotInfo describe(virDomainSnapshotPtr snap) {
    SnapshotInfo info;
    info.name = QString::fromUtf8(virDomainSnapshotGetName(snap));
    if (SnapRef parent{virDomainSnapshotGetParent(snap, 0)})
        info.parent = QString::fromUtf8(virDomainSnapshotGetName(parent.get()));
    char* xml = virDomainSnapshotGetXMLDesc(snap, 0);
    const QByteArray bytes(xml ? xml : "");
    free(xml);
    QXmlStreamReader r(bytes);
    int depth = 0;
    while (!r.atEnd()) {
        const auto t = r.readNext();
        if (t == QXmlStreamReader::EndElement) --depth;
        if (t != QXmlStreamReader::StartElement) continue;
        ++depth;
        if (depth != 2) continue; // direct children of <domainsnapshot>
        if (r.name() == QLatin1String("creationTime")) {
            info.created = QDateTime::fromSecsSinceEpoch(r.readElementText().toLongLong(), Qt::UTC);
            --depth;
        } else if (r.name() == QLatin1String("description")) {
            info.description = r.readElementText();
            --depth;
        } else if (r.name() == QLatin1String("state")) {
            const QString state = r.readElementText();
            info.hasMemory = state == QLatin1String("running") || state == QLatin1String("paused");
            --depth;
        }
    }
    return info;
}

} // namespace

Status LibvirtSnapshots::create(const QString& vm, const QString& name, const QString& description,
                                bool withMemory) const {
    VIREO_TRY(validateSnapshotName(name));
    auto dom = m_conn.domain(vm);
    if (!dom) return dom.error();
    if (SnapRef existing{virDomainSnapshotLookupByName(dom->get(), qPrintable(name), 0)})
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("VM '%1' on remote '%2' already has a snapshot '%3'")
                             .arg(vm, m_conn.remote().name, name),
                         QStringLiteral("pick another name"));
    if (virDomainIsActive(dom->get()) == 1 && !withMemory)
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("a snapshot of a running VM on a remote includes its memory"),
            QStringLiteral("leave out --no-memory, or shut VM '%1' down first").arg(vm));
    QString xml;
    QXmlStreamWriter w(&xml);
    w.writeStartElement(QStringLiteral("domainsnapshot"));
    w.writeTextElement(QStringLiteral("name"), name);
    if (!description.isEmpty()) w.writeTextElement(QStringLiteral("description"), description);
    w.writeEndElement();
    SnapRef snap(virDomainSnapshotCreateXML(dom->get(), qPrintable(xml), 0));
    if (!snap)
        return m_conn.lastError(QStringLiteral("taking snapshot '%1' of VM '%2'").arg(name, vm),
                                QStringLiteral("internal snapshots need qcow2 disks"));
    return {};
}

Result<SnapshotTree> LibvirtSnapshots::list(const QString& vm) const {
    auto dom = m_conn.domain(vm);
    if (!dom) return dom.error();
    virDomainSnapshotPtr* snaps = nullptr;
    const int n =
        virDomainListAllSnapshots(dom->get(), &snaps, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL);
    if (n < 0) return m_conn.lastError(QStringLiteral("listing the snapshots of VM '%1'").arg(vm));
    SnapshotTree tree;
    QString current;
    for (int i = 0; i < n; ++i) {
        tree.add(describe(snaps[i]));
        if (virDomainSnapshotIsCurrent(snaps[i], 0) == 1)
            current = QString::fromUtf8(virDomainSnapshotGetName(snaps[i]));
        virDomainSnapshotFree(snaps[i]);
    }
    free(snaps);
    tree.setCurrent(current);
    return tree;
}

// Snapshot `name` of `vm` handed to `call`; NotFound naming both when there is none.
static Status onSnapshot(const LibvirtConnection& conn, const QString& vm, const QString& name,
                         const QString& what, int (*call)(virDomainSnapshotPtr, unsigned int)) {
    auto dom = conn.domain(vm);
    if (!dom) return dom.error();
    SnapRef snap(virDomainSnapshotLookupByName(dom->get(), qPrintable(name), 0));
    if (!snap)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("VM '%1' on remote '%2' has no snapshot '%3'")
                             .arg(vm, conn.remote().name, name),
                         QStringLiteral("see 'vireoctl --remote %1 snapshot list %2'")
                             .arg(conn.remote().name, vm));
    if (call(snap.get(), 0) < 0) return conn.lastError(what.arg(vm, name));
    return {};
}

Status LibvirtSnapshots::revert(const QString& vm, const QString& name) const {
    return onSnapshot(m_conn, vm, name, QStringLiteral("reverting VM '%1' to '%2'"),
                      virDomainRevertToSnapshot);
}

Status LibvirtSnapshots::remove(const QString& vm, const QString& name) const {
    return onSnapshot(m_conn, vm, name, QStringLiteral("deleting snapshot '%2' of VM '%1'"),
                      virDomainSnapshotDelete);
}

} // namespace vireo
