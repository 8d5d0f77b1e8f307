#include "store/LibraryMigration.h"

#include "spec/VmSpecJson.h"
#include "store/AtomicFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace vireo {

Result<LibraryMigration> migrateLibrary(const Library& library) {
    LibraryMigration out;
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    for (const auto& name : library.vmNames()) {
        auto lock = library.lockVm(name);
        if (!lock) {
            out.failed << QStringLiteral("%1: %2").arg(name, lock.error().message);
            continue;
        }
        auto bytes = readWholeFile(library.specPath(name));
        if (!bytes) {
            out.failed << QStringLiteral("%1: %2").arg(name, bytes.error().message);
            continue;
        }
        const int schema = QJsonDocument::fromJson(*bytes)
                               .object()
                               .value(QStringLiteral("schema"))
                               .toInt(0); // 0: unreadable, reported below
        if (schema >= kVmSchemaVersion) continue;
        auto spec = vmSpecFromBytes(*bytes, library.specPath(name));
        if (!spec) {
            out.failed << QStringLiteral("%1: %2").arg(name, spec.error().message);
            continue;
        }
        if (out.backupDir.isEmpty())
            out.backupDir = library.root() + QStringLiteral("/.backup/schema-upgrade-") + stamp;
        const QString backup = out.backupDir + QLatin1Char('/') + name;
        if (!QDir().mkpath(backup))
            return makeError(ErrorCode::Io,
                             QStringLiteral("cannot create the backup folder '%1'").arg(backup),
                             QStringLiteral("free space or fix the library's permissions; no "
                                            "definition was changed"));
        // The backup is complete and on disk before the definition changes.
        VIREO_TRY(writeFileAtomically(backup + QStringLiteral("/vm.json"), *bytes));
        VIREO_TRY(library.save(*spec));
        out.migrated << name;
    }
    return out;
}

} // namespace vireo
