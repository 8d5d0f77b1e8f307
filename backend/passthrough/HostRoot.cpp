#include "passthrough/HostRoot.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vireo {

namespace {

// A chain of links longer than this is a loop (the kernel gives up at 40 too).
constexpr int kMaxLinkDepth = 40;
// A file standing in for a link holds one short path.
constexpr qint64 kMaxLinkFileSize = 4096;

QString joinPath(const QString& a, const QString& b) {
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    return a + QLatin1Char('/') + b;
}

} // namespace

Result<HostRoot> HostRoot::open(const QString& dir) {
    const QString given = dir.isEmpty() ? QStringLiteral("/") : dir;
    const QFileInfo info(given);
    if (!info.exists())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("host root '%1' does not exist").arg(given),
                         QStringLiteral("pass '/' for this machine or a folder made by "
                                        "'vireoctl host capture' (unpacked)"));
    if (!info.isDir())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("host root '%1' is not a folder").arg(given),
                         QStringLiteral("unpack a captured .tar.gz first (tar xzf FILE -C DIR)"));
    const QString canonical = info.canonicalFilePath();
    if (!QFileInfo(canonical + QStringLiteral("/sys")).isDir())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("host root '%1' has no sys/ folder").arg(given),
                         QStringLiteral("point --host-root at the folder that holds sys/ and "
                                        "proc/"));
    return HostRoot(canonical);
}

QString HostRoot::defaultDir() {
    const QByteArray env = qgetenv("VIREO_HOST_ROOT");
    return env.isEmpty() ? QStringLiteral("/") : QString::fromLocal8Bit(env);
}

Status HostRoot::status() const {
    if (m_error) return *m_error;
    return {};
}

void HostRoot::fail(const QString& message) const {
    if (m_error) return;
    m_error = makeError(ErrorCode::Corrupt, message,
                        QStringLiteral("recapture the tree with 'vireoctl host capture' or "
                                       "remove the offending link"));
}

QString HostRoot::absolute(const QString& inRoot) const {
    if (m_dir == QLatin1String("/")) return QLatin1Char('/') + inRoot;
    return joinPath(m_dir, inRoot);
}

std::optional<QString> HostRoot::linkTarget(const QString& inRoot, bool fileMayBeLink,
                                            bool* isDir) const {
    const QByteArray path = QFile::encodeName(absolute(inRoot));
    struct stat st {};
    if (::lstat(path.constData(), &st) != 0) return std::nullopt;
    if (isDir) *isDir = S_ISDIR(st.st_mode);
    if (S_ISLNK(st.st_mode)) {
        char buffer[4096];
        const ssize_t n = ::readlink(path.constData(), buffer, sizeof buffer);
        if (n <= 0 || n == static_cast<ssize_t>(sizeof buffer)) return std::nullopt;
        return QFile::decodeName(QByteArray(buffer, static_cast<qsizetype>(n)));
    }
    // A tree checked out where symlinks are not supported (git with core.symlinks=false,
    // some archivers, the shared fixture store) keeps each link as a small file holding
    // its target. Only where a link is expected (a folder in the middle of a path, or
    // readLink) is such a file read as one.
    if (!fileMayBeLink || !S_ISREG(st.st_mode) || st.st_size <= 0 || st.st_size > kMaxLinkFileSize)
        return std::nullopt;
    QFile file(absolute(inRoot));
    if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
    const QString text = QString::fromUtf8(file.readAll()).trimmed();
    if (text.contains(QLatin1Char('\n'))) return std::nullopt;
    if (!text.startsWith(QLatin1String("../")) && !text.startsWith(QLatin1String("./")) &&
        !text.startsWith(QLatin1Char('/')))
        return std::nullopt;
    return text;
}

