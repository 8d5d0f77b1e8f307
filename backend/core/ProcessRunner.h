#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QStringList>
#include <atomic>
#include <functional>

namespace vireo {

struct ProcessOutput {
    int exitCode = 0;
    QByteArray stdoutData;
    QByteArray stderrData;
};

// The one wrapper around QProcess for short-lived tools (qemu-img, qemu -version): argv
// only, never a shell. Runs to completion on the calling thread.
struct ProcessRequest {
    QStringList argv; // argv[0] is the program
    int timeoutMs = 60000;
    // Called with each chunk of stdout as it arrives (progress parsing); may be empty.
    std::function<void(const QByteArray&)> onStdout;
    // Polled while the process runs; when it becomes true the process is killed.
    const std::atomic_bool* cancel = nullptr;
    // Written to the process's stdin, which is then closed (empty: stdin is /dev/null).
    QByteArray stdinData = {};
};

// A non-zero exit is an error naming the tool and quoting its last stderr line.
Result<ProcessOutput> runProcess(const ProcessRequest& request);

// Like runProcess but a non-zero exit is returned, not turned into an error.
Result<ProcessOutput> runProcessAllowFailure(const ProcessRequest& request);

QString lastLine(const QByteArray& text);

} // namespace vireo
