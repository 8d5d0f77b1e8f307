#pragma once

#include "sandbox/runtime/SysFailure.h"

#include <string>

namespace vireo {

// Small helpers shared by the cgroup drivers; every failure names the file.
MaybeFault writeCgroupFile(const std::string& path, const std::string& value);
bool fileExists(const std::string& path);
MaybeFault makeCgroupDir(const std::string& path);
// rmdir, retrying for up to ~500 ms while exiting processes leave the group (EBUSY).
MaybeFault removeCgroupDir(const std::string& path, int waitMs = 500);
// Writes "0" (the caller itself) into `file`; async-signal-safe.
bool joinCgroupFile(const char* file, SysFailure* f) noexcept;

} // namespace vireo
