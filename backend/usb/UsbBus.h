#pragma once

#include "core/Result.h"
#include "usb/UsbDevice.h"

#include <QVector>
#include <functional>
#include <memory>

namespace vireo {

class HostRoot;

enum class UsbEventKind { Arrived, Left };

struct UsbEvent {
    UsbEventKind kind = UsbEventKind::Arrived;
    UsbDevice device;
};

// The host's USB buses: what is plugged in now, and what is plugged in and out from now
// on. The real host is read with libusb; a captured host tree replays the device list and
// the events its vireo-capture/usb.json holds, so the filter logic is tested without
// hardware.
class UsbBus {
public:
    virtual ~UsbBus() = default;

    // Every device except root hubs, sorted by id.
    virtual Result<QVector<UsbDevice>> devices() = 0;
    // Calls onEvent for each device plugged in or out until it returns false. A replayed
    // bus returns once its events are played.
    virtual Status watch(const std::function<bool(const UsbEvent&)>& onEvent) = 0;
};

// libusb on the real host ("/"), else the replay of ROOT/vireo-capture/usb.json (no file:
// a host with no USB devices).
Result<std::unique_ptr<UsbBus>> openUsbBus(const HostRoot& host);

// The in-root path of a captured tree's USB list.
inline constexpr const char* kUsbCaptureFile = "vireo-capture/usb.json";

} // namespace vireo
