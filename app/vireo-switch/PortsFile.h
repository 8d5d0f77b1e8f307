#pragma once

#include "VlanPolicy.h"

#include <optional>
#include <string>
#include <vector>

namespace vswitch {

// One port the switch should have: a vhost-user socket that QEMU (or a test's
// virtio-user) serves and the switch connects to, reconnecting whenever it comes back.
struct PortConfig {
    std::string name;   // unique in the switch; [A-Za-z0-9_.-]
    std::string socket; // absolute path
    VlanPolicy vlan;
    std::string owner; // who the port belongs to (the VM), reported in the stats
};

// The ports file the manager writes atomically: one "NAME SOCKET VLAN [OWNER]" line per
// port, '#' comments. On bad content: nullopt and `error` names the line and the fix.
std::optional<std::vector<PortConfig>> readPortsFile(const std::string& path, std::string* error);
std::optional<std::vector<PortConfig>> parsePorts(const std::string& text, std::string* error);

} // namespace vswitch
