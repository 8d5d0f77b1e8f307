#include "sandbox/runtime/SysFailure.h"

#include <cerrno>
#include <cstring>

namespace vireo {

namespace {

void copyBounded(char* dst, std::size_t size, const char* src) noexcept {
    std::size_t i = 0;
    for (; src && src[i] && i + 1 < size; ++i)
        dst[i] = src[i];
    dst[i] = '\0';
}

std::string fixFor(int err) {
    switch (err) {
    case EPERM:
    case EACCES:
        return "check that your user may read the path, or run vireoctl as root";
    case ENOENT:
        return "check that the path exists in the rootfs";
    case ENOSPC:
        return "raise the limit (e.g. /proc/sys/user/max_user_namespaces)";
    default:
        return {};
    }
}

} // namespace

void setSysFailure(SysFailure* f, const char* step, const char* path, int err) noexcept {
    copyBounded(f->step, sizeof f->step, step);
    copyBounded(f->path, sizeof f->path, path);
    f->err = err;
}

Fault systemFault(const std::string& step, const std::string& path, int err) {
    return {Fault::Io, step + " " + path + " failed: " + std::strerror(err), fixFor(err)};
}

Fault sandboxProcessFault(const std::string& sandbox, const SysFailure& f) {
    const std::string path = f.path[0] ? std::string(" ") + f.path : std::string();
    return {Fault::Process,
            "sandbox '" + sandbox + "': " + f.step + path + " failed: " + std::strerror(f.err),
            fixFor(f.err)};
}

} // namespace vireo
