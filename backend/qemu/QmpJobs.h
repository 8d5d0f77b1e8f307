#pragma once

#include "core/Result.h"
#include "qemu/QmpClient.h"

#include <QStringList>

namespace vireo {

// Runs a QMP command that starts a background job (snapshot-save/-load/-delete) and waits
// until the job concludes, turning a job error into an Error and dismissing the job.
Status runQmpJob(QmpClient& qmp, const QString& command, const QString& jobId,
                 QJsonObject arguments, int timeoutMs);

// Waits until every job in `jobIds` has concluded (started with auto-dismiss off), dismisses
// them and returns the first job's error, if any. `progress` gets done/total bytes.
Status waitForQmpJobs(QmpClient& qmp, const QStringList& jobIds, int timeoutMs,
                      const std::function<void(double)>& progress = {});

} // namespace vireo
