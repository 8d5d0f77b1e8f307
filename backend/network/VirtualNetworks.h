#pragma once

#include "core/Result.h"
#include "network/NetworkSpec.h"
#include "spec/VmSpec.h"
#include "store/Library.h"

#include <QDateTime>
#include <QJsonArray>
#include <QVector>
#include <functional>

namespace vireo {

// One DHCP lease dnsmasq handed out on a network, with the library's VM that owns the MAC.
struct DhcpLease {
    QString ip;
    QString mac;
    QString hostname; // as the guest sent it; empty when it sent none
    QString vm;       // empty when no VM of the library has this MAC
    QDateTime expires;
};

struct NetworkStatus {
    NetworkSpec spec;
    bool active = false;        // its bridge exists (or its DPDK switch runs)
    QString bridge;             // kernel interface name
    bool switchRunning = false; // DPDK networks: vireo-switch is up
    QString fallback;           // DPDK networks on a kernel bridge: why
};

// A network's counters as one reading: its ports and, when a DPDK switch runs, its packet
// threads (both from the same query, so rates computed from them agree).
struct NetworkCounters {
    QJsonArray ports;
    QJsonArray threads;
    bool switchRunning = false;
};

// Named networks of a library and the host objects that make them real: a bridge
// (vibr…), an nft table (vireo_…), dnsmasq for DHCP/DNS and one tap (vitp…) per VM NIC.
// Every name derives from the network (or VM) and the library, so a restart after a
// crash finds and reconciles what was left. All privileged work goes via vireo-helper.
class VirtualNetworks {
public:
    explicit VirtualNetworks(const Library& library) : m_library(library) {}

    Status create(const NetworkSpec& spec) const;
    Result<NetworkSpec> load(const QString& name) const;
    QVector<NetworkStatus> list() const;
    Status start(const QString& name) const;
    Status stop(const QString& name) const;
    Status remove(const QString& name) const;
    // NAT networks: forward a host port to a guest address; applied at once if active.
    Status addForward(const QString& name, const QString& forward) const;
    Status removeForward(const QString& name, const QString& forward) const;
    // A fixed address for a MAC; dnsmasq is told at once when the network is active.
    Status addStaticLease(const QString& name, StaticLease lease) const;
    Status removeStaticLease(const QString& name, const QString& mac) const;
    Status setAutostart(const QString& name, bool on) const;

    // For VM start/stop: make (or remove) the taps of the VM's NICs on named networks,
    // starting their networks if needed. Returns the tap names, one per NIC ("" for user).
    Result<QStringList> plugNics(const VmSpec& vm) const;
    void unplugNics(const VmSpec& vm) const;
    // The MTU of each NIC's network (the guest's virtio NIC is told it; 1500 for user NAT).
    QVector<int> nicMtus(const VmSpec& vm) const;
    // A running VM's NIC on a kernel network moves to `to` (its network and VLAN): the
    // NIC's tap changes bridge. The caller flaps the guest's link and saves the definition.
    Status moveTap(const VmSpec& vm, int nicIndex, const NicSpec& to) const;
    // Restarts the network's dnsmasq, when it runs one, so it reads the VMs on it and the
    // static leases anew.
    Status restartDhcpIfActive(const QString& name) const;

    // The IPv4 addresses the VM's NICs are known to have: from the network's DHCP leases,
    // and QEMU's fixed first lease (10.0.2.15) for per-VM NAT.
    QStringList guestAddresses(const VmSpec& vm) const;
    // The network's current DHCP leases (dnsmasq's lease file), oldest first.
    QVector<DhcpLease> leases(const QString& network) const;
    // Per-port counters: the DPDK switch's ports, or a kernel network's taps
    // ([{"port","vm","connected","rx_packets","tx_packets","drops",...}]).
    Result<QJsonArray> portStats(const QString& name) const;
    // A DPDK network's packet threads: polling rounds, the rounds that moved frames, and
    // how often each went to sleep (how loaded its cores are).
    Result<QJsonArray> switchThreadStats(const QString& name) const;
    // Both of the above from one reading; `threads` is empty for a kernel network.
    Result<NetworkCounters> counters(const QString& name) const;
    // Why a DPDK network runs on a kernel bridge instead ("" when it does not).
    QString fallbackReason(const QString& network) const;
    // The first 10.80.N.0/24 no other network overlaps (the default subnet of a new one).
    Ipv4Subnet freeSubnet() const;

    QString bridgeName(const QString& network) const;
    // The bridge the network's VM taps join: its own, or the host bridge it is bridged to.
    QString hostBridge(const NetworkSpec& spec) const;
    // Its bridge exists and every step of start() finished (not cut short by a crash).
    bool isComplete(const NetworkSpec& spec) const;
    // The bridge of an access VLAN of a kernel network (the NICs with vlan=ID).
    QString vlanBridgeName(const QString& network, const QString& vlan) const;
    QString tapName(const VmSpec& vm, int nicIndex) const { return tapNameOf(vm, nicIndex); }
    // The host tap of a VM's NIC on a named network (depends on the VM alone).
    static QString tapNameOf(const VmSpec& vm, int nicIndex);
    QString runDir(const QString& network) const;
    QString tableName(const QString& network) const;

private:
    QString specPath(const QString& name) const;
    // VMs of the library with at least one NIC on `network`.
    QVector<VmSpec> vmsOn(const QString& network) const;
    Status writeDhcpHosts(const NetworkSpec& spec) const;
    Status bringUp(const NetworkSpec& spec) const;
    // A host-only or NAT DPDK network: address, firewall (masquerade, port forwards) and
    // DHCP on the switch's host port.
    Status hostPortUp(const NetworkSpec& spec) const;
    Status startDhcp(const NetworkSpec& spec) const;
    Status applyFirewall(const NetworkSpec& spec) const;
    Status saveSpec(const NetworkSpec& spec) const;
    // Changes the stored definition under the network list's lock.
    Status changeSpec(const QString& name, const std::function<Status(NetworkSpec&)>& change) const;
    int nicMtu(const NetworkSpec& spec) const;
    // The bridge a NIC's tap joins for `vlan` on the network (made for an access VLAN).
    Result<QString> portBridge(const NetworkSpec& spec, const QString& vlan) const;
    Status tearDown(const NetworkSpec& spec) const;
    // Adds a VM NIC's port to the network's DPDK switch; returns the socket QEMU serves.
    Result<QString> plugSwitchPort(const NetworkSpec& spec, const VmSpec& vm, int nicIndex) const;
    const Library& m_library;
};

} // namespace vireo
