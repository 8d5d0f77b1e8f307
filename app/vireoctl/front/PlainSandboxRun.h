#pragma once

#include <optional>

namespace vireo::front {

// `vireoctl [--library DIR] sandbox run --rootfs DIR [--memory SIZE] [--pids N] [--cpus N]
// [-v /HOST:/GUEST[:ro|:rw]]... [--read-only] [-i] [--] CMD [ARGS...]`, started by root:
// a sandbox with every namespace, the seccomp filter, the capability set and the limits,
// no network, terminal or image. Runs it without Qt and returns the exit code to give (the
// command's, 137 after an OOM kill; on success this process may become the monitor and not
// return at all). Returns nullopt, having done nothing the user can see, for any other
// command line or anything doubtful: a value to check, a failure before the command ran.
// The Qt CLI then runs the same command line and reports its errors in its words.
std::optional<int> runPlainSandbox(int argc, char** argv);

} // namespace vireo::front
