// vireoctl's hardware options, shared by vm create and vm edit.
#include "HardwareOptions.h"

#include "PerformanceOptions.h"
#include "passthrough/HostPlan.h"
#include "passthrough/SriovConfig.h"
#include "usb/UsbFilters.h"

#include "core/Size.h"

namespace vireo::cli {

namespace {

Result<DiskSpec> parseDiskArg(const QString& arg) {
    // PATH[,bus=virtio|sata|nvme|scsi][,cache=...][,readonly=on][,format=...]
    const QStringList parts = arg.split(QLatin1Char(','));
    DiskSpec d;
    d.path = parts.first();
    for (const auto& p : parts.mid(1)) {
        const QString key = p.section(QLatin1Char('='), 0, 0);
        const QString value = p.section(QLatin1Char('='), 1);
        bool ok = true;
        if (key == QLatin1String("bus"))
            ok = parseDiskBus(value, &d.bus);
        else if (key == QLatin1String("cache"))
            ok = parseDiskCache(value, &d.cache);
        else if (key == QLatin1String("format"))
            d.format = value;
        else if (key == QLatin1String("readonly"))
            d.readOnly = value == QLatin1String("on") || value == QLatin1String("true");
        else
            ok = false;
        if (!ok)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("disk option '%1' is not valid").arg(p),
                             QStringLiteral("use "
                                            "PATH[,bus=virtio|sata|nvme|scsi][,cache=none|"
                                            "writeback|unsafe][,readonly=on]"));
    }
    if (d.path.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--disk needs a path"));
    return d;
}

} // namespace

namespace {

// PF[/VF][,mac=MAC][,vlan=ID]: without /VF any free VF of the PF at each start.
Result<SriovVfSpec> parseSriovVfArg(const QString& arg) {
    const QStringList parts = arg.split(QLatin1Char(','));
    SriovVfSpec v;
    v.pf = parts.first().section(QLatin1Char('/'), 0, 0).toLower();
    bool ok = true;
    if (parts.first().contains(QLatin1Char('/')))
        v.vf = parts.first().section(QLatin1Char('/'), 1).toInt(&ok);
    for (const auto& p : parts.mid(1)) {
        if (!ok) break;
        const QString key = p.section(QLatin1Char('='), 0, 0);
        const QString value = p.section(QLatin1Char('='), 1);
        if (key == QLatin1String("mac"))
            v.mac = value.toLower();
        else if (key == QLatin1String("vlan"))
            v.vlan = value.toInt(&ok);
        else
            ok = false;
    }
    if (!ok || v.vf < -1)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--sriov-vf '%1' is not valid").arg(arg.left(80)),
                         QStringLiteral("use PF[/VF][,mac=MAC][,vlan=ID], e.g. 0000:01:00.0 (any "
                                        "free VF) or 0000:01:00.0/2,vlan=10"));
    return v;
}

// --remove-sriov-vf PF[/VF] first, then --sriov-vf: the PF must be an SR-IOV card here and
// a named VF must exist and be allowed to go to a VM (checked now, not at the next start).
Status applySriovOptions(Cli& cli, VmSpec& spec) {
    for (const auto& which : cli.parser().values(QStringLiteral("remove-sriov-vf"))) {
        auto gone = parseSriovVfArg(which);
        if (!gone) return gone.error();
        const auto before = spec.sriovVfs.size();
        spec.sriovVfs.erase(std::remove_if(spec.sriovVfs.begin(), spec.sriovVfs.end(),
                                           [&](const SriovVfSpec& v) {
                                               return v.pf == gone->pf &&
                                                      (gone->vf < 0 || v.vf == gone->vf);
                                           }),
                            spec.sriovVfs.end());
        if (spec.sriovVfs.size() == before)
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("VM '%1' has no SR-IOV VF %2").arg(spec.name, which),
                             QStringLiteral("'vireoctl vm show %1' lists its VFs").arg(spec.name));
    }
    if (!cli.isSet(QStringLiteral("sriov-vf"))) return {};
    auto host = HostRoot::open(HostRoot::defaultDir());
    if (!host) return host.error();
    for (const auto& arg : cli.parser().values(QStringLiteral("sriov-vf"))) {
        auto v = parseSriovVfArg(arg);
        if (!v) return v.error();
        auto pf = readSriovPf(*host, v->pf);
        if (!pf) return pf.error();
        if (v->vf >= 0) {
            VIREO_TRY(checkVfIndex(*pf, v->vf));
            if (auto alone = devicesToPass(*host, pf->vfs.at(v->vf), false); !alone)
                return alone.error();
        }
        spec.sriovVfs.append(*v); // a MAC is given by the VM's edit when there is none
    }
    return {};
}

