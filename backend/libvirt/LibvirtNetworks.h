#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"
#include "libvirt/NetworkXml.h"
#include "network/VirtualNetworks.h"

#include <QJsonArray>
#include <QVector>

namespace vireo {

struct RemoteNetwork {
    QString name;
    LibvirtNetworkShape shape;
    bool active = false;
    bool autostart = false;
};

// Named networks on a libvirt host: the same four modes, built by libvirt's network
// driver there (bridge, dnsmasq, firewall rules).
class LibvirtNetworks {
public:
    explicit LibvirtNetworks(const LibvirtConnection& connection) : m_conn(connection) {}
    Result<QVector<RemoteNetwork>> list() const;
    Status create(const NetworkSpec& spec) const;
    Status start(const QString& name) const;
    Status stop(const QString& name) const;
    // A stopped network only (stopping one cuts its VMs off: that is the user's choice).
    Status remove(const QString& name) const;
    Status setAutostart(const QString& name, bool on) const;
    // The network's definition as Vireo reads it (mode, subnet, DHCP, static leases).
    Result<LibvirtNetworkShape> shape(const QString& name) const;
    // Static leases go into libvirt's own network definition, and into the running
    // dnsmasq when the network is up: the guest gets the address at its next request.
    Status addStaticLease(const QString& name, StaticLease lease) const;
    Status removeStaticLease(const QString& name, const QString& mac) const;
    // What libvirt's dnsmasq handed out, with the host's VM that has each MAC.
    Result<QVector<DhcpLease>> leases(const QString& name) const;
    // The IPv4 address libvirt's dnsmasq gave `mac` on the network, "" for none (no VM
    // names looked up: one call).
    Result<QString> leasedAddress(const QString& name, const QString& mac) const;
    // Per-NIC counters of the host's running VMs on the network, in the same fields and
    // direction as locally (rx = what the VM sent).
    Result<QJsonArray> portStats(const QString& name) const;

private:
    Result<virNetworkPtr> lookup(const QString& name) const;
    Status updateDhcpHost(const QString& name, unsigned command, const StaticLease& lease) const;
    // The leases handed out (to `mac` only, when given), without their VMs.
    Result<QVector<DhcpLease>> handedOut(const QString& name, const QString& mac = {}) const;
    const LibvirtConnection& m_conn;
};

} // namespace vireo
