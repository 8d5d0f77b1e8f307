#pragma once

#include "core/Result.h"
#include "qemu/QmpClient.h"

namespace vireo {

// Runs a QMP command that starts a background job (snapshot-save/-load/-delete) and waits
// until the job concludes, turning a job error into an Error and dismissing the job.
Status runQmpJob(QmpClient& qmp, const QString& command, const QString& jobId,
                 QJsonObject arguments, int timeoutMs);

} // namespace vireo
