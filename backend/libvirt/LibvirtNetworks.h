#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"
#include "libvirt/NetworkXml.h"

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

private:
    Result<virNetworkPtr> lookup(const QString& name) const;
    const LibvirtConnection& m_conn;
};

} // namespace vireo
