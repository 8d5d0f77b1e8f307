#pragma once

#include "core/Result.h"

#include <QString>
#include <QVector>
#include <atomic>
#include <cstdint>

namespace vireo {

// The tar (ustar) subset an OVA is made of (DMTF DSP0243 §5.3): plain files, one level,
// no links. Reading refuses anything else - a path with '/' or "..", a link, a device -
// before a byte is extracted, so an archive can never write outside the folder it is
// unpacked into.
struct TarEntry {
    QString name;
    std::uint64_t size = 0;
    std::uint64_t dataOffset = 0; // where the file's bytes start in the archive
};

class TarArchive {
public:
    // Lists the archive's files (in archive order) after checking every header.
    static Result<QVector<TarEntry>> list(const QString& archive);
    // Copies one listed entry to `target` (which must not exist).
    static Status extract(const QString& archive, const TarEntry& entry, const QString& target,
                          const std::atomic_bool* cancel = nullptr);
    // Writes `files` (absolute paths; stored under their file names, in this order) into a
    // new archive at `target`.
    static Status write(const QString& target, const QStringList& files,
                        const std::atomic_bool* cancel = nullptr);
    // A name an OVA may hold: one plain file name.
    static bool isPlainFileName(const QString& name);
};

} // namespace vireo
