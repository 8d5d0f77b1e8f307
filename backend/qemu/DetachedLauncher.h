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
    QString pidPath;        // written by the supervisor as soon as exec has succeeded
    int holdFd = -1;        // kept open by the supervisor until pidPath exists (a lock)
    // When set: the program runs in a mount namespace of its own in which this folder (and
    // everything mounted below it) is read-only, whatever the program does. Needs root.
    QString readOnlyFolder;
    QString fix;            // the fix shown when the program cannot be started
    bool stdoutToo = false; // stdout goes to stderrPath too (a log of everything it writes)
    // Run by the supervisor (in its place) once the program has ended and its exit status
    // is written: what must follow the program's end even when no Vireo process watches.
    QStringList afterExit = {};
};

// Starts a program that outlives us (QEMU must survive vireoctl and the app). A small
// forked supervisor, in its own session, waits for the program and records how it ended,
// so the next command can tell a guest power-off (exit 0) from a crash or a kill -9.
// The supervisor, not the caller, records the pid: a caller killed at any point after the
// fork can never leave a running program that no pid file names. Passing the caller's
// lock as holdFd keeps that lock held until the pid file is there.
// Returns the program's pid once exec has succeeded and the pid file is written.
Result<pid_t> launchDetached(const DetachedLaunch& launch);

// Reads the record written by the supervisor; empty if the program has not ended (or the
// supervisor itself was killed).
QString readExitStatus(const QString& exitStatusPath);

} // namespace vireo
