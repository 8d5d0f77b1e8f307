// vireoctl vm ssh: ssh into a running VM, wherever its address comes from.
#include "Cli.h"

#include "libvirt/LibvirtGuestSsh.h"
#include "vm/GuestSsh.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTcpSocket>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <vector>

namespace vireo::cli {

namespace {

// True once the guest's SSH server greets ("SSH-2.0-..."): a port forward accepts
// connections long before the guest listens, so a plain connect proves nothing.
bool sshAnswers(const SshTarget& t) {
    QTcpSocket s;
    s.connectToHost(t.host, quint16(t.port));
    if (!s.waitForConnected(1000)) return false;
    if (!s.waitForReadyRead(1500)) return false;
    return s.readAll().startsWith("SSH-");
}

} // namespace

int runVmSsh(Cli& cli) {
    // Everything after "--" is the command to run in the guest.
    QStringList own;
    const QStringList command = splitAtDoubleDash(cli, &own);
    Cli parsed = cli.subVerb(QString(), own);
    if (!parsed.parse(QStringLiteral("SSH into a running VM: through its NAT port forward, its "
                                     "DHCP lease or the address its agent reports. Usage: vm ssh "
                                     "NAME [-- CMD ARGS...]"),
                      {QStringLiteral("NAME")},
                      {{QStringLiteral("user"),
                        QStringLiteral("Log in as USER (default: the VM's name for cloud-image "
                                       "VMs, else ssh's default)."),
                        QStringLiteral("USER")},
                       {QStringLiteral("identity"), QStringLiteral("Private key file for ssh -i."),
                        QStringLiteral("FILE")},
                       {QStringLiteral("wait"),
                        QStringLiteral("Wait up to SECONDS for the guest's SSH server (a VM "
                                       "just started)."),
                        QStringLiteral("SECONDS"), QStringLiteral("0")},
                       {QStringLiteral("print"),
                        QStringLiteral("Print where and how it would connect instead.")}}))
        return parsed.exitCode();
    const QString vm = parsed.positional().first();
    const int waitS = parsed.value(QStringLiteral("wait")).toInt();
    QElapsedTimer waited;
    waited.start();
    std::shared_ptr<LibvirtConnection> remote;
    if (!parsed.remote().isEmpty()) {
        auto conn = openRemote(parsed, parsed.remote());
        if (!conn) return parsed.fail(conn.error());
        remote = *conn;
    }
    const auto find = [&] {
        const QString user = parsed.value(QStringLiteral("user"));
        return remote ? findRemoteSshTarget(*remote, parsed.library(), vm, user)
                      : findSshTarget(parsed.library(), vm, user);
    };
    auto target = find();
    // Right after 'vm start' the address may not be known yet (no lease, no agent).
    while (!target && waitS > 0 && waited.elapsed() < waitS * 1000 &&
           target.error().code == ErrorCode::NotFound) {
        QThread::msleep(500);
        target = find();
    }
    if (!target) return parsed.fail(target.error());
    // Through a proxy the port cannot be probed from here: ssh's own retries are left.
    if (waitS > 0 && target->proxy.isEmpty()) {
        while (!sshAnswers(*target)) {
            if (waited.elapsed() >= waitS * 1000)
                return parsed.fail(makeError(
                    ErrorCode::Timeout,
                    QStringLiteral("the SSH server of VM '%1' did not answer on %2:%3 within %4 s")
                        .arg(vm, target->host)
                        .arg(target->port)
                        .arg(waitS),
                    QStringLiteral("check that sshd runs in the guest ('vireoctl console %1')")
                        .arg(vm)));
            QThread::msleep(200);
        }
    }
    // A script (no terminal) must never hang at a password prompt.
    const QStringList argv = sshArgv(*target, parsed.value(QStringLiteral("identity")),
                                     !::isatty(STDIN_FILENO), command);
    if (parsed.isSet(QStringLiteral("print"))) {
        if (parsed.json())
            return parsed.printJson(
                QJsonObject{{QStringLiteral("host"), target->host},
                            {QStringLiteral("port"), target->port},
                            {QStringLiteral("user"), target->user},
                            {QStringLiteral("via"), target->via},
                            {QStringLiteral("proxy"), QJsonArray::fromStringList(target->proxy)},
                            {QStringLiteral("argv"), QJsonArray::fromStringList(argv)}});
        parsed.print(argv.join(QLatin1Char(' ')));
        return ExitOk;
    }
    std::vector<QByteArray> bytes;
    for (const auto& a : argv)
        bytes.push_back(a.toLocal8Bit());
    std::vector<char*> raw;
    for (auto& b : bytes)
        raw.push_back(b.data());
    raw.push_back(nullptr);
    ::execvp(raw[0], raw.data());
    return parsed.fail(makeError(
        ErrorCode::NotFound,
        QStringLiteral("cannot run ssh: %1").arg(QString::fromLocal8Bit(std::strerror(errno))),
        QStringLiteral("install the openssh-client package")));
}

} // namespace vireo::cli
