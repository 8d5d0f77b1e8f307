// vireoctl: Vireo's command line. This front links no Qt (and is static): loading Qt alone
// costs more than starting a whole sandbox here, so a plain `sandbox run` is run by the front
// itself (PlainSandboxRun) and every other command by the Qt CLI, vireoctl-cli, which the
// front execs in this same process with the same arguments.
#include "PlainSandboxRun.h"

#include "core/CompanionPaths.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

constexpr int kExitSoftware = 70; // EX_SOFTWARE: the installation is broken

int runQtCli(char** argv) {
    const std::string cli = vireo::findCompanion("vireoctl-cli", nullptr);
    if (cli.empty()) {
        std::fprintf(stderr,
                     "vireoctl: vireoctl-cli is missing beside %s and in /usr/libexec/vireo; "
                     "reinstall the vireoctl package\n",
                     vireo::programDir().c_str());
        return kExitSoftware;
    }
    // What the Qt CLI names when it starts vireoctl again (detached sandbox runtimes, backup
    // timers): this front, not itself.
    char self[PATH_MAX];
    if (::realpath("/proc/self/exe", self)) ::setenv("VIREOCTL_FRONT", self, 1);
    ::execv(cli.c_str(), argv);
    std::fprintf(stderr, "vireoctl: cannot run %s: %s; reinstall the vireoctl package\n",
                 cli.c_str(), std::strerror(errno));
    return kExitSoftware;
}

} // namespace

int main(int argc, char** argv) {
    if (const auto exitCode = vireo::front::runPlainSandbox(argc, argv)) return *exitCode;
    return runQtCli(argv);
}
