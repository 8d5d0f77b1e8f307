#include "PlainSandboxRun.h"

#include "core/CompanionPaths.h"
#include "core/SizeText.h"
#include "sandbox/runtime/Capabilities.h"
#include "sandbox/runtime/Cgroup.h"
#include "sandbox/runtime/CgroupNotes.h"
#include "sandbox/runtime/IdMapFiles.h"
#include "sandbox/runtime/SandboxDefaults.h"
#include "sandbox/runtime/SandboxLaunch.h"
#include "sandbox/runtime/prebuilt/PrebuiltSeccomp.h"

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sched.h>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace vireo::front {

namespace {

// How long a command may run before its supervision goes to vireo-sandbox-monitor.
constexpr int kMonitorAfterMs = 50;

struct Volume {
    std::string host;
    std::string guest;
    bool readOnly = false;
};

struct PlainRun {
    std::string rootfs; // canonical
    SandboxLimits limits;
    std::vector<Volume> volumes;
    bool readOnlyRoot = false;
    std::vector<std::string> command;
};

bool isDir(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// What the Qt CLI calls a clean absolute path: no "." or ".." component.
bool isCleanAbsolute(std::string_view path) {
    if (path.empty() || path.front() != '/') return false;
    while (!path.empty()) {
        const auto slash = path.find('/');
        const std::string_view part = path.substr(0, slash);
        if (part == "." || part == "..") return false;
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return true;
}

std::optional<std::uint32_t> positiveInt(std::string_view text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    std::uint32_t n = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return n > 0 ? std::optional(n) : std::nullopt;
}

// "1", "0.5", "1.25": CPUs as the Qt CLI takes them, within its range.
std::optional<double> cpuCount(std::string_view text) {
    const auto dot = text.find('.');
    const auto whole = positiveInt(text.substr(0, dot)).value_or(0);
    const bool zeroWhole = text.substr(0, dot) == "0";
    if (!whole && !zeroWhole) return std::nullopt;
    double n = whole;
    if (dot != std::string_view::npos) {
        const std::string_view frac = text.substr(dot + 1);
        if (frac.empty() || frac.size() > 6) return std::nullopt;
        double scale = 1;
        for (char c : frac) {
            if (c < '0' || c > '9') return std::nullopt;
            scale /= 10;
            n += (c - '0') * scale;
        }
    }
    return n > 0 && n <= 4096 ? std::optional(n) : std::nullopt;
}

std::optional<Volume> volume(std::string_view text) {
    Volume v;
    const auto first = text.find(':');
    if (first == std::string_view::npos) return std::nullopt;
    v.host = std::string(text.substr(0, first));
    std::string_view rest = text.substr(first + 1);
    const auto second = rest.find(':');
    v.guest = std::string(rest.substr(0, second));
    if (second != std::string_view::npos) {
        const std::string_view mode = rest.substr(second + 1);
        if (mode != "ro" && mode != "rw") return std::nullopt;
        v.readOnly = mode == "ro";
    }
    // Named volumes live in the library: the Qt CLI's job.
    if (v.host.empty() || v.host.front() != '/' || ::access(v.host.c_str(), F_OK) != 0)
        return std::nullopt;
    if (!isCleanAbsolute(v.guest) || v.guest == "/") return std::nullopt;
    return v;
}

// The command line, when it is a plain run; nullopt otherwise.
std::optional<PlainRun> parse(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    size_t i = 0;
    // Global options before the noun: only the library, which a plain run does not use.
    while (i < args.size() && args[i].rfind("--library", 0) == 0) {
        if (args[i] == "--library" && i + 1 < args.size())
            i += 2;
        else if (args[i].rfind("--library=", 0) == 0)
            ++i;
        else
            return std::nullopt;
    }
    if (i + 1 >= args.size() || args[i] != "sandbox" || args[i + 1] != "run") return std::nullopt;
    i += 2;
    PlainRun run;
    std::string rootfs;
    auto value = [&](std::string_view option) -> std::optional<std::string_view> {
        const std::string_view a = args[i];
        if (a == option) {
            if (i + 1 >= args.size()) return std::nullopt;
            return args[++i];
        }
        return a.substr(option.size() + 1); // "--option=VALUE"
    };
    auto is = [&](std::string_view option) {
        const std::string_view a = args[i];
        return a == option || (a.size() > option.size() + 1 && a.rfind(option, 0) == 0 &&
                               a[option.size()] == '=' && option.substr(0, 2) == "--");
    };
    bool endOfOptions = false;
    for (; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (a == "--") {
            endOfOptions = true;
            ++i;
            break;
        }
        if (a.empty() || a.front() != '-') break;
        if (is("--rootfs")) {
            const auto v = value("--rootfs");
            if (!v || v->empty()) return std::nullopt;
            rootfs = std::string(*v);
        } else if (is("--memory")) {
            const auto v = value("--memory");
            const auto bytes = v ? parseSizeText(*v) : std::nullopt;
            if (!bytes || *bytes < 4u * 1024 * 1024) return std::nullopt;
            run.limits.memoryBytes = *bytes;
        } else if (is("--pids")) {
            const auto v = value("--pids");
            const auto n = v ? positiveInt(*v) : std::nullopt;
            if (!n || *n > INT_MAX) return std::nullopt;
            run.limits.pids = *n;
        } else if (is("--cpus")) {
            const auto v = value("--cpus");
            const auto n = v ? cpuCount(*v) : std::nullopt;
            if (!n) return std::nullopt;
            run.limits.cpus = *n;
        } else if (a == "-v") {
            const auto v = value("-v");
            const auto bind = v ? volume(*v) : std::nullopt;
            if (!bind) return std::nullopt;
            run.volumes.push_back(*bind);
        } else if (a == "--read-only") {
            run.readOnlyRoot = true;
        } else if (a == "-i" || a == "--interactive") {
            // stdin is always passed through
        } else {
            return std::nullopt; // an option the Qt CLI handles (or rejects)
        }
    }
    for (; i < args.size(); ++i) {
        // Without "--", an option-like word after CMD is the Qt parser's to judge.
        if (!endOfOptions && (args[i] == "--" || (!args[i].empty() && args[i].front() == '-')))
            return std::nullopt;
        run.command.emplace_back(args[i]);
    }
    if (rootfs.empty() || run.command.empty() || run.command.front().empty()) return std::nullopt;
    char resolved[PATH_MAX];
    if (!::realpath(rootfs.c_str(), resolved) || !isDir(resolved)) return std::nullopt;
    run.rootfs = resolved;
    return run;
}

} // namespace

std::optional<int> runPlainSandbox(int argc, char** argv) {
    if (::geteuid() != 0) return std::nullopt; // a user's id maps need the setuid tools
    const auto run = parse(argc, argv);
    if (!run) return std::nullopt;
    const std::string monitor = findCompanion("vireo-sandbox-monitor", "VIREO_SANDBOX_MONITOR");
    if (monitor.empty()) return std::nullopt;
    const std::string name = "run-" + std::to_string(::getpid());

    CapabilitySet caps;
    if (caps.prepare()) return std::nullopt;
    const CgroupLayout layout = probeCgroupLayout();
    std::unique_ptr<CgroupDriver> cgroup;
    // A plain run's groups only limit it: nothing reads its accounting (`stats` and `list`
    // know only the library's sandboxes).
    const std::string groupName = sandboxCgroupName(name, ::getpid());
    if (makeCgroupDriver(layout, groupName, run->limits, &cgroup, CgroupUse::LimitsOnly))
        return std::nullopt;

    LaunchPlan plan;
    plan.mounts = baseMountPlan(run->rootfs);
    for (const Volume& v : run->volumes)
        addBindMount(&plan.mounts, v.host, v.guest, v.readOnly);
    plan.mounts.readOnlyRoot = run->readOnlyRoot;
    plan.mounts.hostname = name;
    plan.seccomp = &prebuiltDefaultSeccompProgram();
    plan.caps = &caps;
    plan.command.prepare(run->command, defaultSandboxEnvironment());

    // The start stays on this CPU: each hand-over between this process, the init and the
    // payload would otherwise wake an idle CPU, which costs more than the work it moves
    // (in a VM, a halted vCPU). The payload gets every CPU back before its exec.
    cpu_set_t allowed;
    if (::sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
        cpu_set_t here;
        CPU_ZERO(&here);
        CPU_SET(::sched_getcpu(), &here);
        if (::sched_setaffinity(0, sizeof here, &here) == 0) plan.payloadCpus = &allowed;
    }
    LaunchSteps steps;
    bool noted = false;
    steps.prepareGroups = [&] {
        removeNotedStaleSandboxCgroups(layout);
        noted = !cgroup->directories().empty() && noteSandboxCgroups(groupName);
        return cgroup->create(run->limits);
    };
    steps.writeIdMaps = [](pid_t init) { return writeRootSandboxIdMaps(init); };
    // Return as soon as the command ended and its groups are gone, while the init's
    // namespaces are still being torn down (as bubblewrap returns before its init exits).
    steps.reportExitEarly = true;
    std::fflush(stdout);
    SignalForwarding forwarding;
    const LaunchOutcome launched = launchSandbox(plan, *cgroup, name, steps);
    if (launched.fault || launched.initPid <= 0) {
        // Nothing of the command ran: the Qt CLI starts over and says what is wrong.
        if (launched.initPid > 0) waitForPid(launched.initPid, nullptr);
        if (!cgroup->destroy() && noted) forgetSandboxCgroups(groupName);
        return std::nullopt;
    }
    const std::string oom = sandboxOomMessage(name, formatSizeText(run->limits.memoryBytes));
    // A short command is waited for here. One that runs on gets the small monitor, which
    // holds a third of this process's memory while it waits; exec'ing it costs as much as a
    // tenth of a whole start, so a command that ends at once does not pay for it.
    int status = 0;
    if (!waitForSandboxEnd(launched.initPid, launched.exitReportFd, kMonitorAfterMs, &status)) {
        handOffToMonitor(monitor, launched.initPid, *cgroup, oom,
                         noted ? sandboxCgroupNotePath(groupName) : std::string());
        // (The exec closes the report fd.)
        // No monitor after all: wait here, as it would have.
        waitForSandboxEnd(launched.initPid, launched.exitReportFd, -1, &status);
    }
    const bool oomKilled = cgroup->oomKilled();
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    if (!cgroup->destroy() && noted) forgetSandboxCgroups(groupName);
    if (oomKilled) {
        std::fprintf(stderr, "%s\n", oom.c_str());
        return 137;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace vireo::front
