#pragma once

#include "core/Result.h"

#include <QStringList>

namespace vireo {

// Runs one vireo-helper operation: directly as root, through pkexec otherwise. The only
// way the backend does privileged network work.
class HelperClient {
public:
    static Status run(const QStringList& operationAndArgs);
    // The same with `input` on the helper's stdin (a file's new content).
    static Status run(const QStringList& operationAndArgs, const QByteArray& input);
    // The helper binary: $VIREO_HELPER, beside the running program, in the build tree,
    // or the installed libexec path.
    static QString helperPath();
};

} // namespace vireo
