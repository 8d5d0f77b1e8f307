// firewall: will the host's firewall pass the traffic of Vireo's networks.
#include "core/ProcessRunner.h"
#include "doctor/Doctor.h"
#include "doctor/FirewallRules.h"

#include <unistd.h>

namespace vireo {

namespace {

const QString kCaptureNft = QStringLiteral("vireo-capture/nft-ruleset.txt");
const QString kCaptureLegacy = QStringLiteral("vireo-capture/iptables-legacy.txt");

QString sourceName(ForwardBlock::Source s) {
    switch (s) {
    case ForwardBlock::Source::IptablesNft:
        return QStringLiteral("iptables (nf_tables)");
    case ForwardBlock::Source::IptablesLegacy:
        return QStringLiteral("iptables-legacy");
    case ForwardBlock::Source::Nftables:
        return QStringLiteral("nftables");
    }
    return {};
}

Result<QString> toolOutput(const QStringList& argv) {
    auto r = runProcessAllowFailure({argv, 5000, {}, nullptr});
    if (!r) return r.error();
    if (r->exitCode != 0)
        return makeError(
            ErrorCode::Io,
            QStringLiteral("%1 failed: %2").arg(argv.first(), lastLine(r->stderrData)));
    return QString::fromLocal8Bit(r->stdoutData);
}

} // namespace

FirewallDump readFirewall(const HostRoot& host) {
    FirewallDump d;
    if (!host.isRealHost()) {
        if (!host.exists(kCaptureNft)) {
            d.unreadableReason =
                QStringLiteral("the host tree holds no firewall capture (%1)").arg(kCaptureNft);
            return d;
        }
        d.readable = true;
        d.nftRuleset = host.readText(kCaptureNft);
        d.legacyIptables = host.readText(kCaptureLegacy);
        return d;
    }
    if (::geteuid() != 0) {
        d.unreadableReason = QStringLiteral("reading the firewall's rules needs root");
        return d;
    }
    auto nft =
        toolOutput({QStringLiteral("nft"), QStringLiteral("list"), QStringLiteral("ruleset")});
    if (!nft) {
        d.unreadableReason = nft.error().message;
        return d;
    }
    d.readable = true;
    d.nftRuleset = *nft;
    // Listing legacy tables would load ip_tables; only read them when they already exist.
    if (host.readText(QStringLiteral("proc/net/ip_tables_names"))
            .split(QLatin1Char('\n'))
            .contains(QStringLiteral("filter"))) {
        auto legacy = toolOutput({QStringLiteral("iptables-legacy-save"), QStringLiteral("-t"),
                                  QStringLiteral("filter")});
        if (legacy) d.legacyIptables = *legacy;
    }
    return d;
}

DoctorCheck firewallCheck(const DoctorContext& c) {
    const QString id = QStringLiteral("firewall");
    if (!c.firewall.readable)
        return {id, CheckLevel::Warn,
                QStringLiteral("could not read the firewall (%1)").arg(c.firewall.unreadableReason),
                QStringLiteral("run 'sudo vireoctl doctor' to check it")};
    const FirewallFindings f = analyzeFirewall(c.firewall.nftRuleset, c.firewall.legacyIptables);
    const bool bridgeNf =
        c.host.readText(QStringLiteral("proc/sys/net/bridge/bridge-nf-call-iptables")) ==
        QLatin1String("1");
    if (!f.blocks.isEmpty()) {
        const ForwardBlock& b = f.blocks.first();
        QString who = f.docker ? QStringLiteral(" (Docker's)")
                      : f.ufw  ? QStringLiteral(" (ufw's)")
                               : QString();
        QString message =
            QStringLiteral("%1 chain %2 in table %3%4 drops forwarded traffic and accepts "
                           "nothing of Vireo's bridges: NAT and host-only networks will pass no "
                           "traffic")
                .arg(sourceName(b.source), b.chain, b.table, who);
        if (bridgeNf)
            message += QStringLiteral(", and with br_netfilter on, neither will guests on one "
                                      "bridge");
        QString fix = forwardBlockFix(b);
        for (int i = 1; i < f.blocks.size(); ++i)
            fix += QStringLiteral(" && ") + forwardBlockFix(f.blocks.at(i));
        if (f.ufw)
            fix += QStringLiteral(" (with ufw: set DEFAULT_FORWARD_POLICY=\"ACCEPT\" in "
                                  "/etc/default/ufw, then sudo ufw reload)");
        return {id, CheckLevel::Fail, message, fix};
    }
    if (f.firewalld)
        return {
            id, CheckLevel::Warn,
            QStringLiteral("firewalld rejects forwarded traffic of interfaces outside its "
                           "zones: Vireo's bridges need a zone"),
            QStringLiteral("sudo firewall-cmd --permanent --zone=trusted --add-interface=BRIDGE "
                           "for each bridge 'vireoctl network list' shows, then sudo "
                           "firewall-cmd --reload")};
    return {id,
            CheckLevel::Pass,
            QStringLiteral("%1%2: nothing drops the forwarded traffic of Vireo's bridges")
                .arg(f.legacyTables ? QStringLiteral("nftables and iptables-legacy")
                                    : QStringLiteral("nftables"),
                     f.docker ? QStringLiteral(" (Docker's rules let them through)") : QString()),
            {}};
}

} // namespace vireo
