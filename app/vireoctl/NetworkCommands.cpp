// vireoctl network ...: named virtual networks (NAT network, host-only, internal, bridged).
#include "Cli.h"

#include "libvirt/LibvirtNetworks.h"

#include "network/VirtualNetworks.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>

namespace vireo::cli {

namespace {

// The first 10.80.N.0/24 that overlaps no other network of the library.
// A /24 in 10.89.0.0/16 that none of the remote's networks uses.
Result<Ipv4Subnet> freeRemoteSubnet(const LibvirtConnection& conn) {
    auto nets = LibvirtNetworks(conn).list();
    if (!nets) return nets.error();
    for (int third = 0; third < 256; ++third) {
        auto candidate = Ipv4Subnet::parse(QStringLiteral("10.89.%1.0/24").arg(third));
        bool used = false;
        for (const auto& n : *nets)
            if (auto s = Ipv4Subnet::parse(n.shape.subnet); s && s->overlaps(*candidate))
                used = true;
        if (!used) return *candidate;
    }
    return makeError(
        ErrorCode::NotFound,
        QStringLiteral("no free subnet in 10.89.0.0/16 on remote '%1'").arg(conn.remote().name),
        QStringLiteral("give one with --subnet CIDR"));
}

QJsonObject remoteNetworkJson(const RemoteNetwork& n) {
    QJsonObject o{
        {QStringLiteral("name"), n.name},       {QStringLiteral("mode"), toString(n.shape.mode)},
        {QStringLiteral("active"), n.active},   {QStringLiteral("bridge"), n.shape.bridge},
        {QStringLiteral("dhcp"), n.shape.dhcp}, {QStringLiteral("autostart"), n.autostart}};
    if (n.shape.mode == NetworkMode::Bridged) {
        o.insert(QStringLiteral("uplink"), n.shape.bridge);
    } else {
        o.insert(QStringLiteral("subnet"), n.shape.subnet);
        o.insert(QStringLiteral("forwards"), QJsonArray());
        auto subnet = Ipv4Subnet::parse(n.shape.subnet);
        o.insert(QStringLiteral("gateway"), subnet ? subnet->gateway() : QString());
    }
    return o;
}

int netCreate(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Define a named network."), {QStringLiteral("NAME")},
            {{QStringLiteral("mode"),
              QStringLiteral("nat-network, host-only, internal or bridged."),
              QStringLiteral("MODE")},
             {QStringLiteral("subnet"),
              QStringLiteral("IPv4 subnet, e.g. 10.80.1.0/24 (default: a free 10.80.N.0/24)."),
              QStringLiteral("CIDR")},
             {QStringLiteral("uplink"),
              QStringLiteral("Bridged: the host bridge to join (or, with --create-bridge, the "
                             "NIC to bridge; with --switch dpdk, the NIC the switch sends on)."),
              QStringLiteral("IFACE")},
             {QStringLiteral("create-bridge"),
              QStringLiteral("Bridged: put a bridge over the --uplink NIC while the network runs; "
                             "the NIC's MAC, addresses and routes move to it and back.")},
             {QStringLiteral("dhcp"),
              QStringLiteral("Serve DHCP and DNS (default, not for internal).")},
             {QStringLiteral("no-dhcp"), QStringLiteral("No DHCP server.")},
             {QStringLiteral("dhcp-range"),
              QStringLiteral("The addresses DHCP hands out (default: the subnet's upper half)."),
              QStringLiteral("START-END")},
             {QStringLiteral("mtu"),
              QStringLiteral("MTU of the network and its guests' NICs, 576-9000 (default 1500)."),
              QStringLiteral("N")},
             {QStringLiteral("ipv6"),
              QStringLiteral("NAT and host-only: an IPv6 /64 guests configure by SLAAC, or "
                             "'auto' for a unique local one."),
              QStringLiteral("PREFIX|auto")},
             {QStringLiteral("autostart"), QStringLiteral("Start with the host session.")},
             {QStringLiteral("switch"),
              QStringLiteral(
                  "kernel (a Linux bridge, default), socket (internal networks: "
                  "QEMU's multicast hub, no root needed) or dpdk (vireo-switch: VM NICs "
                  "become vhost-user ports; bridged: it takes the --uplink NIC itself)."),
              QStringLiteral("KIND")},
             {QStringLiteral("cores"),
              QStringLiteral("DPDK: the switch's packet CPUs, e.g. 1 or 2-3 (default: the last)."),
              QStringLiteral("LIST")},
             {QStringLiteral("busy-poll"),
              QStringLiteral("DPDK: poll without pause (lowest latency; a whole core, always).")},
             {QStringLiteral("hugepages"),
              QStringLiteral("DPDK: 2 MiB pages to reserve while it runs (default 64; 0: plain "
                             "memory, which needs no privilege)."),
              QStringLiteral("N")}}))
        return cli.exitCode();
    if (!cli.isSet(QStringLiteral("mode")))
        return cli.usage(
            QStringLiteral("--mode is required (nat-network, host-only, internal or bridged)"));
    NetworkSpec spec;
    spec.name = cli.positional().first();
    if (!parseNetworkMode(cli.value(QStringLiteral("mode")), &spec.mode))
        return cli.fail(makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("network mode '%1' is unknown").arg(cli.value(QStringLiteral("mode"))),
            QStringLiteral("use nat-network, host-only, internal or bridged")));
    const VirtualNetworks nets(cli.library());
    std::shared_ptr<LibvirtConnection> remote;
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        remote = *conn;
    }
    if (cli.isSet(QStringLiteral("subnet"))) {
        auto subnet = Ipv4Subnet::parse(cli.value(QStringLiteral("subnet")));
        if (!subnet) return cli.fail(subnet.error());
        spec.subnet = *subnet;
    } else if (remote) {
        auto free = freeRemoteSubnet(*remote);
        if (!free) return cli.fail(free.error());
        spec.subnet = *free;
    } else {
        spec.subnet = nets.freeSubnet();
    }
    spec.uplink = cli.value(QStringLiteral("uplink"));
    spec.ownBridge = cli.isSet(QStringLiteral("create-bridge"));
    if (spec.ownBridge && (spec.mode != NetworkMode::Bridged || remote))
        return cli.usage(QStringLiteral("--create-bridge is for bridged networks of this machine"));
    if (cli.isSet(QStringLiteral("mtu"))) {
        bool ok = false;
        spec.mtu = cli.value(QStringLiteral("mtu")).toInt(&ok);
        if (!ok)
            return cli.usage(
                QStringLiteral("--mtu '%1' is not a number").arg(cli.value(QStringLiteral("mtu"))));
    }
    if (const QString v6 = cli.value(QStringLiteral("ipv6")); v6 == QLatin1String("auto")) {
        spec.ipv6 = Ipv6Prefix::uniqueLocal(cli.library().root() + QLatin1Char('\n') + spec.name);
    } else if (!v6.isEmpty()) {
        auto prefix = Ipv6Prefix::parse(v6);
        if (!prefix) return cli.fail(prefix.error());
        spec.ipv6 = *prefix;
    }
    if (cli.isSet(QStringLiteral("dhcp-range"))) {
        auto range = DhcpRange::parse(cli.value(QStringLiteral("dhcp-range")), spec.subnet);
        if (!range) return cli.fail(range.error());
        spec.dhcpRange = *range;
    }
    if (remote && (spec.mtu != 1500 || !spec.ipv6.isEmpty() || !spec.dhcpRange.isEmpty()))
        return cli.usage(QStringLiteral("--mtu, --ipv6 and --dhcp-range are for this machine's "
                                        "networks; drop them with --remote"));
    spec.dhcp = !cli.isSet(QStringLiteral("no-dhcp")) && spec.mode != NetworkMode::Internal;
    spec.autostart = cli.isSet(QStringLiteral("autostart"));
    const QString switchKind = cli.value(QStringLiteral("switch"));
    if (!switchKind.isEmpty() && switchKind != QLatin1String("kernel") &&
        switchKind != QLatin1String("dpdk") && switchKind != QLatin1String("socket"))
        return cli.usage(
            QStringLiteral("--switch '%1' is not kernel, socket or dpdk").arg(switchKind));
    spec.dpdk = switchKind == QLatin1String("dpdk");
    spec.socketSwitch = switchKind == QLatin1String("socket");
    if (spec.socketSwitch && remote)
        return cli.usage(QStringLiteral("--switch socket is for this machine's networks"));
    spec.cores = cli.value(QStringLiteral("cores"));
    spec.busyPoll = cli.isSet(QStringLiteral("busy-poll"));
    if (cli.isSet(QStringLiteral("hugepages")))
        spec.hugepages = cli.value(QStringLiteral("hugepages")).toInt();
    if ((spec.dpdk || !spec.cores.isEmpty() || spec.busyPoll ||
         cli.isSet(QStringLiteral("hugepages"))) &&
        (remote || !spec.dpdk))
        return cli.usage(
            remote ? QStringLiteral("--switch dpdk is for this machine's networks; "
                                    "drop it with --remote")
                   : QStringLiteral("--cores, --busy-poll and --hugepages need --switch dpdk"));
    if (auto s = remote ? LibvirtNetworks(*remote).create(spec) : nets.create(spec); !s)
        return cli.fail(s.error());
    cli.print(QStringLiteral("Created %1 network '%2'%3")
                  .arg(toString(spec.mode), spec.name,
                       spec.mode == NetworkMode::Bridged
                           ? QString()
                           : QStringLiteral(" (%1)").arg(spec.subnet.cidr())));
    return ExitOk;
}

