#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/Library.h"

namespace vireo {

// Two NICs with one MAC on a network (bridged above all) break both: every MAC in a
// library is unique, SR-IOV VFs' MACs included. Refuses a MAC of `spec` that another VM
// has (or that `spec` has twice), then gives every NIC and VF without one a random MAC
// nobody has.
Status assignUniqueMacs(const Library& library, VmSpec& spec);

} // namespace vireo
