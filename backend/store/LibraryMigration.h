#pragma once

#include "core/Result.h"
#include "store/Library.h"

#include <QStringList>

namespace vireo {

struct LibraryMigration {
    QStringList migrated; // VMs whose vm.json was rewritten in the current schema
    QString backupDir;    // where the old files went (empty when nothing was migrated)
    QStringList failed;   // "NAME: reason" for definitions left untouched
};

// Rewrites every vm.json of an older schema in the current one, after copying the old
// files to ROOT/.backup/schema-upgrade-<UTC time>/NAME/vm.json. Run after an upgrade (the
// session unit and the app do); reading already migrates in memory, so this only makes the
// files match, once, with a way back. Each VM is rewritten under its lock and atomically;
// a VM that cannot be read is reported and left as it is.
Result<LibraryMigration> migrateLibrary(const Library& library);

} // namespace vireo