int netList(Cli& cli) {
    if (!cli.parse(QStringLiteral("List networks."), {})) return cli.exitCode();
    const VirtualNetworks nets(cli.library());
    QJsonArray arr;
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        auto remoteNets = LibvirtNetworks(**conn).list();
        if (!remoteNets) return cli.fail(remoteNets.error());
        for (const auto& n : *remoteNets)
            arr.append(remoteNetworkJson(n));
    }
    for (const auto& n : cli.remote().isEmpty() ? nets.list() : QVector<NetworkStatus>()) {
        QJsonObject o{
            {QStringLiteral("name"), n.spec.name}, {QStringLiteral("mode"), toString(n.spec.mode)},
            {QStringLiteral("active"), n.active},  {QStringLiteral("bridge"), n.bridge},
            {QStringLiteral("dhcp"), n.spec.dhcp}, {QStringLiteral("autostart"), n.spec.autostart}};
        o.insert(QStringLiteral("mtu"), n.spec.mtu);
        if (n.spec.mode != NetworkMode::Bridged) {
            o.insert(QStringLiteral("ipv6"),
                     n.spec.ipv6.isEmpty() ? QJsonValue() : QJsonValue(n.spec.ipv6.cidr()));
            o.insert(QStringLiteral("ipv6_gateway"),
                     n.spec.ipv6.isEmpty() ? QJsonValue() : QJsonValue(n.spec.ipv6.gateway()));
            o.insert(QStringLiteral("static_leases"), staticLeasesToJson(n.spec.staticLeases));
            const DhcpRange range = n.spec.effectiveDhcpRange();
            o.insert(QStringLiteral("dhcp_range"), range.start + QLatin1Char('-') + range.end);
            o.insert(QStringLiteral("subnet"), n.spec.subnet.cidr());
            o.insert(QStringLiteral("forwards"), QJsonArray::fromStringList(n.spec.forwards));
            o.insert(QStringLiteral("gateway"),
                     n.spec.mode == NetworkMode::Internal ? QString() : n.spec.subnet.gateway());
        } else {
            o.insert(QStringLiteral("uplink"), n.spec.uplink);
            o.insert(QStringLiteral("own_bridge"), n.spec.ownBridge);
        }
        o.insert(QStringLiteral("switch"), n.spec.dpdk           ? QStringLiteral("dpdk")
                                           : n.spec.socketSwitch ? QStringLiteral("socket")
                                                                 : QStringLiteral("kernel"));
        if (n.spec.dpdk) {
            o.insert(QStringLiteral("switch_running"), n.switchRunning);
            o.insert(QStringLiteral("cores"), n.spec.cores);
            o.insert(QStringLiteral("hugepages"), n.spec.hugepages);
            o.insert(QStringLiteral("busy_poll"), n.spec.busyPoll);
            if (!n.fallback.isEmpty()) o.insert(QStringLiteral("fallback"), n.fallback);
        }
        arr.append(o);
    }
    if (cli.json()) return cli.printJson(arr);
    std::printf("%-20s %-12s %-8s %-18s %s\n", "NAME", "MODE", "STATE", "SUBNET", "BRIDGE");
    for (const auto& v : arr) {
        const auto o = v.toObject();
        std::printf("%-20s %-12s %-8s %-18s %s\n",
                    qPrintable(o.value(QStringLiteral("name")).toString()),
                    qPrintable(o.value(QStringLiteral("mode")).toString()),
                    o.value(QStringLiteral("active")).toBool() ? "active" : "inactive",
                    qPrintable(o.value(QStringLiteral("subnet")).toString()),
                    qPrintable(o.value(QStringLiteral("bridge")).toString()));
    }
    return ExitOk;
}

