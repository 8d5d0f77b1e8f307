#include "network/UplinkChecks.h"

#include "store/AtomicFile.h"

#include <QFileInfo>

namespace vireo {

bool interfaceExists(const QString& name) {
    return QFileInfo::exists(QStringLiteral("/sys/class/net/") + name);
}

bool isHostBridge(const QString& name) {
    return QFileInfo::exists(QStringLiteral("/sys/class/net/%1/bridge").arg(name));
}

Status checkUplinkToTake(const NetworkSpec& spec, const QVector<NetworkSpec>& others) {
    const QString what = QStringLiteral("network '%1'").arg(spec.name);
    const QString nic = spec.uplink;
    const QString sys = QStringLiteral("/sys/class/net/") + nic;
    const QString taker =
        spec.dpdk ? QStringLiteral("its DPDK switch") : QStringLiteral("a bridge of its own");
    const auto cannot = [&](ErrorCode code, const QString& why, const QString& fix) {
        return makeError(
            code, what + QStringLiteral(": %1 cannot take '%2': %3").arg(taker, nic, why), fix);
    };
    if (nic.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         what + QStringLiteral(": a bridged network needs --uplink NIC"),
                         QStringLiteral("name the host NIC to use, e.g. --uplink enp3s0"));
    if (!interfaceExists(nic))
        return makeError(ErrorCode::NotFound,
                         what + QStringLiteral(": uplink '%1' does not exist").arg(nic),
                         QStringLiteral("see 'ip link' for the host's NICs"));
    auto type = readWholeFile(sys + QStringLiteral("/type")); // ARPHRD_ETHER is 1
    if (nic == QLatin1String("lo") || !type || type->trimmed() != "1")
        return cannot(ErrorCode::Unsupported, QStringLiteral("it is not an Ethernet NIC"),
                      QStringLiteral("name an Ethernet NIC (see 'ip link')"));
    if (isHostBridge(nic))
        return cannot(ErrorCode::InvalidArgument, QStringLiteral("it is a bridge already"),
                      spec.dpdk ? QStringLiteral("drop --switch dpdk to join the bridge, or name "
                                                 "a NIC")
                                : QStringLiteral("drop --create-bridge: the network joins that "
                                                 "bridge"));
    if (QFileInfo::exists(sys + QStringLiteral("/wireless")) ||
        QFileInfo::exists(sys + QStringLiteral("/phy80211")))
        return cannot(ErrorCode::Unsupported,
                      QStringLiteral("it is a Wi-Fi NIC (access points drop frames of other "
                                     "MACs)"),
                      QStringLiteral("use a nat-network for VMs on Wi-Fi"));
    if (QFileInfo::exists(sys + QStringLiteral("/master")))
        return cannot(ErrorCode::Busy, QStringLiteral("it is a port of a bridge or bond"),
                      spec.dpdk ? QStringLiteral("name a NIC no bridge or bond holds")
                                : QStringLiteral("use that bridge as --uplink instead"));
    for (const NetworkSpec& other : others)
        if (other.name != spec.name && other.mode == NetworkMode::Bridged && other.uplink == nic &&
            (other.dpdk || other.ownBridge))
            return makeError(
                ErrorCode::AlreadyExists,
                what + QStringLiteral(": network '%1' uses '%2' already").arg(other.name, nic),
                QStringLiteral("put the VMs on network '%1'").arg(other.name));
    return {};
}

} // namespace vireo
