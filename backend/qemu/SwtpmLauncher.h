#pragma once

#include "core/Result.h"

#include <sys/types.h>

namespace vireo {

// Starts swtpm, the TPM 2.0 emulator, for one VM: its state (keys, PCR-sealed secrets)
// lives in `stateDir` inside the VM's folder and survives restarts; QEMU connects to
// `socketPath`. swtpm exits by itself when QEMU closes the connection (--terminate).
// Returns swtpm's pid once its socket is there.
Result<pid_t> startSwtpm(const QString& stateDir, const QString& socketPath,
                         const QString& logPath);

} // namespace vireo
