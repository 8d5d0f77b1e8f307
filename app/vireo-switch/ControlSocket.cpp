#include "ControlSocket.h"
#include "SwitchState.h"

#include <cstdio>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace vswitch {

namespace {
std::string jsonString(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20)
            continue; // names are validated; never in practice
        out += c;
    }
    return out + '"';
}

std::string macText(MacAddress mac) {
    char text[18];
    std::snprintf(text, sizeof text, "%02x:%02x:%02x:%02x:%02x:%02x", unsigned(mac >> 40 & 0xff),
                  unsigned(mac >> 32 & 0xff), unsigned(mac >> 24 & 0xff),
                  unsigned(mac >> 16 & 0xff), unsigned(mac >> 8 & 0xff), unsigned(mac & 0xff));
    return text;
}
} // namespace

ControlSocket::ControlSocket(SwitchState& state, std::string path, Reload reload)
    : m_state(state), m_path(std::move(path)), m_reload(std::move(reload)) {}

ControlSocket::~ControlSocket() {
    if (m_fd >= 0) {
        close(m_fd);
        unlink(m_path.c_str());
    }
}

std::string ControlSocket::listen() {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (m_path.size() >= sizeof address.sun_path)
        return "control socket path " + m_path + " is too long: use a shorter --run-dir";
    m_path.copy(address.sun_path, m_path.size());
    unlink(m_path.c_str()); // a previous run's (a crashed switch leaves it behind)
    m_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0 || bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_fd, 8) != 0)
        return "cannot listen on " + m_path + ": check that the folder exists and is writable";
    return {};
}

void ControlSocket::serve() {
    while (!m_state.stopping.load()) {
        pollfd ready{m_fd, POLLIN, 0};
        if (poll(&ready, 1, 200) <= 0) continue;
        const int client = accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) continue;
        timeval timeout{2, 0};
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        std::string request;
        char buffer[256];
        while (request.find('\n') == std::string::npos && request.size() < 1024) {
            const ssize_t n = read(client, buffer, sizeof buffer);
            if (n <= 0) break;
            request.append(buffer, static_cast<std::size_t>(n));
        }
        request = request.substr(0, request.find('\n'));
        const std::string reply = answer(request) + "\n";
        for (std::size_t done = 0; done < reply.size();) {
            const ssize_t n = write(client, reply.data() + done, reply.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        close(client);
    }
}

std::string ControlSocket::answer(const std::string& request) {
    if (request == "stats") return statsJson();
    if (request == "fdb") return fdbJson();
    if (request == "reload") {
        const std::string error = m_reload();
        return error.empty() ? "ok" : "error: " + error;
    }
    return "error: unknown request '" + request + "': use stats, fdb or reload";
}

std::string ControlSocket::statsJson() const {
    std::lock_guard lock(m_state.control);
    const PortMask connected = m_state.connected.load();
    std::string out = "{\"busy_poll\":" + std::string(m_state.busyPoll ? "true" : "false") +
                      ",\"threads\":" + std::to_string(m_state.threadCount) + ",\"ports\":[";
    bool first = true;
    for (int port = 0; port < kMaxPorts; ++port) {
        const Port& slot = m_state.ports[port];
        if (!slot.registered.load()) continue;
        std::uint64_t sums[6] = {};
        for (int t = 0; t < m_state.threadCount; ++t) {
            const PortCounters& c = m_state.counters[t][port];
            sums[0] += c.rxPackets.load(std::memory_order_relaxed);
            sums[1] += c.rxBytes.load(std::memory_order_relaxed);
            sums[2] += c.rxDrops.load(std::memory_order_relaxed);
            sums[3] += c.txPackets.load(std::memory_order_relaxed);
            sums[4] += c.txBytes.load(std::memory_order_relaxed);
            sums[5] += c.txDrops.load(std::memory_order_relaxed);
        }
        out += first ? "" : ",";
        first = false;
        out += "{\"port\":" + jsonString(slot.config.name) +
               ",\"owner\":" + jsonString(slot.config.owner) +
               ",\"socket\":" + jsonString(slot.config.socket) +
               ",\"vlan\":" + jsonString(slot.config.vlan.toString()) +
               ",\"connected\":" + (((connected >> port) & 1) ? "true" : "false") +
               ",\"rx_packets\":" + std::to_string(sums[0]) +
               ",\"rx_bytes\":" + std::to_string(sums[1]) +
               ",\"rx_dropped\":" + std::to_string(sums[2]) +
               ",\"tx_packets\":" + std::to_string(sums[3]) +
               ",\"tx_bytes\":" + std::to_string(sums[4]) +
               ",\"tx_dropped\":" + std::to_string(sums[5]) +
               ",\"drops\":" + std::to_string(sums[2] + sums[5]) + "}";
    }
    out += "],\"packet_threads\":[";
    for (int t = 0; t < m_state.threadCount; ++t) {
        const ThreadPresence& thread = m_state.threads[t];
        out += std::string(t ? "," : "") +
               "{\"polls\":" + std::to_string(thread.iterations.load()) +
               ",\"busy_polls\":" + std::to_string(thread.busyIterations.load()) +
               ",\"sleeps\":" + std::to_string(thread.sleeps.load()) + "}";
    }
    return out + "]}";
}

std::string ControlSocket::fdbJson() const {
    std::string out = "{\"macs\":[";
    bool first = true;
    for (const MacTable::Entry& entry : m_state.macs.entries(nowMs())) {
        out += first ? "" : ",";
        first = false;
        out += "{\"mac\":\"" + macText(entry.mac) + "\",\"vlan\":" + std::to_string(entry.vlan) +
               ",\"port\":" + jsonString(m_state.ports[entry.port].config.name) +
               ",\"age_ms\":" + std::to_string(entry.ageMs) + "}";
    }
    return out + "]}";
}

} // namespace vswitch
