#pragma once

#include <QString>
#include <cstdint>

namespace vireo {

// What the host can give, for inline validation before a VM is created.
std::uint64_t hostMemoryMiB();                    // MemTotal from /proc/meminfo
int hostCpuCount();                               // online CPUs
std::uint64_t freeDiskBytes(const QString& path); // on the file system holding path
QString isoVolumeLabel(const QString& isoPath);   // ISO 9660 volume id, or empty

} // namespace vireo
