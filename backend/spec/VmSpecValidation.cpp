#include "spec/VmSpecValidation.h"

#include "usb/UsbFilters.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace vireo {

namespace {
constexpr int kMaxNameLength = 64;
constexpr int kMaxCpus = 255;
constexpr std::uint64_t kMinMemoryMiB = 16;
constexpr std::uint64_t kMaxMemoryMiB = 4ull * 1024 * 1024; // 4 TiB

// Names go into one-line error messages: show control characters escaped.
QString printable(const QString& text) {
    QString out;
    for (const QChar c : text)
        out += c.isPrint() ? QString(c)
                           : QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
    return out;
}

Status checkName(const QString& name, const QString& what) {
    const QString fix = QStringLiteral("use letters, digits, '.', '-' or '_' (at most %1, not "
                                       "starting with '.' or '-')")
                            .arg(kMaxNameLength);
    if (name.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 name is empty").arg(what),
                         fix);
    if (name.size() > kMaxNameLength)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 name is %2 characters long").arg(what).arg(name.size()),
                         fix);
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]*$"));
    if (!re.match(name).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 name '%2' has characters that are not allowed")
                             .arg(what, printable(name)),
                         fix);
    return {};
}

Status fileMustExist(const QString& path, const QString& what, const QString& fix) {
    const QFileInfo fi(path);
    if (!fi.exists() || fi.isDir())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("%1 '%2' does not exist").arg(what, path), fix);
    if (!fi.isReadable())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 '%2' is not readable").arg(what, path),
                         QStringLiteral("check its permissions"));
    return {};
}
} // namespace

Status validateVmName(const QString& name) {
    return checkName(name, QStringLiteral("VM"));
}
Status validateNetworkName(const QString& name) {
    return checkName(name, QStringLiteral("network"));
}
Status validateSnapshotName(const QString& name) {
    return checkName(name, QStringLiteral("snapshot"));
}

namespace {
// "10" or "trunk:10,20-30": VLAN ids 1-4094 (the switch checks them again).
Status validateNicVlan(const QString& vmName, const NicSpec& n) {
    if (n.vlan.isEmpty()) return {};
    static const QRegularExpression vlanRe(
        QStringLiteral("^(\\d{1,4}|trunk:\\d{1,4}(-\\d{1,4})?(,\\d{1,4}(-\\d{1,4})?)*)$"));
    bool inRange = vlanRe.match(n.vlan).hasMatch();
    for (const QString& id : QString(n.vlan)
                                 .remove(QStringLiteral("trunk:"))
                                 .split(QRegularExpression(QStringLiteral("[,-]"))))
        inRange = inRange && id.toInt() >= 1 && id.toInt() <= 4094;
    if (!inRange || n.network == QLatin1String("user"))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("VM '%1': NIC VLAN '%2' is not valid").arg(vmName, n.vlan),
                         QStringLiteral("use vlan=ID (1-4094) or vlan=trunk:ID,ID-ID on a NIC of a "
                                        "named network"));
    return {};
}
} // namespace

