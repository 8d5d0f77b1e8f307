#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"

namespace vireo {

// A VM name becomes a folder name and appears in QEMU's -name: it must be a single,
// printable path component of sensible length.
Status validateVmName(const QString& name);
Status validateSnapshotName(const QString& name);
Status validateNetworkName(const QString& name);

// Checks everything a user could get wrong before anything touches the disk: sizes,
// counts, MACs, and that referenced files (disks, ISO, kernel) exist — on this machine,
// unless the VM is defined on another host whose files only that host can check.
enum class PathCheck { ThisHost, OtherHost };
Status validateVmSpec(const VmSpec& spec, PathCheck paths = PathCheck::ThisHost);

} // namespace vireo