int netSimple(Cli& cli, const QString& description,
              Status (VirtualNetworks::*op)(const QString&) const,
              Status (LibvirtNetworks::*remoteOp)(const QString&) const, const QString& done) {
    if (!cli.parse(description, {QStringLiteral("NAME")})) return cli.exitCode();
    const QString name = cli.positional().first();
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        if (auto s = (LibvirtNetworks(**conn).*remoteOp)(name); !s) return cli.fail(s.error());
        cli.print(done.arg(name));
        return ExitOk;
    }
    if (auto s = (VirtualNetworks(cli.library()).*op)(name); !s) return cli.fail(s.error());
    cli.print(done.arg(name));
    return ExitOk;
}

int netStart(Cli& cli) {
    const int code = netSimple(cli,
                               QStringLiteral("Create the network's bridge (or DPDK switch), "
                                              "firewall and DHCP."),
                               &VirtualNetworks::start, &LibvirtNetworks::start,
                               QStringLiteral("Started network '%1'"));
    if (code == ExitOk && cli.remote().isEmpty())
        if (const QString why =
                VirtualNetworks(cli.library()).fallbackReason(cli.positional().first());
            !why.isEmpty())
            std::fprintf(stderr, "vireoctl: note: network '%s': %s\n",
                         qPrintable(cli.positional().first()), qPrintable(why));
    return code;
}

