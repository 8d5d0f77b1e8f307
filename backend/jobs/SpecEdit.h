#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/Library.h"

#include <functional>

namespace vireo {

// Reads the VM's current definition, applies `change` and stores it through
// VmLifecycle::edit (which refuses while the VM runs). Reading fresh means an edit from
// the app never undoes what vireoctl changed since the app last looked.
Status editVmSpec(const Library& library, const QString& name,
                  const std::function<void(VmSpec&)>& change);

} // namespace vireo