QString HostRoot::resolveFrom(const QString& path, bool followLast, int depth,
                              bool lastIsFolder) const {
    if (m_error) return {};
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString current; // resolved: no component of it is a link
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString& part = parts.at(i);
        if (part == QLatin1String(".")) continue;
        if (part == QLatin1String("..")) {
            if (current.isEmpty()) {
                fail(QStringLiteral("'%1' in host root '%2' climbs above the root")
                         .arg(path, m_dir));
                return {};
            }
            const qsizetype slash = current.lastIndexOf(QLatin1Char('/'));
            current = slash < 0 ? QString() : current.left(slash);
            continue;
        }
        const QString next = joinPath(current, part);
        const bool last = i == parts.size() - 1;
        if (last && !followLast) return next;
        const auto cached = m_resolved.constFind(next);
        if (cached != m_resolved.constEnd()) {
            current = *cached;
            continue;
        }
        bool isDir = false;
        const auto target = linkTarget(next, !last || lastIsFolder, &isDir);
        if (!target) {
            // A plain file as the last component may still be a stand-in link when used as
            // a folder later, so only folders are remembered.
            if (!last || isDir) m_resolved.insert(next, next);
            current = next;
            continue;
        }
        if (depth >= kMaxLinkDepth) {
            fail(QStringLiteral("the link '%1' in host root '%2' is part of a loop")
                     .arg(next, m_dir));
            return {};
        }
        if (target->startsWith(QLatin1Char('/'))) {
            // Absolute targets mean the host's "/", which is the root here.
            current = resolveFrom(*target, true, depth + 1);
        } else {
            const QString base = current;
            current = resolveFrom(joinPath(base, *target), true, depth + 1);
        }
        if (m_error) {
            // Name the innermost link: that is the one to fix.
            if (!m_error->message.startsWith(QLatin1String("the link")))
                m_error->message = QStringLiteral("the link '%1' -> '%2' in host root '%3' "
                                                  "points outside it")
                                       .arg(next, *target, m_dir);
            return {};
        }
        m_resolved.insert(next, current);
    }
    return current;
}

QString HostRoot::resolve(const QString& path) const {
    return resolveFrom(path, true, 0);
}

std::optional<QString> HostRoot::readLink(const QString& path) const {
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const QString parent = slash < 0 ? QString() : resolve(path.left(slash));
    if (m_error) return std::nullopt;
    const QString self = joinPath(parent, slash < 0 ? path : path.mid(slash + 1));
    const auto target = linkTarget(self, true);
    if (!target) return std::nullopt;
    const QString resolved = target->startsWith(QLatin1Char('/'))
                                 ? resolveFrom(*target, true, 1)
                                 : resolveFrom(joinPath(parent, *target), true, 1);
    if (m_error) {
        if (!m_error->message.startsWith(QLatin1String("the link")))
            m_error->message = QStringLiteral("the link '%1' -> '%2' in host root '%3' points "
                                              "outside it")
                                   .arg(path, *target, m_dir);
        return std::nullopt;
    }
    return resolved;
}

QString HostRoot::linkName(const QString& path) const {
    const auto target = readLink(path);
    if (!target) return {};
    return target->section(QLatin1Char('/'), -1);
}

namespace {

// Plain read(2)s: a scan reads thousands of small sysfs files, where QFile's extra stat
// calls would be most of the cost.
QByteArray readFd(int fd) {
    QByteArray bytes;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        bytes.append(buffer, n);
    }
    ::close(fd);
    return bytes;
}

} // namespace

std::optional<QString> HostRoot::withFolderResolved(const QString& path) const {
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const QString name = slash < 0 ? path : path.mid(slash + 1);
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String(".."))
        return std::nullopt;
    const QString parent = slash < 0 ? QString() : resolveFrom(path.left(slash), true, 0, true);
    return joinPath(parent, name);
}

QByteArray HostRoot::readBytes(const QString& path) const {
    // The file itself is opened without following a link; only a link takes the long way.
    if (const auto direct = withFolderResolved(path)) {
        if (m_error) return {};
        const int fd = ::open(QFile::encodeName(absolute(*direct)).constData(),
                              O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd >= 0) return readFd(fd);
        if (errno != ELOOP) return {};
    }
    const QString resolved = resolve(path);
    if (m_error) return {};
    const int fd = ::open(QFile::encodeName(absolute(resolved)).constData(), O_RDONLY | O_CLOEXEC);
    return fd < 0 ? QByteArray() : readFd(fd);
}

QString HostRoot::readText(const QString& path) const {
    return QString::fromUtf8(readBytes(path)).trimmed();
}

bool HostRoot::exists(const QString& path) const {
    struct stat st {};
    // Like readBytes: one lstat for the name, links the long way.
    if (const auto direct = withFolderResolved(path)) {
        if (m_error) return false;
        if (::lstat(QFile::encodeName(absolute(*direct)).constData(), &st) != 0) return false;
        if (!S_ISLNK(st.st_mode)) return true;
    }
    const QString resolved = resolve(path);
    if (m_error) return false;
    return ::stat(QFile::encodeName(absolute(resolved)).constData(), &st) == 0;
}

QStringList HostRoot::list(const QString& path) const {
    const QString resolved = resolve(path);
    if (m_error) return {};
    // readdir(3) alone: the names are all a caller wants, so no entry is stat'ed.
    DIR* dir = ::opendir(QFile::encodeName(absolute(resolved)).constData());
    if (!dir) return {};
    QStringList names;
    while (const dirent* e = ::readdir(dir)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
        names << QFile::decodeName(e->d_name);
    }
    ::closedir(dir);
    names.sort();
    return names;
}

} // namespace vireo
