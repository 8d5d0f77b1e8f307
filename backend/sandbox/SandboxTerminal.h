#pragma once

#include "core/Result.h"
#include "sandbox/runtime/TerminalAttach.h"

#include <memory>
#include <sys/types.h>

namespace vireo {

// A pseudo-terminal for a sandbox run with -t: the payload gets the slave as its
// controlling terminal and stdin/stdout/stderr; the runtime relays the caller's terminal
// (put in raw mode, restored after) to the master, window size changes included.
class SandboxTerminal {
public:
    ~SandboxTerminal();
    SandboxTerminal(const SandboxTerminal&) = delete;
    SandboxTerminal& operator=(const SandboxTerminal&) = delete;

    // Opens the pair, sized as the caller's terminal when there is one.
    static Result<std::unique_ptr<SandboxTerminal>> open();
    int slaveFd() const { return m_slave; }
    // Closes the runtime's copy of the slave once the payload has its own.
    void closeSlave();
    // Relays until `pid` ends (its output is drained first); the caller's terminal is raw
    // meanwhile. `pid` must be a child of this process; it is not reaped here.
    void relayUntilExit(pid_t pid);
    // For a sandbox in the background: serves the terminal on unix socket `socketPath`
    // until `pid` ends. A client that connects gets the last 64 KiB of output, then the
    // live stream, and its bytes go to the terminal; a new client takes over from the one
    // before (like `virsh console --force`). Lines "ROWS COLS" on `sizeSocketPath` set
    // the window size. Everything the terminal prints also goes to stdout (the log).
    Status serveUntilExit(pid_t pid, const QString& socketPath, const QString& sizeSocketPath);

private:
    SandboxTerminal() = default;
    int m_master = -1;
    int m_slave = -1;
};

} // namespace vireo
