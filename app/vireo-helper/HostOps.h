#pragma once

// vireo-helper's host-boot and host-device classes: the files `vireoctl host apply`
// changes (only those isHostBootFile() names), the boot tools it runs, and handing a PCI
// device to vfio-pci at run time and back. Arguments are validated by parseRequest().
#include <string>

namespace vireo::helper {

int hostFileWrite(const std::string& path); // the new content on stdin, written atomically
int hostFileRemove(const std::string& path);
int hostRun(const std::string& tool); // a fixed command line per boot tool
int pciDetach(const std::string& address);
int pciReattach(const std::string& address);

} // namespace vireo::helper
