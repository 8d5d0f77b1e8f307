#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"

#include <QDomDocument>
#include <QHash>
#include <QStringList>
#include <QVector>
#include <functional>

namespace vireo {

// A domain's XML as a document to read or change: with VIR_DOMAIN_XML_INACTIVE its
// definition, with 0 the running QEMU's view. An unreadable reply is an error naming `vm`.
Result<QDomDocument> domainDocument(const LibvirtConnection& connection, virDomainPtr dom,
                                    const QString& vm, unsigned int flags);

// The `tag` elements (disk, interface, filesystem, ...) of a domain document's <devices>.
QVector<QDomElement> devicesOf(const QDomDocument& doc, const QString& tag);

// Out of `devices` go the `tag` elements that `replaced` selects; in come those of `from`
// (another document's <devices>) that it selects.
void replaceDevices(QDomDocument& doc, QDomElement devices, const QDomElement& from,
                    const QString& tag, const std::function<bool(const QDomElement&)>& replaced);

// The files behind a domain document's <disk device="disk"> elements (CD-ROMs left out).
QStringList diskFilesOf(const QDomDocument& doc);

// Each domain of the host (by name) with the disk files of its definition: who else uses
// a volume. One round trip per domain.
QHash<QString, QStringList> diskFilesOfAllDomains(const LibvirtConnection& connection);

} // namespace vireo