int netThreadStats(Cli& cli) {
    if (!cli.remote().isEmpty())
        return cli.fail(makeError(ErrorCode::Unsupported,
                                  QStringLiteral("--threads: a remote host's networks have no "
                                                 "Vireo switch"),
                                  QStringLiteral("drop --connect")));
    const auto threads = VirtualNetworks(cli.library()).switchThreadStats(cli.positional().first());
    if (!threads) return cli.fail(threads.error());
    if (cli.json()) return cli.printJson(*threads);
    std::printf("%-7s %14s %14s %6s %10s\n", "THREAD", "POLLS", "BUSY-POLLS", "BUSY", "SLEEPS");
    for (const auto& v : *threads) {
        const auto o = v.toObject();
        const double polls = o.value(QStringLiteral("polls")).toDouble();
        const double busy = o.value(QStringLiteral("busy_polls")).toDouble();
        std::printf("%-7d %14.0f %14.0f %5.1f%% %10.0f\n",
                    o.value(QStringLiteral("thread")).toInt(), polls, busy,
                    polls > 0 ? 100.0 * busy / polls : 0.0,
                    o.value(QStringLiteral("sleeps")).toDouble());
    }
    return ExitOk;
}

int netStats(Cli& cli) {
    if (!cli.parse(QStringLiteral("Per-port counters of a network: the DPDK switch's ports, or a "
                                  "kernel network's taps (rx = what the VM sent)."),
                   {QStringLiteral("NAME")},
                   {{QStringLiteral("threads"),
                     QStringLiteral("Instead, the DPDK switch's packet threads: polling rounds, "
                                    "rounds that moved frames, sleeps.")}}))
        return cli.exitCode();
    if (cli.isSet(QStringLiteral("threads"))) return netThreadStats(cli);
    Result<QJsonArray> ports = QJsonArray();
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        ports = LibvirtNetworks(**conn).portStats(cli.positional().first());
    } else {
        ports = VirtualNetworks(cli.library()).portStats(cli.positional().first());
    }
    if (!ports) return cli.fail(ports.error());
    if (cli.json()) return cli.printJson(*ports);
    std::printf("%-14s %-20s %-5s %12s %12s %10s\n", "PORT", "VM", "LINK", "RX-PACKETS",
                "TX-PACKETS", "DROPS");
    for (const auto& v : *ports) {
        const auto o = v.toObject();
        std::printf("%-14s %-20s %-5s %12.0f %12.0f %10.0f\n",
                    qPrintable(o.value(QStringLiteral("port")).toString()),
                    qPrintable(o.value(QStringLiteral("vm")).toString()),
                    o.value(QStringLiteral("connected")).toBool() ? "up" : "down",
                    o.value(QStringLiteral("rx_packets")).toDouble(),
                    o.value(QStringLiteral("tx_packets")).toDouble(),
                    o.value(QStringLiteral("drops")).toDouble());
    }
    return ExitOk;
}

