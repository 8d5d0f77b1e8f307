#include "usb/UsbFilterWatch.h"

#include "passthrough/HostRoot.h"
#include "usb/UsbAttachments.h"
#include "usb/UsbFilters.h"
#include "vm/VmRuntime.h"

namespace vireo {

namespace {

UsbWatchAction arrived(const Library& library, const UsbDevice& device, const HostRoot& host) {
    UsbWatchAction action;
    action.device = device;
    const UsbAttachments attachments(library);
    for (const auto& name : library.vmNames()) {
        auto spec = library.load(name);
        if (!spec || !spec->usb) continue;
        const int filter = matchingUsbFilter(*spec, device);
        if (filter < 0 || VmRuntime(library, *spec).livePid() == 0) continue;
        action.vm = name;
        action.filter = filter;
        auto done = attachments.attach(name, device, host);
        if (done) {
            action.kind = UsbWatchAction::Kind::Attached;
            action.message = QStringLiteral("USB device %1 (%2) attached to VM '%3' (filter %4)")
                                 .arg(device.id(), device.displayName(), name)
                                 .arg(filter + 1);
        } else {
            action.kind = UsbWatchAction::Kind::Failed;
            action.message = done.error().line();
        }
        return action;
    }
    action.message = QStringLiteral("USB device %1 (%2) matches no running VM's filter")
                         .arg(device.id(), device.displayName());
    return action;
}

UsbWatchAction left(const Library& library, const UsbDevice& device) {
    UsbWatchAction action;
    action.device = device;
    const UsbAttachments attachments(library);
    action.vm = attachments.holder(device.id());
    if (action.vm.isEmpty()) {
        action.message = QStringLiteral("USB device %1 left; no VM held it").arg(device.id());
        return action;
    }
    auto done = attachments.detach(action.vm, device.id());
    action.kind = done ? UsbWatchAction::Kind::Detached : UsbWatchAction::Kind::Failed;
    action.message =
        done
            ? QStringLiteral("USB device %1 left; taken out of VM '%2'").arg(device.id(), action.vm)
            : done.error().line();
    return action;
}

} // namespace

UsbWatchAction handleUsbEvent(const Library& library, const UsbEvent& event, const HostRoot& host) {
    return event.kind == UsbEventKind::Arrived ? arrived(library, event.device, host)
                                               : left(library, event.device);
}

} // namespace vireo
