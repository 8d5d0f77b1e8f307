#pragma once

#include "store/Library.h"
#include "usb/UsbBus.h"

namespace vireo {

class HostRoot;

// What the filter watcher did about one plugged or unplugged device.
struct UsbWatchAction {
    enum class Kind { Attached, Detached, Failed, Ignored };
    Kind kind = Kind::Ignored;
    QString vm;      // the VM it went to or came from; empty when none
    int filter = -1; // the VM's filter that matched (Attached)
    UsbDevice device;
    QString message; // one line, for the log and `usb watch`
};

// The USB half of VirtualBox-style filters while VMs run: a device plugged in goes to the
// first running VM (by name) with a USB controller whose filter matches it; a device
// unplugged is taken out of the VM that held it, so the next device plugged into that
// port is filtered again instead of landing in the same VM.
UsbWatchAction handleUsbEvent(const Library& library, const UsbEvent& event, const HostRoot& host);

} // namespace vireo