int netForward(Cli& cli) {
    if (!cli.parse(
            QStringLiteral(
                "Add or remove a port forward of a NAT network: the host's port goes to a guest "
                "address (reachable from outside and from the host itself)."),
            {QStringLiteral("NAME"), QStringLiteral("add|remove"),
             QStringLiteral("tcp|udp:[HOSTADDR:]HOSTPORT:GUESTIP:GUESTPORT")}))
        return cli.exitCode();
    const QString name = cli.positional().at(0), verb = cli.positional().at(1),
                  spec = cli.positional().at(2);
    if (!cli.remote().isEmpty())
        return cli.fail(makeError(
            ErrorCode::Unsupported,
            QStringLiteral("network '%1' on remote '%2' is a libvirt network, which has no port "
                           "forwards")
                .arg(name, cli.remote()),
            QStringLiteral("forward the port on the VM's NIC instead (--nic "
                           "user,hostfwd=tcp:HOSTPORT-:GUESTPORT)")));
    const VirtualNetworks nets(cli.library());
    Status s;
    if (verb == QLatin1String("add"))
        s = nets.addForward(name, spec);
    else if (verb == QLatin1String("remove"))
        s = nets.removeForward(name, spec);
    else
        return cli.usage(QStringLiteral("'%1' is not add or remove").arg(verb));
    if (!s) return cli.fail(s.error());
    cli.print(
        QStringLiteral("%1 port forward %2 on network '%3'")
            .arg(verb == QLatin1String("add") ? QStringLiteral("Added") : QStringLiteral("Removed"),
                 spec, name));
    return ExitOk;
}

int netLease(Cli& cli) {
    if (!cli.parse(QStringLiteral("Add or remove a static DHCP lease: the MAC always gets IP "
                                  "(and, if given, the DNS name HOSTNAME). A guest already on "
                                  "the network gets it at its next DHCP request."),
                   {QStringLiteral("NAME"), QStringLiteral("add|remove"), QStringLiteral("MAC"),
                    QStringLiteral("[IP]"), QStringLiteral("[HOSTNAME]")},
                   {}, 3))
        return cli.exitCode();
    const QStringList p = cli.positional();
    const QString name = p.at(0), verb = p.at(1), mac = p.at(2).toLower();
    if (verb == QLatin1String("add") && (p.size() < 4 || p.size() > 5))
        return cli.usage(QStringLiteral("'lease add' needs NAME add MAC IP [HOSTNAME]"));
    if (verb == QLatin1String("remove") && p.size() != 3)
        return cli.usage(QStringLiteral("'lease remove' needs NAME remove MAC"));
    if (verb != QLatin1String("add") && verb != QLatin1String("remove"))
        return cli.usage(QStringLiteral("'%1' is not add or remove").arg(verb));
    const StaticLease lease{mac, p.value(3), p.value(4)};
    Status s;
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        const LibvirtNetworks nets(**conn);
        s = verb == QLatin1String("add") ? nets.addStaticLease(name, lease)
                                         : nets.removeStaticLease(name, mac);
    } else {
        const VirtualNetworks nets(cli.library());
        s = verb == QLatin1String("add") ? nets.addStaticLease(name, lease)
                                         : nets.removeStaticLease(name, mac);
    }
    if (!s) return cli.fail(s.error());
    cli.print(
        verb == QLatin1String("add")
            ? QStringLiteral("%1 gets %2 on network '%3'").arg(mac, p.at(3), name)
            : QStringLiteral("Removed the static lease of %1 on network '%2'").arg(mac, name));
    return ExitOk;
}

