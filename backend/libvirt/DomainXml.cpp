#include "libvirt/DomainXml.h"

#include <QUuid>
#include <QXmlStreamWriter>

namespace vireo {

namespace {

QString diskTarget(DiskBus bus, int index) {
    const QString prefix = bus == DiskBus::Virtio ? QStringLiteral("vd") : QStringLiteral("sd");
    return prefix + QChar(u'a' + index);
}

QString libvirtBus(DiskBus bus) {
    switch (bus) {
    case DiskBus::Virtio:
        return QStringLiteral("virtio");
    case DiskBus::Sata:
        return QStringLiteral("sata");
    case DiskBus::Scsi:
        return QStringLiteral("scsi");
    case DiskBus::Nvme:
        break;
    }
    return {};
}

QString bootDevice(const QString& vireoName) {
    if (vireoName == QLatin1String("disk")) return QStringLiteral("hd");
    if (vireoName == QLatin1String("cdrom")) return QStringLiteral("cdrom");
    if (vireoName == QLatin1String("network")) return QStringLiteral("network");
    return {};
}

QString cpuList(const QVector<int>& cpus) {
    QStringList parts;
    for (int c : cpus)
        parts << QString::number(c);
    return parts.join(QLatin1Char(','));
}

class Writer {
public:
    explicit Writer(QString* out) : m_xml(out) {
        m_xml.setAutoFormatting(true);
        m_xml.setAutoFormattingIndent(2);
    }
    void open(const QString& name, std::initializer_list<std::pair<QString, QString>> attrs = {}) {
        m_xml.writeStartElement(name);
        for (const auto& [k, v] : attrs)
            m_xml.writeAttribute(k, v);
    }
    void close() { m_xml.writeEndElement(); }
    void empty(const QString& name, std::initializer_list<std::pair<QString, QString>> attrs = {}) {
        m_xml.writeEmptyElement(name);
        for (const auto& [k, v] : attrs)
            m_xml.writeAttribute(k, v);
    }
    void text(const QString& name, const QString& value,
              std::initializer_list<std::pair<QString, QString>> attrs = {}) {
        open(name, attrs);
        m_xml.writeCharacters(value);
        close();
    }
    QXmlStreamWriter& raw() { return m_xml; }

private:
    QXmlStreamWriter m_xml;
};

Status checkSupported(const VmSpec& spec) {
    for (const auto& d : spec.disks)
        if (d.bus == DiskBus::Nvme)
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("disk '%1' is on an NVMe bus, which libvirt 9 cannot "
                                            "give a VM")
                                 .arg(d.path),
                             QStringLiteral("use bus=virtio or bus=scsi for a VM on a remote"));
    for (const auto& s : spec.shares)
        if (s.readOnly)
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("shared folder '%1' is read-only, which libvirt 9's "
                                            "virtiofs cannot do")
                                 .arg(s.tag),
                             QStringLiteral("share it read-write on a remote"));
    for (const auto& n : spec.nics)
        if (!n.vlan.isEmpty())
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("NIC %1 has VLAN '%2', which Vireo gives only on its "
                                            "DPDK networks on this machine")
                                 .arg(n.mac, n.vlan),
                             QStringLiteral("drop vlan= for a VM on a remote"));
    // Which VF is free, and its MAC and VLAN, are this machine's business: on a remote the
    // VF is a PCI device of that host.
    if (!spec.sriovVfs.isEmpty())
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("VM '%1' has SR-IOV VFs of this machine's NICs").arg(spec.name),
            QStringLiteral("remove them (--remove-sriov-vf PF) and give the remote "
                           "host's VF by its address (--pci) for a VM there"));
    return {};
}

