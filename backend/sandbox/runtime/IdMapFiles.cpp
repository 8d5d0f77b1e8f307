#include "sandbox/runtime/IdMapFiles.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace vireo {

std::string idMapLine(unsigned inside, unsigned outside, unsigned count) {
    return std::to_string(inside) + ' ' + std::to_string(outside) + ' ' + std::to_string(count) +
           '\n';
}

MaybeFault writeProcIdFile(pid_t pid, const char* name, const std::string& text) {
    const std::string path = "/proc/" + std::to_string(pid) + "/" + name;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return systemFault("opening", path, errno);
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    const int err = errno;
    ::close(fd);
    if (!ok) return systemFault("writing to", path, err);
    return {};
}

MaybeFault writeRootSandboxIdMaps(pid_t pid, unsigned rootUid, unsigned rootGid) {
    VIREO_TRY_FAULT(writeProcIdFile(pid, "uid_map", idMapLine(0, rootUid, kSandboxIdCount)));
    return writeProcIdFile(pid, "gid_map", idMapLine(0, rootGid, kSandboxIdCount));
}

} // namespace vireo
