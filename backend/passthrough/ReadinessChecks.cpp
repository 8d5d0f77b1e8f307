#include "passthrough/ReadinessChecks.h"

namespace vireo {

namespace {

const QString kTables = QStringLiteral("sys/firmware/acpi/tables/");
const QString kUnsafeParam =
    QStringLiteral("sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts");

bool hasWord(const QStringList& words, const QString& word) {
    return words.contains(word);
}

bool hasPrefix(const QStringList& words, const QString& prefix) {
    for (const auto& w : words)
        if (w.startsWith(prefix)) return true;
    return false;
}

// The first processor's flags: every core of one host shares them.
QStringList cpuFlags(const HostRoot& host, QString* vendor) {
    const QStringList lines =
        host.readText(QStringLiteral("proc/cpuinfo")).split(QLatin1Char('\n'));
    QStringList flags;
    for (const auto& line : lines) {
        const QString key = line.section(QLatin1Char(':'), 0, 0).trimmed();
        const QString value = line.section(QLatin1Char(':'), 1).trimmed();
        if (key == QLatin1String("vendor_id") && vendor && vendor->isEmpty()) *vendor = value;
        if (key == QLatin1String("flags") && flags.isEmpty())
            flags = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    return flags;
}

ReadinessCheck pass(const char* id, const QString& message) {
    return {QLatin1String(id), CheckLevel::Pass, message, {}};
}
ReadinessCheck warn(const char* id, const QString& message, const QString& fix) {
    return {QLatin1String(id), CheckLevel::Warn, message, fix};
}
ReadinessCheck fail(const char* id, const QString& message, const QString& fix) {
    return {QLatin1String(id), CheckLevel::Fail, message, fix};
}

bool moduleLoaded(const HostRoot& host, const QString& name, const QString& procModules) {
    // Built-in modules with parameters also show in sys/module; loaded ones in both.
    return host.exists(QStringLiteral("sys/module/") + name) ||
           procModules.contains(QLatin1Char('\n') + name + QLatin1Char(' ')) ||
           procModules.startsWith(name + QLatin1Char(' '));
}

} // namespace

QString checkLevelName(CheckLevel level) {
    switch (level) {
    case CheckLevel::Pass:
        return QStringLiteral("pass");
    case CheckLevel::Warn:
        return QStringLiteral("warn");
    case CheckLevel::Fail:
        return QStringLiteral("fail");
    }
    return {};
}

QStringList kernelCmdline(const HostRoot& host) {
    return host.readText(QStringLiteral("proc/cmdline"))
        .split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

IommuStatus readIommuStatus(const HostRoot& host) {
    IommuStatus s;
    const QStringList cmdline = kernelCmdline(host);
    for (const auto& g : host.list(QStringLiteral("sys/kernel/iommu_groups"))) {
        bool ok = false;
        g.toInt(&ok);
        if (ok) ++s.groupCount;
    }
    s.enabled = s.groupCount > 0;
    const bool dmar = host.exists(kTables + QStringLiteral("DMAR"));
    const bool ivrs = host.exists(kTables + QStringLiteral("IVRS"));
    s.firmwareTable = dmar || ivrs;
    if (dmar) s.vendor = QStringLiteral("intel");
    if (ivrs) s.vendor = QStringLiteral("amd");
    if (s.vendor.isEmpty() && s.enabled) {
        // No table in the tree (captures may omit it): the CPU vendor tells the IOMMU's.
        QString cpuVendor;
        cpuFlags(host, &cpuVendor);
        if (cpuVendor == QLatin1String("GenuineIntel")) s.vendor = QStringLiteral("intel");
        if (cpuVendor == QLatin1String("AuthenticAMD")) s.vendor = QStringLiteral("amd");
    }
    s.passthroughMode = hasWord(cmdline, QStringLiteral("iommu=pt"));
    s.acsOverride = hasPrefix(cmdline, QStringLiteral("pcie_acs_override="));
    s.unsafeInterrupts =
        hasWord(cmdline, QStringLiteral("vfio_iommu_type1.allow_unsafe_interrupts=1")) ||
        host.readText(kUnsafeParam) == QLatin1String("Y");
    // Remapped interrupts show as IR-PCI-MSI / IR-IO-APIC chips in proc/interrupts.
    const QString interrupts = host.readText(QStringLiteral("proc/interrupts"));
    if (hasWord(cmdline, QStringLiteral("intremap=off")) ||
        hasWord(cmdline, QStringLiteral("nointremap")))
        s.interruptRemapping = QStringLiteral("off");
    else if (interrupts.contains(QLatin1String("IR-")))
        s.interruptRemapping = QStringLiteral("on");
    else if (!interrupts.isEmpty())
        s.interruptRemapping = QStringLiteral("off");
    else
        s.interruptRemapping = QStringLiteral("unknown");
    return s;
}

Result<QList<ReadinessCheck>> runReadinessChecks(const HostRoot& host) {
    QList<ReadinessCheck> checks;
    QString cpuVendor;
    const QStringList flags = cpuFlags(host, &cpuVendor);
    const bool amdCpu = cpuVendor == QLatin1String("AuthenticAMD");
    const QString virtName = amdCpu ? QStringLiteral("AMD-V (SVM)") : QStringLiteral("VT-x");
    const QString iommuName = amdCpu ? QStringLiteral("AMD-Vi (IOMMU)") : QStringLiteral("VT-d");
    const IommuStatus iommu = readIommuStatus(host);

    if (flags.contains(QLatin1String("vmx")))
        checks.append(pass("cpu-virt", QStringLiteral("the CPU offers Intel VT-x (vmx)")));
    else if (flags.contains(QLatin1String("svm")))
        checks.append(pass("cpu-virt", QStringLiteral("the CPU offers AMD-V (svm)")));
    else
        checks.append(fail("cpu-virt",
                           QStringLiteral("the CPU shows no vmx/svm flag: hardware "
                                          "virtualization is off or missing"),
                           QStringLiteral("enable %1 in the firmware setup").arg(virtName)));

    if (host.exists(QStringLiteral("dev/kvm")))
        checks.append(pass("kvm", QStringLiteral("/dev/kvm exists")));
    else
        checks.append(fail("kvm", QStringLiteral("/dev/kvm is missing: KVM is not loaded"),
                           amdCpu ? QStringLiteral("modprobe kvm_amd (and enable SVM in firmware)")
                                  : QStringLiteral("modprobe kvm_intel (and enable VT-x in "
                                                   "firmware)")));

    if (iommu.firmwareTable)
        checks.append(
            pass("firmware-iommu",
                 QStringLiteral("the firmware describes an IOMMU (%1 table)")
                     .arg(iommu.vendor == QLatin1String("amd") ? QStringLiteral("IVRS")
                                                               : QStringLiteral("DMAR"))));
    else if (iommu.enabled)
        checks.append(warn("firmware-iommu",
                           QStringLiteral("no DMAR/IVRS table is visible, but IOMMU groups "
                                          "exist (a capture without firmware tables?)"),
                           QStringLiteral("nothing to do if the groups below look right")));
    else
        checks.append(fail("firmware-iommu",
                           QStringLiteral("the firmware describes no IOMMU (no DMAR/IVRS table)"),
                           QStringLiteral("enable %1 in the firmware setup").arg(iommuName)));

    if (iommu.enabled)
        checks.append(
            pass("iommu-active",
                 QStringLiteral("the IOMMU is active: %1 IOMMU groups").arg(iommu.groupCount)));
    else
        checks.append(fail(
            "iommu-active", QStringLiteral("the kernel made no IOMMU groups: the IOMMU is off"),
            amdCpu ? QStringLiteral("enable AMD-Vi (IOMMU) in firmware; the kernel turns it on "
                                    "by itself (there is no amd_iommu=on)")
                   : QStringLiteral("enable VT-d in firmware and add intel_iommu=on to the "
                                    "kernel command line")));

    if (iommu.passthroughMode)
        checks.append(pass("iommu-pt", QStringLiteral("iommu=pt: host devices skip DMA "
                                                      "translation")));
    else
        checks.append(warn("iommu-pt",
                           QStringLiteral("iommu=pt is not set: every host device pays for DMA "
                                          "translation"),
                           QStringLiteral("add iommu=pt to the kernel command line")));

    if (iommu.interruptRemapping == QLatin1String("on") && !iommu.unsafeInterrupts)
        checks.append(
            pass("interrupt-remapping", QStringLiteral("interrupt remapping is on (IR-PCI-MSI)")));
    else if (iommu.unsafeInterrupts)
        checks.append(warn("interrupt-remapping",
                           QStringLiteral("vfio allow_unsafe_interrupts is on: a guest can "
                                          "forge interrupts to the host"),
                           QStringLiteral("enable interrupt remapping in firmware and drop "
                                          "allow_unsafe_interrupts")));
    else if (iommu.interruptRemapping == QLatin1String("off"))
        checks.append(fail("interrupt-remapping",
                           QStringLiteral("interrupt remapping is off: vfio refuses devices"),
                           QStringLiteral("enable it in firmware (x2APIC / IOMMU); as a last "
                                          "resort vfio_iommu_type1.allow_unsafe_interrupts=1")));
    else
        checks.append(warn("interrupt-remapping",
                           QStringLiteral("cannot tell whether interrupt remapping is on "
                                          "(no proc/interrupts)"),
                           QStringLiteral("look for IR-PCI-MSI in /proc/interrupts")));

    const QString procModules = host.readText(QStringLiteral("proc/modules"));
    QStringList missing;
    for (const char* m : {"vfio", "vfio_iommu_type1", "vfio_pci"})
        if (!moduleLoaded(host, QLatin1String(m), procModules)) missing.append(QLatin1String(m));
    if (missing.isEmpty())
        checks.append(pass("vfio", QStringLiteral("vfio, vfio_iommu_type1 and vfio_pci are "
                                                  "loaded")));
    else
        checks.append(warn("vfio",
                           QStringLiteral("not loaded: %1").arg(missing.join(QStringLiteral(", "))),
                           QStringLiteral("modprobe vfio-pci, and add it to the initramfs for "
                                          "devices bound at boot")));

    if (iommu.acsOverride)
        checks.append(warn("acs-override",
                           QStringLiteral("pcie_acs_override is on: IOMMU groups are split in "
                                          "software, devices can still reach each other"),
                           QStringLiteral("prefer a slot with real isolation (CPU lanes) and "
                                          "drop pcie_acs_override")));
    else
        checks.append(pass("acs-override", QStringLiteral("no ACS override: the groups are the "
                                                          "hardware's")));
    VIREO_TRY(host.status());
    return checks;
}

} // namespace vireo
