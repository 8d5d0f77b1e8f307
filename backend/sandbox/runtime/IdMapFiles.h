#pragma once

#include "sandbox/runtime/SysFailure.h"

#include <string>
#include <sys/types.h>

namespace vireo {

// Root inside a sandbox started by host root is this host uid/gid (and the next 65535 ids
// follow it), so a process that escaped would be an unprivileged nobody on the host.
constexpr unsigned kSandboxIdBase = 100000;
constexpr unsigned kSandboxIdCount = 65536;

// "INSIDE OUTSIDE COUNT\n", one line of a uid_map or gid_map.
std::string idMapLine(unsigned inside, unsigned outside, unsigned count);

// Writes /proc/PID/NAME (uid_map, gid_map or setgroups) in one write, as the kernel wants.
MaybeFault writeProcIdFile(pid_t pid, const char* name, const std::string& text);

// The maps of a sandbox started by root: ids 0..65535 inside are 100000..165535 outside.
MaybeFault writeRootSandboxIdMaps(pid_t pid, unsigned rootUid = kSandboxIdBase,
                                  unsigned rootGid = kSandboxIdBase);

} // namespace vireo
