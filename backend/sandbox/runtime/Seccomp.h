#pragma once

#include "sandbox/runtime/SysFailure.h"

#include <linux/filter.h>
#include <vector>

namespace vireo {

// The default filter, compiled to BPF by libseccomp in the runtime so that the sandbox
// process only has to hand it to the kernel (no allocation between fork and exec).
struct SeccompProgram {
    std::vector<sock_filter> instructions;
};

// Syscalls the default filter makes fail with EPERM: kernel-wide state (modules, kexec,
// swap, reboot, keyrings, bpf, perf), other processes' memory (ptrace), file handles that
// bypass the mount tree (open_by_handle_at) and every way to change mounts or namespaces
// once the sandbox is set up. Everything else is allowed; other architectures are killed.
const std::vector<const char*>& defaultDeniedSyscalls();

MaybeFault buildDefaultSeccompProgram(SeccompProgram* program);

// Loads the program into the calling process (needs no_new_privs or CAP_SYS_ADMIN).
bool loadSeccompProgram(const SeccompProgram& program, SysFailure* f) noexcept;

} // namespace vireo
