#include "libvirt/LibvirtShares.h"

#include "libvirt/DomainDocument.h"
#include "libvirt/LibvirtEngine.h"

#include <QDomDocument>

namespace vireo {

Result<QVector<SharedFolder>> LibvirtShares::list(const QString& vm) const {
    auto dom = m_conn->domain(vm);
    if (!dom) return dom.error();
    auto doc = domainDocument(*m_conn, dom->get(), vm, VIR_DOMAIN_XML_INACTIVE);
    if (!doc) return doc.error();
    QVector<SharedFolder> out;
    for (const QDomElement& fs : devicesOf(*doc, QStringLiteral("filesystem"))) {
        if (fs.firstChildElement(QStringLiteral("driver")).attribute(QStringLiteral("type")) !=
            QLatin1String("virtiofs"))
            continue;
        out.append({fs.firstChildElement(QStringLiteral("target")).attribute(QStringLiteral("dir")),
                    fs.firstChildElement(QStringLiteral("source")).attribute(QStringLiteral("dir")),
                    !fs.firstChildElement(QStringLiteral("readonly")).isNull()});
    }
    return out;
}

Status LibvirtShares::add(const QString& vm, const SharedFolder& share) const {
    if (!share.hostDir.startsWith(QLatin1Char('/')))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not an absolute path on remote '%2'")
                             .arg(share.hostDir, m_conn->remote().name),
                         QStringLiteral("give the folder's full path on that host"));
    auto shares = list(vm);
    if (!shares) return shares.error();
    for (const auto& f : *shares)
        if (f.tag == share.tag)
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("VM '%1' on remote '%2' already shares a folder as "
                                            "'%3' (%4)")
                                 .arg(vm, m_conn->remote().name, share.tag, f.hostDir),
                             QStringLiteral("choose another --tag, or remove it first"));
    LibvirtEngine::HardwareEdit edit;
    edit.shares = *shares;
    edit.shares->append(share);
    return LibvirtEngine(m_conn).editHardware(vm, edit);
}

Status LibvirtShares::remove(const QString& vm, const QString& tag) const {
    auto shares = list(vm);
    if (!shares) return shares.error();
    LibvirtEngine::HardwareEdit edit;
    edit.shares = *shares;
    edit.shares->removeIf([&](const SharedFolder& f) { return f.tag == tag; });
    if (edit.shares->size() == shares->size())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("VM '%1' on remote '%2' shares no folder as '%3'")
                             .arg(vm, m_conn->remote().name, tag),
                         QStringLiteral("see 'vireoctl --remote %1 vm share list %2'")
                             .arg(m_conn->remote().name, vm));
    return LibvirtEngine(m_conn).editHardware(vm, edit);
}

} // namespace vireo
