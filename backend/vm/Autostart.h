#pragma once

#include "store/Library.h"

#include <QString>
#include <QVector>

namespace vireo {

// What starting one autostart network or VM came to.
struct AutostartOutcome {
    enum class Result { Started, AlreadyRunning, Failed };
    QString kind; // "network" or "vm"
    QString name;
    Result result = Result::Started;
    QString error; // Failed: the one-line reason
};

// Starts the library's networks and VMs marked autostart, networks first (what the
// session's systemd unit runs at boot). One failure does not stop the others.
QVector<AutostartOutcome> runAutostart(const Library& library);

} // namespace vireo
