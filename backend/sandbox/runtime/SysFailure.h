#pragma once

// Qt-free, like everything in sandbox/runtime/: the failures of the sandbox runtime.
// sandbox/FaultError.h turns them into the backend's Error.

#include <optional>
#include <string>

namespace vireo {

// A failed system call inside a sandbox process, reported back to the runtime through a
// pipe. Plain data (no allocation) so that it can be filled between fork and exec.
struct SysFailure {
    char step[64];  // what the process was doing, e.g. "pivot_root into the rootfs"
    char path[256]; // the path (or other object) involved; may be empty
    int err;        // errno
};

// Fills `f`; safe between fork and exec (no allocation, no locks).
void setSysFailure(SysFailure* f, const char* step, const char* path, int err) noexcept;

// A failure of the runtime: what failed, naming the object, and how to fix it.
struct Fault {
    // Io: a file or system call of the runtime; Process: a sandbox process's report;
    // Unsupported: the host lacks what the sandbox asks for.
    enum Kind { Io, Process, Unsupported } kind = Io;
    std::string message;
    std::string fix;
};

// What a step of the runtime returns: nothing, or the fault that stopped it.
using MaybeFault = std::optional<Fault>;

// "<step> <path> failed: <strerror>", with a fix where the errno suggests one.
Fault systemFault(const std::string& step, const std::string& path, int err);

// "sandbox 'NAME': <step> <path> failed: <strerror>": a sandbox process's report.
Fault sandboxProcessFault(const std::string& sandbox, const SysFailure& f);

} // namespace vireo

// Early-return of a step's fault; keeps call sites flat.
#define VIREO_TRY_FAULT(expr)                                                                      \
    do {                                                                                           \
        if (::vireo::MaybeFault vireoFault_ = (expr)) return vireoFault_;                          \
    } while (0)