int netAutostart(Cli& cli) {
    if (!cli.parse(QStringLiteral("Start the network with the host session ('vireoctl host "
                                  "autostart'), or not."),
                   {QStringLiteral("NAME"), QStringLiteral("on|off")}))
        return cli.exitCode();
    const QString name = cli.positional().at(0), value = cli.positional().at(1);
    if (value != QLatin1String("on") && value != QLatin1String("off"))
        return cli.usage(QStringLiteral("'%1' is not on or off").arg(value));
    const bool on = value == QLatin1String("on");
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        if (auto s = LibvirtNetworks(**conn).setAutostart(name, on); !s) return cli.fail(s.error());
    } else if (auto s = VirtualNetworks(cli.library()).setAutostart(name, on); !s) {
        return cli.fail(s.error());
    }
    cli.print(QStringLiteral("Network '%1' autostart: %2").arg(name, value));
    return ExitOk;
}

int netLeases(Cli& cli) {
    if (!cli.parse(QStringLiteral("The addresses the network's DHCP server has handed out."),
                   {QStringLiteral("NAME")}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    QVector<DhcpLease> leases;
    QVector<StaticLease> staticLeases;
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        const LibvirtNetworks nets(**conn);
        auto shape = nets.shape(name);
        if (!shape) return cli.fail(shape.error());
        auto handedOut = nets.leases(name);
        if (!handedOut) return cli.fail(handedOut.error());
        leases = *handedOut;
        staticLeases = shape->staticLeases;
    } else {
        const VirtualNetworks nets(cli.library());
        auto spec = nets.load(name);
        if (!spec) return cli.fail(spec.error());
        leases = nets.leases(name);
        staticLeases = spec->staticLeases;
    }
    QJsonArray arr;
    for (const auto& l : leases) {
        bool fixed = false;
        for (const auto& s : staticLeases)
            fixed |= s.mac == l.mac && s.ip == l.ip;
        arr.append(
            QJsonObject{{QStringLiteral("ip"), l.ip},
                        {QStringLiteral("mac"), l.mac},
                        {QStringLiteral("hostname"), l.hostname},
                        {QStringLiteral("vm"), l.vm},
                        {QStringLiteral("static"), fixed},
                        {QStringLiteral("expires"), l.expires.toUTC().toString(Qt::ISODate)}});
    }
    if (cli.json()) return cli.printJson(arr);
    std::printf("%-16s %-18s %-20s %s\n", "IP", "MAC", "VM", "EXPIRES");
    for (const auto& v : arr) {
        const auto o = v.toObject();
        std::printf("%-16s %-18s %-20s %s\n", qPrintable(o.value(QStringLiteral("ip")).toString()),
                    qPrintable(o.value(QStringLiteral("mac")).toString()),
                    qPrintable(o.value(QStringLiteral("vm")).toString()),
                    qPrintable(o.value(QStringLiteral("expires")).toString()));
    }
    return ExitOk;
}

} // namespace

const QList<Verb>& networkVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("create"), QStringLiteral("define a network"), netCreate},
        {QStringLiteral("list"), QStringLiteral("list networks"), netList},
        {QStringLiteral("forward"), QStringLiteral("add or remove a NAT network port forward"),
         netForward},
        {QStringLiteral("lease"), QStringLiteral("add or remove a static DHCP lease"), netLease},
        {QStringLiteral("autostart"), QStringLiteral("start a network with the host session"),
         netAutostart},
        {QStringLiteral("leases"), QStringLiteral("the DHCP leases a network handed out"),
         netLeases},
        {QStringLiteral("start"), QStringLiteral("bring a network up (VM starts do this too)"),
         netStart},
        {QStringLiteral("stats"), QStringLiteral("per-port counters of a network"), netStats},
        {QStringLiteral("stop"), QStringLiteral("take a network down"),
         [](Cli& c) {
             return netSimple(
                 c,
                 QStringLiteral(
                     "Remove the network's bridge, firewall and DHCP (no VM may use it)."),
                 &VirtualNetworks::stop, &LibvirtNetworks::stop,
                 QStringLiteral("Stopped network '%1'"));
         }},
        {QStringLiteral("delete"), QStringLiteral("delete a network"),
         [](Cli& c) {
             return netSimple(
                 c,
                 QStringLiteral("Delete a network no VM uses, and everything it made on the host."),
                 &VirtualNetworks::remove, &LibvirtNetworks::remove,
                 QStringLiteral("Deleted network '%1'"));
         }},
    };
    return verbs;
}

} // namespace vireo::cli