void writeOs(Writer& w, const VmSpec& spec) {
    // UEFI firmware is chosen by the host's libvirt from its firmware descriptors, so the
    // same definition works on hosts with different OVMF paths.
    if (spec.firmware == Firmware::Uefi)
        w.open(QStringLiteral("os"), {{QStringLiteral("firmware"), QStringLiteral("efi")}});
    else
        w.open(QStringLiteral("os"));
    w.text(QStringLiteral("type"), QStringLiteral("hvm"),
           {{QStringLiteral("arch"), QStringLiteral("x86_64")},
            {QStringLiteral("machine"), spec.machine}});
    if (spec.firmware == Firmware::Uefi) {
        const QString on = spec.secureBoot ? QStringLiteral("yes") : QStringLiteral("no");
        w.open(QStringLiteral("firmware"));
        w.empty(QStringLiteral("feature"),
                {{QStringLiteral("enabled"), on},
                 {QStringLiteral("name"), QStringLiteral("enrolled-keys")}});
        w.empty(QStringLiteral("feature"),
                {{QStringLiteral("enabled"), on},
                 {QStringLiteral("name"), QStringLiteral("secure-boot")}});
        w.close();
        if (spec.secureBoot) w.empty(QStringLiteral("loader"), {{QStringLiteral("secure"), on}});
    }
    if (spec.kernel.enabled()) {
        w.text(QStringLiteral("kernel"), spec.kernel.kernel);
        if (!spec.kernel.initrd.isEmpty()) w.text(QStringLiteral("initrd"), spec.kernel.initrd);
        if (!spec.kernel.cmdline.isEmpty()) w.text(QStringLiteral("cmdline"), spec.kernel.cmdline);
    } else {
        for (const auto& b : spec.bootOrder)
            if (const QString dev = bootDevice(b); !dev.isEmpty())
                w.empty(QStringLiteral("boot"), {{QStringLiteral("dev"), dev}});
    }
    if (!spec.machineId.isEmpty())
        w.empty(QStringLiteral("smbios"), {{QStringLiteral("mode"), QStringLiteral("sysinfo")}});
    w.close();
}

void writeCpuAndMemory(Writer& w, const VmSpec& spec) {
    w.text(QStringLiteral("memory"), QString::number(spec.memoryMiB),
           {{QStringLiteral("unit"), QStringLiteral("MiB")}});
    w.text(QStringLiteral("currentMemory"), QString::number(spec.memoryMiB),
           {{QStringLiteral("unit"), QStringLiteral("MiB")}});
    if (spec.sharedMemory || spec.perf.hugepageKiB > 0) {
        w.open(QStringLiteral("memoryBacking"));
        if (spec.perf.hugepageKiB > 0) {
            w.open(QStringLiteral("hugepages"));
            w.empty(QStringLiteral("page"),
                    {{QStringLiteral("size"), QString::number(spec.perf.hugepageKiB)},
                     {QStringLiteral("unit"), QStringLiteral("KiB")}});
            w.close();
        }
        if (spec.sharedMemory) {
            if (spec.perf.hugepageKiB == 0)
                w.empty(QStringLiteral("source"),
                        {{QStringLiteral("type"), QStringLiteral("memfd")}});
            w.empty(QStringLiteral("access"), {{QStringLiteral("mode"), QStringLiteral("shared")}});
        }
        w.close();
    }
    w.text(QStringLiteral("vcpu"), QString::number(spec.cpu.count()),
           {{QStringLiteral("placement"), QStringLiteral("static")}});
    if (spec.perf.ioThreads > 0)
        w.text(QStringLiteral("iothreads"), QString::number(spec.perf.ioThreads));
    if (!spec.perf.vcpuPins.isEmpty() || !spec.perf.emulatorPins.isEmpty()) {
        w.open(QStringLiteral("cputune"));
        for (int i = 0; i < spec.perf.vcpuPins.size(); ++i)
            w.empty(QStringLiteral("vcpupin"),
                    {{QStringLiteral("vcpu"), QString::number(i)},
                     {QStringLiteral("cpuset"), QString::number(spec.perf.vcpuPins[i])}});
        if (!spec.perf.emulatorPins.isEmpty()) {
            w.empty(QStringLiteral("emulatorpin"),
                    {{QStringLiteral("cpuset"), cpuList(spec.perf.emulatorPins)}});
            for (int t = 1; t <= spec.perf.ioThreads; ++t)
                w.empty(QStringLiteral("iothreadpin"),
                        {{QStringLiteral("iothread"), QString::number(t)},
                         {QStringLiteral("cpuset"), cpuList(spec.perf.emulatorPins)}});
        }
        w.close();
    }
}

