#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"

#include <QDomDocument>
#include <QString>

namespace vireo {

// What the libvirt host decides rather than the VM spec.
struct DomainXmlContext {
    QString domainType = QStringLiteral("kvm"); // "qemu" = TCG, where KVM is absent or unusable
};

// The libvirt domain XML of a VM spec: the one place that writes it, as
// QemuCommandBuilder is the one place that writes a QEMU command line. What libvirt 9
// cannot express (NVMe disks, read-only virtiofs) is an Unsupported error naming it.
Result<QString> buildDomainXml(const VmSpec& spec, const DomainXmlContext& context);

// A spec with no devices of its own (no display, no NIC): what builderDevices is given
// after the caller sets the parts it wants.
VmSpec devicesProbe();

// The builder's XML for a VM that has only what `probe` sets (its name and UUID made up):
// the devices an edit or a hot-plug puts in place of or beside a definition's own.
Result<QDomDocument> builderDevices(VmSpec probe);

// The XML namespace of Vireo's own fields kept in <metadata> (os preset, template).
inline constexpr char kVireoXmlNamespace[] = "https://vireo.dev/xmlns/libvirt/vm/1";

} // namespace vireo
