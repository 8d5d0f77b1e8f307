#include "libvirt/NetworkXml.h"

#include <QHostAddress>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace vireo {

Result<QString> buildNetworkXml(const NetworkSpec& spec) {
    if (!spec.forwards.isEmpty())
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("network '%1' has port forwards, which a libvirt 9 network "
                           "cannot do")
                .arg(spec.name),
            QStringLiteral("forward ports on the VM's NIC instead (--nic user,hostfwd=...)"));
    if (spec.mode == NetworkMode::Bridged && spec.uplink.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("bridged network '%1' names no bridge").arg(spec.name),
                         QStringLiteral("give the host's bridge with --uplink BRIDGE"));
    QString out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(2);
    w.writeStartElement(QStringLiteral("network"));
    w.writeTextElement(QStringLiteral("name"), spec.name);
    if (spec.mode == NetworkMode::NatNetwork || spec.mode == NetworkMode::Bridged) {
        w.writeEmptyElement(QStringLiteral("forward"));
        w.writeAttribute(QStringLiteral("mode"), spec.mode == NetworkMode::Bridged
                                                     ? QStringLiteral("bridge")
                                                     : QStringLiteral("nat"));
    }
    if (spec.mode == NetworkMode::Bridged) {
        w.writeEmptyElement(QStringLiteral("bridge"));
        w.writeAttribute(QStringLiteral("name"), spec.uplink);
    }
    // Internal networks have no address: the host is not on them.
    if (spec.mode == NetworkMode::NatNetwork || spec.mode == NetworkMode::HostOnly) {
        w.writeStartElement(QStringLiteral("ip"));
        w.writeAttribute(QStringLiteral("address"), spec.subnet.gateway());
        w.writeAttribute(QStringLiteral("prefix"), QString::number(spec.subnet.prefix));
        if (spec.dhcp) {
            w.writeStartElement(QStringLiteral("dhcp"));
            w.writeEmptyElement(QStringLiteral("range"));
            w.writeAttribute(QStringLiteral("start"), spec.subnet.dhcpStart());
            w.writeAttribute(QStringLiteral("end"), spec.subnet.dhcpEnd());
            w.writeEndElement();
        }
        w.writeEndElement();
    }
    w.writeEndElement();
    return out.trimmed() + QLatin1Char('\n');
}

LibvirtNetworkShape readNetworkXml(const QByteArray& xml) {
    LibvirtNetworkShape shape;
    QString forward;
    bool hasIp = false;
    QXmlStreamReader r(xml);
    QStringList path;
    while (!r.atEnd()) {
        const auto t = r.readNext();
        if (t == QXmlStreamReader::EndElement) path.removeLast();
        if (t != QXmlStreamReader::StartElement) continue;
        path << r.name().toString();
        const auto a = r.attributes();
        if (path == QStringList{QStringLiteral("network"), QStringLiteral("forward")})
            forward = a.value(QStringLiteral("mode")).toString();
        else if (path == QStringList{QStringLiteral("network"), QStringLiteral("bridge")})
            shape.bridge = a.value(QStringLiteral("name")).toString();
        else if (path == QStringList{QStringLiteral("network"), QStringLiteral("ip")} && !hasIp &&
                 a.value(QStringLiteral("family")) != QLatin1String("ipv6")) {
            hasIp = true;
            const QString address = a.value(QStringLiteral("address")).toString();
            int prefix = a.value(QStringLiteral("prefix")).toInt();
            if (prefix == 0 && a.hasAttribute(QStringLiteral("netmask"))) {
                quint32 mask =
                    QHostAddress(a.value(QStringLiteral("netmask")).toString()).toIPv4Address();
                while (mask & 0x80000000u) {
                    ++prefix;
                    mask <<= 1;
                }
            }
            const quint32 net = QHostAddress(address).toIPv4Address() &
                                (prefix == 0 ? 0u : ~((1u << (32 - prefix)) - 1u));
            shape.subnet = QStringLiteral("%1/%2").arg(QHostAddress(net).toString()).arg(prefix);
        } else if (path.size() == 3 && path.at(1) == QLatin1String("ip") &&
                   path.at(2) == QLatin1String("dhcp")) {
            shape.dhcp = true;
        } else if (path.size() == 4 && path.at(1) == QLatin1String("ip") &&
                   path.at(2) == QLatin1String("dhcp") && path.at(3) == QLatin1String("host")) {
            shape.staticLeases.append({a.value(QStringLiteral("mac")).toString().toLower(),
                                       a.value(QStringLiteral("ip")).toString(),
                                       a.value(QStringLiteral("name")).toString()});
        }
    }
    if (forward == QLatin1String("nat") || forward == QLatin1String("route"))
        shape.mode = NetworkMode::NatNetwork;
    else if (forward == QLatin1String("bridge"))
        shape.mode = NetworkMode::Bridged;
    else
        shape.mode = hasIp ? NetworkMode::HostOnly : NetworkMode::Internal;
    return shape;
}

NetworkSpec networkSpecOfShape(const QString& name, const LibvirtNetworkShape& shape) {
    NetworkSpec spec;
    spec.name = name;
    spec.mode = shape.mode;
    spec.dhcp = shape.dhcp;
    spec.staticLeases = shape.staticLeases;
    if (auto subnet = Ipv4Subnet::parse(shape.subnet)) spec.subnet = *subnet;
    return spec;
}

QString buildDhcpHostXml(const StaticLease& lease) {
    QString out;
    QXmlStreamWriter w(&out);
    w.writeEmptyElement(QStringLiteral("host"));
    w.writeAttribute(QStringLiteral("mac"), lease.mac);
    w.writeAttribute(QStringLiteral("ip"), lease.ip);
    if (!lease.hostname.isEmpty()) w.writeAttribute(QStringLiteral("name"), lease.hostname);
    w.writeEndDocument(); // closes the empty element's tag
    return out.trimmed();
}

} // namespace vireo
