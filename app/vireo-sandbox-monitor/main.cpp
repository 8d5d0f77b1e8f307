// vireo-sandbox-monitor: the last part of `vireoctl sandbox run`. Once the sandbox's
// command runs, the runtime execs this program in its own process, which keeps its pid,
// its children (the sandbox's init) and its role as their subreaper. It forwards signals
// to the init, waits for it, reports an OOM kill, removes the sandbox's cgroups and exits
// with the command's code: what the runtime would have done, in a fraction of its memory.
//
// Not a user command: its arguments come from handOffToMonitor
// (backend/sandbox/runtime/SandboxLaunch.cpp).
//   vireo-sandbox-monitor --init PID [--oom-events FILE]... [--group DIR]... [--note FILE]
//                         [--oom-message TEXT]
#include "sandbox/runtime/CgroupPrimitives.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr int kMaxFiles = 16;
constexpr int kForwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
constexpr int kExitOomKilled = 137; // 128 + SIGKILL, as a shell reports it
constexpr int kGroupWaitMs = 500;

volatile sig_atomic_t g_init = 0;

void forwardToInit(int sig) {
    if (g_init > 0) ::kill(g_init, sig);
}

struct Arguments {
    pid_t init = 0;
    const char* oomEvents[kMaxFiles] = {};
    int oomEventCount = 0;
    const char* groups[kMaxFiles] = {};
    int groupCount = 0;
    const char* oomMessage = nullptr;
    const char* note = nullptr; // removed once every group is (see CgroupNotes.h)
};

bool parse(int argc, char** argv, Arguments* out) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const char* option = argv[i];
        const char* value = argv[i + 1];
        if (std::strcmp(option, "--init") == 0) {
            char* end = nullptr;
            const long pid = std::strtol(value, &end, 10);
            if (*end != '\0' || pid <= 0) return false;
            out->init = static_cast<pid_t>(pid);
        } else if (std::strcmp(option, "--oom-events") == 0 && out->oomEventCount < kMaxFiles) {
            out->oomEvents[out->oomEventCount++] = value;
        } else if (std::strcmp(option, "--group") == 0 && out->groupCount < kMaxFiles) {
            out->groups[out->groupCount++] = value;
        } else if (std::strcmp(option, "--oom-message") == 0) {
            out->oomMessage = value;
        } else if (std::strcmp(option, "--note") == 0) {
            out->note = value;
        } else {
            return false;
        }
    }
    return argc % 2 == 1 && out->init > 0;
}

int waitForInit(pid_t init) {
    int status = 0;
    while (::waitpid(init, &status, 0) < 0) {
        if (errno == EINTR) continue;
        std::fprintf(stderr, "vireoctl: waiting for the sandbox's init (pid %d): %s\n",
                     static_cast<int>(init), std::strerror(errno));
        return 1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

int main(int argc, char** argv) {
    Arguments args;
    if (!parse(argc, argv, &args)) {
        std::fprintf(stderr, "vireo-sandbox-monitor: started by vireoctl sandbox run, never by "
                             "hand (bad arguments)\n");
        return 2;
    }
    g_init = args.init;
    struct sigaction sa {};
    sa.sa_handler = forwardToInit;
    sa.sa_flags = SA_RESTART;
    sigset_t forwarded;
    sigemptyset(&forwarded);
    for (int sig : kForwarded) {
        ::sigaction(sig, &sa, nullptr);
        sigaddset(&forwarded, sig);
    }
    // The runtime blocked these across the exec: what arrived meanwhile is delivered now.
    ::sigprocmask(SIG_UNBLOCK, &forwarded, nullptr);

    int code = waitForInit(args.init);
    g_init = 0;
    // Processes that left the sandbox's pid tree were reparented to us (the subreaper).
    int status = 0;
    while (::waitpid(-1, &status, WNOHANG) > 0) {
    }
    if (vireo::cgroupOomKilled(args.oomEvents, args.oomEventCount)) {
        if (args.oomMessage) std::fprintf(stderr, "%s\n", args.oomMessage);
        code = kExitOomKilled;
    }
    bool groupsGone = true;
    for (int i = 0; i < args.groupCount; ++i) {
        if (const int err = vireo::removeCgroupDirWaiting(args.groups[i], kGroupWaitMs); err) {
            groupsGone = false;
            std::fprintf(stderr,
                         "vireoctl: removing cgroup %s: %s (the next sandbox command removes "
                         "it once it is empty)\n",
                         args.groups[i], std::strerror(err));
            code = 1;
        }
    }
    if (groupsGone && args.note) ::unlink(args.note); // else the next run removes both
    return code;
}
