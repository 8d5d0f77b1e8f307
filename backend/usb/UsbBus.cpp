#include "usb/UsbBus.h"

#include "passthrough/HostRoot.h"
#include "usb/LibusbBus.h"
#include "usb/ReplayUsbBus.h"

namespace vireo {

Result<std::unique_ptr<UsbBus>> openUsbBus(const HostRoot& host) {
    if (host.isRealHost()) {
        auto bus = LibusbBus::open();
        if (!bus) return bus.error();
        return std::unique_ptr<UsbBus>(std::move(*bus));
    }
    const QString file = QString::fromLatin1(kUsbCaptureFile);
    if (!host.exists(file)) {
        auto empty = ReplayUsbBus::fromJson({});
        if (!empty) return empty.error();
        return std::unique_ptr<UsbBus>(std::move(*empty));
    }
    auto bus = ReplayUsbBus::fromFile(host.absolute(host.resolve(file)));
    if (!bus) return bus.error();
    return std::unique_ptr<UsbBus>(std::move(*bus));
}

} // namespace vireo