Status validateVmSpec(const VmSpec& s, PathCheck paths) {
    const bool local = paths == PathCheck::ThisHost;
    VIREO_TRY(validateVmName(s.name));
    const QString vm = QStringLiteral("VM '%1': ").arg(s.name);
    static const QRegularExpression osId(QStringLiteral("^[a-z0-9-]{0,32}$"));
    if (!osId.match(s.os).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("OS '%1' is not a preset name").arg(s.os),
                         QStringLiteral("use e.g. --os debian, --os win11 or --os other"));
    if (s.cpu.sockets < 1 || s.cpu.cores < 1 || s.cpu.threads < 1 || s.cpu.count() > kMaxCpus)
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("%1 vCPUs is out of range").arg(s.cpu.count()),
                         QStringLiteral("use between 1 and %1 vCPUs").arg(kMaxCpus));
    if (s.memoryMiB < kMinMemoryMiB || s.memoryMiB > kMaxMemoryMiB)
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("memory of %1 MiB is out of range").arg(s.memoryMiB),
                         QStringLiteral("use between 16M and 4T"));
    if (s.machine != QLatin1String("q35"))
        return makeError(ErrorCode::Unsupported,
                         vm + QStringLiteral("machine type '%1' is not supported").arg(s.machine),
                         QStringLiteral("use q35"));
    if (s.secureBoot && s.firmware != Firmware::Uefi)
        return makeError(ErrorCode::InvalidArgument, vm + QStringLiteral("Secure Boot needs UEFI"),
                         QStringLiteral("use --firmware uefi"));
    for (const auto& d : s.disks)
        if (local)
            VIREO_TRY(fileMustExist(
                d.path, vm + QStringLiteral("disk"),
                QStringLiteral("create it with 'vireoctl disk create' or fix the path")));
    if (!s.cdrom.isEmpty() && local)
        VIREO_TRY(fileMustExist(s.cdrom, vm + QStringLiteral("ISO"),
                                QStringLiteral("check the path of the ISO image")));
    if (s.kernel.enabled()) {
        if (local)
            VIREO_TRY(fileMustExist(s.kernel.kernel, vm + QStringLiteral("kernel"),
                                    QStringLiteral("check the --kernel path")));
        if (!s.kernel.initrd.isEmpty() && local)
            VIREO_TRY(fileMustExist(s.kernel.initrd, vm + QStringLiteral("initrd"),
                                    QStringLiteral("check the --initrd path")));
    } else if (!s.kernel.initrd.isEmpty() || !s.kernel.cmdline.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("--initrd/--append need --kernel"),
                         QStringLiteral("add --kernel PATH or drop them"));
    }
    static const QRegularExpression macRe(QStringLiteral("^[0-9a-f][02468ace](:[0-9a-f]{2}){5}$"));
    for (const auto& n : s.nics) {
        if (!macRe.match(n.mac).hasMatch())
            return makeError(ErrorCode::InvalidArgument,
                             vm + QStringLiteral("MAC '%1' is not a unicast address").arg(n.mac),
                             QStringLiteral("use the form 52:54:00:12:34:56 (lower case)"));
        if (n.network != QLatin1String("user")) VIREO_TRY(validateNetworkName(n.network));
        VIREO_TRY(validateNicVlan(s.name, n));
        static const QRegularExpression fwdRe(QStringLiteral("^(tcp|udp):(\\d{1,5})-:(\\d{1,5})$"));
        for (const auto& f : n.hostForwards) {
            const auto m = fwdRe.match(f);
            // Host port 0: any free port, chosen when the VM starts (vm ssh finds it).
            if (!m.hasMatch() || m.captured(2).toInt() > 65535 || m.captured(3).toInt() < 1 ||
                m.captured(3).toInt() > 65535 || n.network != QLatin1String("user"))
                return makeError(
                    ErrorCode::InvalidArgument,
                    vm + QStringLiteral("port forward '%1' is not valid").arg(f),
                    QStringLiteral(
                        "use hostfwd=tcp:HOSTPORT-:GUESTPORT on a user NIC (HOSTPORT 0 = "
                        "any free port)"));
        }
    }
    const PerformanceSpec& p = s.perf;
    if (!p.vcpuPins.isEmpty() && p.vcpuPins.size() != s.cpu.count())
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("%1 vCPU pins for %2 vCPUs")
                                  .arg(p.vcpuPins.size())
                                  .arg(s.cpu.count()),
                         QStringLiteral("give one host CPU per vCPU, e.g. --cpu-pin 2,3"));
    for (int c : p.vcpuPins + p.emulatorPins)
        if (c < 0 || c > 4095)
            return makeError(ErrorCode::InvalidArgument,
                             vm + QStringLiteral("host CPU %1 is out of range").arg(c),
                             QStringLiteral("see 'vireoctl host topology' for the host's CPUs"));
    if (p.hugepageKiB != 0 && p.hugepageKiB != 2048 && p.hugepageKiB != 1048576)
        return makeError(
            ErrorCode::InvalidArgument,
            vm + QStringLiteral("hugepage size %1 KiB is not supported").arg(p.hugepageKiB),
            QStringLiteral("use --hugepages 2M, 1G or off"));
    if (p.hugepageKiB != 0 && (s.memoryMiB * 1024) % std::uint64_t(p.hugepageKiB) != 0)
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("memory of %1 MiB is not a whole number of %2 "
                                             "hugepages")
                                  .arg(s.memoryMiB)
                                  .arg(p.hugepageKiB == 2048 ? QStringLiteral("2 MiB")
                                                             : QStringLiteral("1 GiB")),
                         QStringLiteral("round the memory to the page size"));
    if (p.ioThreads < 0 || p.ioThreads > 64 || p.queues < 1 || p.queues > 64)
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("%1 I/O threads / %2 queues is out of range")
                                  .arg(p.ioThreads)
                                  .arg(p.queues),
                         QStringLiteral("use 0-64 I/O threads and 1-64 queues"));
    static const QRegularExpression machineIdRe(QStringLiteral("^[0-9a-f]{32}$"));
    if (!s.machineId.isEmpty() && !machineIdRe.match(s.machineId).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("machine-id '%1' is not 32 lower-case hex digits")
                                  .arg(printable(s.machineId)),
                         QStringLiteral("fix machineId in vm.json, or remove it"));
    if (s.backup.everyHours < 0 || s.backup.everyHours > 24 * 366 || s.backup.keep < 0 ||
        (s.backup.everyHours > 0 && !QFileInfo(s.backup.folder).isAbsolute()))
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("the backup schedule (every %1 h into '%2', keep %3) "
                                             "is not valid")
                                  .arg(s.backup.everyHours)
                                  .arg(s.backup.folder)
                                  .arg(s.backup.keep),
                         QStringLiteral("use an absolute folder, 1-8784 hours and keep >= 0"));
    if (s.clipboard && s.display != DisplayType::Vnc)
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("the clipboard is shared through the console, and "
                                             "this VM has no display"),
                         QStringLiteral("add one with --display vnc, or leave the clipboard off"));
    static const QRegularExpression pciRe(
        QStringLiteral("^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]$"));
    for (const auto& address : s.hostPci)
        if (!pciRe.match(address).hasMatch() || s.hostPci.count(address) > 1)
            return makeError(ErrorCode::InvalidArgument,
                             vm + QStringLiteral("host PCI device '%1' is not a PCI address, or is "
                                                 "given twice")
                                      .arg(printable(address)),
                             QStringLiteral("use the address 'vireoctl host passthrough' shows, "
                                            "e.g. 0000:01:00.0"));
    for (int i = 0; i < s.sriovVfs.size(); ++i) {
        const SriovVfSpec& v = s.sriovVfs.at(i);
        QString problem;
        if (!pciRe.match(v.pf).hasMatch())
            problem = QStringLiteral("PF '%1' is not a PCI address").arg(printable(v.pf));
        else if (v.vf < -1 || v.vf > 255)
            problem = QStringLiteral("VF %1 is not a VF index").arg(v.vf);
        else if (!v.mac.isEmpty() && !macRe.match(v.mac).hasMatch())
            problem = QStringLiteral("MAC '%1' is not a unicast MAC").arg(printable(v.mac));
        else if (v.vlan < 0 || v.vlan > 4094)
            problem = QStringLiteral("VLAN %1 is not 0-4094").arg(v.vlan);
        else
            for (int j = 0; j < i; ++j)
                if (s.sriovVfs.at(j).pf == v.pf && v.vf >= 0 && s.sriovVfs.at(j).vf == v.vf)
                    problem = QStringLiteral("VF %1 of %2 is given twice").arg(v.vf).arg(v.pf);
        if (!problem.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             vm + QStringLiteral("SR-IOV VF: %1").arg(problem),
                             QStringLiteral("remove it with --remove-sriov-vf %1 and add it "
                                            "again")
                                 .arg(printable(v.pf)));
    }
    if (!s.usbFilters.isEmpty() && !s.usb)
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("USB filters need the VM's USB controller"),
                         QStringLiteral("turn it on with --usb"));
    if (s.usbFilters.size() > 16)
        return makeError(ErrorCode::InvalidArgument,
                         vm + QStringLiteral("more than 16 USB filters"),
                         QStringLiteral("remove some with --remove-usb-filter"));
    for (const auto& f : s.usbFilters) {
        const QString problem = usbFilterProblem(f);
        if (!problem.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             vm + QStringLiteral("USB filter '%1': %2")
                                      .arg(printable(usbFilterToString(f)), problem),
                             QStringLiteral("remove it with --remove-usb-filter and add it again"));
    }
    static const QRegularExpression tagRe(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]{0,35}$"));
    QStringList tags;
    for (const auto& f : s.shares) {
        // The tag names the QEMU chardev, the socket and the guest's mount source.
        if (!tagRe.match(f.tag).hasMatch())
            return makeError(
                ErrorCode::InvalidArgument,
                vm + QStringLiteral("shared-folder tag '%1' is not valid").arg(printable(f.tag)),
                QStringLiteral("use 1-36 letters, digits, '.', '-' or '_', e.g. --tag src"));
        if (tags.contains(f.tag))
            return makeError(ErrorCode::AlreadyExists,
                             vm + QStringLiteral("two shared folders have the tag '%1'").arg(f.tag),
                             QStringLiteral("give each share its own --tag"));
        tags << f.tag;
        if (!QFileInfo(f.hostDir).isAbsolute() || (local && !QFileInfo(f.hostDir).isDir()))
            return makeError(
                ErrorCode::NotFound,
                vm + QStringLiteral("shared folder '%1' is not a folder").arg(f.hostDir),
                QStringLiteral("create it, or remove the share with 'vireoctl vm "
                               "share remove %1 %2'")
                    .arg(s.name, f.tag));
    }
    for (const auto& b : s.bootOrder)
        if (b != QLatin1String("disk") && b != QLatin1String("cdrom") &&
            b != QLatin1String("network"))
            return makeError(ErrorCode::InvalidArgument,
                             vm + QStringLiteral("boot device '%1' is unknown").arg(b),
                             QStringLiteral("use disk, cdrom or network"));
    return {};
}

} // namespace vireo
