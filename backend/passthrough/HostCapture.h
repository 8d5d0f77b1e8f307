#pragma once

#include "core/Result.h"

#include <QString>

namespace vireo {

// Writes the parts of a host's sysfs/procfs that the passthrough checks read (PCI devices
// and their links, IOMMU groups, block-device and net links, mounts, swaps, cmdline, CPU
// flags, routes, modules) as a tree under a temporary folder, links kept as links, then
// packs it with tar into `outputPath`. `sourceRoot` is "/" for this machine; another tree
// is re-captured the same way (tests). Nothing else is written.
Status captureHost(const QString& outputPath, const QString& sourceRoot = QStringLiteral("/"));

} // namespace vireo
