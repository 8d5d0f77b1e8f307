#pragma once

#include <QList>
#include <QString>

namespace vireo {

// A base chain on the forward hook whose policy drops, and which accepts nothing of
// Vireo's bridges (vibr*): the traffic of NAT and host-only networks dies there (Docker
// sets FORWARD to DROP; ufw's default forward policy is DROP).
struct ForwardBlock {
    enum class Source { IptablesNft, IptablesLegacy, Nftables };
    Source source = Source::Nftables;
    QString table;    // "ip filter"
    QString chain;    // "FORWARD"
    QString userHook; // "DOCKER-USER" when the chain jumps to it: rules survive Docker there
};

struct FirewallFindings {
    QList<ForwardBlock> blocks;
    bool docker = false;    // DOCKER* chains
    bool ufw = false;       // ufw-* chains
    bool firewalld = false; // table inet firewalld: rejects by rule, not by policy
    bool legacyTables = false;
    int tableCount = 0;
};

// Pure: from `nft list ruleset` and `iptables-legacy-save -t filter` text.
FirewallFindings analyzeFirewall(const QString& nftRuleset, const QString& legacySave);

// The commands that let Vireo's bridges through one block ("sudo ... && sudo ...").
QString forwardBlockFix(const ForwardBlock& block);

} // namespace vireo
