#include "passthrough/HostPlan.h"

#include "passthrough/PassthroughReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace vireo {

namespace {

const QString kGrub = QStringLiteral("etc/default/grub");
const QString kKernelCmdline = QStringLiteral("etc/kernel/cmdline");
const QString kKernelstub = QStringLiteral("etc/kernelstub/configuration");
const QString kUdevRule = QStringLiteral("etc/udev/rules.d/90-vireo-vfio.rules");
const QString kSoftdeps = QStringLiteral("etc/modprobe.d/vireo-vfio.conf");
const QString kInitramfsModules = QStringLiteral("etc/initramfs-tools/modules");
const QString kInitramfsHook = QStringLiteral("etc/initramfs-tools/hooks/vireo-vfio");
const QString kDracutConf = QStringLiteral("etc/dracut.conf.d/vireo-vfio.conf");
const QStringList kVfioModules{QStringLiteral("vfio"), QStringLiteral("vfio_iommu_type1"),
                               QStringLiteral("vfio_pci")};

std::optional<QByteArray> current(const HostRoot& host, const QString& path) {
    if (!host.exists(path)) return std::nullopt;
    return host.readBytes(path);
}

void addFile(HostPlan& plan, const HostRoot& host, const QString& path, const QByteArray& after,
             const QString& why) {
    const auto before = current(host, path);
    if (before && *before == after) return;
    plan.files.append({path, before, after, why});
}

// Lines of a file Vireo owns, kept across plans so a second device adds to the first.
QStringList ownLines(const HostRoot& host, const QString& path) {
    QStringList lines;
    for (const auto& l : QString::fromUtf8(host.readBytes(path)).split(QLatin1Char('\n')))
        if (!l.isEmpty() && !l.startsWith(QLatin1Char('#'))) lines << l;
    return lines;
}

QByteArray withHeader(const QString& comment, QStringList lines) {
    lines.removeDuplicates();
    return (QStringLiteral("# Written by Vireo (vireoctl host apply); 'vireoctl host rollback' "
                           "restores the previous state.\n# ") +
            comment + QLatin1Char('\n') + lines.join(QLatin1Char('\n')) + QLatin1Char('\n'))
        .toUtf8();
}

// GRUB_CMDLINE_LINUX_DEFAULT="quiet" -> with the parameters added, quoting kept.
Result<QByteArray> grubWithParams(const QByteArray& grub, const QStringList& params) {
    static const QRegularExpression re(
        QStringLiteral("^(GRUB_CMDLINE_LINUX_DEFAULT=)([\"']?)(.*?)\\2\\s*$"),
        QRegularExpression::MultilineOption);
    QString text = QString::fromUtf8(grub);
    const auto m = re.match(text);
    if (!m.hasMatch()) {
        if (!text.endsWith(QLatin1Char('\n')) && !text.isEmpty()) text += QLatin1Char('\n');
        return (text + QStringLiteral("GRUB_CMDLINE_LINUX_DEFAULT=\"%1\"\n")
                           .arg(params.join(QLatin1Char(' '))))
            .toUtf8();
    }
    QStringList words = m.captured(3).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    words += params;
    const QString quote = m.captured(2).isEmpty() ? QStringLiteral("\"") : m.captured(2);
    text.replace(m.capturedStart(), m.capturedLength(),
                 m.captured(1) + quote + words.join(QLatin1Char(' ')) + quote);
    return text.toUtf8();
}

Result<QByteArray> kernelstubWithParams(const QByteArray& json, const QStringList& params) {
    QJsonParseError err;
    QJsonObject root = QJsonDocument::fromJson(json, &err).object();
    if (err.error != QJsonParseError::NoError)
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("/%1 is not valid JSON").arg(kKernelstub),
                         QStringLiteral("fix it, or add %1 with 'kernelstub -a'")
                             .arg(params.join(QLatin1Char(' '))));
    // kernelstub keeps the options in "user" (and "default"); "user" is what it applies.
    QJsonObject user = root.value(QStringLiteral("user")).toObject();
    QJsonArray options = user.value(QStringLiteral("kernel_options")).toArray();
    for (const auto& p : params)
        options.append(p);
    user.insert(QStringLiteral("kernel_options"), options);
    root.insert(QStringLiteral("user"), user);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

// The kernel parameters passthrough needs and the command line lacks. IOMMU groups mean
// the IOMMU already works (decide on that, not on the command line); AMD turns it on by
// itself, so amd_iommu=on is never added.
QStringList missingParams(const IommuStatus& iommu, const QStringList& cmdline, bool intel) {
    QStringList params;
    if (intel && !iommu.enabled && !cmdline.contains(QStringLiteral("intel_iommu=on")))
        params << QStringLiteral("intel_iommu=on");
    if (!cmdline.contains(QStringLiteral("iommu=pt"))) params << QStringLiteral("iommu=pt");
    return params;
}

// The words the bootloader's configuration already gives the kernel (applied, maybe not
// booted yet).
QStringList configuredWords(const HostRoot& host) {
    QString text;
    if (host.exists(kKernelstub))
        text = QString::fromUtf8(host.readBytes(kKernelstub));
    else if (host.exists(kKernelCmdline))
        text = host.readText(kKernelCmdline);
    else if (host.exists(kGrub))
        for (const auto& line : host.readText(kGrub).split(QLatin1Char('\n')))
            if (line.startsWith(QLatin1String("GRUB_CMDLINE_LINUX")))
                text += line + QLatin1Char(' ');
    static const QRegularExpression separators(QStringLiteral("[\\s\"',\\[\\]{}:]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

Status planCmdline(HostPlan& plan, const HostRoot& host, QStringList params) {
    const QStringList configured = configuredWords(host);
    QStringList pending;
    for (const auto& p : params)
        if (configured.contains(p)) pending << p;
    for (const auto& p : pending)
        params.removeAll(p);
    if (!pending.isEmpty()) {
        plan.rebootNeeded = true;
        plan.rebootWhy = QStringLiteral("the boot configuration already has %1; the kernel uses it "
                                        "from the next boot")
                             .arg(pending.join(QLatin1Char(' ')));
    }
    plan.addedParams = params;
    if (host.exists(kKernelstub)) {
        plan.bootloader = QStringLiteral("kernelstub");
        if (params.isEmpty()) return {};
        auto json = kernelstubWithParams(host.readBytes(kKernelstub), params);
        if (!json) return json.error();
        addFile(
            plan, host, kKernelstub, *json,
            QStringLiteral("kernel parameters %1 (kernelstub)").arg(params.join(QLatin1Char(' '))));
        plan.commands.append({{QStringLiteral("kernelstub")},
                              QStringLiteral("writes the boot entry with the new parameters")});
        return {};
    }
    if (host.exists(kKernelCmdline) || host.exists(QStringLiteral("boot/efi/loader/loader.conf")) ||
        host.exists(QStringLiteral("boot/loader/loader.conf"))) {
        plan.bootloader = QStringLiteral("systemd-boot");
        if (params.isEmpty()) return {};
        QStringList words;
        if (host.exists(kKernelCmdline))
            words = host.readText(kKernelCmdline).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        else
            for (const auto& w : kernelCmdline(host))
                if (!w.startsWith(QLatin1String("BOOT_IMAGE=")) &&
                    !w.startsWith(QLatin1String("initrd=")))
                    words << w;
        addFile(plan, host, kKernelCmdline, (words + params).join(QLatin1Char(' ')).toUtf8() + '\n',
                QStringLiteral("kernel parameters %1 (systemd-boot)")
                    .arg(params.join(QLatin1Char(' '))));
        plan.commands.append({{QStringLiteral("kernel-install"), QStringLiteral("add-all")},
                              QStringLiteral("writes the boot entries with the new parameters")});
        return {};
    }
    if (host.exists(kGrub)) {
        plan.bootloader = QStringLiteral("grub");
        if (params.isEmpty()) return {};
        auto grub = grubWithParams(host.readBytes(kGrub), params);
        if (!grub) return grub.error();
        addFile(plan, host, kGrub, *grub,
                QStringLiteral("kernel parameters %1 (GRUB)").arg(params.join(QLatin1Char(' '))));
        plan.commands.append(
            {host.exists(QStringLiteral("usr/sbin/update-grub"))
                 ? QStringList{QStringLiteral("update-grub")}
                 : QStringList{QStringLiteral("grub2-mkconfig"), QStringLiteral("-o"),
                               QStringLiteral("/boot/grub2/grub.cfg")},
             QStringLiteral("writes grub.cfg with the new parameters")});
        return {};
    }
    if (params.isEmpty()) return {};
    return makeError(
        ErrorCode::NotFound,
        QStringLiteral("no GRUB, systemd-boot or kernelstub configuration found under "
                       "%1")
            .arg(host.dir()),
        QStringLiteral("add '%1' to the kernel command line by hand, then run 'vireoctl "
                       "host plan' again")
            .arg(params.join(QLatin1Char(' '))));
}

void planVfioBinding(HostPlan& plan, const HostRoot& host, const PassthroughReport& report) {
    QStringList rules = ownLines(host, kUdevRule);
    QStringList softdeps = ownLines(host, kSoftdeps);
    for (const auto& address : plan.devices) {
        rules << QStringLiteral("ACTION==\"add\", SUBSYSTEM==\"pci\", KERNEL==\"%1\", "
                                "ATTR{driver_override}=\"vfio-pci\"")
                     .arg(address);
        for (const auto& d : report.inventory.devices)
            if (d.address == address && !d.driver.isEmpty() &&
                d.driver != QLatin1String("vfio-pci"))
                softdeps << QStringLiteral("softdep %1 pre: vfio-pci").arg(d.driver);
    }
    addFile(plan, host, kUdevRule,
            withHeader(QStringLiteral("vfio-pci takes these devices (by address, not by "
                                      "vendor:device) before their own drivers."),
                       rules),
            QStringLiteral("vfio-pci for %1 only, by driver_override")
                .arg(plan.devices.join(QLatin1String(", "))));
    if (!softdeps.isEmpty()) {
        QStringList drivers = softdeps;
        drivers.replaceInStrings(QRegularExpression(QStringLiteral("^softdep (\\S+) .*")),
                                 QStringLiteral("\\1"));
        drivers.removeDuplicates();
        addFile(
            plan, host, kSoftdeps,
            withHeader(QStringLiteral("vfio-pci loads before the devices' own drivers."), softdeps),
            QStringLiteral("vfio-pci loads before %1").arg(drivers.join(QLatin1String(", "))));
    }

    if (host.exists(QStringLiteral("etc/initramfs-tools"))) {
        plan.initramfs = QStringLiteral("initramfs-tools");
        QString modules = QString::fromUtf8(host.readBytes(kInitramfsModules));
        bool changed = false;
        for (const auto& m : kVfioModules)
            if (!modules.split(QLatin1Char('\n')).contains(m)) {
                if (!modules.isEmpty() && !modules.endsWith(QLatin1Char('\n')))
                    modules += QLatin1Char('\n');
                modules += m + QLatin1Char('\n');
                changed = true;
            }
        if (changed)
            addFile(plan, host, kInitramfsModules, modules.toUtf8(),
                    QStringLiteral("the vfio modules in the initramfs"));
        addFile(plan, host, kInitramfsHook,
                QByteArrayLiteral(
                    "#!/bin/sh\n# Written by Vireo: puts its vfio udev rule into the "
                    "initramfs, where the GPU's driver would load first.\n"
                    "[ \"$1\" = prereqs ] && exit 0\n. /usr/share/initramfs-tools/hook-functions\n"
                    "mkdir -p \"$DESTDIR/etc/udev/rules.d\"\n"
                    "cp /etc/udev/rules.d/90-vireo-vfio.rules \"$DESTDIR/etc/udev/rules.d/\"\n"),
                QStringLiteral("the udev rule in the initramfs"));
        plan.commands.append({{QStringLiteral("update-initramfs"), QStringLiteral("-u"),
                               QStringLiteral("-k"), QStringLiteral("all")},
                              QStringLiteral("rebuilds the initramfs with vfio-pci and the rule")});
    } else if (host.exists(QStringLiteral("etc/dracut.conf.d")) ||
               host.exists(QStringLiteral("usr/bin/dracut"))) {
        plan.initramfs = QStringLiteral("dracut");
        addFile(
            plan, host, kDracutConf,
            QByteArrayLiteral("# Written by Vireo: vfio-pci and its udev rule in the initramfs.\n"
                              "force_drivers+=\" vfio vfio_iommu_type1 vfio_pci \"\n"
                              "install_items+=\" /etc/udev/rules.d/90-vireo-vfio.rules \"\n"),
            QStringLiteral("vfio-pci and the udev rule in the initramfs"));
        plan.commands.append(
            {{QStringLiteral("dracut"), QStringLiteral("-f"), QStringLiteral("--regenerate-all")},
             QStringLiteral("rebuilds the initramfs with vfio-pci and the rule")});
    }
}

} // namespace

static Result<DeviceVerdict> verdictForPlanning(const PassthroughReport& report,
                                                const QString& address) {
    if (report.iommu.enabled) return verdictFor(report, address);
    // With the IOMMU off every device is blocked for that reason alone, yet turning it on is
    // what the plan is for. Judge the device as if each card had a group of its own: the
    // host-critical and not-applicable rules still hold, and a card's functions go together.
    // The real groups show after the reboot ('host plan' again then).
    PassthroughReport hypothetical = report;
    hypothetical.inventory.iommuGroupsPresent = true;
    hypothetical.inventory.groups.clear();
    QMap<QString, int> slotGroup;
    for (auto& d : hypothetical.inventory.devices) {
        d.iommuGroup = slotGroup.value(d.slot(), int(slotGroup.size()));
        slotGroup.insert(d.slot(), d.iommuGroup);
        hypothetical.inventory.groups[d.iommuGroup].append(d.address);
    }
    hypothetical.verdicts = decideVerdicts(hypothetical.inventory, hypothetical.facts);
    return verdictFor(hypothetical, address);
}

Result<QStringList> devicesToPass(const PassthroughReport& report, const QString& address,
                                  bool iommuMustWork) {
    if (iommuMustWork && !report.iommu.enabled)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the IOMMU is off: vfio-pci cannot take %1").arg(address),
                         QStringLiteral("'vireoctl host plan --device %1' shows the boot changes "
                                        "that turn it on")
                             .arg(address));
    auto verdict = verdictForPlanning(report, address);
    if (!verdict) return verdict.error();
    switch (verdict->verdict) {
    case Verdict::HostCritical:
    case Verdict::Blocked:
    case Verdict::NotApplicable: {
        const VerdictReason* r = nullptr;
        for (const auto& reason : verdict->reasons)
            if (reason.severity == ReasonSeverity::Blocker && !r) r = &reason;
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is %2: Vireo never gives it to a VM%3")
                             .arg(address, verdictName(verdict->verdict),
                                  r ? QStringLiteral(" (%1)").arg(r->message) : QString()),
                         r && !r->fix.isEmpty() ? r->fix
                                                : QStringLiteral("pick another device; see "
                                                                 "'vireoctl host passthrough'"));
    }
    default:
        break;
    }
    QStringList all = QStringList{address} + verdict->together;
    all.removeDuplicates();
    return all;
}

Result<QStringList> devicesToPass(const HostRoot& host, const QString& address,
                                  bool iommuMustWork) {
    auto report = scanPassthrough(host);
    if (!report) return report.error();
    return devicesToPass(*report, address, iommuMustWork);
}

Result<HostPlan> planHostChanges(const HostRoot& host, const QString& address) {
    auto report = scanPassthrough(host);
    if (!report) return report.error();
    auto devices = devicesToPass(*report, address, false);
    if (!devices) return devices.error();
    HostPlan plan;
    plan.devices = *devices;
    const bool intel =
        report->iommu.vendor == QLatin1String("intel") ||
        host.readText(QStringLiteral("proc/cpuinfo")).contains(QLatin1String("GenuineIntel"));
    VIREO_TRY(planCmdline(plan, host, missingParams(report->iommu, kernelCmdline(host), intel)));
    planVfioBinding(plan, host, *report);
    if (!plan.addedParams.isEmpty()) {
        plan.rebootNeeded = true;
        plan.rebootWhy = QStringLiteral("the kernel reads %1 only at boot")
                             .arg(plan.addedParams.join(QLatin1Char(' ')));
    } else if (!plan.rebootNeeded) {
        plan.rebootWhy = QStringLiteral("no reboot needed now: 'vireoctl host detach --device "
                                        "%1' hands the device to vfio-pci at once; the files make "
                                        "it stay so after a reboot")
                             .arg(address);
    }
    return plan;
}

} // namespace vireo
