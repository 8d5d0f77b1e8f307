#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"

#include <QDomDocument>

namespace vireo {

// The VmSpec a libvirt definition describes, as far as Vireo's spec can say it: name, UUID,
// notes, memory, vCPUs, firmware, TPM, disks (paths on that host, their formats and buses),
// the CD-ROM, NICs (model and MAC; each on Vireo's user NAT here) and a direct kernel.
// What it cannot say (host devices, other tools' devices) is left out; a VM copied from
// the host (vm export) is as its definition reads, not as the host runs it.
Result<VmSpec> vmSpecFromDomain(const QDomDocument& domain);

} // namespace vireo
