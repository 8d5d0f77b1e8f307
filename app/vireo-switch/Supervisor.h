#pragma once

#include <string>
#include <vector>

namespace vswitch {

// Exit codes of the switch process: a configuration error is not worth a restart.
constexpr int kExitClean = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadConfig = 2;

// Runs `argv` (the switch without --supervise) as a child and starts it again whenever it
// dies of anything but a clean stop or a configuration error, backing off when it dies
// young. SIGTERM and SIGINT are passed on and end the supervision. Returns the exit code.
int supervise(const std::vector<std::string>& argv);

} // namespace vswitch
