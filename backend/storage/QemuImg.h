#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QString>
#include <QStringList>
#include <atomic>
#include <cstdint>
#include <functional>

namespace vireo {

struct DiskInfo {
    QString path;
    QString format;
    std::uint64_t virtualSize = 0;
    std::uint64_t actualSize = 0;
    QStringList backingChain; // nearest backing file first
    QJsonArray snapshots;     // qemu-img's own list, for `disk info --json`
};

enum class Preallocation { Off, Metadata, Full };

struct DiskCreateOptions {
    QString path;
    QString format = QStringLiteral("qcow2"); // qcow2, raw, vmdk
    std::uint64_t sizeBytes = 0;
    Preallocation preallocation = Preallocation::Off;
    QString vmdkSubformat = QStringLiteral("monolithicSparse"); // or streamOptimized
    QString backingFile;                                        // linked overlays
    QString backingFormat;
};

// Every disk operation goes through the real qemu-img with JSON output; nothing here
// parses the human-readable text.
class QemuImg {
public:
    static Status create(const DiskCreateOptions& options);
    static Result<DiskInfo> info(const QString& path);
    // Writes to a temp file beside `target` and renames on success, so a cancel or crash
    // never leaves a half-written target. `progress` gets 0..100.
    static Status convert(const QString& source, const QString& target, const QString& targetFormat,
                          const std::function<void(double)>& progress = {},
                          const std::atomic_bool* cancel = nullptr,
                          const QString& vmdkSubformat = {});
    static Status resize(const QString& path, std::uint64_t newSizeBytes, bool allowShrink = false);
    // Gives qcow2 `path` the backing file `backing` (as written into the header: relative
    // to `path`'s folder, or "" for none). Safe mode copies what differs, so the data read
    // stays the same; `unsafe` only rewrites the header, for clusters written against
    // that backing already.
    static Status rebase(const QString& path, const QString& backing, bool unsafe);

    // Offline internal snapshots (the VM must not be running).
    static Status snapshotCreate(const QString& path, const QString& tag);
    static Status snapshotApply(const QString& path, const QString& tag);
    static Status snapshotDelete(const QString& path, const QString& tag);

    static QStringList supportedImportFormats();
};

} // namespace vireo
