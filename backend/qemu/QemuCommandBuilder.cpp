#include "qemu/QemuCommandBuilder.h"

#include "usb/UsbDevice.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace vireo {

const char* const kVhostUserPrefix = "vhost-user:";
const char* const kSocketSwitchPrefix = "socket:";

QString diskNodeName(const DiskSpec& disk) {
    return QStringLiteral("disk-") +
           QString::fromLatin1(
               QCryptographicHash::hash(disk.path.toUtf8(), QCryptographicHash::Sha1)
                   .toHex()
                   .left(12));
}
QString diskDeviceId(const DiskSpec& disk) {
    return diskNodeName(disk) + QStringLiteral("-dev");
}
QString hotplugPortId(int index) {
    return QStringLiteral("hotplug%1").arg(index);
}

QString shareSocketName(const QString& tag) {
    return QStringLiteral("fs-%1.sock").arg(tag);
}
QString shareChardevId(const QString& tag) {
    return QStringLiteral("fs-%1").arg(tag);
}
QString shareDeviceId(const QString& tag) {
    return QStringLiteral("fs-%1-dev").arg(tag);
}
bool usesSharedMemory(const VmSpec& spec) {
    return spec.sharedMemory || !spec.shares.isEmpty();
}
bool usesMultiqueue(const VmSpec& spec, const NicSpec& nic) {
    return spec.perf.queues > 1 && nic.model == NicModel::Virtio &&
           nic.network != QLatin1String("user");
}

