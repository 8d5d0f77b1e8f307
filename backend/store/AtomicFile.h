#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace vireo {

// Replaces `path` with `bytes` so that a crash at any moment leaves either the old or the
// new content: write a temp file in the same folder, fsync it, rename over, fsync the folder.
Status writeFileAtomically(const QString& path, const QByteArray& bytes);

Result<QByteArray> readWholeFile(const QString& path);

} // namespace vireo
