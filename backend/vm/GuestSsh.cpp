#include "vm/GuestSsh.h"

#include "network/VirtualNetworks.h"
#include "qemu/QmpSync.h"
#include "vm/GuestOperations.h"
#include "vm/VmRuntime.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace vireo {

namespace {

bool forwardsToSsh(const QString& forward) {
    static const QRegularExpression re(QStringLiteral("^tcp:\\d+-:22$"));
    return re.match(forward).hasMatch();
}

// The host port QEMU actually bound for a forward to guest port 22 ("info usernet":
// "TCP[HOST_FORWARD]  fd  127.0.0.1  34567  10.0.2.15  22 ...").
Result<int> forwardedSshPort(const VmRuntime& rt) {
    auto qmp = QmpSync::connect(rt.qmpSocket(), 5000);
    if (!qmp) return qmp.error();
    auto out = QmpSync::call(
        **qmp, QStringLiteral("human-monitor-command"),
        QJsonObject{{QStringLiteral("command-line"), QStringLiteral("info usernet")}});
    if (!out) return out.error();
    static const QRegularExpression line(
        QStringLiteral("TCP\\[HOST_FORWARD\\]\\s+\\d+\\s+\\S+\\s+(\\d+)\\s+\\S+\\s+22\\b"));
    const auto m = line.match(out->toString());
    if (!m.hasMatch())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("QEMU lists no forward to the guest's port 22"));
    return m.captured(1).toInt();
}

} // namespace

Result<SshTarget> findSshTarget(const Library& library, const QString& vm, const QString& user) {
    auto spec = library.load(vm);
    if (!spec) return spec.error();
    VmRuntime rt(library, *spec);
    if (rt.livePid() == 0)
        return makeError(ErrorCode::InvalidState, QStringLiteral("VM '%1' is not running").arg(vm),
                         QStringLiteral("start it with 'vireoctl vm start %1'").arg(vm));
    SshTarget t;
    t.knownHosts = library.vmDir(vm) + QStringLiteral("/known_hosts");
    t.user = user;
    const QString seed = library.vmDir(vm) + QStringLiteral("/seed.iso");
    if (t.user.isEmpty() && !spec->cdrom.isEmpty() &&
        QFileInfo(spec->cdrom).absoluteFilePath() == QFileInfo(seed).absoluteFilePath())
        t.user = vm;
    for (const auto& nic : spec->nics) {
        if (nic.network != QLatin1String("user")) continue;
        for (const auto& f : nic.hostForwards) {
            if (!forwardsToSsh(f)) continue;
            auto port = forwardedSshPort(rt);
            if (!port) return port.error();
            t.host = QStringLiteral("127.0.0.1");
            t.port = *port;
            t.via = QStringLiteral("port forward");
            return t;
        }
    }
    // Per-VM NAT (10.0.2.x) cannot be reached from the host without a forward.
    const auto reachable = [](const QString& a) {
        return !a.startsWith(QLatin1String("10.0.2.")) && !a.contains(QLatin1Char(':'));
    };
    for (const auto& a : VirtualNetworks(library).guestAddresses(*spec))
        if (reachable(a)) {
            t.host = a;
            t.via = QStringLiteral("DHCP lease");
            return t;
        }
    // info() itself asks QEMU whether an agent listens; without one it fails at once.
    if (auto info = GuestOperations(library, vm).info())
        for (const auto& a : info->addresses)
            if (reachable(a.section(QLatin1Char('/'), 0, 0))) {
                t.host = a.section(QLatin1Char('/'), 0, 0);
                t.via = QStringLiteral("guest agent");
                return t;
            }
    return makeError(
        ErrorCode::NotFound,
        QStringLiteral("VM '%1' has no address the host can reach over SSH").arg(vm),
        QStringLiteral("forward a port with 'vireoctl vm edit %1 --nic user,hostfwd=tcp:0-:22' "
                       "(0 = any free port), or put it on a Vireo network")
            .arg(vm));
}

QStringList sshArgv(const SshTarget& t, const QString& identity, bool batch,
                    const QStringList& command) {
    QStringList a{QStringLiteral("ssh"),
                  QStringLiteral("-o"),
                  QStringLiteral("StrictHostKeyChecking=accept-new"),
                  QStringLiteral("-o"),
                  QStringLiteral("UserKnownHostsFile=") + t.knownHosts,
                  QStringLiteral("-p"),
                  QString::number(t.port)};
    if (batch) a << QStringLiteral("-o") << QStringLiteral("BatchMode=yes");
    if (!identity.isEmpty()) a << QStringLiteral("-i") << identity;
    if (!t.user.isEmpty()) a << QStringLiteral("-l") << t.user;
    if (!t.proxy.isEmpty()) {
        // ssh runs a ProxyCommand through the user's shell after expanding its % tokens:
        // each argument single-quoted, each % doubled.
        QStringList quoted;
        for (QString arg : t.proxy) {
            arg.replace(QLatin1Char('%'), QStringLiteral("%%"));
            arg.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
            quoted << QLatin1Char('\'') + arg + QLatin1Char('\'');
        }
        a << QStringLiteral("-o")
          << QStringLiteral("ProxyCommand=") + quoted.join(QLatin1Char(' '));
    }
    // "--" before the host: ssh reads options after it too, and a guest command's own
    // options ("ls -l") must stay the guest's.
    a << QStringLiteral("--") << t.host << command;
    return a;
}

} // namespace vireo
