#pragma once

#include <string>

namespace vswitch {

struct SwitchState;

// The switch's kernel-facing ports, DPDK ethdevs rather than vhost-user:
// - the host port: DPDK's tap PMD makes a kernel interface the manager puts the host's
//   address and dnsmasq on; one RX queue with interrupts, so an idle switch sleeps;
// - the uplink (bridged networks): DPDK's af_packet PMD on a kernel NIC. It has no RX
//   interrupt, so a packet socket of our own on the NIC, which takes frames only while
//   the switch sleeps, is what wakes it.
// Each returns an error line, or "" once the port is in its slot.
std::string startHostPort(SwitchState& state, const std::string& ifname);
std::string startUplink(SwitchState& state, const std::string& ifname);

// Stops them; the uplink NIC is left up or down and promiscuous or not, as it was found.
void stopEthPorts(SwitchState& state);

// The uplink's wake socket: armed (drained), the next frame the NIC receives makes it
// readable; disarmed (while the switch polls) it is left as is: its buffer holds a frame or
// two and the kernel drops the rest before copying them.
void armUplinkWake(SwitchState& state, bool armed);

} // namespace vswitch
