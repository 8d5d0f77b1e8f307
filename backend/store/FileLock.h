#pragma once

#include "core/Result.h"

#include <QString>
#include <memory>

namespace vireo {

// An exclusive flock(2) on a lock file. The kernel drops it when the holder dies, so a
// `kill -9`'d vireoctl never leaves a stale lock behind (unlike pid-based lock files).
class FileLock {
public:
    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();

    // Waits up to timeoutMs for the lock; `what` names the locked object in the error.
    static Result<FileLock> acquire(const QString& path, const QString& what, int timeoutMs);

    // True while some process holds the lock on `path` (without taking it).
    static bool isHeld(const QString& path);

    // The locked descriptor, for handing the lock to a process that must keep it after
    // we are gone (flock locks belong to the open file, not to the process).
    int fd() const { return m_fd; }

private:
    explicit FileLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace vireo
