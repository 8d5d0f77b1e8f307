#include "sandbox/runtime/CgroupFiles.h"

#include "sandbox/runtime/CgroupPrimitives.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vireo {

MaybeFault writeCgroupFile(const std::string& path, const std::string& value) {
    // O_CREAT is harmless on cgroupfs (the file exists) and lets tests use a plain tree.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return systemFault("opening cgroup file", path, errno);
    const ssize_t n = ::write(fd, value.data(), value.size());
    const int err = errno;
    ::close(fd);
    if (n != static_cast<ssize_t>(value.size()))
        return systemFault("writing '" + value + "' to cgroup file", path, n < 0 ? err : EIO);
    return {};
}

bool fileExists(const std::string& path) {
    return ::access(path.c_str(), F_OK) == 0;
}

MaybeFault makeCgroupDir(const std::string& path) {
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST)
        return systemFault("creating cgroup", path, errno);
    return {};
}

MaybeFault removeCgroupDir(const std::string& path, int waitMs) {
    if (const int err = removeCgroupDirWaiting(path.c_str(), waitMs); err != 0)
        return systemFault("removing cgroup", path, err);
    return {};
}

bool joinCgroupFile(const char* file, SysFailure* f) noexcept {
    const int fd = ::open(file, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || ::write(fd, "0", 1) != 1) {
        setSysFailure(f, "joining cgroup", file, errno);
        if (fd >= 0) ::close(fd);
        return false;
    }
    ::close(fd);
    return true;
}

} // namespace vireo