void writeDisks(Writer& w, const VmSpec& spec) {
    int virtioIndex = 0;
    int sdIndex = 0;
    int ioThread = 0;
    bool scsi = false;
    for (const auto& d : spec.disks) {
        w.open(QStringLiteral("disk"), {{QStringLiteral("type"), QStringLiteral("file")},
                                        {QStringLiteral("device"), QStringLiteral("disk")}});
        auto& x = w.raw();
        x.writeEmptyElement(QStringLiteral("driver"));
        x.writeAttribute(QStringLiteral("name"), QStringLiteral("qemu"));
        if (!d.format.isEmpty()) x.writeAttribute(QStringLiteral("type"), d.format);
        x.writeAttribute(QStringLiteral("cache"), toString(d.cache));
        if (d.bus == DiskBus::Virtio && spec.perf.ioThreads > 0)
            x.writeAttribute(QStringLiteral("iothread"),
                             QString::number(ioThread++ % spec.perf.ioThreads + 1));
        if (d.bus == DiskBus::Virtio && spec.perf.queues > 1)
            x.writeAttribute(QStringLiteral("queues"), QString::number(spec.perf.queues));
        w.empty(QStringLiteral("source"), {{QStringLiteral("file"), d.path}});
        const QString dev = d.bus == DiskBus::Virtio ? diskTarget(d.bus, virtioIndex++)
                                                     : diskTarget(d.bus, sdIndex++);
        w.empty(QStringLiteral("target"),
                {{QStringLiteral("dev"), dev}, {QStringLiteral("bus"), libvirtBus(d.bus)}});
        if (d.readOnly) w.empty(QStringLiteral("readonly"));
        w.close();
        scsi = scsi || d.bus == DiskBus::Scsi;
    }
    // The CD drive is always there (empty or not), as on the QEMU command line, so an
    // ISO can be inserted into a running VM.
    w.open(QStringLiteral("disk"), {{QStringLiteral("type"), QStringLiteral("file")},
                                    {QStringLiteral("device"), QStringLiteral("cdrom")}});
    w.empty(QStringLiteral("driver"), {{QStringLiteral("name"), QStringLiteral("qemu")},
                                       {QStringLiteral("type"), QStringLiteral("raw")}});
    if (!spec.cdrom.isEmpty())
        w.empty(QStringLiteral("source"), {{QStringLiteral("file"), spec.cdrom}});
    w.empty(QStringLiteral("target"),
            {{QStringLiteral("dev"), diskTarget(DiskBus::Sata, sdIndex++)},
             {QStringLiteral("bus"), QStringLiteral("sata")}});
    w.empty(QStringLiteral("readonly"));
    w.close();
    if (scsi)
        w.empty(QStringLiteral("controller"),
                {{QStringLiteral("type"), QStringLiteral("scsi")},
                 {QStringLiteral("model"), QStringLiteral("virtio-scsi")}});
}

void writeNics(Writer& w, const VmSpec& spec) {
    for (const auto& n : spec.nics) {
        const bool user = n.network == QLatin1String("user");
        w.open(
            QStringLiteral("interface"),
            {{QStringLiteral("type"), user ? QStringLiteral("user") : QStringLiteral("network")}});
        if (!n.mac.isEmpty()) w.empty(QStringLiteral("mac"), {{QStringLiteral("address"), n.mac}});
        if (!user) w.empty(QStringLiteral("source"), {{QStringLiteral("network"), n.network}});
        w.empty(QStringLiteral("model"), {{QStringLiteral("type"), toString(n.model)}});
        if (!user && spec.perf.queues > 1 && n.model == NicModel::Virtio)
            w.empty(QStringLiteral("driver"),
                    {{QStringLiteral("queues"), QString::number(spec.perf.queues)}});
        if (user && !n.hostForwards.isEmpty()) {
            // libvirt forwards ports of user-mode NICs only with its passt backend.
            w.empty(QStringLiteral("backend"), {{QStringLiteral("type"), QStringLiteral("passt")}});
            for (const auto& f : n.hostForwards) {
                // proto:[HOSTADDR:]HOSTPORT-[GUESTADDR]:GUESTPORT, as for QEMU's hostfwd.
                const QString proto = f.section(QLatin1Char(':'), 0, 0);
                const QString rest = f.section(QLatin1Char(':'), 1);
                const QString host = rest.section(QLatin1Char('-'), 0, 0);
                const QString guestPort =
                    rest.section(QLatin1Char('-'), 1).section(QLatin1Char(':'), -1);
                const QString hostPort = host.section(QLatin1Char(':'), -1);
                const QString hostAddr = host.contains(QLatin1Char(':'))
                                             ? host.section(QLatin1Char(':'), 0, 0)
                                             : QString();
                w.open(QStringLiteral("portForward"), {{QStringLiteral("proto"), proto}});
                if (!hostAddr.isEmpty())
                    w.raw().writeAttribute(QStringLiteral("address"), hostAddr);
                w.empty(QStringLiteral("range"),
                        {{QStringLiteral("start"), hostPort}, {QStringLiteral("to"), guestPort}});
                w.close();
            }
        }
        w.close();
    }
}

