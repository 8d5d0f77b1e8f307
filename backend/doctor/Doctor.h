#pragma once

#include "passthrough/HostRoot.h"
#include "passthrough/ReadinessChecks.h"

#include <QList>
#include <QString>
#include <functional>

namespace vireo {

// One line of `vireoctl doctor`: what Vireo needs from this host, and the fix when it lacks it.
struct DoctorCheck {
    QString id; // stable, part of the JSON contract: "kvm", "qemu", "firewall", ...
    CheckLevel status = CheckLevel::Pass;
    QString message;
    QString fix; // empty on pass
};

// Whose rights the checks judge (/dev/kvm, user namespaces): the user running the doctor,
// or one a test names.
struct DoctorUser {
    uint uid = 0;
    QString name;
    QList<uint> groups; // the process's supplementary and primary groups
    static DoctorUser current();
};

// Firewall rules as text, read from the running host (nft, iptables-legacy-save) or from a
// captured tree (vireo-capture/nft-ruleset.txt, vireo-capture/iptables-legacy.txt).
struct FirewallDump {
    bool readable = false; // false: not root, or the tree has no capture
    QString unreadableReason;
    QString nftRuleset;     // `nft list ruleset` (iptables-nft rules show here too)
    QString legacyIptables; // `iptables-legacy-save -t filter`, empty when no legacy table
};

struct DoctorContext {
    HostRoot host;      // "/" or a captured tree (--host-root)
    QString libraryDir; // where VMs, disks and sandboxes live
    DoctorUser user;
    // Whether KVM is judged by really running a probe guest (cached); a tree is judged by
    // its files only.
    bool realKvmProbe = true;
    FirewallDump firewall;

    // The caller's rights, the real KVM probe, and the firewall read from `host`.
    static DoctorContext forHost(HostRoot host, QString libraryDir);
};

// Reads the firewall of the host the context names (runs nft and iptables-legacy-save only
// on the real host, as root).
FirewallDump readFirewall(const HostRoot& host);

// A program or firmware file a tool check looks for, and the package that brings it.
struct DoctorTool {
    QString id;
    QStringList paths; // in-root paths; the first that exists counts
    QString package;
    CheckLevel whenMissing = CheckLevel::Warn;
    QString needed; // what does not work without it
};
const QList<DoctorTool>& doctorTools();
// One package's stanza of dpkg's status file (empty when the package is not in it).
QByteArray dpkgStanza(const QByteArray& status, const QString& package);

// Writes what the checks read into a capture tree: (in-root path, content, mode or -1,
// group id or -1). /dev/kvm's group is part of what the kvm-permissions check judges.
using CaptureWriter = std::function<void(const QString&, const QByteArray&, int, int)>;
void captureDoctorFacts(const HostRoot& host, const CaptureWriter& write);

// Every check, in the order a user fixes them.
QList<DoctorCheck> runDoctor(const DoctorContext& context);

// The checks, one per file by subject; each returns one or more DoctorCheck.
QList<DoctorCheck> kvmChecks(const DoctorContext& context);  // kvm, kvm-permissions, ...
QList<DoctorCheck> toolChecks(const DoctorContext& context); // qemu, ovmf, swtpm, ...
DoctorCheck firewallCheck(const DoctorContext& context);
DoctorCheck cgroupsCheck(const DoctorContext& context);
DoctorCheck usernsCheck(const DoctorContext& context);
DoctorCheck librarySpaceCheck(const DoctorContext& context);
DoctorCheck iommuCheck(const DoctorContext& context);

} // namespace vireo
