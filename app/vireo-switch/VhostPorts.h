#pragma once

#include "PortsFile.h"

#include <string>
#include <vector>

namespace vswitch {

struct SwitchState;

// The vhost-user side: each port is a client socket of librte_vhost that connects to the
// VM's (QEMU's) server socket and reconnects whenever it comes back, so neither a VM nor
// the switch restarting needs the other to restart.
class VhostPorts {
public:
    explicit VhostPorts(SwitchState& state);
    // Makes the switch's ports exactly `ports`: unregisters the ones gone or changed,
    // registers new ones, swaps in the new port map. Returns an error line, or "".
    std::string apply(const std::vector<PortConfig>& ports);
    void unregisterAll();

private:
    SwitchState& m_state;
};

} // namespace vswitch
