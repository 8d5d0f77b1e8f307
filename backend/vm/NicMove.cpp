#include "vm/NicMove.h"

#include "network/VirtualNetworks.h"
#include "qemu/QmpSync.h"
#include "spec/VmSpecValidation.h"
#include "vm/LockedVm.h"
#include "vm/VmRuntime.h"

#include <QJsonObject>
#include <QThread>

namespace vireo {

namespace {
Status setLink(QmpClient& qmp, int nicIndex, bool up) {
    auto r =
        QmpSync::call(qmp, QStringLiteral("set_link"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("nic%1").arg(nicIndex)},
                                  {QStringLiteral("up"), up}});
    if (!r) return r.error();
    return {};
}
} // namespace

Status NicMove::move(const QString& vm, int nicIndex, const NicTarget& target) const {
    auto locked = lockAndLoad(m_library, vm);
    if (!locked) return locked.error();
    const VmSpec before = locked->spec;
    if (nicIndex < 0 || nicIndex >= before.nics.size())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("VM '%1' has no NIC %2").arg(vm).arg(nicIndex),
                         QStringLiteral("NICs are numbered from 0 (it has %1); see 'vireoctl vm "
                                        "show %2'")
                             .arg(before.nics.size())
                             .arg(vm));
    const VirtualNetworks networks(m_library);
    if (target.network != QLatin1String("user")) {
        auto network = networks.load(target.network);
        if (!network) return network.error();
    }
    VmSpec after = before;
    NicSpec& nic = after.nics[nicIndex];
    nic.network = target.network;
    nic.vlan = target.vlan;
    if (nic.network != QLatin1String("user")) nic.hostForwards.clear();
    VIREO_TRY(validateVmSpec(after));
    if (!locked->status.isActive()) return m_library.save(after);

    auto qmp = QmpSync::connect(VmRuntime(m_library, before).qmpSocket(), 10000);
    if (!qmp) return qmp.error();
    // Link down first, so the guest notices the change even if it is quick.
    VIREO_TRY(setLink(**qmp, nicIndex, false));
    if (auto moved = networks.moveTap(before, nicIndex, nic); !moved) {
        (void)setLink(**qmp, nicIndex, true);
        return moved;
    }
    if (auto saved = m_library.save(after); !saved) {
        (void)networks.moveTap(after, nicIndex, before.nics[nicIndex]);
        (void)setLink(**qmp, nicIndex, true);
        return saved;
    }
    // Both networks' DNS learn where the VM is now (dnsmasq keeps its leases over a restart).
    for (const QString& network : {before.nics[nicIndex].network, nic.network})
        (void)networks.restartDhcpIfActive(network);
    // A carrier loss shorter than the guest's link watch may go unseen.
    QThread::msleep(300);
    return setLink(**qmp, nicIndex, true);
}

} // namespace vireo
