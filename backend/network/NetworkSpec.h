#pragma once

#include "core/Result.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace vireo {

// The network modes as VirtualBox users know them (NAT per VM is a NIC setting, `user`).
enum class NetworkMode { NatNetwork, HostOnly, Internal, Bridged };

QString toString(NetworkMode mode);
bool parseNetworkMode(const QString& text, NetworkMode* out);

// An IPv4 subnet in CIDR form with the addresses Vireo derives from it: the host's
// address on the bridge (gateway) is the first one, DHCP hands out the upper half.
struct Ipv4Subnet {
    quint32 network = 0;
    int prefix = 24;

    static Result<Ipv4Subnet> parse(const QString& cidr);
    QString cidr() const;
    QString gateway() const;
    QString dhcpStart() const;
    QString dhcpEnd() const;
    QString netmask() const;
    bool overlaps(const Ipv4Subnet& other) const;
    bool contains(quint32 address) const;
};

// A network's IPv6 prefix: always a /64, so guests configure themselves by SLAAC from the
// router advertisements dnsmasq sends. The host's address on the bridge is PREFIX::1.
struct Ipv6Prefix {
    QString network; // "fd12:3456:789a:1::" (canonical form); empty: no IPv6

    // "fd12:3456:789a:1::/64"; any other length is refused.
    static Result<Ipv6Prefix> parse(const QString& cidr);
    // A unique local prefix (fdXX:XXXX:XXXX:YYYY::/64) derived from `seed`.
    static Ipv6Prefix uniqueLocal(const QString& seed);
    bool isEmpty() const { return network.isEmpty(); }
    QString cidr() const;    // "fd12:3456:789a:1::/64"
    QString gateway() const; // "fd12:3456:789a:1::1"
    bool overlaps(const Ipv6Prefix& other) const { return !isEmpty() && network == other.network; }
};

// The addresses DHCP hands out; empty: the upper half of the subnet.
struct DhcpRange {
    QString start, end;
    // "10.80.1.100-10.80.1.199", inside `subnet`, not covering the gateway.
    static Result<DhcpRange> parse(const QString& text, const Ipv4Subnet& subnet);
    bool isEmpty() const { return start.isEmpty(); }
};

// A fixed DHCP address for one MAC (and, optionally, the DNS name it is known by).
struct StaticLease {
    QString mac; // lower case
    QString ip;
    QString hostname; // empty: the VM's name when a VM has the MAC
};

// One named network, stored as <library>/.networks/NAME.json.
struct NetworkSpec {
    QString name;
    NetworkMode mode = NetworkMode::NatNetwork;
    Ipv4Subnet subnet;
    bool dhcp = true;
    QString uplink; // bridged: the host bridge the VMs join, or the NIC under ownBridge
    // Bridged: Vireo puts a bridge of its own over the NIC `uplink` while the network runs,
    // moving the NIC's MAC, addresses and routes onto it (and back when it stops).
    bool ownBridge = false;
    bool autostart = false;
    QStringList forwards; // NAT network only: "tcp:HOSTPORT:GUESTIP:GUESTPORT"
    int mtu = 1500;       // of the bridge, the taps and the guests' virtio NICs
    DhcpRange dhcpRange;
    Ipv6Prefix ipv6; // NAT network and host-only only
    QVector<StaticLease> staticLeases;
    // The optional DPDK switch (vireo-switch) in place of the kernel bridge: VM NICs on the
    // network become vhost-user ports. Not for bridged networks.
    bool dpdk = false;
    QString cores;         // the switch's packet cores ("1", "2-3"); empty: the last CPU
    int hugepages = 64;    // 2 MiB pages reserved while the switch runs; 0: plain memory
    bool busyPoll = false; // poll without pause, OVS-style (a whole core, always)
    // Internal networks only: QEMU's own multicast socket hub on the loopback in place of
    // a bridge. Needs no root, no helper and no host interface at all.
    bool socketSwitch = false;

    // The addresses DHCP hands out: dhcpRange, or by default the subnet's upper half.
    DhcpRange effectiveDhcpRange() const;
    // The multicast group and port of a socket-switch network ("230.x.y.z:port").
    QString socketGroup() const;
};

// Checks the DPDK options of `spec` against this host (online CPUs).
Status validateDpdkOptions(const NetworkSpec& spec);

// Checks MTU and IPv6 against the mode (IPv6 needs an MTU of at least 1280).
Status validateNetworkOptions(const NetworkSpec& spec);

// Checks a static lease against `spec`: a unicast MAC, an address of the subnet that is
// not the gateway, and neither MAC nor address already taken by another lease.
Status validateStaticLease(const NetworkSpec& spec, const StaticLease& lease);

// Checks one port forward of `spec` ("tcp:8080:10.80.1.50:80", or with the host address
// it listens on: "tcp:192.168.1.5:8080:10.80.1.50:80").
Status validatePortForward(const NetworkSpec& spec, const QString& forward);
// Its host address ("" for every local one) and host port.
QString forwardHostAddress(const QString& forward);
QString forwardHostPort(const QString& forward);

QJsonArray staticLeasesToJson(const QVector<StaticLease>& leases);
QJsonObject networkSpecToJson(const NetworkSpec& spec);
Result<NetworkSpec> networkSpecFromJson(const QByteArray& bytes, const QString& origin);

} // namespace vireo
