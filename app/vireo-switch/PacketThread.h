#pragma once

namespace vswitch {

struct SwitchState;

// The loop of one packet core: poll the guest TX rings of its ports in bursts of 32,
// switch each frame, copy it into the destination guests' RX rings. With no traffic for
// a moment it arms the guests' kick eventfds and sleeps on them (unless busy-polling).
void runPacketThread(SwitchState& state, int index);

} // namespace vswitch
