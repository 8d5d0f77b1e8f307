#pragma once

#include <QDomDocument>
#include <QSet>
#include <QString>
#include <libvirt/libvirt.h>

namespace vireo {

// Vireo's own flags in a domain's definition, kept in its metadata element
// (<vireo:vm><vireo:TAG>yes</vireo:TAG></vireo:vm>): a template mark, a UEFI store to
// reset at the next start. Other tools' metadata is never touched.

// The flags Vireo sets.
inline const QString kTemplateFlag = QStringLiteral("template"); // never started, only copied
inline const QString kResetUefiStoreFlag = QStringLiteral("resetUefiStore"); // firmware changed

// The flags the definition carries (one round trip).
QSet<QString> domainFlags(virDomainPtr dom);
// Sets or clears flag `tag` in the definition; false with libvirt's error set.
bool setDomainFlag(virDomainPtr dom, const QString& tag, bool on);
// Removes flag `tag` from a whole domain document (a copy being defined anew).
void removeDomainFlag(QDomDocument& domain, const QString& tag);

} // namespace vireo
