#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>
#include <atomic>

namespace vireo {

// An OVF manifest (.mf): one "SHA256(file)= hex" (or SHA1/SHA512) line per file.
class OvfManifest {
public:
    // Checks every file the manifest names, found in `dir`, and that the manifest names
    // every file in `mustCover` (the descriptor and its disks).
    static Status verify(const QString& manifestPath, const QString& dir,
                         const QStringList& mustCover, const std::atomic_bool* cancel = nullptr);
    // Writes a SHA-256 manifest of `files` (absolute paths) to `target`.
    static Status write(const QString& target, const QStringList& files);
};

} // namespace vireo
