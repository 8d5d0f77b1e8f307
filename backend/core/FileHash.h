#pragma once

#include "core/Result.h"

#include <QCryptographicHash>
#include <QString>
#include <atomic>

namespace vireo {

// The hex digest of a file, read in 1 MiB pieces (cancellable between them).
Result<QByteArray> hashFile(const QString& path, QCryptographicHash::Algorithm algorithm,
                            const std::atomic_bool* cancel = nullptr);

} // namespace vireo
