#pragma once

#include "sandbox/SandboxSpec.h"
#include "sandbox/runtime/Mounts.h"

namespace vireo {

// Everything `spec` mounts: its rootfs (resolved), volumes, tmpfs, hostname and cwd.
MountPlan makeMountPlan(const SandboxSpec& spec);

} // namespace vireo
