#include "sandbox/SysFailure.h"

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

QString fixFor(int err) {
    switch (err) {
    case EPERM:
    case EACCES:
        return QStringLiteral("check that your user may read the path, or run vireoctl as root");
    case ENOENT:
        return QStringLiteral("check that the path exists in the rootfs");
    case ENOSPC:
        return QStringLiteral("raise the limit (e.g. /proc/sys/user/max_user_namespaces)");
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

Error sysFailureToError(const QString& sandbox, const SysFailure& f) {
    const QString path = QString::fromLocal8Bit(f.path);
    return makeError(ErrorCode::Process,
                     QStringLiteral("sandbox '%1': %2%3 failed: %4")
                         .arg(sandbox, QString::fromLocal8Bit(f.step),
                              path.isEmpty() ? QString() : QStringLiteral(" ") + path,
                              QString::fromLocal8Bit(std::strerror(f.err))),
                     fixFor(f.err));
}

Error sysError(const QString& step, const QString& path, int err) {
    return makeError(ErrorCode::Io,
                     QStringLiteral("%1 %2 failed: %3")
                         .arg(step, path, QString::fromLocal8Bit(std::strerror(err))),
                     fixFor(err));
}

} // namespace vireo
