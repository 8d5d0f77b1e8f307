#include "vm/HotplugPorts.h"

#include "qemu/QemuCommandBuilder.h"
#include "qemu/QmpSync.h"

namespace vireo {

Status plugIntoFreePort(QmpClient& qmp, QJsonObject device, const QString& vm) {
    Error lastError = makeError(
        ErrorCode::Busy, QStringLiteral("VM '%1' has no free hot-plug slot").arg(vm),
        QStringLiteral("remove a hot-plugged disk or shared folder, or stop the VM to add it"));
    for (int port = 0; port < kHotplugPorts; ++port) {
        device.insert(QStringLiteral("bus"), hotplugPortId(port));
        auto r = QmpSync::call(qmp, QStringLiteral("device_add"), device);
        if (r) return {};
        if (!r.error().message.contains(QStringLiteral("in use")) &&
            !r.error().message.contains(QStringLiteral("not available")))
            lastError = r.error();
    }
    return lastError;
}

} // namespace vireo
