#pragma once

#include <QDomElement>
#include <QString>
#include <QVector>
#include <libvirt/libvirt.h>

namespace vireo {

// Vireo's own flags in a domain's definition, kept in its metadata element
// (<vireo:vm><vireo:TAG>yes</vireo:TAG></vireo:vm>): a template mark, a UEFI store to
// reset at the next start. Other tools' metadata is never touched.

// Whether the definition carries flag `tag` (one round trip).
bool domainFlag(virDomainPtr dom, const QString& tag);
// Sets or clears flag `tag` in the definition; false with libvirt's error set.
bool setDomainFlag(virDomainPtr dom, const QString& tag, bool on);

// The `tag` children of Vireo's metadata element, with or without a namespace prefix
// (libvirt keeps the prefix it was given; documents read without namespaces show it).
QVector<QDomElement> flagElements(const QDomElement& vm, const QString& tag);
// Removes flag `tag` from a whole domain document (a copy being defined anew).
void removeDomainFlag(QDomDocument& domain, const QString& tag);

} // namespace vireo
