#include "libvirt/DomainSpec.h"

#include "libvirt/DomainDocument.h"

namespace vireo {

namespace {

// libvirt's memory with its unit (KiB when none is given) in MiB.
std::uint64_t mebibytes(const QDomElement& e) {
    const std::uint64_t n = e.text().trimmed().toULongLong();
    const QString unit = e.attribute(QStringLiteral("unit"), QStringLiteral("KiB")).toLower();
    if (unit == QLatin1String("b") || unit == QLatin1String("bytes")) return n >> 20;
    if (unit == QLatin1String("mib") || unit == QLatin1String("m")) return n;
    if (unit == QLatin1String("gib") || unit == QLatin1String("g")) return n << 10;
    return n >> 10; // KiB
}

} // namespace

Result<VmSpec> vmSpecFromDomain(const QDomDocument& domain) {
    const QDomElement root = domain.documentElement();
    VmSpec spec;
    spec.name = root.firstChildElement(QStringLiteral("name")).text();
    if (spec.name.isEmpty())
        return makeError(ErrorCode::Corrupt, QStringLiteral("a libvirt definition has no name"),
                         QStringLiteral("check it with 'virsh dumpxml'"));
    spec.uuid = QUuid::fromString(root.firstChildElement(QStringLiteral("uuid")).text());
    spec.notes = root.firstChildElement(QStringLiteral("description")).text();
    spec.memoryMiB = mebibytes(root.firstChildElement(QStringLiteral("memory")));
    spec.cpu = CpuTopology{};
    spec.cpu.cores = qMax(1, root.firstChildElement(QStringLiteral("vcpu")).text().toInt());
    const QDomElement os = root.firstChildElement(QStringLiteral("os"));
    const QDomElement loader = os.firstChildElement(QStringLiteral("loader"));
    if (os.attribute(QStringLiteral("firmware")) == QLatin1String("efi") ||
        loader.attribute(QStringLiteral("type")) == QLatin1String("pflash")) {
        spec.firmware = Firmware::Uefi;
        spec.secureBoot = loader.attribute(QStringLiteral("secure")) == QLatin1String("yes");
    }
    spec.kernel.kernel = os.firstChildElement(QStringLiteral("kernel")).text();
    spec.kernel.initrd = os.firstChildElement(QStringLiteral("initrd")).text();
    spec.kernel.cmdline = os.firstChildElement(QStringLiteral("cmdline")).text();
    spec.tpm = !devicesOf(domain, QStringLiteral("tpm")).isEmpty();
    spec.display = devicesOf(domain, QStringLiteral("graphics")).isEmpty() ? DisplayType::None
                                                                           : DisplayType::Vnc;
    for (const QDomElement& disk : devicesOf(domain, QStringLiteral("disk"))) {
        const QString path =
            disk.firstChildElement(QStringLiteral("source")).attribute(QStringLiteral("file"));
        const QString device = disk.attribute(QStringLiteral("device"), QStringLiteral("disk"));
        if (device == QLatin1String("cdrom")) {
            if (spec.cdrom.isEmpty()) spec.cdrom = path;
            continue;
        }
        if (device != QLatin1String("disk") || path.isEmpty()) continue; // network, block, ...
        DiskSpec d;
        d.path = path;
        d.format =
            disk.firstChildElement(QStringLiteral("driver")).attribute(QStringLiteral("type"));
        const QString bus =
            disk.firstChildElement(QStringLiteral("target")).attribute(QStringLiteral("bus"));
        d.bus = bus == QLatin1String("sata")   ? DiskBus::Sata
                : bus == QLatin1String("scsi") ? DiskBus::Scsi
                                               : DiskBus::Virtio;
        d.readOnly = !disk.firstChildElement(QStringLiteral("readonly")).isNull();
        spec.disks << d;
    }
    spec.nics.clear();
    for (const QDomElement& nic : devicesOf(domain, QStringLiteral("interface"))) {
        NicSpec n;
        n.mac = nic.firstChildElement(QStringLiteral("mac")).attribute(QStringLiteral("address"));
        if (nic.firstChildElement(QStringLiteral("model")).attribute(QStringLiteral("type")) ==
            QLatin1String("e1000e"))
            n.model = NicModel::E1000e;
        spec.nics << n;
    }
    return spec;
}

} // namespace vireo
