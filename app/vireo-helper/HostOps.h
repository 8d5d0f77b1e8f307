#pragma once

// vireo-helper's host-boot and host-device classes: the files `vireoctl host apply`
// changes (only those isHostBootFile() names), the boot tools it runs, and handing a PCI
// device to vfio-pci at run time and back; SR-IOV VF counts and VF settings. Arguments are
// validated by parseRequest().
#include <string>
#include <vector>

namespace vireo::helper {

int hostFileWrite(const std::string& path); // the new content on stdin, written atomically
int hostFileRemove(const std::string& path);
int hostRun(const std::string& tool); // a fixed command line per boot tool
int pciDetach(const std::string& address);
int pciReattach(const std::string& address);
// SR-IOV: the PF's VF count (0 first when it has some; never above sriov_totalvfs), and
// `ip link set dev PF vf N SETTINGS` on a PF's interface (one that has sriov_totalvfs).
int sriovNumVfs(const std::string& address, int count);
int sriovVf(const std::string& interface, int vf, const std::vector<std::string>& settings);

} // namespace vireo::helper
