#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>
#include <sys/types.h>

namespace vireo {

struct DetachedLaunch {
    QStringList argv;       // argv[0] is the program, looked up in PATH
    QString stderrPath;     // the program's stderr goes here (for crash reports)
    QString exitStatusPath; // written once the program ends: "exit N" or "signal N"
};

// Starts a program that outlives us (QEMU must survive vireoctl and the app). A small
// forked supervisor, in its own session, waits for the program and records how it ended,
// so the next command can tell a guest power-off (exit 0) from a crash or a kill -9.
// Returns the program's pid once exec has succeeded.
Result<pid_t> launchDetached(const DetachedLaunch& launch);

// Reads the record written by the supervisor; empty if the program has not ended (or the
// supervisor itself was killed).
QString readExitStatus(const QString& exitStatusPath);

} // namespace vireo
