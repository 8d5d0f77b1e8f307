#include "store/Library.h"

#include "spec/VmSpecJson.h"
#include "spec/VmSpecValidation.h"
#include "store/AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace vireo {

Library::Library(QString root) : m_root(QDir(root).absolutePath()) {}

QString Library::defaultRoot() {
    const QByteArray env = qgetenv("VIREO_LIBRARY");
    if (!env.isEmpty()) return QString::fromLocal8Bit(env);
    QString base = QString::fromLocal8Bit(qgetenv("XDG_DATA_HOME"));
    if (base.isEmpty()) base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/vireo/vms");
}

QString Library::vmDir(const QString& name) const {
    return m_root + QLatin1Char('/') + name;
}
QString Library::specPath(const QString& name) const {
    return vmDir(name) + QStringLiteral("/vm.json");
}
QString Library::consoleLogPath(const QString& name) const {
    return vmDir(name) + QStringLiteral("/console.log");
}
QString Library::savedStatePath(const QString& name) const {
    return vmDir(name) + QStringLiteral("/saved.state");
}
QString Library::snapshotsPath(const QString& name) const {
    return vmDir(name) + QStringLiteral("/snapshots.json");
}

bool Library::exists(const QString& name) const {
    return QFileInfo::exists(specPath(name));
}

QStringList Library::vmNames() const {
    QStringList names;
    const auto entries = QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const auto& e : entries)
        if (QFileInfo::exists(specPath(e))) names.append(e);
    return names;
}

Result<VmSpec> Library::load(const QString& name) const {
    VIREO_TRY(validateVmName(name));
    if (!exists(name))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("VM '%1' does not exist in %2").arg(name, m_root),
                         QStringLiteral("see 'vireoctl vm list' for the defined VMs"));
    auto bytes = readWholeFile(specPath(name));
    if (!bytes) return bytes.error();
    auto spec = vmSpecFromBytes(*bytes, specPath(name));
    if (spec && spec->name != name)
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("%1 names the VM '%2', but its folder is '%3'")
                             .arg(specPath(name), spec->name, name),
                         QStringLiteral("rename the folder or fix \"name\" in the file"));
    return spec;
}

Status Library::ensureRoot() const {
    if (!QDir().mkpath(m_root))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create library folder '%1'").arg(m_root),
                         QStringLiteral("check permissions or pass --library DIR"));
    return {};
}

Status Library::create(const VmSpec& spec) const {
    VIREO_TRY(ensureRoot());
    // The library lock makes "check name free + make folder" one step across processes.
    auto lock = FileLock::acquire(m_root + QStringLiteral("/.library.lock"),
                                  QStringLiteral("library %1").arg(m_root), 15000);
    if (!lock) return lock.error();
    if (exists(spec.name))
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("VM '%1' already exists").arg(spec.name),
                         QStringLiteral("choose another name or delete the old VM first"));
    for (const auto& other : vmNames()) {
        auto o = load(other);
        if (o && o->uuid == spec.uuid)
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("UUID %1 is already used by VM '%2'")
                                 .arg(spec.uuid.toString(QUuid::WithoutBraces), other));
    }
    if (!QDir().mkpath(vmDir(spec.name)))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create folder '%1'").arg(vmDir(spec.name)));
    return writeFileAtomically(specPath(spec.name), vmSpecToBytes(spec));
}

Status Library::save(const VmSpec& spec) const {
    if (!QFileInfo(vmDir(spec.name)).isDir())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("VM '%1' does not exist").arg(spec.name));
    return writeFileAtomically(specPath(spec.name), vmSpecToBytes(spec));
}

Status Library::remove(const QString& name) const {
    VIREO_TRY(validateVmName(name));
    // Drop vm.json first: if we crash half-way the folder is no longer a VM, just leftovers.
    QFile::remove(specPath(name));
    if (!QDir(vmDir(name)).removeRecursively())
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot remove folder '%1'").arg(vmDir(name)),
                         QStringLiteral("check permissions and remove it by hand"));
    return {};
}

Result<FileLock> Library::lockVm(const QString& name, int timeoutMs) const {
    VIREO_TRY(validateVmName(name));
    if (!QFileInfo(vmDir(name)).isDir())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("VM '%1' does not exist in %2").arg(name, m_root),
                         QStringLiteral("see 'vireoctl vm list' for the defined VMs"));
    return FileLock::acquire(vmDir(name) + QStringLiteral("/.lock"),
                             QStringLiteral("VM '%1'").arg(name), timeoutMs);
}

} // namespace vireo