// --remove-usb-filter first (numbers as vm show lists them before the edit), then
// --usb-filter; a filter turns the controller on, --no-usb with filters left is refused.
Status applyUsbOptions(Cli& cli, VmSpec& spec) {
    for (const auto& which : cli.parser().values(QStringLiteral("remove-usb-filter"))) {
        if (which == QLatin1String("all")) {
            spec.usbFilters.clear();
            continue;
        }
        bool ok = false;
        const int n = which.toInt(&ok);
        if (!ok || n < 1 || n > spec.usbFilters.size())
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("VM '%1' has no USB filter '%2' (it has %3)")
                    .arg(spec.name, which.left(20))
                    .arg(spec.usbFilters.size()),
                QStringLiteral("give a number 'vireoctl vm show %1' lists, or all").arg(spec.name));
        spec.usbFilters[n - 1] = UsbFilterSpec{};
    }
    spec.usbFilters.erase(
        std::remove_if(spec.usbFilters.begin(), spec.usbFilters.end(),
                       [](const UsbFilterSpec& f) { return usbFilterToString(f).isEmpty(); }),
        spec.usbFilters.end());
    if (cli.isSet(QStringLiteral("usb"))) spec.usb = true;
    for (const auto& text : cli.parser().values(QStringLiteral("usb-filter"))) {
        auto filter = parseUsbFilter(text);
        if (!filter) return filter.error();
        spec.usbFilters.append(*filter);
        spec.usb = true;
    }
    if (cli.isSet(QStringLiteral("no-usb"))) {
        if (!spec.usbFilters.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("VM '%1' has USB filters, which need its USB "
                                            "controller")
                                 .arg(spec.name),
                             QStringLiteral("remove them too: --remove-usb-filter all"));
        spec.usb = false;
    }
    return {};
}

} // namespace

