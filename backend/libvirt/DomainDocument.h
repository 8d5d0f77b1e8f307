#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"

#include <QDomDocument>
#include <QVector>

namespace vireo {

// A domain's XML as a document to read or change: with VIR_DOMAIN_XML_INACTIVE its
// definition, with 0 the running QEMU's view. An unreadable reply is an error naming `vm`.
Result<QDomDocument> domainDocument(const LibvirtConnection& connection, virDomainPtr dom,
                                    const QString& vm, unsigned int flags);

// The `tag` elements (disk, interface, filesystem, ...) of a domain document's <devices>.
QVector<QDomElement> devicesOf(const QDomDocument& doc, const QString& tag);

} // namespace vireo
