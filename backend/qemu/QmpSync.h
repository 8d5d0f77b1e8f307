#pragma once

#include "core/Result.h"
#include "qemu/QmpClient.h"

#include <memory>

namespace vireo {

// Blocking helpers over QmpClient for the CLI and for job threads: each spins a local
// event loop with a deadline. The UI thread never uses these.
class QmpSync {
public:
    static Result<std::unique_ptr<QmpClient>> connect(const QString& socketPath, int timeoutMs);
    static Result<QJsonValue> call(QmpClient& client, const QString& command,
                                   const QJsonObject& arguments = {}, int timeoutMs = 30000);
    // Returns the first event named `name` that satisfies `match` (seen already or new).
    static Result<QmpEvent> waitForEvent(QmpClient& client, const QString& name, int timeoutMs,
                                         const std::function<bool(const QmpEvent&)>& match = {});
};

} // namespace vireo