Status applyHardwareOptions(Cli& cli, VmSpec& spec, QStringList* explanations) {
    if (cli.isSet(QStringLiteral("memory"))) {
        auto bytes = parseSize(cli.value(QStringLiteral("memory")), QStringLiteral("memory"));
        if (!bytes) return bytes.error();
        spec.memoryMiB = *bytes / (1024 * 1024);
        if (*bytes % (1024 * 1024) != 0 || spec.memoryMiB == 0)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("memory '%1' is not a whole number of MiB")
                                 .arg(cli.value(QStringLiteral("memory"))),
                             QStringLiteral("use e.g. 512M or 2G"));
    }
    if (cli.isSet(QStringLiteral("cpus"))) {
        bool ok = false;
        const int n = cli.value(QStringLiteral("cpus")).toInt(&ok);
        if (!ok || n < 1)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("--cpus '%1' is not a positive number")
                                 .arg(cli.value(QStringLiteral("cpus"))),
                             QStringLiteral("use e.g. --cpus 2"));
        spec.cpu = {1, n, 1};
    }
    VIREO_TRY(applyPerformanceOptions(cli, spec, explanations));
    if (cli.isSet(QStringLiteral("firmware")) &&
        !parseFirmware(cli.value(QStringLiteral("firmware")), &spec.firmware))
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("firmware '%1' is unknown").arg(cli.value(QStringLiteral("firmware"))),
            QStringLiteral("use --firmware bios or --firmware uefi"));
    if (cli.isSet(QStringLiteral("secure-boot"))) spec.secureBoot = true;
    if (cli.isSet(QStringLiteral("tpm"))) spec.tpm = true;
    if (cli.isSet(QStringLiteral("no-tpm"))) spec.tpm = false;
    if (cli.isSet(QStringLiteral("cdrom"))) spec.cdrom = cli.value(QStringLiteral("cdrom"));
    if (cli.isSet(QStringLiteral("kernel")))
        spec.kernel.kernel = cli.value(QStringLiteral("kernel"));
    if (cli.isSet(QStringLiteral("initrd")))
        spec.kernel.initrd = cli.value(QStringLiteral("initrd"));
    if (cli.isSet(QStringLiteral("append")))
        spec.kernel.cmdline = cli.value(QStringLiteral("append"));
    if (cli.isSet(QStringLiteral("display")) &&
        !parseDisplayType(cli.value(QStringLiteral("display")), &spec.display))
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("display '%1' is unknown").arg(cli.value(QStringLiteral("display"))),
            QStringLiteral("use --display none or --display vnc"));
    if (cli.isSet(QStringLiteral("notes"))) spec.notes = cli.value(QStringLiteral("notes"));
    if (cli.isSet(QStringLiteral("os"))) spec.os = cli.value(QStringLiteral("os"));
    if (cli.isSet(QStringLiteral("autostart"))) spec.autostart = true;
    if (cli.isSet(QStringLiteral("no-autostart"))) spec.autostart = false;
    if (cli.isSet(QStringLiteral("shared-memory"))) spec.sharedMemory = true;
    if (cli.isSet(QStringLiteral("guest-agent"))) spec.guestAgent = true;
    if (cli.isSet(QStringLiteral("no-guest-agent"))) spec.guestAgent = false;
    if (cli.isSet(QStringLiteral("clipboard"))) spec.clipboard = true;
    if (cli.isSet(QStringLiteral("no-clipboard"))) spec.clipboard = false;
    if (cli.isSet(QStringLiteral("boot"))) {
        spec.bootOrder =
            cli.value(QStringLiteral("boot")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    if (cli.isSet(QStringLiteral("disk"))) {
        spec.disks.clear();
        for (const auto& arg : cli.parser().values(QStringLiteral("disk"))) {
            auto d = parseDiskArg(arg);
            if (!d) return d.error();
            spec.disks.append(*d);
        }
    }
    for (const auto& address : cli.parser().values(QStringLiteral("remove-pci"))) {
        if (!spec.hostPci.contains(address))
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("VM '%1' has no host PCI device %2").arg(spec.name, address),
                QStringLiteral("'vireoctl vm show %1' lists its devices").arg(spec.name));
        // A card's functions leave together, as they came.
        const QString slot = address.section(QLatin1Char('.'), 0, 0);
        spec.hostPci.erase(std::remove_if(spec.hostPci.begin(), spec.hostPci.end(),
                                          [&](const QString& a) {
                                              return a.section(QLatin1Char('.'), 0, 0) == slot;
                                          }),
                           spec.hostPci.end());
    }
    VIREO_TRY(applyUsbOptions(cli, spec));
    VIREO_TRY(applySriovOptions(cli, spec));
    if (cli.isSet(QStringLiteral("pci"))) {
        auto host = HostRoot::open(HostRoot::defaultDir());
        if (!host) return host.error();
        for (const auto& address : cli.parser().values(QStringLiteral("pci"))) {
            // Refuses host-critical and blocked devices here, not at the next start.
            auto devices = devicesToPass(*host, address, false);
            if (!devices) return devices.error();
            for (const auto& d : *devices)
                if (!spec.hostPci.contains(d)) spec.hostPci.append(d);
            if (explanations && devices->size() > 1)
                explanations->append(QStringLiteral("%1 goes with %2 (same card or IOMMU group)")
                                         .arg(address, devices->mid(1).join(QLatin1String(", "))));
        }
    }
    if (cli.isSet(QStringLiteral("nic"))) {
        spec.nics.clear();
        for (const auto& arg : cli.parser().values(QStringLiteral("nic"))) {
            if (arg == QLatin1String("none")) continue;
            const QStringList parts = arg.split(QLatin1Char(','));
            NicSpec n;
            n.network = parts.first().startsWith(QLatin1String("network=")) ? parts.first().mid(8)
                                                                            : parts.first();
            if (n.network != QLatin1String("user") &&
                !parts.first().startsWith(QLatin1String("network=")))
                return makeError(
                    ErrorCode::InvalidArgument, QStringLiteral("--nic '%1' is not valid").arg(arg),
                    QStringLiteral(
                        "use --nic user[,hostfwd=tcp:HOSTPORT-:GUESTPORT] or --nic network=NAME"));
            for (const auto& p : parts.mid(1)) {
                if (p.startsWith(QLatin1String("model=")) && parseNicModel(p.mid(6), &n.model))
                    continue;
                if (p.startsWith(QLatin1String("mac="))) {
                    n.mac = p.mid(4).toLower();
                    continue;
                }
                if (p.startsWith(QLatin1String("hostfwd="))) {
                    n.hostForwards << p.mid(8);
                    continue;
                }
                if (p.startsWith(QLatin1String("vlan="))) {
                    n.vlan = p.mid(5);
                    continue;
                }
                return makeError(
                    ErrorCode::InvalidArgument,
                    QStringLiteral("NIC option '%1' is not valid").arg(p),
                    QStringLiteral("use --nic "
                                   "user|network=NAME[,model=virtio|e1000e][,mac=52:54:00:12:34:56]"
                                   "[,vlan=ID|trunk:LIST]"));
            }
            spec.nics.append(n);
        }
    }
    return {};
}

