#include "vm/Autostart.h"

#include "network/VirtualNetworks.h"
#include "vm/VmLifecycle.h"

namespace vireo {

QVector<AutostartOutcome> runAutostart(const Library& library) {
    QVector<AutostartOutcome> out;
    const VirtualNetworks networks(library);
    for (const auto& net : networks.list()) {
        if (!net.spec.autostart) continue;
        AutostartOutcome o;
        o.kind = QStringLiteral("network");
        o.name = net.spec.name;
        if (net.active && net.spec.mode != NetworkMode::Bridged) {
            o.result = AutostartOutcome::Result::AlreadyRunning;
        } else if (auto s = networks.start(net.spec.name); !s) {
            o.result = AutostartOutcome::Result::Failed;
            o.error = s.error().line();
        }
        out.append(o);
    }
    const VmLifecycle vms(library);
    for (const auto& name : library.vmNames()) {
        auto spec = library.load(name);
        if (!spec || !spec->autostart) continue;
        AutostartOutcome o;
        o.kind = QStringLiteral("vm");
        o.name = name;
        auto status = vms.status(name);
        if (status && status->isActive()) {
            o.result = AutostartOutcome::Result::AlreadyRunning;
        } else if (auto s = vms.start(name); !s) {
            o.result = AutostartOutcome::Result::Failed;
            o.error = s.error().line();
        }
        out.append(o);
    }
    return out;
}

} // namespace vireo