namespace {

QString compactJson(const QJsonObject& o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// QEMU's -blockdev accepts JSON, which spares us QEMU's comma-escaping rules for paths.
QJsonObject blockdev(const QString& node, const QString& format, const QString& path,
                     DiskCache cache, bool readOnly) {
    const bool direct = cache == DiskCache::None || cache == DiskCache::Directsync;
    const bool noFlush = cache == DiskCache::Unsafe;
    const QJsonObject cacheObj{{QStringLiteral("direct"), direct},
                               {QStringLiteral("no-flush"), noFlush}};
    return QJsonObject{
        {QStringLiteral("driver"), format.isEmpty() ? QStringLiteral("raw") : format},
        {QStringLiteral("node-name"), node},
        {QStringLiteral("read-only"), readOnly},
        {QStringLiteral("cache"), cacheObj},
        {QStringLiteral("file"), QJsonObject{{QStringLiteral("driver"), QStringLiteral("file")},
                                             {QStringLiteral("filename"), path},
                                             {QStringLiteral("read-only"), readOnly},
                                             {QStringLiteral("cache"), cacheObj}}},
    };
}

int bootIndexFor(const VmSpec& spec, const QString& kind) {
    const int i = static_cast<int>(spec.bootOrder.indexOf(kind));
    return i < 0 ? -1 : i + 1;
}

// Each host card gets a PCIe root port of its own, its functions at the same function
// numbers as on the host (a GPU's audio stays function 1 of the same slot): guest drivers
// expect that layout. Chassis numbers follow the hot-plug ports'.
void appendHostPci(QStringList& a, const VmSpec& spec, int hotplugPorts,
                   const QStringList& sriovVfs) {
    QMap<QString, QStringList> bySlot; // "0000:01:00" -> its functions' addresses
    for (const auto& address : spec.hostPci)
        bySlot[address.section(QLatin1Char('.'), 0, 0)].append(address);
    int port = 0;
    for (auto it = bySlot.begin(); it != bySlot.end(); ++it, ++port) {
        QStringList functions = it.value();
        functions.sort();
        const QString bus = QStringLiteral("hostpci-port%1").arg(port);
        a << QStringLiteral("-device")
          << QStringLiteral("pcie-root-port,id=%1,chassis=%2")
                 .arg(bus)
                 .arg(hotplugPorts + port + 1);
        for (const auto& address : functions) {
            const QString fn = address.section(QLatin1Char('.'), 1);
            QString dev = QStringLiteral("vfio-pci,host=%1,id=hostpci%2f%3,bus=%4,addr=0x0.%3")
                              .arg(address)
                              .arg(port)
                              .arg(fn, bus);
            if (functions.size() > 1 && address == functions.first())
                dev += QStringLiteral(",multifunction=on");
            a << QStringLiteral("-device") << dev;
        }
    }
    // A VF is a card of its own to the guest: function 0 of its own port, whatever its
    // function number on the host (a guest scans function 0 first).
    for (int i = 0; i < sriovVfs.size(); ++i, ++port) {
        const QString bus = QStringLiteral("hostpci-port%1").arg(port);
        a << QStringLiteral("-device")
          << QStringLiteral("pcie-root-port,id=%1,chassis=%2").arg(bus).arg(hotplugPorts + port + 1)
          << QStringLiteral("-device")
          << QStringLiteral("vfio-pci,host=%1,id=sriov-vf%2,bus=%3,addr=0x0.0")
                 .arg(sriovVfs.at(i))
                 .arg(i)
                 .arg(bus);
    }
}

} // namespace

QString usbHostDeviceId(const QString& portId) {
    return QStringLiteral("usbhost-") + portId;
}

QJsonObject usbHostDeviceOptions(const QString& portId) {
    // By port, not by vendor and product: QEMU then takes whatever is plugged into that
    // socket later, so the filter watcher removes the device when it leaves.
    return {{QStringLiteral("driver"), QStringLiteral("usb-host")},
            {QStringLiteral("bus"), QStringLiteral("usb.0")},
            {QStringLiteral("hostbus"), portId.section(QLatin1Char('-'), 0, 0).toInt()},
            {QStringLiteral("hostport"), portId.section(QLatin1Char('-'), 1)},
            {QStringLiteral("id"), usbHostDeviceId(portId)}};
}

QJsonObject diskBlockdevOptions(const DiskSpec& disk) {
    return blockdev(diskNodeName(disk), disk.format, disk.path, disk.cache, disk.readOnly);
}

Result<QStringList> buildQemuArgv(const VmSpec& spec, const QemuLaunchContext& ctx) {
    if (ctx.runtimeDir.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no runtime folder for QEMU"));
    const QString rt = ctx.runtimeDir;
    QStringList a{ctx.qemuBinary};
    a << QStringLiteral("-name") << QStringLiteral("guest=%1,debug-threads=on").arg(spec.name);
    a << QStringLiteral("-uuid") << spec.uuid.toString(QUuid::WithoutBraces);
    a << QStringLiteral("-nodefaults") << QStringLiteral("-no-user-config");

    const PerformanceSpec& perf = spec.perf;
    // vhost-user backends (a DPDK switch) read guest memory directly: it must be shared.
    const bool vhostUser =
        std::any_of(ctx.nicTaps.begin(), ctx.nicTaps.end(),
                    [](const QString& t) { return t.startsWith(QLatin1String(kVhostUserPrefix)); });
    const bool sharedMemory = usesSharedMemory(spec) || vhostUser;
    const bool memoryBackend = sharedMemory || perf.hugepageKiB != 0;
    QString machine = QStringLiteral("q35");
    if (memoryBackend) machine += QStringLiteral(",memory-backend=mem");
    if (spec.secureBoot) machine += QStringLiteral(",smm=on");
    if (spec.firmware == Firmware::Uefi)
        machine += QStringLiteral(",pflash0=ovmf-code,pflash1=ovmf-vars");
    a << QStringLiteral("-machine") << machine;
    a << QStringLiteral("-accel") << ctx.accel;
    if (ctx.accel == QLatin1String("kvm")) a << QStringLiteral("-cpu") << QStringLiteral("host");
    a << QStringLiteral("-smp")
      << QStringLiteral("%1,sockets=%2,cores=%3,threads=%4")
             .arg(spec.cpu.count())
             .arg(spec.cpu.sockets)
             .arg(spec.cpu.cores)
             .arg(spec.cpu.threads);
    a << QStringLiteral("-m") << QStringLiteral("%1M").arg(spec.memoryMiB);
    if (memoryBackend) {
        QString mem = QStringLiteral("memory-backend-memfd,id=mem,size=%1M").arg(spec.memoryMiB);
        if (sharedMemory) mem += QStringLiteral(",share=on");
        // Preallocated: too few free hugepages fail the start at once, not the guest later.
        if (perf.hugepageKiB != 0)
            mem += QStringLiteral(",hugetlb=on,hugetlbsize=%1,prealloc=on")
                       .arg(perf.hugepageKiB == 2048 ? QStringLiteral("2M") : QStringLiteral("1G"));
        a << QStringLiteral("-object") << mem;
    }
    for (int i = 0; i < perf.ioThreads; ++i)
        a << QStringLiteral("-object") << QStringLiteral("iothread,id=iothread%1").arg(i);
    int nextIoThread = 0;
    // Disks take the I/O threads in turn.
    auto ioThread = [&] {
        return QStringLiteral(",iothread=iothread%1").arg(nextIoThread++ % perf.ioThreads);
    };

    if (spec.firmware == Firmware::Uefi) {
        if (spec.secureBoot)
            a << QStringLiteral("-global")
              << QStringLiteral("driver=cfi.pflash01,property=secure,value=on");
        a << QStringLiteral("-blockdev")
          << compactJson(blockdev(QStringLiteral("ovmf-code"), QStringLiteral("raw"), ctx.ovmfCode,
                                  DiskCache::Writeback, true));
        a << QStringLiteral("-blockdev")
          << compactJson(blockdev(QStringLiteral("ovmf-vars"),
                                  ctx.ovmfVars.endsWith(QLatin1String(".qcow2"))
                                      ? QStringLiteral("qcow2")
                                      : QStringLiteral("raw"),
                                  ctx.ovmfVars, DiskCache::Writeback, false));
    }

    // Control and console channels: all unix sockets in the runtime folder.
    a << QStringLiteral("-chardev")
      << QStringLiteral("socket,id=qmp,path=%1/qmp.sock,server=on,wait=off").arg(rt);
    a << QStringLiteral("-mon") << QStringLiteral("chardev=qmp,mode=control");
    a << QStringLiteral("-pidfile") << rt + QStringLiteral("/qemu.pid");
    if (spec.serial) {
        a << QStringLiteral("-chardev")
          << QStringLiteral("socket,id=serial0,path=%1/serial.sock,server=on,wait=off,logfile=%2,"
                            "logappend=on")
                 .arg(rt, ctx.consoleLogPath);
        a << QStringLiteral("-serial") << QStringLiteral("chardev:serial0");
    }
    if (!spec.machineId.isEmpty()) {
        // systemd (v254+) takes its machine-id from this credential on first boot, so each
        // instance of a template is a new machine even if the image kept an old id.
        a << QStringLiteral("-smbios")
          << QStringLiteral("type=11,value=io.systemd.credential:system.machine_id=%1")
                 .arg(spec.machineId);
    }
    if (spec.tpm) {
        // A TPM 2.0 emulated by swtpm (started beside QEMU on this socket), on the CRB
        // interface Windows 11 and systemd-cryptenroll expect.
        a << QStringLiteral("-chardev")
          << QStringLiteral("socket,id=chrtpm,path=%1/%2").arg(rt, QLatin1String(kSwtpmSocket));
        a << QStringLiteral("-tpmdev") << QStringLiteral("emulator,id=tpm0,chardev=chrtpm");
        a << QStringLiteral("-device") << QStringLiteral("tpm-crb,tpmdev=tpm0");
    }
    if (spec.guestAgent) {
        a << QStringLiteral("-chardev")
          << QStringLiteral("socket,id=%1,path=%2/%3,server=on,wait=off")
                 .arg(QLatin1String(kGuestAgentChardev), rt, QLatin1String(kGuestAgentSocket));
    }
    if (spec.guestAgent || spec.clipboard)
        a << QStringLiteral("-device") << QStringLiteral("virtio-serial-pci,id=vserial0");
    if (spec.guestAgent) {
        a << QStringLiteral("-device")
          << QStringLiteral("virtserialport,bus=vserial0.0,chardev=%1,name=%2")
                 .arg(QLatin1String(kGuestAgentChardev), QLatin1String(kGuestAgentPortName));
    }
    if (spec.clipboard) {
        // QEMU's own vdagent: the guest's clipboard meets the VNC clipboard extension.
        // mouse=off: the tablet device already gives an absolute pointer.
        a << QStringLiteral("-chardev")
          << QStringLiteral("qemu-vdagent,id=vdagent0,name=vdagent,clipboard=on,mouse=off");
        a << QStringLiteral("-device")
          << QStringLiteral("virtserialport,bus=vserial0.0,chardev=vdagent0,name=%1")
                 .arg(QLatin1String(kVdagentPortName));
    }
    // One virtiofsd per shared folder, listening on its socket before QEMU starts.
    for (const auto& f : spec.shares) {
        a << QStringLiteral("-chardev")
          << QStringLiteral("socket,id=%1,path=%2/%3")
                 .arg(shareChardevId(f.tag), rt, shareSocketName(f.tag));
        a << QStringLiteral("-device")
          << QStringLiteral("vhost-user-fs-pci,chardev=%1,tag=%2,id=%3")
                 .arg(shareChardevId(f.tag), f.tag, shareDeviceId(f.tag));
    }
    if (spec.display == DisplayType::Vnc) {
        a << QStringLiteral("-device") << QStringLiteral("VGA,id=video0");
        a << QStringLiteral("-vnc") << QStringLiteral("unix:%1/vnc.sock").arg(rt);
    } else {
        a << QStringLiteral("-display") << QStringLiteral("none");
    }

    // Empty root ports: q35 needs one per device that may be hot-plugged later.
    for (int i = 0; i < ctx.hotplugPorts; ++i)
        a << QStringLiteral("-device")
          << QStringLiteral("pcie-root-port,id=%1,chassis=%2").arg(hotplugPortId(i)).arg(i + 1);

    appendHostPci(a, spec, ctx.hotplugPorts, ctx.sriovVfs);

    if (spec.usb) a << QStringLiteral("-device") << QStringLiteral("qemu-xhci,id=usb");
    for (const auto& port : ctx.usbHostPorts) {
        if (!spec.usb || !isUsbPortId(port))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("host USB device '%1' cannot go to VM '%2'")
                                 .arg(port.left(24), spec.name),
                             QStringLiteral("give a bus and port like 1-2.1 to a VM with a USB "
                                            "controller"));
        const QJsonObject o = usbHostDeviceOptions(port);
        a << QStringLiteral("-device")
          << QStringLiteral("usb-host,bus=usb.0,hostbus=%1,hostport=%2,id=%3")
                 .arg(o.value(QStringLiteral("hostbus")).toInt())
                 .arg(o.value(QStringLiteral("hostport")).toString(),
                      o.value(QStringLiteral("id")).toString());
    }

    int ahciPort = 0;
    bool scsiController = false;
    int diskBoot = bootIndexFor(spec, QStringLiteral("disk"));
    for (int i = 0; i < spec.disks.size(); ++i) {
        const DiskSpec& d = spec.disks[i];
        a << QStringLiteral("-blockdev") << compactJson(diskBlockdevOptions(d));
        QString dev;
        switch (d.bus) {
        case DiskBus::Virtio:
            dev = QStringLiteral("virtio-blk-pci,drive=%1").arg(diskNodeName(d));
            if (perf.ioThreads > 0) dev += ioThread();
            if (perf.queues > 1) dev += QStringLiteral(",num-queues=%1").arg(perf.queues);
            break;
        case DiskBus::Sata:
            dev = QStringLiteral("ide-hd,drive=%1,bus=ide.%2").arg(diskNodeName(d)).arg(ahciPort++);
            break;
        case DiskBus::Nvme:
            dev = QStringLiteral("nvme,drive=%1,serial=vireo-disk%2").arg(diskNodeName(d)).arg(i);
            break;
        case DiskBus::Scsi:
            if (!scsiController) {
                QString ctrl = QStringLiteral("virtio-scsi-pci,id=scsi0");
                if (perf.ioThreads > 0) ctrl += ioThread();
                if (perf.queues > 1) ctrl += QStringLiteral(",num_queues=%1").arg(perf.queues);
                a << QStringLiteral("-device") << ctrl;
                scsiController = true;
            }
            dev = QStringLiteral("scsi-hd,drive=%1,bus=scsi0.0").arg(diskNodeName(d));
            break;
        }
        dev += QStringLiteral(",id=%1").arg(diskDeviceId(d));
        if (diskBoot > 0 && !spec.kernel.enabled())
            dev += QStringLiteral(",bootindex=%1").arg(diskBoot * 10 + i);
        a << QStringLiteral("-device") << dev;
    }
    if (!spec.cdrom.isEmpty()) {
        a << QStringLiteral("-blockdev")
          << compactJson(blockdev(QStringLiteral("cdrom0"), QStringLiteral("raw"), spec.cdrom,
                                  DiskCache::Writeback, true));
        QString dev = QStringLiteral("ide-cd,drive=cdrom0,bus=ide.%1,id=%2")
                          .arg(ahciPort++)
                          .arg(QLatin1String(kCdromDeviceId));
        const int cdBoot = bootIndexFor(spec, QStringLiteral("cdrom"));
        if (cdBoot > 0 && !spec.kernel.enabled())
            dev += QStringLiteral(",bootindex=%1").arg(cdBoot * 10);
        a << QStringLiteral("-device") << dev;
    } else if (ahciPort < 6) {
        // An empty CD drive, as on real hardware: an ISO can be inserted while the VM runs.
        a << QStringLiteral("-device")
          << QStringLiteral("ide-cd,bus=ide.%1,id=%2")
                 .arg(ahciPort++)
                 .arg(QLatin1String(kCdromDeviceId));
    }
    if (ahciPort > 6)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("VM '%1': more than 6 SATA disks and CD-ROMs").arg(spec.name),
            QStringLiteral("put some disks on virtio or nvme"));

