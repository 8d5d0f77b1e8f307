#include "sandbox/runtime/TerminalAttach.h"

#include <cerrno>
#include <sys/ioctl.h>
#include <unistd.h>

namespace vireo {

bool attachTerminal(int slaveFd, SysFailure* f) noexcept {
    if (::setsid() < 0 || ::ioctl(slaveFd, TIOCSCTTY, 0) != 0 || ::dup2(slaveFd, 0) < 0 ||
        ::dup2(slaveFd, 1) < 0 || ::dup2(slaveFd, 2) < 0) {
        setSysFailure(f, "attaching the terminal", "", errno);
        return false;
    }
    return true;
}

} // namespace vireo
