#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"
#include "spec/VmSpec.h"
#include "vm/CloudInit.h"

#include <memory>

namespace vireo {

// `vm create --cloud-image` on a libvirt host, as locally: the image (a volume of one of
// the host's pools, named by its path there) stays untouched as the frozen base of a thin
// qcow2 overlay volume beside it, NAME-disk0.qcow2; the NoCloud seed is made here and
// uploaded as NAME-seed.iso into the same pool, in the VM's CD drive. Any failure removes
// what was made; nothing else on the host changes.
Result<VmSpec> createRemoteCloudVm(const std::shared_ptr<LibvirtConnection>& connection,
                                   VmSpec spec, const CloudInitOptions& options);

} // namespace vireo
