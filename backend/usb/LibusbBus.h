#pragma once

#include "usb/UsbBus.h"

struct libusb_context;

namespace vireo {

// The real host's USB buses through libusb. Names (manufacturer, product, serial) come
// from sysfs, which anyone may read, so listing never opens a device.
class LibusbBus final : public UsbBus {
public:
    static Result<std::unique_ptr<LibusbBus>> open();
    ~LibusbBus() override;
    LibusbBus(const LibusbBus&) = delete;
    LibusbBus& operator=(const LibusbBus&) = delete;

    Result<QVector<UsbDevice>> devices() override;
    Status watch(const std::function<bool(const UsbEvent&)>& onEvent) override;

private:
    LibusbBus() = default;

    libusb_context* m_context = nullptr;
};

} // namespace vireo
