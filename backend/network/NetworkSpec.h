#pragma once

#include "core/Result.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QString>
#include <QStringList>

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

// One named network, stored as <library>/.networks/NAME.json.
struct NetworkSpec {
    QString name;
    NetworkMode mode = NetworkMode::NatNetwork;
    Ipv4Subnet subnet;
    bool dhcp = true;
    QString uplink; // bridged: the existing host bridge the VMs join
    bool autostart = false;
    QStringList forwards; // NAT network only: "tcp:HOSTPORT:GUESTIP:GUESTPORT"
    // The optional DPDK switch (vireo-switch) in place of the kernel bridge: VM NICs on the
    // network become vhost-user ports. Not for bridged networks.
    bool dpdk = false;
    QString cores;         // the switch's packet cores ("1", "2-3"); empty: the last CPU
    int hugepages = 64;    // 2 MiB pages reserved while the switch runs
    bool busyPoll = false; // poll without pause, OVS-style (a whole core, always)
};

// Checks the DPDK options of `spec` against this host (online CPUs).
Status validateDpdkOptions(const NetworkSpec& spec);

// Checks one port forward of `spec` ("tcp:8080:10.80.1.50:80").
Status validatePortForward(const NetworkSpec& spec, const QString& forward);

QJsonObject networkSpecToJson(const NetworkSpec& spec);
Result<NetworkSpec> networkSpecFromJson(const QByteArray& bytes, const QString& origin);

} // namespace vireo
