#pragma once

// Where Vireo's companion programs (and vireoctl's Qt CLI module) are found: `envVar` when
// set, else the first of these that is there: beside the program, in a build tree's
// sibling folders, then the installed libexec folder (first, for a program in /usr/bin).
// Qt-free and header-only: vireoctl's front shares it with companionProgram().

#include <climits>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

namespace vireo {

inline std::vector<std::string> companionCandidates(const std::string& appDir,
                                                    const std::string& name) {
    const std::string installed = "/usr/libexec/vireo/" + name;
    // An installed program looks in libexec first: each folder of a build tree it is not in
    // costs a failed lookup on every start (a sandbox's start is a few milliseconds).
    if (appDir == "/usr/bin" || appDir == "/usr/sbin") return {installed, appDir + "/" + name};
    return {appDir + "/" + name, appDir + "/../" + name + "/" + name,
            appDir + "/../app/" + name + "/" + name, installed};
}

// The folder of the running program (/proc/self/exe).
inline std::string programDir() {
    char exe[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return ".";
    exe[n] = '\0';
    const std::string path(exe);
    return path.substr(0, path.rfind('/'));
}

// `name` as above, usable with `accessMode` (X_OK for a program, R_OK for a module);
// "" when there is none.
inline std::string findCompanion(const std::string& name, const char* envVar,
                                 int accessMode = X_OK) {
    if (const char* env = envVar ? std::getenv(envVar) : nullptr; env && *env) return env;
    for (const std::string& path : companionCandidates(programDir(), name))
        if (::access(path.c_str(), accessMode) == 0) return path;
    return {};
}

} // namespace vireo
