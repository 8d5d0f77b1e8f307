#include "store/FileLock.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace vireo {

FileLock::FileLock(FileLock&& other) noexcept : m_fd(other.m_fd) {
    other.m_fd = -1;
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

FileLock::~FileLock() {
    if (m_fd >= 0) ::close(m_fd);
}

Result<FileLock> FileLock::acquire(const QString& path, const QString& what, int timeoutMs) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot open lock file '%1': %2")
                             .arg(path, QString::fromLocal8Bit(std::strerror(errno))),
                         QStringLiteral("check permissions of the library folder"));
    QDeadlineTimer deadline(timeoutMs);
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            ::close(fd);
            return makeError(ErrorCode::Io, QStringLiteral("cannot lock '%1'").arg(path));
        }
        if (deadline.hasExpired()) {
            ::close(fd);
            return makeError(
                ErrorCode::Busy,
                QStringLiteral("%1 is busy: another Vireo process is changing it").arg(what),
                QStringLiteral("wait for it to finish and retry"));
        }
        QThread::msleep(20);
    }
    return FileLock(fd);
}

bool FileLock::isHeld(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd); // also drops our shared lock when we got it
    return held;
}

} // namespace vireo