void writeConsolesAndChannels(Writer& w, const VmSpec& spec) {
    if (spec.serial) {
        w.open(QStringLiteral("serial"), {{QStringLiteral("type"), QStringLiteral("pty")}});
        w.empty(QStringLiteral("target"), {{QStringLiteral("port"), QStringLiteral("0")}});
        w.close();
        w.open(QStringLiteral("console"), {{QStringLiteral("type"), QStringLiteral("pty")}});
        w.empty(QStringLiteral("target"), {{QStringLiteral("type"), QStringLiteral("serial")},
                                           {QStringLiteral("port"), QStringLiteral("0")}});
        w.close();
    }
    if (spec.guestAgent) {
        w.open(QStringLiteral("channel"), {{QStringLiteral("type"), QStringLiteral("unix")}});
        w.empty(QStringLiteral("target"),
                {{QStringLiteral("type"), QStringLiteral("virtio")},
                 {QStringLiteral("name"), QStringLiteral("org.qemu.guest_agent.0")}});
        w.close();
    }
    if (spec.clipboard) {
        w.open(QStringLiteral("channel"),
               {{QStringLiteral("type"), QStringLiteral("qemu-vdagent")}});
        w.open(QStringLiteral("source"));
        w.empty(QStringLiteral("clipboard"),
                {{QStringLiteral("copypaste"), QStringLiteral("yes")}});
        w.empty(QStringLiteral("mouse"), {{QStringLiteral("mode"), QStringLiteral("server")}});
        w.close();
        w.empty(QStringLiteral("target"),
                {{QStringLiteral("type"), QStringLiteral("virtio")},
                 {QStringLiteral("name"), QStringLiteral("com.redhat.spice.0")}});
        w.close();
    }
}

void writeDevices(Writer& w, const VmSpec& spec) {
    w.open(QStringLiteral("devices"));
    writeDisks(w, spec);
    writeNics(w, spec);
    for (const auto& s : spec.shares) {
        w.open(QStringLiteral("filesystem"),
               {{QStringLiteral("type"), QStringLiteral("mount")},
                {QStringLiteral("accessmode"), QStringLiteral("passthrough")}});
        w.empty(QStringLiteral("driver"), {{QStringLiteral("type"), QStringLiteral("virtiofs")}});
        w.empty(QStringLiteral("source"), {{QStringLiteral("dir"), s.hostDir}});
        w.empty(QStringLiteral("target"), {{QStringLiteral("dir"), s.tag}});
        w.close();
    }
    // managed='yes': libvirt detaches the device from its host driver at start and gives it
    // back at stop, as Vireo's own engine does with `host detach`.
    for (const auto& address : spec.hostPci) {
        w.open(QStringLiteral("hostdev"), {{QStringLiteral("mode"), QStringLiteral("subsystem")},
                                           {QStringLiteral("type"), QStringLiteral("pci")},
                                           {QStringLiteral("managed"), QStringLiteral("yes")}});
        w.open(QStringLiteral("source"));
        w.empty(QStringLiteral("address"),
                {{QStringLiteral("domain"), QStringLiteral("0x") + address.left(4)},
                 {QStringLiteral("bus"), QStringLiteral("0x") + address.mid(5, 2)},
                 {QStringLiteral("slot"), QStringLiteral("0x") + address.mid(8, 2)},
                 {QStringLiteral("function"), QStringLiteral("0x") + address.mid(11, 1)}});
        w.close();
        w.close();
    }
    writeConsolesAndChannels(w, spec);
    if (spec.usb)
        w.empty(QStringLiteral("controller"),
                {{QStringLiteral("type"), QStringLiteral("usb")},
                 {QStringLiteral("model"), QStringLiteral("qemu-xhci")}});
    if (spec.display == DisplayType::Vnc) {
        // On the host's loopback only: the console reaches the screen through the libvirt
        // connection (virDomainOpenGraphicsFD) or, over qemu+ssh, through one channel of
        // the same ssh connection (ssh -W); nothing listens on the network.
        w.open(QStringLiteral("graphics"), {{QStringLiteral("type"), QStringLiteral("vnc")},
                                            {QStringLiteral("autoport"), QStringLiteral("yes")}});
        w.empty(QStringLiteral("listen"),
                {{QStringLiteral("type"), QStringLiteral("address")},
                 {QStringLiteral("address"), QStringLiteral("127.0.0.1")}});
        w.close();
        w.open(QStringLiteral("video"));
        w.empty(QStringLiteral("model"), {{QStringLiteral("type"), QStringLiteral("vga")}});
        w.close();
        w.empty(QStringLiteral("input"), {{QStringLiteral("type"), QStringLiteral("tablet")},
                                          {QStringLiteral("bus"), QStringLiteral("usb")}});
    } else {
        w.open(QStringLiteral("video"));
        w.empty(QStringLiteral("model"), {{QStringLiteral("type"), QStringLiteral("none")}});
        w.close();
    }
    if (spec.tpm) {
        w.open(QStringLiteral("tpm"), {{QStringLiteral("model"), QStringLiteral("tpm-crb")}});
        w.empty(QStringLiteral("backend"), {{QStringLiteral("type"), QStringLiteral("emulator")},
                                            {QStringLiteral("version"), QStringLiteral("2.0")}});
        w.close();
    }
    w.empty(QStringLiteral("memballoon"), {{QStringLiteral("model"), QStringLiteral("none")}});
    w.close();
}

} // namespace

