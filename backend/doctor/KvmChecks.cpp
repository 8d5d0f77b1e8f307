// kvm, kvm-permissions, other-hypervisor, nested: can VMs use the CPU's virtualization.
#include "doctor/Doctor.h"
#include "qemu/AccelProbe.h"

#include <QFileInfo>

#include <sys/stat.h>

namespace vireo {

namespace {

struct GroupEntry {
    QString name;
    uint gid = 0;
    QStringList members;
};

// etc/group of the host (the tree's own one for a captured host).
QList<GroupEntry> readGroups(const HostRoot& host) {
    QList<GroupEntry> groups;
    for (const auto& line : host.readText(QStringLiteral("etc/group")).split(QLatin1Char('\n'))) {
        const QStringList f = line.split(QLatin1Char(':'));
        if (f.size() < 4) continue;
        groups.append({f[0], f[2].toUInt(), f[3].split(QLatin1Char(','), Qt::SkipEmptyParts)});
    }
    return groups;
}

QString cpuVendorFlag(const HostRoot& host) {
    const QString info = host.readText(QStringLiteral("proc/cpuinfo"));
    if (info.contains(QLatin1String(" vmx"))) return QStringLiteral("vmx");
    if (info.contains(QLatin1String(" svm"))) return QStringLiteral("svm");
    return {};
}

bool moduleLoaded(const HostRoot& host, const QString& name) {
    if (host.exists(QStringLiteral("sys/module/") + name)) return true;
    const QString modules = host.readText(QStringLiteral("proc/modules"));
    return modules.startsWith(name + QLatin1Char(' ')) ||
           modules.contains(QLatin1Char('\n') + name + QLatin1Char(' '));
}

// VirtualBox's and VMware's drivers take VT-x for themselves; with them loaded KVM
// fails to start guests (or they do).
QStringList otherHypervisors(const HostRoot& host) {
    QStringList found;
    if (moduleLoaded(host, QStringLiteral("vboxdrv"))) found << QStringLiteral("VirtualBox");
    if (moduleLoaded(host, QStringLiteral("vmmon"))) found << QStringLiteral("VMware");
    return found;
}

DoctorCheck kvmUsable(const DoctorContext& c) {
    const QString flag = cpuVendorFlag(c.host);
    const bool pvm = moduleLoaded(c.host, QStringLiteral("kvm_pvm"));
    const QStringList others = otherHypervisors(c.host);
    const QString module =
        flag == QLatin1String("svm") ? QStringLiteral("kvm_amd") : QStringLiteral("kvm_intel");
    QString fix;
    if (pvm)
        fix = QStringLiteral("nothing to fix on this host: its KVM is the paravirtual kvm_pvm "
                             "backend, on which guests do not run; VMs run under TCG");
    else if (flag.isEmpty())
        fix = QStringLiteral("enable Intel VT-x or AMD-V (SVM) in the firmware setup; inside a "
                             "VM, enable nested virtualization on its host");
    else if (!others.isEmpty())
        fix = QStringLiteral("quit %1 and unload its driver (sudo modprobe -r vboxdrv vmmon)")
                  .arg(others.join(QLatin1String(" and ")));
    else
        fix = QStringLiteral("load the KVM module: sudo modprobe %1").arg(module);

    if (c.realKvmProbe && c.host.isRealHost()) {
        const AccelChoice accel = chooseAccelerator();
        if (accel.accel == QLatin1String("kvm"))
            return {QStringLiteral("kvm"),
                    CheckLevel::Pass,
                    QStringLiteral("KVM runs guests (probed%1)")
                        .arg(accel.fromCache ? QStringLiteral(", cached") : QString()),
                    {}};
        return {QStringLiteral("kvm"), CheckLevel::Warn, accel.reason, fix};
    }
    // A captured tree cannot run a guest: judge by its files.
    if (!flag.isEmpty() && !pvm && c.host.exists(QStringLiteral("dev/kvm")))
        return {QStringLiteral("kvm"),
                CheckLevel::Pass,
                QStringLiteral("the CPU has %1 and /dev/kvm exists (not probed: a host tree)")
                    .arg(flag),
                {}};
    const QString why = pvm ? QStringLiteral("/dev/kvm is the paravirtual kvm_pvm backend")
                        : flag.isEmpty() ? QStringLiteral("the CPU shows no vmx/svm flags")
                                         : QStringLiteral("/dev/kvm does not exist");
    return {
        QStringLiteral("kvm"), CheckLevel::Warn,
        QStringLiteral("KVM is not usable (%1): VMs run under TCG, 10-50 times slower").arg(why),
        fix};
}

DoctorCheck kvmPermissions(const DoctorContext& c) {
    const QString id = QStringLiteral("kvm-permissions");
    const QString path = c.host.resolve(QStringLiteral("dev/kvm"));
    struct stat st {};
    if (path.isEmpty() || ::stat(QFile::encodeName(c.host.absolute(path)).constData(), &st) != 0)
        return {
            id, CheckLevel::Pass, QStringLiteral("no /dev/kvm to open (see the kvm check)"), {}};
    const QList<GroupEntry> groups = readGroups(c.host);
    QString groupName = QString::number(st.st_gid);
    QStringList groupMembers;
    for (const auto& g : groups)
        if (g.gid == st.st_gid) {
            groupName = g.name;
            groupMembers = g.members;
        }
    const QString mode = QStringLiteral("mode %1, group %2")
                             .arg(st.st_mode & 07777, 4, 8, QLatin1Char('0'))
                             .arg(groupName);
    const QString udevFix = QStringLiteral(
        "sudo chgrp kvm /dev/kvm && sudo chmod 0660 /dev/kvm; to keep it, add the udev rule "
        "KERNEL==\"kvm\", GROUP=\"kvm\", MODE=\"0660\" to /etc/udev/rules.d/65-kvm.rules");
    const bool otherRw = (st.st_mode & 0006) == 0006;
    const bool groupRw = (st.st_mode & 0060) == 0060;
    if (otherRw)
        return {id,
                CheckLevel::Pass,
                QStringLiteral("/dev/kvm (%1) is open to every user").arg(mode),
                {}};
    if (c.user.uid == 0) {
        if (groupRw)
            return {
                id,
                CheckLevel::Pass,
                QStringLiteral("/dev/kvm (%1): root and group %2 can use it").arg(mode, groupName),
                {}};
        return {id, CheckLevel::Warn,
                QStringLiteral("/dev/kvm (%1): only root can use it, not desktop users").arg(mode),
                udevFix};
    }
    if (!groupRw)
        return {id, CheckLevel::Fail,
                QStringLiteral("/dev/kvm (%1): %2 cannot open it").arg(mode, c.user.name), udevFix};
    if (c.user.groups.contains(st.st_gid) || st.st_uid == c.user.uid)
        return {id,
                CheckLevel::Pass,
                QStringLiteral("/dev/kvm (%1): %2 can use it").arg(mode, c.user.name),
                {}};
    if (groupMembers.contains(c.user.name))
        return {id, CheckLevel::Fail,
                QStringLiteral("%1 was added to group %2 after logging in: this session cannot "
                               "open /dev/kvm yet")
                    .arg(c.user.name, groupName),
                QStringLiteral("log out and back in (or run: newgrp %1)").arg(groupName)};
    return {
        id, CheckLevel::Fail,
        QStringLiteral("/dev/kvm (%1): %2 is not in group %3").arg(mode, c.user.name, groupName),
        QStringLiteral("sudo usermod -aG %1 %2, then log out and back in")
            .arg(groupName, c.user.name)};
}

DoctorCheck otherHypervisorCheck(const DoctorContext& c) {
    const QStringList others = otherHypervisors(c.host);
    if (others.isEmpty())
        return {QStringLiteral("other-hypervisor"),
                CheckLevel::Pass,
                QStringLiteral("no VirtualBox or VMware driver holds the CPU's virtualization"),
                {}};
    return {QStringLiteral("other-hypervisor"), CheckLevel::Warn,
            QStringLiteral("%1's driver is loaded: it and KVM cannot run guests at once")
                .arg(others.join(QLatin1String(" and "))),
            QStringLiteral("quit %1 and unload its driver (sudo modprobe -r vboxdrv vmmon)")
                .arg(others.join(QLatin1String(" and ")))};
}

DoctorCheck nestedCheck(const DoctorContext& c) {
    const QString id = QStringLiteral("nested");
    for (const char* module : {"kvm_intel", "kvm_amd"}) {
        const QString param =
            QStringLiteral("sys/module/%1/parameters/nested").arg(QLatin1String(module));
        if (!c.host.exists(param)) continue;
        const QString v = c.host.readText(param);
        if (v == QLatin1String("Y") || v == QLatin1String("1"))
            return {id,
                    CheckLevel::Pass,
                    QStringLiteral("nested virtualization is on: guests can run KVM themselves"),
                    {}};
        return {id, CheckLevel::Warn,
                QStringLiteral("nested virtualization is off: guests cannot run KVM themselves"),
                QStringLiteral("echo 'options %1 nested=1' | sudo tee /etc/modprobe.d/%1.conf, "
                               "then reload %1 with no VM running")
                    .arg(QLatin1String(module))};
    }
    return {id,
            CheckLevel::Pass,
            QStringLiteral("no kvm_intel or kvm_amd module: nested virtualization does not "
                           "apply"),
            {}};
}

} // namespace

QList<DoctorCheck> kvmChecks(const DoctorContext& context) {
    return {kvmUsable(context), kvmPermissions(context), otherHypervisorCheck(context),
            nestedCheck(context)};
}

} // namespace vireo
