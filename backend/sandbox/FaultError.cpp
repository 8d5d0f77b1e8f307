#include "sandbox/FaultError.h"

namespace vireo {

Error toError(const Fault& fault) {
    const ErrorCode code = fault.kind == Fault::Unsupported ? ErrorCode::Unsupported
                           : fault.kind == Fault::Process   ? ErrorCode::Process
                                                            : ErrorCode::Io;
    return makeError(code, QString::fromStdString(fault.message),
                     QString::fromStdString(fault.fix));
}

Error sysFailureToError(const QString& sandbox, const SysFailure& f) {
    return toError(sandboxProcessFault(sandbox.toStdString(), f));
}

Error sysError(const QString& step, const QString& path, int err) {
    return toError(systemFault(step.toStdString(), path.toStdString(), err));
}

} // namespace vireo
