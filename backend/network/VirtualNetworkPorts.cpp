// A VM's NICs on the named networks: taps plugged at start (or vhost-user ports of a DPDK
// switch), moved to another network while the VM runs, and the switch ports' counters.
#include "network/VirtualNetworks.h"

#include "network/DpdkSwitch.h"
#include "network/HelperClient.h"
#include "network/UplinkChecks.h"
#include "qemu/QemuCommandBuilder.h"
#include "vm/VmRuntime.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vireo {

Status VirtualNetworks::moveTap(const VmSpec& vm, int nicIndex, const NicSpec& to) const {
    const NicSpec& from = vm.nics.value(nicIndex);
    const auto kernelNetwork = [&](const QString& network) -> Result<NetworkSpec> {
        if (network == QLatin1String("user"))
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("VM '%1': NIC %2 cannot move to or from per-VM NAT "
                                            "while the VM runs")
                                 .arg(vm.name)
                                 .arg(nicIndex),
                             QStringLiteral("stop the VM and change it with 'vireoctl vm edit'"));
        auto spec = load(network);
        if (!spec) return spec.error();
        if (spec->socketSwitch)
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("VM '%1': NIC %2 cannot move to or from network '%3' "
                                            "(a socket switch) while the VM runs")
                                 .arg(vm.name)
                                 .arg(nicIndex)
                                 .arg(network),
                             QStringLiteral("stop the VM and change it with 'vireoctl vm nic'"));
        if (spec->dpdk && fallbackReason(network).isEmpty())
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("VM '%1': NIC %2 cannot move to or from DPDK network "
                                            "'%3' while the VM runs (it is a vhost-user port)")
                                 .arg(vm.name)
                                 .arg(nicIndex)
                                 .arg(network),
                             QStringLiteral("stop the VM and change it with 'vireoctl vm edit'"));
        return spec;
    };
    auto source = kernelNetwork(from.network);
    if (!source) return source.error();
    auto target = kernelNetwork(to.network);
    if (!target) return target.error();
    if (nicMtu(*target) != nicMtu(*source))
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("VM '%1': network '%2' has MTU %3 and NIC %4 runs with %5")
                .arg(vm.name, to.network)
                .arg(nicMtu(*target))
                .arg(nicIndex)
                .arg(nicMtu(*source)),
            QStringLiteral("stop the VM to move the NIC (its MTU is set when it starts)"));
    if (!isComplete(*target)) VIREO_TRY(start(to.network));
    auto port = portBridge(*target, to.vlan);
    if (!port) return port.error();
    return HelperClient::run({QStringLiteral("tap-move"), tapName(vm, nicIndex), *port,
                              QString::number(nicMtu(*target))});
}

Result<QStringList> VirtualNetworks::plugNics(const VmSpec& vm) const {
    QStringList taps;
    QStringList reloaded;
    for (int i = 0; i < vm.nics.size(); ++i) {
        const NicSpec& nic = vm.nics[i];
        if (nic.network == QLatin1String("user")) {
            taps << QString();
            continue;
        }
        auto spec = load(nic.network);
        if (!spec) {
            unplugNics(vm);
            return makeError(spec.error().code,
                             QStringLiteral("VM '%1': %2").arg(vm.name, spec.error().message),
                             spec.error().fix);
        }
        if (spec->socketSwitch) {
            if (!nic.vlan.isEmpty()) {
                unplugNics(vm);
                return makeError(ErrorCode::Unsupported,
                                 QStringLiteral("VM '%1': network '%2' (a socket switch) cannot "
                                                "carry VLANs")
                                     .arg(vm.name, nic.network),
                                 QStringLiteral("drop vlan= on this NIC, or use another internal "
                                                "network for each VLAN"));
            }
            taps << QLatin1String(kSocketSwitchPrefix) + spec->socketGroup();
            continue;
        }
        if (spec->dpdk && fallbackReason(nic.network).isEmpty()) {
            auto socket = plugSwitchPort(*spec, vm, i);
            if (!socket) {
                unplugNics(vm);
                return socket.error();
            }
            taps << QStringLiteral("vhost-user:") + *socket;
            if (spec->dhcp && spec->mode != NetworkMode::Internal &&
                !reloaded.contains(spec->name)) {
                (void)startDhcp(*spec); // the VM's name for its MAC (leases survive)
                reloaded << spec->name;
            }
            continue;
        }
        if (!isComplete(*spec))
            if (auto s = start(nic.network); !s) {
                unplugNics(vm);
                return s.error();
            }
        auto port = portBridge(*spec, nic.vlan);
        if (!port) {
            unplugNics(vm);
            return makeError(port.error().code,
                             QStringLiteral("VM '%1': %2").arg(vm.name, port.error().message),
                             port.error().fix);
        }
        const QString bridge = *port;
        const QString tap = tapName(vm, i);
        QStringList tapUp{QStringLiteral("tap-up"), tap, bridge, QString::number(nicMtu(*spec))};
        if (usesMultiqueue(vm, nic)) tapUp << QStringLiteral("multi-queue");
        if (auto s = HelperClient::run(tapUp); !s) {
            unplugNics(vm);
            return s.error();
        }
        taps << tap;
        if (spec->dhcp && spec->mode != NetworkMode::Internal &&
            spec->mode != NetworkMode::Bridged && !reloaded.contains(spec->name)) {
            // dnsmasq learns the new NIC's name by a restart (leases survive in its file).
            (void)startDhcp(*spec);
            reloaded << spec->name;
        }
    }
    return taps;
}

