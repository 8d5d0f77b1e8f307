#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace vireo {

// Small helpers shared by the cgroup drivers; every failure names the file.
Status writeCgroupFile(const QString& path, const QByteArray& value);
QByteArray readCgroupFile(const QString& path);
// The number after `key ` in a flat keyed file (memory.events, memory.oom_control).
long long cgroupKeyedValue(const QByteArray& text, const QByteArray& key);
Status makeCgroupDir(const QString& path);
// rmdir, retrying for up to ~500 ms while exiting processes leave the group (EBUSY).
Status removeCgroupDir(const QString& path, int waitMs = 500);
// Writes "0" (the caller itself) into `file`; async-signal-safe.
bool joinCgroupFile(const char* file, struct SysFailure* f) noexcept;

} // namespace vireo
