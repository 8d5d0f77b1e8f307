#pragma once

#include <QString>

namespace vireo {

// What kind of failure happened; the CLI maps these to exit codes, the UI to icons.
enum class ErrorCode {
    InvalidArgument, // bad user input: names, sizes, paths
    NotFound,        // a VM, disk, snapshot or file that does not exist
    AlreadyExists,
    InvalidState, // e.g. starting a running VM
    Busy,         // locked by another process, disk in use
    Corrupt,      // unreadable or future-version definition
    Io,           // filesystem failure
    Process,      // an external tool (qemu, qemu-img) failed
    Protocol,     // QMP misbehaved
    Timeout,
    Cancelled,
    Unsupported,
};

// One failure: what went wrong (naming the object) and how to fix it. The CLI prints
// this as a single line; the UI shows it in the message bar.
struct Error {
    ErrorCode code = ErrorCode::Io;
    QString message;
    QString fix;

    QString line() const { return fix.isEmpty() ? message : message + QStringLiteral("; ") + fix; }
};

inline Error makeError(ErrorCode code, const QString& message, const QString& fix = {}) {
    return Error{code, message, fix};
}

} // namespace vireo
