#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"

#include <sys/types.h>

namespace vireo {

// Where Debian's qemu-system-common installs the (C) virtiofsd; VIREO_VIRTIOFSD overrides.
QString virtiofsdBinary();

// Starts one virtiofsd serving `share.hostDir` on `socketPath` for one VM's QEMU.
// virtiofsd sandboxes itself (mount, pid and net namespaces, pivot_root into the folder,
// seccomp), so a symlink inside the share resolves inside it, never to the host's files.
// A read-only share is enforced here, on the host side: virtiofsd runs in a mount namespace
// where the folder is a read-only bind mount, so no guest request can write to it.
// virtiofsd serves one connection and exits when QEMU goes away (stop, crash, kill -9).
// Returns its pid once the socket is there; `pidPath` names it for later cleanup.
Result<pid_t> startVirtiofsd(const SharedFolder& share, const QString& socketPath,
                             const QString& pidPath, const QString& logPath);

// Kills the virtiofsd recorded in `pidPath` if it still runs (after QEMU failed to start,
// or a hot-plug that did not complete); removes the record.
void stopVirtiofsd(const QString& pidPath);

} // namespace vireo
