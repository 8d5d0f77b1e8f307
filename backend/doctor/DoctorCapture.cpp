// What `vireoctl host capture` adds to a tree so that `vireoctl doctor --host-root` judges
// it as the doctor judged the host: the files the checks read, and stand-ins for what they
// cannot read from a tree (the firewall's rules, /dev/kvm's mode and group).
#include "doctor/Doctor.h"
#include "sandbox/runtime/CgroupLayout.h"

#include <QFile>

#include <sys/stat.h>

namespace vireo {

namespace {

const char* const kCopiedFiles[] = {
    "proc/self/mountinfo",
    "proc/self/cgroup",
    "proc/sys/user/max_user_namespaces",
    "proc/sys/kernel/unprivileged_userns_clone",
    "proc/sys/kernel/apparmor_restrict_unprivileged_userns",
    "proc/sys/net/bridge/bridge-nf-call-iptables",
    "proc/net/ip_tables_names",
    "sys/module/kvm_intel/parameters/nested",
    "sys/module/kvm_amd/parameters/nested",
};

// The stanzas of the packages the tool checks name, without the rest of dpkg's database.
QByteArray dpkgStanzas(const HostRoot& host, const QStringList& packages) {
    const QByteArray status = host.readBytes(QStringLiteral("var/lib/dpkg/status"));
    QByteArray out;
    for (const auto& package : packages) {
        const QByteArray stanza = dpkgStanza(status, package);
        if (stanza.isEmpty()) continue;
        for (const QByteArray& line : stanza.split('\n'))
            if (line.startsWith("Package: ") || line.startsWith("Status: ") ||
                line.startsWith("Version: "))
                out += line + '\n';
        out += '\n';
    }
    return out;
}

} // namespace

void captureDoctorFacts(const HostRoot& host, const CaptureWriter& write) {
    // Every file but /dev/kvm keeps the mode and group the capture gives it.
    const auto copy = [&write](const QString& path, const QByteArray& data) {
        write(path, data, -1, -1);
    };
    for (const char* f : kCopiedFiles)
        if (host.exists(QLatin1String(f))) copy(QLatin1String(f), host.readBytes(QLatin1String(f)));
    for (const char* m : {"kvm_pvm", "vboxdrv", "vmmon"})
        if (host.exists(QStringLiteral("sys/module/") + QLatin1String(m)))
            copy(QStringLiteral("sys/module/%1/.present").arg(QLatin1String(m)), {});
    const CgroupLayout layout =
        parseCgroupLayout(host.readBytes(QStringLiteral("proc/self/mountinfo")).toStdString(),
                          host.readBytes(QStringLiteral("proc/self/cgroup")).toStdString(), {});
    if (!layout.v2Mount.empty()) {
        const QString controllers =
            QString::fromStdString(layout.v2Mount).mid(1) + QStringLiteral("/cgroup.controllers");
        copy(controllers, host.readBytes(controllers));
    }
    // /dev/kvm: its mode and group, and the group's name (not the group's members).
    const QString kvm = host.resolve(QStringLiteral("dev/kvm"));
    struct stat st {};
    if (!kvm.isEmpty() && ::stat(QFile::encodeName(host.absolute(kvm)).constData(), &st) == 0) {
        write(QStringLiteral("dev/kvm"), {}, int(st.st_mode & 07777), int(st.st_gid));
        for (const auto& line : host.readText(QStringLiteral("etc/group")).split(QLatin1Char('\n')))
            if (line.section(QLatin1Char(':'), 2, 2) == QString::number(st.st_gid))
                copy(QStringLiteral("etc/group"),
                     (line.section(QLatin1Char(':'), 0, 2) + QStringLiteral(":\n")).toUtf8());
    }
    const QList<DoctorTool> tools = doctorTools();
    QStringList packages;
    for (const auto& t : tools) {
        packages << t.package;
        for (const auto& p : t.paths)
            if (host.exists(p)) copy(p, {});
    }
    copy(QStringLiteral("var/lib/dpkg/status"), dpkgStanzas(host, packages));
    const FirewallDump fw = readFirewall(host);
    if (fw.readable) {
        copy(QStringLiteral("vireo-capture/nft-ruleset.txt"), fw.nftRuleset.toUtf8());
        if (!fw.legacyIptables.isEmpty())
            copy(QStringLiteral("vireo-capture/iptables-legacy.txt"), fw.legacyIptables.toUtf8());
    }
}

} // namespace vireo
