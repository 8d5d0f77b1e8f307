// vireoctl: Vireo's command line. This front links no Qt: loading Qt alone costs more than
// starting a whole sandbox here (about 10 ms of page faults), so a plain `sandbox run` is
// run by the front itself (PlainSandboxRun) and every other command by the Qt CLI,
// vireoctl-cli.so, which the front loads into this same process.
#include "PlainSandboxRun.h"

#include "core/CompanionPaths.h"

#include <cstdio>
#include <dlfcn.h>
#include <string>

namespace {

constexpr int kExitSoftware = 70; // EX_SOFTWARE: the installation is broken

int runQtCli(int argc, char** argv) {
    const std::string module = vireo::findCompanion("vireoctl-cli.so", nullptr, R_OK);
    if (module.empty()) {
        std::fprintf(stderr,
                     "vireoctl: vireoctl-cli.so is missing beside %s and in /usr/libexec/vireo; "
                     "reinstall the vireoctl package\n",
                     vireo::programDir().c_str());
        return kExitSoftware;
    }
    void* handle = ::dlopen(module.c_str(), RTLD_LAZY | RTLD_LOCAL);
    using Main = int (*)(int, char**);
    auto cliMain = handle ? reinterpret_cast<Main>(::dlsym(handle, "vireoctlMain")) : nullptr;
    if (!cliMain) {
        std::fprintf(stderr, "vireoctl: cannot load %s: %s; reinstall the vireoctl package\n",
                     module.c_str(), ::dlerror());
        return kExitSoftware;
    }
    return cliMain(argc, argv);
}

} // namespace

int main(int argc, char** argv) {
    if (const auto exitCode = vireo::front::runPlainSandbox(argc, argv)) return *exitCode;
    return runQtCli(argc, argv);
}
