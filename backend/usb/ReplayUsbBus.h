#pragma once

#include "usb/UsbBus.h"

#include <QJsonObject>

namespace vireo {

// A bus from a file: {"devices": [...], "events": [{"after_ms": 200, "action":
// "arrived"|"left", "device": {...}}]}. devices() follows the events played so far.
class ReplayUsbBus final : public UsbBus {
public:
    static Result<std::unique_ptr<ReplayUsbBus>> fromJson(const QJsonObject& script);
    static Result<std::unique_ptr<ReplayUsbBus>> fromFile(const QString& path);

    Result<QVector<UsbDevice>> devices() override;
    Status watch(const std::function<bool(const UsbEvent&)>& onEvent) override;

private:
    struct Step {
        int afterMs = 0;
        UsbEvent event;
    };
    QVector<UsbDevice> m_devices;
    QVector<Step> m_steps;
};

} // namespace vireo
