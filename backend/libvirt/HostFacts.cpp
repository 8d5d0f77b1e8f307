#include "libvirt/HostFacts.h"

#include "libvirt/XmlPath.h"

namespace vireo {

namespace {

QString versionString(unsigned long v) {
    return QStringLiteral("%1.%2.%3").arg(v / 1000000).arg(v / 1000 % 1000).arg(v % 1000);
}

QString hostCpuModel(virConnectPtr conn) {
    char* caps = virConnectGetCapabilities(conn);
    if (!caps) return {};
    const QByteArray xml(caps);
    free(caps);
    return xmlValueAt(xml, {QStringLiteral("capabilities"), QStringLiteral("host"),
                            QStringLiteral("cpu"), QStringLiteral("model")});
}

} // namespace

HostFacts readHostFacts(const LibvirtConnection& connection) {
    HostFacts f;
    virConnectPtr c = connection.get();
    unsigned long lib = 0, hv = 0;
    if (virConnectGetLibVersion(c, &lib) == 0) f.libvirtVersion = versionString(lib);
    if (virConnectGetVersion(c, &hv) == 0) f.qemuVersion = versionString(hv);
    if (char* h = virConnectGetHostname(c)) {
        f.hostname = QString::fromUtf8(h);
        free(h);
    }
    f.cpuModel = hostCpuModel(c);
    virNodeInfo node;
    if (virNodeGetInfo(c, &node) == 0) {
        f.cpus = int(node.cpus);
        f.memoryMiB = qint64(node.memory / 1024);
    }
    if (const unsigned long long free = virNodeGetFreeMemory(c); free > 0)
        f.freeMemoryMiB = qint64(free / (1024 * 1024));
    const int active = virConnectNumOfDomains(c);
    const int inactive = virConnectNumOfDefinedDomains(c);
    if (active >= 0 && inactive >= 0) f.vmCount = active + inactive;
    return f;
}

} // namespace vireo
