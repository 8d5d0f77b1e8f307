// qemu, qemu-img, ovmf, swtpm, virtiofsd, passt, dnsmasq, nftables: the programs and
// firmware Vireo runs, found where Debian installs them, with their package's version.
#include "doctor/Doctor.h"

#include <QHash>
#include <QRegularExpression>

namespace vireo {

namespace {

// Package -> version from dpkg's status file: reading it is ~100 times cheaper than
// starting `qemu-system-x86_64 --version`, and works for a captured tree too.
QHash<QString, QString> installedVersions(const HostRoot& host, const QSet<QString>& wanted) {
    QHash<QString, QString> versions;
    const QByteArray status = host.readBytes(QStringLiteral("var/lib/dpkg/status"));
    for (const auto& package : wanted) {
        const QByteArray stanza = dpkgStanza(status, package);
        if (!stanza.contains(" installed\n")) continue;
        const qsizetype v = stanza.indexOf("\nVersion: ");
        if (v < 0) continue;
        const qsizetype eol = stanza.indexOf('\n', v + 1);
        versions.insert(package,
                        QString::fromLatin1(stanza.mid(v + 10, eol < 0 ? -1 : eol - v - 10)));
    }
    return versions;
}

// "1:7.2+dfsg-7+deb12u13" -> 7.2 as {7, 2}.
std::pair<int, int> upstreamVersion(const QString& debianVersion) {
    static const QRegularExpression re(QStringLiteral("^(?:\\d+:)?(\\d+)\\.(\\d+)"));
    const auto m = re.match(debianVersion);
    if (!m.hasMatch()) return {0, 0};
    return {m.captured(1).toInt(), m.captured(2).toInt()};
}

} // namespace

QByteArray dpkgStanza(const QByteArray& status, const QString& package) {
    // The file holds thousands of stanzas: jump to the wanted one instead of splitting it.
    const QByteArray key = "Package: " + package.toLatin1() + '\n';
    qsizetype at = status.startsWith(key) ? 0 : status.indexOf('\n' + key);
    if (at < 0) return {};
    if (at > 0) ++at; // past the newline before it
    const qsizetype end = status.indexOf("\n\n", at);
    return status.mid(at, end < 0 ? -1 : end - at);
}

const QList<DoctorTool>& doctorTools() {
    static const QList<DoctorTool> list{
        {QStringLiteral("qemu"),
         {QStringLiteral("usr/bin/qemu-system-x86_64")},
         QStringLiteral("qemu-system-x86"),
         CheckLevel::Fail,
         QStringLiteral("no VM can start")},
        {QStringLiteral("qemu-img"),
         {QStringLiteral("usr/bin/qemu-img")},
         QStringLiteral("qemu-utils"),
         CheckLevel::Fail,
         QStringLiteral("disks, snapshots and clones cannot be made")},
        {QStringLiteral("ovmf"),
         {QStringLiteral("usr/share/OVMF/OVMF_CODE_4M.fd"),
          QStringLiteral("usr/share/OVMF/OVMF_CODE.fd")},
         QStringLiteral("ovmf"),
         CheckLevel::Warn,
         QStringLiteral("UEFI VMs (Windows 11, Secure Boot) cannot start")},
        {QStringLiteral("swtpm"),
         {QStringLiteral("usr/bin/swtpm")},
         QStringLiteral("swtpm"),
         CheckLevel::Warn,
         QStringLiteral("VMs with a TPM (Windows 11, disk encryption) cannot start")},
        {QStringLiteral("virtiofsd"),
         {QStringLiteral("usr/lib/qemu/virtiofsd"), QStringLiteral("usr/libexec/virtiofsd"),
          QStringLiteral("usr/bin/virtiofsd")},
         QStringLiteral("qemu-system-common"),
         CheckLevel::Warn,
         QStringLiteral("shared folders cannot be used")},
        {QStringLiteral("passt"),
         {QStringLiteral("usr/bin/passt")},
         QStringLiteral("passt"),
         CheckLevel::Warn,
         QStringLiteral("sandboxes get no NAT network")},
        {QStringLiteral("dnsmasq"),
         {QStringLiteral("usr/sbin/dnsmasq")},
         QStringLiteral("dnsmasq-base"),
         CheckLevel::Warn,
         QStringLiteral("named networks give no DHCP or DNS")},
        {QStringLiteral("nftables"),
         {QStringLiteral("usr/sbin/nft")},
         QStringLiteral("nftables"),
         CheckLevel::Warn,
         QStringLiteral("NAT networks and port forwards cannot start")},
    };
    return list;
}

QList<DoctorCheck> toolChecks(const DoctorContext& c) {
    QSet<QString> packages;
    for (const auto& t : doctorTools())
        packages.insert(t.package);
    const QHash<QString, QString> versions = installedVersions(c.host, packages);
    QList<DoctorCheck> checks;
    for (const auto& t : doctorTools()) {
        const QString& id = t.id;
        QString found;
        for (const auto& p : t.paths)
            if (c.host.exists(p)) {
                found = p;
                break;
            }
        if (found.isEmpty()) {
            checks.append(
                {id, t.whenMissing,
                 QStringLiteral("%1 is missing (/%2): %3").arg(id, t.paths.first(), t.needed),
                 QStringLiteral("sudo apt install %1").arg(t.package)});
            continue;
        }
        const QString version = versions.value(t.package);
        const QString from = version.isEmpty() ? QStringLiteral("not from a Debian package")
                                               : QStringLiteral("%1 %2").arg(t.package, version);
        if (id == QLatin1String("qemu") && !version.isEmpty() &&
            upstreamVersion(version) < std::pair{7, 2}) {
            checks.append({id, CheckLevel::Warn,
                           QStringLiteral("/%1 (%2) is older than QEMU 7.2, the oldest Vireo "
                                          "builds command lines for")
                               .arg(found, from),
                           QStringLiteral("upgrade to Debian 12's qemu-system-x86 (7.2) or "
                                          "newer")});
            continue;
        }
        checks.append({id, CheckLevel::Pass, QStringLiteral("/%1 (%2)").arg(found, from), {}});
    }
    return checks;
}

} // namespace vireo
