#pragma once

// Where Vireo's companion programs (and vireoctl's Qt CLI module) are looked for, in order:
// beside the program, in a build tree's sibling folders, then the installed libexec folder.
// Qt-free and header-only: vireoctl's front shares it with companionProgram().

#include <string>
#include <vector>

namespace vireo {

inline std::vector<std::string> companionCandidates(const std::string& appDir,
                                                    const std::string& name) {
    return {appDir + "/" + name, appDir + "/../" + name + "/" + name,
            appDir + "/../app/" + name + "/" + name, "/usr/libexec/vireo/" + name};
}

} // namespace vireo
