#include "sandbox/runtime/prebuilt/PrebuiltSeccomp.h"

namespace vireo {

const SeccompProgram& prebuiltDefaultSeccompProgram() {
    static const SeccompProgram program{{
#include "DefaultSeccompFilter.inc"
    }};
    return program;
}

} // namespace vireo
