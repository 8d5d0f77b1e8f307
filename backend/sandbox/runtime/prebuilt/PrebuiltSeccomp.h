#pragma once

#include "sandbox/runtime/Seccomp.h"

namespace vireo {

// The default filter as libseccomp compiled it when Vireo was built (vireo-seccomp-gen):
// the same program buildDefaultSeccompProgram makes, without running libseccomp's compiler
// on every start (~0.1 ms and its code's page faults here).
const SeccompProgram& prebuiltDefaultSeccompProgram();

} // namespace vireo
