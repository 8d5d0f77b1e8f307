#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace vireo {

enum class SandboxRunState { Created, Running, Exited };

QString sandboxRunStateName(SandboxRunState state);

// What a kept sandbox is doing, as its runtime last wrote it:
// <library>/.sandboxes/NAME/state.json (atomically). While the runtime lives it also holds
// the sandbox's run lock, so a "running" record whose lock is free is a runtime that died.
struct SandboxState {
    SandboxRunState state = SandboxRunState::Created;
    qint64 runtimePid = 0; // the process that started the sandbox and waits for it
    qint64 initPid = 0;    // the sandbox's PID 1, as the host sees it
    QDateTime startedAt;
    QDateTime finishedAt;
    int exitCode = -1;      // the payload's exit code, or 128 + signal
    bool oomKilled = false; // the memory limit's OOM killer ended a process
    QString error;          // why it did not start or ended without an exit code
    QStringList cgroups;    // the sandbox's cgroup folders while it runs (for `stats`)
    QString address;        // ADDR/PREFIX on a named network while it runs
    int restarts = 0;       // times the restart policy started it again since `start`
};

QByteArray sandboxStateToJson(const SandboxState& state);
// `path` only names the file in errors.
Result<SandboxState> sandboxStateFromJson(const QByteArray& bytes, const QString& path);

} // namespace vireo
