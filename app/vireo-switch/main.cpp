// vireo-switch: a DPDK L2 switch between the vhost-user NICs of VMs (see docs/switch.md).
#include "ControlSocket.h"
#include "EthPorts.h"
#include "PacketThread.h"
#include "PortsFile.h"
#include "Supervisor.h"
#include "SwitchState.h"
#include "VhostPorts.h"

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace vswitch;

namespace {

struct Options {
    std::string runDir;
    std::string cores;
    std::string name = "switch";
    std::string hostPort; // a kernel tap of this name carries the host's side
    std::string uplink;   // bridged: a kernel NIC the switch sends and receives on
    bool busyPoll = false;
    bool supervise = false;
    int memoryMiB = 0; // 0: hugepages as needed; else --no-huge with this much memory
};

SwitchState* g_switch = nullptr;

void onStopSignal(int) {
    g_switch->stopping.store(true);
    g_switch->wakeThreads();
}

int usage(const std::string& problem) {
    std::fprintf(stderr,
                 "vireo-switch: %s\nusage: vireo-switch --run-dir DIR [--cores LIST] [--name NAME] "
                 "[--busy-poll] [--host-port IFNAME] [--uplink IFNAME] [--no-huge MiB] "
                 "[--supervise]\n",
                 problem.c_str());
    return kExitBadConfig;
}

bool validCoreList(const std::string& cores) {
    if (cores.empty()) return false;
    for (char c : cores)
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == ',' || c == '-')) return false;
    return true;
}

// The core list as CPUs of this machine, or an error line naming the one that is not.
std::string checkCores(const std::string& cores) {
    const long online = sysconf(_SC_NPROCESSORS_ONLN);
    std::size_t at = 0;
    while (at < cores.size()) {
        const std::size_t end = cores.find_first_of(",-", at);
        const std::string item = cores.substr(at, end - at);
        if (item.empty() || std::stol(item) >= online)
            return "core '" + item + "' of --cores " + cores +
                   " does not exist: this machine has CPUs 0-" + std::to_string(online - 1);
        at = end == std::string::npos ? cores.size() : end + 1;
    }
    return {};
}

int workerMain(void* index) {
    runPacketThread(*g_switch, static_cast<int>(reinterpret_cast<std::intptr_t>(index)));
    return 0;
}

