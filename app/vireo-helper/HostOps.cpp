#include "HostOps.h"

#include "HelperProcess.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace vireo::helper {

namespace {

constexpr size_t kMaxFile = 1 << 20; // bootloader and journal files are a few KiB

std::string parentOf(const std::string& path) {
    return path.substr(0, path.rfind('/'));
}

bool makeParents(const std::string& dir) {
    if (dir.empty()) return true;
    struct stat st {};
    if (::lstat(dir.c_str(), &st) == 0) return S_ISDIR(st.st_mode);
    return makeParents(parentOf(dir)) && ::mkdir(dir.c_str(), 0755) == 0;
}

bool writeSysfs(const std::string& path, const std::string& value) {
    std::ofstream f(path);
    f << value;
    f.flush();
    return static_cast<bool>(f);
}

// A short sysfs value without its newline; empty when unreadable.
std::string readSmallFile(const std::string& path) {
    std::ifstream f(path);
    std::string line;
    std::getline(f, line);
    return line;
}

std::string driverOf(const std::string& device) {
    char buf[PATH_MAX];
    const ssize_t n = ::readlink((device + "/driver").c_str(), buf, sizeof buf - 1);
    if (n <= 0) return {};
    const std::string target(buf, static_cast<size_t>(n));
    return target.substr(target.rfind('/') + 1);
}

} // namespace

int hostFileWrite(const std::string& path) {
    std::string content;
    char buf[4096];
    for (ssize_t n; (n = ::read(0, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR);) {
        if (n > 0) content.append(buf, static_cast<size_t>(n));
        if (content.size() > kMaxFile) return fail("content for " + path + " is larger than 1 MiB");
    }
    if (!makeParents(parentOf(path))) return fail("cannot create the folder of " + path);
    // The initramfs hook runs; the journal holds old file contents (root only).
    const std::string journal = "/var/lib/vireo/host-journal/";
    const mode_t mode = path == "/etc/initramfs-tools/hooks/vireo-vfio" ? 0755
                        : path.compare(0, journal.size(), journal) == 0 ? 0600
                                                                        : 0644;
    const std::string tmp = path + ".vireo-new";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) return fail("cannot write " + tmp);
    size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n <= 0) {
            ::close(fd);
            ::unlink(tmp.c_str());
            return fail("cannot write " + tmp);
        }
        done += static_cast<size_t>(n);
    }
    const bool synced = ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
    ::close(fd);
    if (!synced || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        return fail("cannot replace " + path);
    }
    return 0;
}

int hostFileRemove(const std::string& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return fail("cannot remove " + path);
    return 0;
}

int hostRun(const std::string& tool) {
    std::vector<std::string> argv{tool};
    if (tool == "grub2-mkconfig") argv = {tool, "-o", "/boot/grub2/grub.cfg"};
    if (tool == "kernel-install") argv = {tool, "add-all"};
    if (tool == "update-initramfs") argv = {tool, "-u", "-k", "all"};
    if (tool == "dracut") argv = {tool, "-f", "--regenerate-all"};
    const int code = run(argv);
    if (code != 0) return fail(tool + " failed (exit code " + std::to_string(code) + ")");
    return 0;
}

// driver_override, then unbind, then drivers_probe: the kernel binds vfio-pci, and only to
// this address (unlike new_id, which takes every card with the same IDs).
int pciDetach(const std::string& address) {
    const std::string device = "/sys/bus/pci/devices/" + address;
    if (::access(device.c_str(), F_OK) != 0) return fail("no PCI device " + address);
    if (driverOf(device) == "vfio-pci") return 0;
    run({"modprobe", "vfio-pci"}, {}, true);
    if (!writeSysfs(device + "/driver_override", "vfio-pci"))
        return fail("cannot set driver_override of " + address);
    if (!driverOf(device).empty() && !writeSysfs(device + "/driver/unbind", address))
        return fail("cannot unbind " + address + " from " + driverOf(device));
    writeSysfs("/sys/bus/pci/drivers_probe", address);
    if (driverOf(device) != "vfio-pci")
        return fail(address + " did not bind to vfio-pci (is the vfio-pci module available?)");
    return 0;
}

int pciReattach(const std::string& address) {
    const std::string device = "/sys/bus/pci/devices/" + address;
    if (::access(device.c_str(), F_OK) != 0) return fail("no PCI device " + address);
    if (!writeSysfs(device + "/driver_override", "\n"))
        return fail("cannot clear driver_override of " + address);
    if (driverOf(device) == "vfio-pci" && !writeSysfs(device + "/driver/unbind", address))
        return fail("cannot unbind " + address + " from vfio-pci");
    writeSysfs("/sys/bus/pci/drivers_probe", address);
    return 0;
}

int sriovNumVfs(const std::string& address, int count) {
    const std::string device = "/sys/bus/pci/devices/" + address;
    const std::string total = readSmallFile(device + "/sriov_totalvfs");
    if (total.empty()) return fail(address + " is not an SR-IOV card (no sriov_totalvfs)");
    if (count > std::atoi(total.c_str()))
        return fail(address + " offers at most " + total + " VFs");
    const int current = std::atoi(readSmallFile(device + "/sriov_numvfs").c_str());
    if (current == count) return 0;
    // The kernel refuses to change a VF count that is not 0.
    if (current != 0 && count != 0 && !writeSysfs(device + "/sriov_numvfs", "0"))
        return fail("cannot remove the VFs of " + address);
    if (!writeSysfs(device + "/sriov_numvfs", std::to_string(count)))
        return fail("cannot give " + address + " " + std::to_string(count) + " VFs");
    return 0;
}

int sriovVf(const std::string& interface, int vf, const std::vector<std::string>& settings) {
    const std::string total =
        readSmallFile("/sys/class/net/" + interface + "/device/sriov_totalvfs");
    if (total.empty()) return fail(interface + " is not the interface of an SR-IOV card");
    std::vector<std::string> argv = {
        "ip", "link", "set", "dev", interface, "vf", std::to_string(vf)};
    argv.insert(argv.end(), settings.begin(), settings.end());
    const int code = run(argv);
    if (code != 0)
        return fail("ip link set " + interface + " vf " + std::to_string(vf) +
                    " failed (exit code " + std::to_string(code) + ")");
    return 0;
}

} // namespace vireo::helper
