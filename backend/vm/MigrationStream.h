#pragma once

#include "core/Result.h"

#include <QString>

namespace vireo {

class QmpClient;

// Save and restore of a VM's whole state through QEMU's migration stream. QEMU 7.2 has
// no file: migration target and exec: would mean a shell, so we serve the stream over a
// unix socket in the runtime folder and copy it to/from the file ourselves.

// QEMU (paused) connects to `socketPath` and streams its state; written to
// `targetPath`.partial, fsynced and renamed on completion only.
Status saveMigrationStream(QmpClient& qmp, const QString& socketPath, const QString& targetPath);

// QEMU started with -incoming defer listens on `socketPath`; we feed it `sourcePath` and
// wait until the guest runs again.
Status loadMigrationStream(QmpClient& qmp, const QString& socketPath, const QString& sourcePath);

} // namespace vireo
