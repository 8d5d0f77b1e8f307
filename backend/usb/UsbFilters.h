#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "usb/UsbDevice.h"

namespace vireo {

// "vendor=046d,product=c52b,serial=ABC,port=1-2" (any of the four, at least one), or
// "046d:c52b" for vendor and product.
Result<UsbFilterSpec> parseUsbFilter(const QString& text);
// The same form back, for vm show and the app.
QString usbFilterToString(const UsbFilterSpec& filter);
// Empty when the filter is well formed, else what is wrong with it.
QString usbFilterProblem(const UsbFilterSpec& filter);
bool usbFilterMatches(const UsbFilterSpec& filter, const UsbDevice& device);
// The index of the first of the VM's filters the device matches, or -1.
int matchingUsbFilter(const VmSpec& spec, const UsbDevice& device);

} // namespace vireo
