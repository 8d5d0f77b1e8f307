#include "Supervisor.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace vswitch {

namespace {
volatile sig_atomic_t g_stop = 0;
volatile pid_t g_child = 0;

void onStopSignal(int signal) {
    g_stop = 1;
    if (g_child > 0) kill(g_child, signal);
}
} // namespace

int supervise(const std::vector<std::string>& argv) {
    struct sigaction action {};
    action.sa_handler = onStopSignal;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);

    std::vector<char*> args;
    for (const std::string& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);

    auto backoff = std::chrono::milliseconds(0);
    int code = kExitClean;
    while (!g_stop) {
        const auto started = std::chrono::steady_clock::now();
        const pid_t child = fork();
        if (child == 0) {
            execv("/proc/self/exe", args.data());
            _exit(127);
        }
        if (child < 0) {
            code = kExitFailed;
            break;
        }
        g_child = child;
        int status = 0;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
        }
        g_child = 0;
        if (WIFEXITED(status) &&
            (WEXITSTATUS(status) == kExitClean || WEXITSTATUS(status) == kExitBadConfig)) {
            code = WEXITSTATUS(status);
            break;
        }
        if (g_stop) break;
        const bool young = std::chrono::steady_clock::now() - started < std::chrono::seconds(2);
        backoff = young ? std::min(std::max(backoff * 2, std::chrono::milliseconds(100)),
                                   std::chrono::milliseconds(5000))
                        : std::chrono::milliseconds(0);
        std::fprintf(stderr,
                     "vireo-switch: the switch process %d ended (%s %d); starting it again\n",
                     int(child), WIFSIGNALED(status) ? "signal" : "exit code",
                     WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        std::this_thread::sleep_for(backoff);
    }
    return code;
}

} // namespace vswitch
