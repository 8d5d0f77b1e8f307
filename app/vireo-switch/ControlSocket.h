#pragma once

#include <functional>
#include <string>

namespace vswitch {

struct SwitchState;

// The switch's unix control socket: one request line, one reply line, then close.
//   stats   → {"ports":[{"port","owner","vlan","connected","rx_packets",...}],...}
//   fdb     → {"macs":[{"mac","vlan","port","age_ms"}]}
//   reload  → "ok" or "error: ..." (re-reads the ports file)
class ControlSocket {
public:
    using Reload = std::function<std::string()>;
    ControlSocket(SwitchState& state, std::string path, Reload reload);
    ~ControlSocket();
    // Binds the socket; returns an error line or "".
    std::string listen();
    // Serves requests until the switch stops (run on its own thread).
    void serve();
    std::string statsJson() const;
    std::string fdbJson() const;

private:
    std::string answer(const std::string& request);
    SwitchState& m_state;
    std::string m_path;
    Reload m_reload;
    int m_fd = -1;
};

} // namespace vswitch
