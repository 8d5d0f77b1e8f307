#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"

#include <QDomDocument>

namespace vireo {

// `vm edit --firmware/--secure-boot/--tpm` on a libvirt definition: the parts the one XML
// builder writes for them, swapped in; the rest of the definition stays.

// The firmware (<os firmware=>, its <firmware> features and <loader>, SMM) made the
// builder's for `firmware` and `secureBoot`. Returns whether the VM's UEFI variables must
// start afresh (UEFI with another Secure Boot setting than before, or newly UEFI): the old
// store would keep the old keys.
Result<bool> replaceFirmware(QDomDocument& domain, Firmware firmware, bool secureBoot);

// The definition's TPM made the builder's (a TPM 2.0 emulated by swtpm), or none.
Status replaceTpm(QDomDocument& domain, bool on);

} // namespace vireo
