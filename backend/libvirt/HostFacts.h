#pragma once

#include "libvirt/LibvirtConnection.h"

#include <QString>

namespace vireo {

// What a libvirt host says about itself, for `remote list` and the app's host list.
struct HostFacts {
    QString hostname;
    QString libvirtVersion; // "9.0.0"
    QString qemuVersion;    // "7.2.0"
    QString cpuModel;       // the host CPU model libvirt reports
    int cpus = 0;
    qint64 memoryMiB = 0;
    qint64 freeMemoryMiB = 0;
    int vmCount = -1; // defined and running domains; -1 when unknown
};

HostFacts readHostFacts(const LibvirtConnection& connection);

} // namespace vireo
