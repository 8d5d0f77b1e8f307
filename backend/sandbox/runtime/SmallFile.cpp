#include "sandbox/runtime/SmallFile.h"

#include <fcntl.h>
#include <unistd.h>

namespace vireo {

std::string readSmallFile(const std::string& path) {
    std::string out;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return out;
    char buf[8192];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0)
        out.append(buf, static_cast<size_t>(n));
    ::close(fd);
    return out;
}

} // namespace vireo