Result<QString> buildDomainXml(const VmSpec& spec, const DomainXmlContext& ctx) {
    VIREO_TRY(checkSupported(spec));
    QString out;
    Writer w(&out);
    w.open(QStringLiteral("domain"), {{QStringLiteral("type"), ctx.domainType}});
    w.text(QStringLiteral("name"), spec.name);
    w.text(QStringLiteral("uuid"), spec.uuid.toString(QUuid::WithoutBraces));
    if (!spec.notes.isEmpty()) w.text(QStringLiteral("description"), spec.notes);
    if (!spec.os.isEmpty() || spec.isTemplate) {
        w.open(QStringLiteral("metadata"));
        // libvirt keeps each metadata element with its own namespace declaration.
        w.open(QStringLiteral("vireo:vm"),
               {{QStringLiteral("xmlns:vireo"), QString::fromLatin1(kVireoXmlNamespace)}});
        if (!spec.os.isEmpty()) w.text(QStringLiteral("vireo:os"), spec.os);
        if (spec.isTemplate) w.text(QStringLiteral("vireo:template"), QStringLiteral("yes"));
        w.close();
        w.close();
    }
    writeCpuAndMemory(w, spec);
    if (!spec.machineId.isEmpty()) {
        w.open(QStringLiteral("sysinfo"), {{QStringLiteral("type"), QStringLiteral("smbios")}});
        w.open(QStringLiteral("oemStrings"));
        w.text(QStringLiteral("entry"),
               QStringLiteral("io.systemd.credential:system.machine_id=") + spec.machineId);
        w.close();
        w.close();
    }
    writeOs(w, spec);
    w.open(QStringLiteral("features"));
    w.empty(QStringLiteral("acpi"));
    w.empty(QStringLiteral("apic"));
    if (spec.secureBoot)
        w.empty(QStringLiteral("smm"), {{QStringLiteral("state"), QStringLiteral("on")}});
    w.close();
    w.open(QStringLiteral("cpu"));
    w.empty(QStringLiteral("topology"),
            {{QStringLiteral("sockets"), QString::number(spec.cpu.sockets)},
             {QStringLiteral("dies"), QStringLiteral("1")},
             {QStringLiteral("cores"), QString::number(spec.cpu.cores)},
             {QStringLiteral("threads"), QString::number(spec.cpu.threads)}});
    w.close();
    w.empty(QStringLiteral("clock"), {{QStringLiteral("offset"), QStringLiteral("utc")}});
    w.text(QStringLiteral("on_poweroff"), QStringLiteral("destroy"));
    w.text(QStringLiteral("on_reboot"), QStringLiteral("restart"));
    w.text(QStringLiteral("on_crash"), QStringLiteral("destroy"));
    writeDevices(w, spec);
    w.close();
    // Without a document start the writer begins with a line break.
    return out.trimmed() + QLatin1Char('\n');
}

VmSpec devicesProbe() {
    VmSpec probe;
    probe.display = DisplayType::None;
    probe.nics.clear();
    return probe;
}

Result<QDomDocument> builderDevices(VmSpec probe) {
    probe.name = QStringLiteral("edit");
    probe.uuid = QUuid::createUuid();
    auto xml = buildDomainXml(probe, {});
    if (!xml) return xml.error();
    QDomDocument doc;
    if (!doc.setContent(*xml))
        return makeError(ErrorCode::Protocol, QStringLiteral("the builder's XML is unreadable"));
    return doc;
}

} // namespace vireo
