#include "sandbox/SandboxStore.h"

#include "store/AtomicFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace vireo {

SandboxStore::SandboxStore(const QString& libraryRoot)
    : m_root(QDir(libraryRoot).absolutePath() + QStringLiteral("/.sandboxes")) {}

QString SandboxStore::libraryRoot() const {
    return QFileInfo(m_root).path();
}

QString SandboxStore::sandboxDir(const QString& name) const {
    return m_root + QLatin1Char('/') + name;
}

QString SandboxStore::specPath(const QString& name) const {
    return sandboxDir(name) + QStringLiteral("/sandbox.json");
}

QString SandboxStore::statePath(const QString& name) const {
    return sandboxDir(name) + QStringLiteral("/state.json");
}

QString SandboxStore::lockPath(const QString& name) const {
    return sandboxDir(name) + QStringLiteral("/run.lock");
}

QString SandboxStore::logPath(const QString& name) const {
    return sandboxDir(name) + QStringLiteral("/console.log");
}

QString SandboxStore::consoleSocketPath(const QString& name) const {
    return sandboxDir(name) + QStringLiteral("/console.sock");
}

QString SandboxStore::consoleSizeSocketPath(const QString& name) const {
    return sandboxDir(name) + QStringLiteral("/console-size.sock");
}

bool SandboxStore::exists(const QString& name) const {
    return QFileInfo::exists(specPath(name));
}

QStringList SandboxStore::names() const {
    QStringList out;
    const auto entries = QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const auto& e : entries)
        if (exists(e)) out.append(e);
    return out;
}

Result<SandboxSpec> SandboxStore::load(const QString& name) const {
    VIREO_TRY(validateSandboxName(name));
    if (!exists(name))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("sandbox '%1' does not exist in %2").arg(name, m_root),
                         QStringLiteral("see 'vireoctl sandbox list'"));
    auto bytes = readWholeFile(specPath(name));
    if (!bytes) return bytes.error();
    return sandboxSpecFromJson(*bytes, specPath(name));
}

Status SandboxStore::save(const SandboxSpec& spec) const {
    VIREO_TRY(validateSandboxName(spec.name));
    const QString dir = sandboxDir(spec.name);
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create folder %1").arg(dir),
                         QStringLiteral("check that the library is writable"));
    return writeFileAtomically(specPath(spec.name), sandboxSpecToJson(spec));
}

Status SandboxStore::remove(const QString& name) const {
    VIREO_TRY(validateSandboxName(name));
    const QString dir = sandboxDir(name);
    if (!QFileInfo::exists(dir)) return {};
    // Renamed away first (atomic): a removal that fails half-way leaves no half sandbox.
    const QString doomed =
        m_root +
        QStringLiteral("/.removing.%1.%2").arg(name).arg(QCoreApplication::applicationPid());
    if (!QDir().rename(dir, doomed))
        return makeError(ErrorCode::Io, QStringLiteral("cannot remove %1").arg(dir),
                         QStringLiteral("check its permissions"));
    QDir(doomed).removeRecursively();
    return {};
}

} // namespace vireo
