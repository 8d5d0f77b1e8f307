#pragma once

#include "core/Result.h"
#include "network/NetworkSpec.h"

#include <QString>
#include <QVector>

namespace vireo {

bool interfaceExists(const QString& name);
bool isHostBridge(const QString& name);

// Whether bridged network `spec` may take its --uplink NIC for itself: into a bridge of its
// own (--create-bridge) or as its DPDK switch's port (--switch dpdk). One line each, with
// the fix, for a NIC that does not exist, lo or another non-Ethernet link, a bridge, Wi-Fi
// (access points drop frames of other MACs), a port of a bridge or bond, and a NIC one of
// `others` has taken already.
Status checkUplinkToTake(const NetworkSpec& spec, const QVector<NetworkSpec>& others);

} // namespace vireo