QList<QCommandLineOption> hardwareOptions() {
    return QList<QCommandLineOption>{
               {QStringLiteral("memory"),
                QStringLiteral("Guest memory, e.g. 512M or 2G (default 512M)."),
                QStringLiteral("SIZE")},
               {QStringLiteral("cpus"), QStringLiteral("Number of vCPUs (default 1)."),
                QStringLiteral("N")},
               {QStringLiteral("disk"),
                QStringLiteral("Attach a disk image; repeatable. "
                               "PATH[,bus=virtio|sata|nvme|scsi][,cache=MODE][,readonly=on]"),
                QStringLiteral("SPEC")},
               {QStringLiteral("cdrom"), QStringLiteral("Insert an ISO image."),
                QStringLiteral("ISO")},
               {QStringLiteral("kernel"), QStringLiteral("Boot this kernel directly."),
                QStringLiteral("PATH")},
               {QStringLiteral("initrd"), QStringLiteral("Initial ramdisk for --kernel."),
                QStringLiteral("PATH")},
               {QStringLiteral("append"), QStringLiteral("Kernel command line for --kernel."),
                QStringLiteral("STR")},
               {QStringLiteral("firmware"), QStringLiteral("bios (SeaBIOS) or uefi (OVMF)."),
                QStringLiteral("TYPE")},
               {QStringLiteral("secure-boot"),
                QStringLiteral("UEFI Secure Boot with Microsoft keys.")},
               {QStringLiteral("tpm"),
                QStringLiteral("A TPM 2.0 (emulated by swtpm; state kept with the VM).")},
               {QStringLiteral("no-tpm"), QStringLiteral("No TPM (for edit).")},
               {QStringLiteral("nic"),
                QStringLiteral(
                    "Add a NIC; repeatable. user[,hostfwd=tcp:HOSTPORT-:GUESTPORT] (per-VM "
                    "NAT) or network=NAME[,vlan=ID|trunk:LIST], each "
                    "[,model=virtio|e1000e][,mac=MAC]; or none."),
                QStringLiteral("NET")},
               {QStringLiteral("pci"),
                QStringLiteral("Give a host PCI device to the VM through vfio-pci, with the "
                               "functions that must go with it; repeatable. Host-critical and "
                               "blocked devices are refused ('vireoctl host passthrough')."),
                QStringLiteral("ADDRESS")},
               {QStringLiteral("remove-pci"),
                QStringLiteral("Take a host PCI device (and its card's other functions) away "
                               "(for edit)."),
                QStringLiteral("ADDRESS")},
               {QStringLiteral("sriov-vf"),
                QStringLiteral("Give the VM an SR-IOV VF of a host NIC: PF[/VF][,mac=MAC]"
                               "[,vlan=ID]; without /VF any free VF of the PF at each start. "
                               "The VF gets the MAC (a free one when not given) and VLAN "
                               "before the VM starts, and its old settings back at stop; "
                               "repeatable."),
                QStringLiteral("VF")},
               {QStringLiteral("remove-sriov-vf"),
                QStringLiteral("Take an SR-IOV VF away: PF/VF, or PF for all of that PF's "
                               "(for edit)."),
                QStringLiteral("VF")},
               {QStringLiteral("usb"),
                QStringLiteral("A USB 3 controller for host USB devices (new VMs have one).")},
               {QStringLiteral("no-usb"), QStringLiteral("No USB controller (for edit).")},
               {QStringLiteral("usb-filter"),
                QStringLiteral("Give matching host USB devices to the VM at start and when "
                               "plugged in while it runs; repeatable. "
                               "vendor=HEX4,product=HEX4,serial=TEXT,port=BUS-PORT (any of "
                               "them) or VENDOR:PRODUCT."),
                QStringLiteral("FILTER")},
               {QStringLiteral("remove-usb-filter"),
                QStringLiteral("Remove USB filter N (1 is the first, as vm show lists them) or "
                               "all (for edit)."),
                QStringLiteral("N")},
               {QStringLiteral("display"), QStringLiteral("none or vnc (VNC on a unix socket)."),
                QStringLiteral("TYPE")},
               {QStringLiteral("boot"), QStringLiteral("Boot order, e.g. disk,cdrom,network."),
                QStringLiteral("LIST")},
               {QStringLiteral("notes"), QStringLiteral("Free-text notes."),
                QStringLiteral("TEXT")},
               {QStringLiteral("os"),
                QStringLiteral(
                    "Guest OS (debian, ubuntu, fedora, arch, win10, win11, freebsd, linux, "
                    "other): the app's icon."),
                QStringLiteral("ID")},
               {QStringLiteral("autostart"),
                QStringLiteral("Start with the host session ('vireoctl host autostart').")},
               {QStringLiteral("no-autostart"), QStringLiteral("Do not (for edit).")},
               {QStringLiteral("shared-memory"),
                QStringLiteral(
                    "Back RAM with a shared memfd (for vhost-user devices; new VMs have it).")},
               {QStringLiteral("guest-agent"),
                QStringLiteral(
                    "A channel for qemu-guest-agent (new VMs have it): vm exec, vm copy, "
                    "guest addresses, shutdown without ACPI.")},
               {QStringLiteral("no-guest-agent"), QStringLiteral("No guest agent channel.")},
               {QStringLiteral("clipboard"),
                QStringLiteral("Share the clipboard with the console (the guest runs "
                               "spice-vdagent); live snapshots then need --no-memory.")},
               {QStringLiteral("no-clipboard"), QStringLiteral("No clipboard sharing.")},
           } +
           performanceOptions();
}

} // namespace vireo::cli
