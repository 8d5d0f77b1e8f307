#include "PortsFile.h"
#include "Forwarding.h"

#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

namespace vswitch {

namespace {
bool validName(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'))
            return false;
    return true;
}
} // namespace

std::optional<std::vector<PortConfig>> parsePorts(const std::string& text, std::string* error) {
    std::vector<PortConfig> ports;
    std::set<std::string> names;
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        PortConfig port;
        std::string vlan;
        fields >> port.name >> port.socket >> vlan >> port.owner;
        const std::string where = "ports line " + std::to_string(number) + ": ";
        if (!validName(port.name)) {
            *error = where + "port name '" + port.name +
                     "' must be 1-64 letters, digits, '.', '_' or '-'";
            return std::nullopt;
        }
        if (!names.insert(port.name).second) {
            *error = where + "port '" + port.name + "' is listed twice: keep one line";
            return std::nullopt;
        }
        if (port.socket.empty() || port.socket[0] != '/' || port.socket.size() > 107) {
            *error = where + "socket '" + port.socket +
                     "' must be an absolute path shorter than 108 characters";
            return std::nullopt;
        }
        std::string vlanError;
        const auto policy = VlanPolicy::parse(vlan == "-" ? "" : vlan, &vlanError);
        if (!policy) {
            *error = where + vlanError;
            return std::nullopt;
        }
        port.vlan = *policy;
        ports.push_back(port);
    }
    if (ports.size() > kMaxPorts - 1) { // one slot is the host port's
        *error = "the switch has " + std::to_string(ports.size()) + " ports but carries at most " +
                 std::to_string(kMaxPorts - 1) + ": put the VMs on two networks";
        return std::nullopt;
    }
    return ports;
}

std::optional<std::vector<PortConfig>> readPortsFile(const std::string& path, std::string* error) {
    std::ifstream in(path);
    if (!in) return std::vector<PortConfig>(); // no file yet: a switch without ports
    std::ostringstream text;
    text << in.rdbuf();
    return parsePorts(text.str(), error);
}

} // namespace vswitch
