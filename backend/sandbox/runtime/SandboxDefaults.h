#pragma once

#include <string>
#include <vector>

namespace vireo {

// The command's environment when a sandbox sets none.
inline const std::vector<std::string>& defaultSandboxEnvironment() {
    static const std::vector<std::string> env{
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root",
        "TERM=xterm"};
    return env;
}

// The group a sandbox's limits live in, below the runtime's own: the runtime's pid last,
// so that a crashed runtime's groups are known as stale (removeStaleSandboxCgroups).
inline std::string sandboxCgroupName(const std::string& sandbox, long runtimePid) {
    return "vireo-sb." + sandbox + "." + std::to_string(runtimePid);
}

// "vireoctl: sandbox 'NAME' ran out of memory: ...", printed when the OOM killer ended the
// command (exit code 137).
inline std::string sandboxOomMessage(const std::string& sandbox, const std::string& limit) {
    return "vireoctl: sandbox '" + sandbox + "' ran out of memory: the OOM killer ended a " +
           "process at its " + limit + " limit; raise --memory";
}

} // namespace vireo
