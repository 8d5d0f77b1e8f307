#pragma once

#include <string>

namespace vireo {

// The whole of a small file (procfs, cgroupfs, /etc/subuid), or "" when unreadable.
std::string readSmallFile(const std::string& path);

} // namespace vireo
