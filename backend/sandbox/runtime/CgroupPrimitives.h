#pragma once

// Qt-free cgroup file operations, shared by the runtime (through CgroupFiles) and by
// vireo-sandbox-monitor, which must stay small: it supervises a running sandbox.

namespace vireo {

// The number after `key ` on its own line of a flat keyed file (memory.events,
// memory.oom_control, cpu.stat); -1 when the key is absent.
long long cgroupKeyedCounter(const char* text, const char* key) noexcept;

// The same, read from `file` (at most 4 KiB, all these files hold); -1 when unreadable.
long long readCgroupKeyedCounter(const char* file, const char* key) noexcept;

// True when any of `files` (memory.oom_control on v1, memory.events on v2) counts an
// `oom_kill`: the kernel's OOM killer ended a process of the sandbox's memory group.
bool cgroupOomKilled(const char* const* files, int count) noexcept;

// rmdir, retrying for up to `waitMs` ms while exiting processes leave the group (EBUSY).
// 0 once it is gone (or was never there), else the errno of the last attempt.
int removeCgroupDirWaiting(const char* path, int waitMs) noexcept;

} // namespace vireo
