#pragma once

#include "core/Result.h"

#include <QString>
#include <cstdint>

namespace vireo {

// Parses "512M", "2G", "1.5G", "1024" (bytes) — binary units, like qemu-img.
Result<std::uint64_t> parseSize(const QString& text, const QString& what);
QString formatSize(std::uint64_t bytes);

} // namespace vireo