void VirtualNetworks::unplugNics(const VmSpec& vm) const {
    for (int i = 0; i < vm.nics.size(); ++i) {
        const QString& network = vm.nics[i].network;
        if (network == QLatin1String("user")) continue;
        if (interfaceExists(tapName(vm, i)))
            (void)HelperClient::run({QStringLiteral("tap-down"), tapName(vm, i)});
        if (QFileInfo::exists(runDir(network) + QStringLiteral("/switch/ports"))) {
            DpdkSwitch dpdk(runDir(network));
            (void)dpdk.removePorts({tapName(vm, i)});
            // QEMU leaves its server socket behind when it is killed.
            QFile::remove(dpdk.socketPath(tapName(vm, i)));
        }
    }
}

Result<QString> VirtualNetworks::plugSwitchPort(const NetworkSpec& spec, const VmSpec& vm,
                                                int nicIndex) const {
    DpdkSwitch dpdk(runDir(spec.name));
    if (!dpdk.running()) VIREO_TRY(start(spec.name));
    const QString port = tapName(vm, nicIndex);
    const QString socket = dpdk.socketPath(port);
    QFile::remove(socket); // a killed QEMU's; the new one makes it again
    VIREO_TRY(dpdk.addPorts({{port, socket, vm.nics[nicIndex].vlan, vm.name}}));
    return socket;
}

QString VirtualNetworks::fallbackReason(const QString& network) const {
    QFile file(runDir(network) + QStringLiteral("/fallback"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

Result<QJsonArray> VirtualNetworks::switchThreadStats(const QString& name) const {
    auto counted = counters(name);
    if (!counted) return counted.error();
    if (!counted->switchRunning)
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("network '%1' has no DPDK switch running").arg(name),
                         QStringLiteral("start a --switch dpdk network (network start %1) "
                                        "to see its packet threads")
                             .arg(name));
    return counted->threads;
}

Result<QJsonArray> VirtualNetworks::portStats(const QString& name) const {
    auto counted = counters(name);
    if (!counted) return counted.error();
    return counted->ports;
}

Result<NetworkCounters> VirtualNetworks::counters(const QString& name) const {
    auto spec = load(name);
    if (!spec) return spec.error();
    NetworkCounters out;
    DpdkSwitch dpdk(runDir(name));
    if (spec->dpdk && dpdk.running()) {
        auto stats = dpdk.query(QStringLiteral("stats"));
        if (!stats) return stats.error();
        out.switchRunning = true;
        for (const auto& value : stats->value(QStringLiteral("ports")).toArray()) {
            QJsonObject port = value.toObject();
            port.insert(QStringLiteral("vm"), port.take(QStringLiteral("owner")));
            port.remove(QStringLiteral("socket"));
            out.ports.append(port);
        }
        int index = 0;
        for (const auto& value : stats->value(QStringLiteral("packet_threads")).toArray()) {
            QJsonObject thread = value.toObject();
            thread.insert(QStringLiteral("thread"), index++);
            out.threads.append(thread);
        }
        return out;
    }
    // A kernel network: its taps' counters, seen from the network's side like the switch's
    // (what the tap received is what the guest sent).
    for (const auto& vm : vmsOn(name))
        for (int i = 0; i < vm.nics.size(); ++i) {
            if (vm.nics[i].network != name || !interfaceExists(tapName(vm, i))) continue;
            const auto counter = [&](const char* name) {
                QFile f(QStringLiteral("/sys/class/net/%1/statistics/%2")
                            .arg(tapName(vm, i), QLatin1String(name)));
                return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toDouble() : 0.0;
            };
            out.ports.append(QJsonObject{
                {QStringLiteral("port"), tapName(vm, i)},
                {QStringLiteral("vm"), vm.name},
                {QStringLiteral("connected"), true},
                {QStringLiteral("rx_packets"), counter("rx_packets")},
                {QStringLiteral("rx_bytes"), counter("rx_bytes")},
                {QStringLiteral("tx_packets"), counter("tx_packets")},
                {QStringLiteral("tx_bytes"), counter("tx_bytes")},
                {QStringLiteral("drops"), counter("rx_dropped") + counter("tx_dropped")}});
        }
    return out;
}

} // namespace vireo