int runSwitch(const Options& options) {
    std::ofstream(options.runDir + "/worker.pid") << getpid() << '\n';
    std::vector<std::string> eal = {"vireo-switch",
                                    "-l",
                                    options.cores,
                                    "--no-pci",
                                    "--no-telemetry",
                                    "--iova-mode=va",
                                    "--file-prefix",
                                    "vireo-" + options.name,
                                    "--log-level=lib.eal:warning",
                                    "--log-level=lib.vhost.*:warning"};
    if (!options.hostPort.empty()) eal.push_back("--vdev=net_tap0,iface=" + options.hostPort);
    if (!options.uplink.empty()) eal.push_back("--vdev=net_af_packet0,iface=" + options.uplink);
    if (options.memoryMiB > 0) {
        // Plain memory implies DPDK's legacy memory mode, which --in-memory refuses: no
        // shared config file instead.
        for (const char* arg : {"--no-huge", "--no-shconf", "-m"})
            eal.push_back(arg);
        eal.push_back(std::to_string(options.memoryMiB));
    } else {
        eal.push_back("--in-memory");
        eal.push_back("--single-file-segments");
    }
    std::vector<char*> ealArgs;
    for (std::string& arg : eal)
        ealArgs.push_back(arg.data());
    if (rte_eal_init(static_cast<int>(ealArgs.size()), ealArgs.data()) < 0) {
        std::fprintf(stderr,
                     "vireo-switch: DPDK did not start (%s): check free hugepages in "
                     "/proc/meminfo, or run with --no-huge MiB\n",
                     rte_strerror(rte_errno));
        return kExitBadConfig;
    }
    auto state = std::make_unique<SwitchState>();
    g_switch = state.get();
    state->busyPoll = options.busyPoll;
    state->threadCount = static_cast<int>(std::min<unsigned>(rte_lcore_count(), kMaxThreads));
    for (int t = 0; t < state->threadCount; ++t) {
        state->threads[t].wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        state->threads[t].sleeping.store(true);
    }
    state->portMap.store(new PortMap());
    // 16k buffers of 2 KiB: rings of 32 ports in flight; jumbo frames chain several.
    state->pool = rte_pktmbuf_pool_create("vireo_mbufs", 16383, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
                                          static_cast<int>(rte_socket_id()));
    if (state->pool == nullptr) {
        std::fprintf(stderr,
                     "vireo-switch: no memory for packet buffers (%s): reserve more "
                     "hugepages\n",
                     rte_strerror(rte_errno));
        rte_eal_cleanup();
        return kExitBadConfig;
    }

    std::string portError;
    if (!options.hostPort.empty()) portError = startHostPort(*state, options.hostPort);
    if (portError.empty() && !options.uplink.empty())
        portError = startUplink(*state, options.uplink);
    if (!portError.empty()) {
        std::fprintf(stderr, "vireo-switch: %s\n", portError.c_str());
        stopEthPorts(*state);
        rte_eal_cleanup();
        return kExitBadConfig;
    }

    struct sigaction action {};
    action.sa_handler = onStopSignal;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    signal(SIGPIPE, SIG_IGN);

    VhostPorts vhost(*state);
    const std::string portsFile = options.runDir + "/ports";
    auto reload = [&]() -> std::string {
        std::string error;
        const auto ports = readPortsFile(portsFile, &error);
        if (!ports) return error;
        return vhost.apply(*ports);
    };
    ControlSocket control(*state, options.runDir + "/control.sock", reload);
    std::string error = control.listen();
    if (error.empty()) error = reload();
    if (!error.empty()) {
        std::fprintf(stderr, "vireo-switch: %s\n", error.c_str());
        state->stopping.store(true);
    }
    std::thread controlThread([&] { control.serve(); });

    unsigned lcore = 0;
    int index = 1;
    RTE_LCORE_FOREACH_WORKER(lcore) {
        if (index < state->threadCount)
            rte_eal_remote_launch(workerMain, reinterpret_cast<void*>(std::intptr_t(index++)),
                                  lcore);
    }
    if (!state->stopping.load()) runPacketThread(*state, 0);
    rte_eal_mp_wait_lcore();
    state->stopping.store(true);
    controlThread.join();
    vhost.unregisterAll();
    stopEthPorts(*state);
    delete state->portMap.load();
    rte_mempool_free(state->pool);
    for (int t = 0; t < state->threadCount; ++t)
        close(state->threads[t].wakeFd);
    const std::string dpdkRunDir = rte_eal_get_runtime_dir();
    rte_eal_cleanup();
    std::error_code ignored;
    std::filesystem::remove_all(dpdkRunDir, ignored); // DPDK leaves it even with --in-memory
    unlink((options.runDir + "/worker.pid").c_str());
    return error.empty() ? kExitClean : kExitBadConfig;
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    std::vector<std::string> childArgs = {argv[0]};
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--supervise") {
            options.supervise = true;
            continue;
        }
        childArgs.push_back(arg);
        if (arg == "--busy-poll") {
            options.busyPoll = true;
        } else if ((arg == "--run-dir" || arg == "--cores" || arg == "--name" ||
                    arg == "--no-huge" || arg == "--host-port" || arg == "--uplink") &&
                   hasValue) {
            const std::string value = argv[++i];
            childArgs.push_back(value);
            if (arg == "--run-dir") options.runDir = value;
            if (arg == "--cores") options.cores = value;
            if (arg == "--name") options.name = value;
            if (arg == "--no-huge") options.memoryMiB = std::atoi(value.c_str());
            if (arg == "--host-port") options.hostPort = value;
            if (arg == "--uplink") options.uplink = value;
        } else {
            return usage("unknown or incomplete option '" + arg + "'");
        }
    }
    struct stat info {};
    if (options.runDir.empty() || stat(options.runDir.c_str(), &info) != 0 ||
        !S_ISDIR(info.st_mode))
        return usage("--run-dir must name an existing folder");
    if (options.cores.empty()) options.cores = std::to_string(sysconf(_SC_NPROCESSORS_ONLN) - 1);
    if (!validCoreList(options.cores))
        return usage("--cores '" + options.cores + "' is not a list like 1 or 2-3");
    if (const std::string error = checkCores(options.cores); !error.empty()) return usage(error);
    if (options.supervise) return supervise(childArgs);
    return runSwitch(options);
}
