#include "sandbox/SandboxVolumes.h"

#include "sandbox/SandboxRunner.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace vireo {

SandboxVolumes::SandboxVolumes(const QString& libraryRoot)
    : m_root(libraryRoot + QStringLiteral("/.volumes")) {}

bool SandboxVolumes::isVolumeName(const QString& text) {
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]{0,62}$"));
    return re.match(text).hasMatch();
}

QString SandboxVolumes::path(const QString& name) const {
    return m_root + QLatin1Char('/') + name;
}

Result<QString> SandboxVolumes::ensure(const QString& name) const {
    if (!isVolumeName(name))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("volume name '%1' is not allowed").arg(name.left(80)),
                         QStringLiteral("use up to 63 letters, digits, '.', '_' or '-'"));
    const QString dir = path(name);
    if (QFileInfo(dir).isDir()) return dir;
    if (!QDir().mkpath(m_root))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(m_root));
    // Made aside and renamed into place: two sandboxes starting at once both see either
    // nothing or the finished, chowned folder.
    const QString staging =
        m_root + QStringLiteral("/.new.%1.%2").arg(name).arg(QCoreApplication::applicationPid());
    if (!QDir().mkpath(staging))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(staging));
    const SandboxIdMap ids = sandboxRootIdsForCaller();
    if (::chown(QFile::encodeName(staging).constData(), ids.rootUid, ids.rootGid) != 0) {
        const int err = errno;
        QDir().rmdir(staging);
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot give volume '%1' to the sandbox's root: %2")
                             .arg(name, QString::fromLocal8Bit(std::strerror(err))),
                         QStringLiteral("run vireoctl as root"));
    }
    if (::rename(QFile::encodeName(staging).constData(), QFile::encodeName(dir).constData()) != 0) {
        QDir().rmdir(staging);
        if (!QFileInfo(dir).isDir())
            return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(dir));
    }
    return dir;
}

QStringList SandboxVolumes::names() const {
    QStringList out;
    for (const auto& name : QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (isVolumeName(name)) out << name;
    return out;
}

qint64 SandboxVolumes::sizeBytes(const QString& name) const {
    qint64 total = 0;
    QDirIterator it(path(name), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        if (!it.fileInfo().isSymLink()) total += it.fileInfo().size();
    }
    return total;
}

Status SandboxVolumes::remove(const QString& name, const QStringList& usedBy) const {
    if (!isVolumeName(name) || !QFileInfo(path(name)).isDir())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("volume '%1' does not exist").arg(name.left(80)),
                         QStringLiteral("see 'vireoctl sandbox volumes'"));
    if (!usedBy.isEmpty())
        return makeError(ErrorCode::Busy,
                         QStringLiteral("volume '%1' is used by sandbox %2")
                             .arg(name, usedBy.join(QLatin1String(", "))),
                         QStringLiteral("remove those sandboxes first (vireoctl sandbox rm)"));
    const QString doomed =
        m_root +
        QStringLiteral("/.removing.%1.%2").arg(name).arg(QCoreApplication::applicationPid());
    if (!QDir().rename(path(name), doomed))
        return makeError(ErrorCode::Io, QStringLiteral("cannot remove %1").arg(path(name)));
    QDir(doomed).removeRecursively();
    return {};
}

Result<BindMount> SandboxVolumes::bindMount(const QString& text) const {
    auto bind = parseBindMount(text);
    if (!bind) return bind.error();
    if (isVolumeName(bind->host)) {
        bind->volume = bind->host;
        bind->host = path(bind->volume);
    } else {
        bind->host = QFileInfo(bind->host).absoluteFilePath();
    }
    return bind;
}

Status SandboxVolumes::ensureAll(const SandboxSpec& spec) const {
    for (const auto& b : spec.binds)
        if (!b.volume.isEmpty())
            if (auto made = ensure(b.volume); !made) return made.error();
    return {};
}

} // namespace vireo