    const int netBoot = bootIndexFor(spec, QStringLiteral("network"));

    for (int i = 0; i < spec.nics.size(); ++i) {
        const NicSpec& n = spec.nics[i];
        if (n.network == QLatin1String("user")) {
            QString netdev = QStringLiteral("user,id=net%1").arg(i);
            // "tcp:8080-:80" -> "hostfwd=tcp:127.0.0.1:8080-:80": forwards listen on loopback
            // only, so a guest service is never exposed to the LAN by accident.
            for (const auto& f : n.hostForwards)
                netdev +=
                    QStringLiteral(",hostfwd=%1:127.0.0.1:%2")
                        .arg(f.section(QLatin1Char(':'), 0, 0), f.section(QLatin1Char(':'), 1));
            a << QStringLiteral("-netdev") << netdev;
        } else if (ctx.nicTaps.value(i).startsWith(QLatin1String(kSocketSwitchPrefix))) {
            // QEMU's multicast hub: every NIC on the group hears every frame, on the loopback
            // only, so no host interface and no privilege is involved.
            a << QStringLiteral("-netdev")
              << QStringLiteral("socket,id=net%1,mcast=%2,localaddr=127.0.0.1")
                     .arg(i)
                     .arg(ctx.nicTaps.value(i).mid(int(qstrlen(kSocketSwitchPrefix))));
        } else if (ctx.nicTaps.value(i).startsWith(QLatin1String(kVhostUserPrefix))) {
            // QEMU serves the socket and the switch connects, so either can restart alone:
            // the switch reconnects, and the guest sees its link go down and up.
            const QString socket = ctx.nicTaps.value(i).mid(int(qstrlen(kVhostUserPrefix)));
            a << QStringLiteral("-chardev")
              << QStringLiteral("socket,id=vhu%1,path=%2,server=on,wait=off").arg(i).arg(socket)
              << QStringLiteral("-netdev")
              << QStringLiteral("vhost-user,id=net%1,chardev=vhu%1").arg(i);
        } else {
            const QString tap = ctx.nicTaps.value(i);
            if (tap.isEmpty())
                return makeError(
                    ErrorCode::InvalidArgument,
                    QStringLiteral("VM '%1': no tap for network '%2'").arg(spec.name, n.network));
            // vnet_hdr=on (QEMU's and libvirt's default): the host hands the guest whole TCP
            // segments of up to 64 KiB, 1.7x the throughput into a guest of vnet_hdr=off
            // (bench/net-throughput). DHCP from the host's dnsmasq works with it: the guest's
            // virtio driver is told the checksum is left to it, and udhcpc accepts that.
            // vhost-net may be absent.
            a << QStringLiteral("-netdev")
              << QStringLiteral(
                     "tap,id=net%1,ifname=%2,script=no,downscript=no,vnet_hdr=on,vhost=%3")
                     .arg(i)
                     .arg(tap, ctx.vhostNet ? QStringLiteral("on") : QStringLiteral("off"));
            if (usesMultiqueue(spec, n)) a.last() += QStringLiteral(",queues=%1").arg(perf.queues);
        }
        QString dev = QStringLiteral("%1,netdev=net%2,mac=%3,id=nic%2")
                          .arg(n.model == NicModel::Virtio ? QStringLiteral("virtio-net-pci")
                                                           : QStringLiteral("e1000e"))
                          .arg(i)
                          .arg(n.mac);
        // QEMU 7.2 under TCG segfaults in its MSI-X vector unmask (no KVM irqfd behind it)
        // as soon as the guest starts a virtio-net NIC on a vhost-user backend: INTx there.
        if (ctx.nicTaps.value(i).startsWith(QLatin1String(kVhostUserPrefix)) &&
            ctx.accel == QLatin1String("tcg"))
            dev += QStringLiteral(",vectors=0");
        // One queue pair per vCPU needs two vectors each, plus config and control.
        else if (usesMultiqueue(spec, n))
            dev += QStringLiteral(",mq=on,vectors=%1").arg(2 * perf.queues + 2);
        // The guest's driver takes the network's MTU from the device (VIRTIO_NET_F_MTU), so
        // jumbo frames work without configuring the guest.
        if (const int mtu = ctx.nicMtus.value(i, 1500);
            mtu != 1500 && n.model == NicModel::Virtio && n.network != QLatin1String("user"))
            dev += QStringLiteral(",host_mtu=%1").arg(mtu);
        if (netBoot > 0 && !spec.kernel.enabled())
            dev += QStringLiteral(",bootindex=%1").arg(netBoot * 10 + i);
        else
            dev += QStringLiteral(",romfile=");
        a << QStringLiteral("-device") << dev;
    }

    if (spec.kernel.enabled()) {
        a << QStringLiteral("-kernel") << spec.kernel.kernel;
        if (!spec.kernel.initrd.isEmpty()) a << QStringLiteral("-initrd") << spec.kernel.initrd;
        if (!spec.kernel.cmdline.isEmpty()) a << QStringLiteral("-append") << spec.kernel.cmdline;
    }
    if (ctx.startPaused) a << QStringLiteral("-S");
    if (ctx.incomingDefer) a << QStringLiteral("-incoming") << QStringLiteral("defer");
    a << QStringLiteral("-msg") << QStringLiteral("timestamp=on");
    return a;
}

} // namespace vireo
