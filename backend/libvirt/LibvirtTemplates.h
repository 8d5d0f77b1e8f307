#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"

#include <QSet>
#include <QVector>
#include <memory>

namespace vireo {

// Templates on a libvirt host, as locally: shut-off domains marked in Vireo's metadata
// element of their definition (<vireo:template>yes</vireo:template>), never started, only
// copied. An instance gets a new UUID, MACs and machine-id (a systemd credential in
// SMBIOS) and, when the template boots a cloud image with a NAME-seed.iso, a seed of its
// own with a fresh instance-id and its hostname. A linked instance is a thin overlay on
// the template's disks; the template cannot be unmarked while an overlay reads them.
class LibvirtTemplates {
public:
    explicit LibvirtTemplates(std::shared_ptr<LibvirtConnection> connection)
        : m_conn(std::move(connection)) {}

    Status mark(const QString& name) const;
    Status unmark(const QString& name) const;
    Status instantiate(const QString& templateName, const QString& name, bool linked) const;

private:
    std::shared_ptr<LibvirtConnection> m_conn;
};

// Whether a domain's definition carries the template mark (one round trip).
bool isTemplateDomain(virDomainPtr dom);

// The names of the templates among `doms` (shut-off domains: a template never runs), one
// round trip each.
QSet<QString> templatesAmong(const QVector<virDomainPtr>& doms);

} // namespace vireo
