#include "doctor/FirewallRules.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>

namespace vireo {

namespace {

struct Chain {
    bool forwardHook = false;
    bool policyDrop = false;
    QStringList rules;
};

// One table's chains: enough to follow jumps.
using Chains = QMap<QString, Chain>;

// Whether a chain, or one it jumps to, accepts traffic of Vireo's bridges.
bool acceptsVireo(const Chains& chains, const QString& name, QSet<QString>& seen,
                  const QRegularExpression& jump) {
    if (seen.contains(name) || !chains.contains(name)) return false;
    seen.insert(name);
    for (const auto& rule : chains.value(name).rules) {
        const QString lower = rule.toLower();
        if (lower.contains(QLatin1String("vibr")) && lower.contains(QLatin1String("accept")))
            return true;
        const auto m = jump.match(rule);
        if (m.hasMatch() && acceptsVireo(chains, m.captured(1), seen, jump)) return true;
    }
    return false;
}

QString userHookOf(const Chains& chains, const QString& chain) {
    for (const auto& rule : chains.value(chain).rules)
        if (rule.contains(QLatin1String("DOCKER-USER"))) return QStringLiteral("DOCKER-USER");
    return {};
}

void collectBlocks(const QString& table, const Chains& chains, ForwardBlock::Source source,
                   const QRegularExpression& jump, FirewallFindings& out) {
    for (auto it = chains.begin(); it != chains.end(); ++it) {
        if (it.key().startsWith(QLatin1String("DOCKER"))) out.docker = true;
        if (it.key().startsWith(QLatin1String("ufw-"))) out.ufw = true;
        if (!it->forwardHook || !it->policyDrop) continue;
        QSet<QString> seen;
        if (acceptsVireo(chains, it.key(), seen, jump)) continue;
        out.blocks.append({source, table, it.key(), userHookOf(chains, it.key())});
    }
}

void parseNft(const QString& ruleset, FirewallFindings& out) {
    static const QRegularExpression tableRe(QStringLiteral("^table (\\S+) (\\S+) \\{"));
    static const QRegularExpression chainRe(QStringLiteral("^chain (\\S+) \\{"));
    static const QRegularExpression jump(QStringLiteral("\\b(?:jump|goto) (\\S+)"));
    QString table;
    Chains chains;
    QString chain;
    auto endTable = [&] {
        if (table.isEmpty()) return;
        // iptables-nft keeps its tables as "ip filter" with upper-case built-in chains.
        const bool iptablesNft =
            (table == QLatin1String("ip filter") || table == QLatin1String("ip6 filter")) &&
            chains.contains(QStringLiteral("FORWARD"));
        if (table == QLatin1String("inet firewalld")) out.firewalld = true;
        if (!table.startsWith(QLatin1String("ip6 ")))
            collectBlocks(table, chains,
                          iptablesNft ? ForwardBlock::Source::IptablesNft
                                      : ForwardBlock::Source::Nftables,
                          jump, out);
        table.clear();
        chains.clear();
    };
    for (QString line : ruleset.split(QLatin1Char('\n'))) {
        line = line.trimmed();
        if (auto m = tableRe.match(line); m.hasMatch()) {
            endTable();
            table = m.captured(1) + QLatin1Char(' ') + m.captured(2);
            ++out.tableCount;
            chain.clear();
        } else if (auto c = chainRe.match(line); c.hasMatch() && !table.isEmpty()) {
            chain = c.captured(1);
            chains[chain];
        } else if (line == QLatin1String("}")) {
            if (!chain.isEmpty())
                chain.clear();
            else
                endTable();
        } else if (!chain.isEmpty() && !line.isEmpty()) {
            Chain& ch = chains[chain];
            if (line.startsWith(QLatin1String("type ")) && line.contains(QLatin1String(" hook "))) {
                ch.forwardHook = line.contains(QLatin1String("hook forward"));
                ch.policyDrop = line.contains(QLatin1String("policy drop"));
            } else {
                ch.rules.append(line);
            }
        }
    }
    endTable();
}

void parseLegacy(const QString& save, FirewallFindings& out) {
    static const QRegularExpression jump(QStringLiteral("-[jg] (\\S+)"));
    Chains chains;
    bool inFilter = false;
    for (const QString& line : save.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1Char('*'))) {
            inFilter = line == QLatin1String("*filter");
            if (inFilter) {
                out.legacyTables = true;
                ++out.tableCount;
            }
        } else if (!inFilter) {
            continue;
        } else if (line.startsWith(QLatin1Char(':'))) {
            const QStringList f = line.mid(1).split(QLatin1Char(' '));
            Chain& ch = chains[f.value(0)];
            ch.forwardHook = f.value(0) == QLatin1String("FORWARD");
            ch.policyDrop = f.value(1) == QLatin1String("DROP");
        } else if (line.startsWith(QLatin1String("-A "))) {
            chains[line.section(QLatin1Char(' '), 1, 1)].rules.append(line);
        }
    }
    collectBlocks(QStringLiteral("ip filter"), chains, ForwardBlock::Source::IptablesLegacy, jump,
                  out);
}

} // namespace

FirewallFindings analyzeFirewall(const QString& nftRuleset, const QString& legacySave) {
    FirewallFindings out;
    parseNft(nftRuleset, out);
    parseLegacy(legacySave, out);
    return out;
}

QString forwardBlockFix(const ForwardBlock& b) {
    const QString chain = b.userHook.isEmpty() ? b.chain : b.userHook;
    if (b.source == ForwardBlock::Source::Nftables) {
        const QString where = b.table + QLatin1Char(' ') + chain;
        return QStringLiteral("sudo nft insert rule %1 iifname \"vibr*\" accept && sudo nft "
                              "insert rule %1 oifname \"vibr*\" accept")
            .arg(where);
    }
    const QString tool = b.source == ForwardBlock::Source::IptablesLegacy
                             ? QStringLiteral("iptables-legacy")
                             : QStringLiteral("iptables-nft");
    return QStringLiteral("sudo %1 -I %2 -i vibr+ -j ACCEPT && sudo %1 -I %2 -o vibr+ -j ACCEPT")
        .arg(tool, chain);
}

} // namespace vireo
