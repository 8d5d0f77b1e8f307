#include "sandbox/CgroupFiles.h"

#include "sandbox/CgroupPrimitives.h"
#include "sandbox/SysFailure.h"

#include <QFile>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vireo {

Status writeCgroupFile(const QString& path, const QByteArray& value) {
    const QByteArray p = QFile::encodeName(path);
    // O_CREAT is harmless on cgroupfs (the file exists) and lets tests use a plain tree.
    const int fd = ::open(p.constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return sysError(QStringLiteral("opening cgroup file"), path, errno);
    const ssize_t n = ::write(fd, value.constData(), static_cast<size_t>(value.size()));
    const int err = errno;
    ::close(fd);
    if (n != value.size())
        return sysError(
            QStringLiteral("writing '%1' to cgroup file").arg(QString::fromLatin1(value.trimmed())),
            path, n < 0 ? err : EIO);
    return {};
}

QByteArray readCgroupFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

long long cgroupKeyedValue(const QByteArray& text, const QByteArray& key) {
    return cgroupKeyedCounter(text.constData(), key.constData());
}

Status makeCgroupDir(const QString& path) {
    if (::mkdir(QFile::encodeName(path).constData(), 0755) != 0 && errno != EEXIST)
        return sysError(QStringLiteral("creating cgroup"), path, errno);
    return {};
}

Status removeCgroupDir(const QString& path, int waitMs) {
    const int err = removeCgroupDirWaiting(QFile::encodeName(path).constData(), waitMs);
    if (err != 0) return sysError(QStringLiteral("removing cgroup"), path, err);
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
