#include "store/AtomicFile.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace vireo {

namespace {
Error ioError(const QString& what, const QString& path) {
    return makeError(ErrorCode::Io,
                     QStringLiteral("cannot %1 '%2': %3")
                         .arg(what, path, QString::fromLocal8Bit(std::strerror(errno))),
                     QStringLiteral("check free space and permissions of the folder"));
}
} // namespace

Status writeFileAtomically(const QString& path, const QByteArray& bytes) {
    const QByteArray target = QFile::encodeName(path);
    const QByteArray temp = target + ".tmp." + QByteArray::number(::getpid());
    const int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return ioError(QStringLiteral("create"), QFile::decodeName(temp));
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const Error e = ioError(QStringLiteral("write"), QFile::decodeName(temp));
            ::close(fd);
            ::unlink(temp.constData());
            return e;
        }
        done += n;
    }
    if (::fsync(fd) != 0) {
        const Error e = ioError(QStringLiteral("sync"), QFile::decodeName(temp));
        ::close(fd);
        ::unlink(temp.constData());
        return e;
    }
    ::close(fd);
    if (::rename(temp.constData(), target.constData()) != 0) {
        const Error e = ioError(QStringLiteral("replace"), path);
        ::unlink(temp.constData());
        return e;
    }
    // The rename itself lives in the folder: sync it too or a power cut can undo it.
    const QByteArray dir = QFile::encodeName(QFileInfo(path).absolutePath());
    const int dfd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

Result<QByteArray> readWholeFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(f.error() == QFileDevice::OpenError && !f.exists() ? ErrorCode::NotFound
                                                                            : ErrorCode::Io,
                         QStringLiteral("cannot read '%1': %2").arg(path, f.errorString()),
                         QStringLiteral("check that the file exists and is readable"));
    return f.readAll();
}

} // namespace vireo
