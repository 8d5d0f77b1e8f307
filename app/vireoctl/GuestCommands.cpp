// vireoctl vm exec / copy / share: working inside a running guest (through its agent) and
// sharing host folders with it (virtiofs).
#include "Cli.h"

#include "libvirt/LibvirtGuestAgent.h"
#include "libvirt/LibvirtKeyboard.h"
#include "libvirt/LibvirtShares.h"

#include "spec/VmSpecJson.h"
#include "vm/GuestOperations.h"
#include "vm/KeyboardTyping.h"
#include "vm/SharedFolders.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>
#include <unistd.h>

namespace vireo::cli {

QJsonObject guestInfoJson(const GuestInfo& info) {
    return QJsonObject{{QStringLiteral("hostname"), info.hostname},
                       {QStringLiteral("addresses"), QJsonArray::fromStringList(info.addresses)}};
}

QJsonObject guestAgentJson(const Library& library, const QString& vm) {
    const GuestOperations guest(library, vm);
    auto present = guest.agentPresent();
    if (!present || !*present) return {};
    auto info = guest.info();
    if (!info) return {};
    return guestInfoJson(*info);
}

int runGuestExec(Cli& cli) {
    // Everything after "--" is the guest's command line, options included.
    QStringList own;
    const QStringList command = splitAtDoubleDash(cli, &own);
    Cli parsed = cli.subVerb(QString(), own);
    if (!parsed.parse(QStringLiteral("Run a command inside a running guest through its agent "
                                     "(qemu-guest-agent): its stdout and stderr are printed and "
                                     "vireoctl exits with its exit code. Usage: vm exec NAME -- "
                                     "CMD ARGS..."),
                      {QStringLiteral("NAME")},
                      {{QStringLiteral("stdin"),
                        QStringLiteral("Feed this host file to the command's stdin."),
                        QStringLiteral("FILE")},
                       {QStringLiteral("timeout"),
                        QStringLiteral("Seconds to wait for the command (default 300)."),
                        QStringLiteral("SECONDS"), QStringLiteral("300")}}))
        return parsed.exitCode();
    if (command.isEmpty())
        return parsed.usage(
            QStringLiteral("give the command after '--', e.g. vm exec NAME -- uname -a"));
    QByteArray input;
    if (parsed.isSet(QStringLiteral("stdin"))) {
        QFile f(parsed.value(QStringLiteral("stdin")));
        if (!f.open(QIODevice::ReadOnly))
            return parsed.fail(makeError(
                ErrorCode::NotFound,
                QStringLiteral("cannot read '%1': %2").arg(f.fileName(), f.errorString())));
        input = f.readAll();
    }
    bool ok = false;
    const int seconds = parsed.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || seconds <= 0) return parsed.usage(QStringLiteral("--timeout needs seconds"));
    const QString vm = parsed.positional().first();
    const auto run = [&]() -> Result<GuestExecResult> {
        if (parsed.remote().isEmpty())
            return GuestOperations(parsed.library(), vm).exec(command, input, seconds * 1000);
        auto conn = openRemote(parsed, parsed.remote());
        if (!conn) return conn.error();
        return remoteGuestExec(**conn, vm, command, input, seconds * 1000);
    };
    auto r = run();
    if (!r) return parsed.fail(r.error());
    if (parsed.json())
        return parsed.printJson(QJsonObject{{QStringLiteral("exitCode"), r->exitCode},
                                            {QStringLiteral("signal"), r->signal},
                                            {QStringLiteral("stdout"), QString::fromUtf8(r->out)},
                                            {QStringLiteral("stderr"), QString::fromUtf8(r->err)}});
    std::fwrite(r->out.constData(), 1, size_t(r->out.size()), stdout);
    std::fflush(stdout);
    std::fwrite(r->err.constData(), 1, size_t(r->err.size()), stderr);
    // As a shell reports it: 128 + N for a command killed by signal N.
    return r->signal ? 128 + r->signal : r->exitCode;
}

int runGuestCopy(Cli& cli) {
    if (!cli.parse(QStringLiteral("Copy a file into or out of a running guest through its agent. "
                                  "The guest side is written with a leading ':' — vm copy NAME "
                                  "HOSTFILE :GUESTPATH, or vm copy NAME :GUESTPATH HOSTFILE."),
                   {QStringLiteral("NAME"), QStringLiteral("FROM"), QStringLiteral("TO")}))
        return cli.exitCode();
    const QString vm = cli.positional().at(0);
    const QString from = cli.positional().at(1);
    const QString to = cli.positional().at(2);
    const bool fromGuest = from.startsWith(QLatin1Char(':'));
    const bool toGuest = to.startsWith(QLatin1Char(':'));
    if (fromGuest == toGuest)
        return cli.usage(QStringLiteral("mark exactly one side as the guest's with ':', e.g. "
                                        "vm copy %1 notes.txt :/root/notes.txt")
                             .arg(vm));
    Status s;
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        s = toGuest ? remoteGuestCopyTo(**conn, vm, from, to.mid(1))
                    : remoteGuestCopyFrom(**conn, vm, from.mid(1), to);
    } else {
        const GuestOperations guest(cli.library(), vm);
        s = toGuest ? guest.copyToGuest(from, to.mid(1)) : guest.copyFromGuest(from.mid(1), to);
    }
    if (!s) return cli.fail(s.error());
    return ExitOk;
}

int runTypeText(Cli& cli) {
    if (!cli.parse(QStringLiteral("Type text into a running VM as key presses (any guest: a login "
                                  "prompt, a firmware menu). The guest's keyboard layout decides "
                                  "which keys make a character."),
                   {QStringLiteral("NAME"), QStringLiteral("TEXT")},
                   {{QStringLiteral("layout"), QStringLiteral("The guest's layout: us or de."),
                     QStringLiteral("LAYOUT"), QStringLiteral("us")},
                    {QStringLiteral("enter"), QStringLiteral("Press Enter after the text.")}}))
        return cli.exitCode();
    KeyboardLayout layout;
    if (!parseKeyboardLayout(cli.value(QStringLiteral("layout")), &layout))
        return cli.usage(QStringLiteral("--layout '%1' is unknown: use us or de")
                             .arg(cli.value(QStringLiteral("layout"))));
    QString text = cli.positional().at(1);
    if (cli.isSet(QStringLiteral("enter"))) text += QLatin1Char('\n');
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        if (auto s = typeTextOnRemote(**conn, cli.positional().first(), text, layout); !s)
            return cli.fail(s.error());
        return ExitOk;
    }
    if (auto s = typeText(cli.library(), cli.positional().first(), text, layout); !s)
        return cli.fail(s.error());
    return ExitOk;
}

namespace {

int shareAdd(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Share a host folder with a VM over virtiofs (hot-plugged when "
                           "it runs). The guest mounts it with: mount -t virtiofs TAG DIR"),
            {QStringLiteral("NAME"), QStringLiteral("HOSTDIR")},
            {{QStringLiteral("tag"), QStringLiteral("The name the guest mounts it by."),
              QStringLiteral("TAG")},
             {QStringLiteral("ro"), QStringLiteral("Read-only, enforced on the host side.")}}))
        return cli.exitCode();
    if (!cli.isSet(QStringLiteral("tag")))
        return cli.usage(QStringLiteral("give the share a --tag, e.g. --tag src"));
    const SharedFolder share{cli.value(QStringLiteral("tag")), cli.positional().at(1),
                             cli.isSet(QStringLiteral("ro"))};
    const QString vm = cli.positional().first();
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        if (auto s = LibvirtShares(*conn).add(vm, share); !s) return cli.fail(s.error());
    } else if (auto s = SharedFolders(cli.library()).add(vm, share); !s) {
        return cli.fail(s.error());
    }
    cli.print(QStringLiteral("Shared %1 with VM '%2' as '%3'%4; in the guest: %5")
                  .arg(share.hostDir, vm, share.tag,
                       share.readOnly ? QStringLiteral(" (read-only)") : QString(),
                       SharedFolders::guestMountCommand(share)));
    return ExitOk;
}

int shareList(Cli& cli) {
    if (!cli.parse(QStringLiteral("List a VM's shared folders."), {QStringLiteral("NAME")}))
        return cli.exitCode();
    QVector<SharedFolder> shares;
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        auto listed = LibvirtShares(*conn).list(cli.positional().first());
        if (!listed) return cli.fail(listed.error());
        shares = *listed;
    } else {
        auto spec = cli.library().load(cli.positional().first());
        if (!spec) return cli.fail(spec.error());
        shares = spec->shares;
    }
    QJsonArray out;
    for (const auto& f : shares)
        out.append(
            QJsonObject{{QStringLiteral("tag"), f.tag},
                        {QStringLiteral("hostDir"), f.hostDir},
                        {QStringLiteral("readOnly"), f.readOnly},
                        {QStringLiteral("guestMount"), SharedFolders::guestMountCommand(f)}});
    if (cli.json()) return cli.printJson(out);
    for (const auto& f : shares)
        std::printf("%-16s %s%s\n", qPrintable(f.tag), qPrintable(f.hostDir),
                    f.readOnly ? "  (read-only)" : "");
    return ExitOk;
}

int shareRemove(Cli& cli) {
    if (!cli.parse(QStringLiteral("Stop sharing a folder with a VM (unplugged when it runs)."),
                   {QStringLiteral("NAME"), QStringLiteral("TAG")}))
        return cli.exitCode();
    const QString vm = cli.positional().at(0);
    const QString tag = cli.positional().at(1);
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        if (auto s = LibvirtShares(*conn).remove(vm, tag); !s) return cli.fail(s.error());
    } else if (auto s = SharedFolders(cli.library()).remove(vm, tag); !s) {
        return cli.fail(s.error());
    }
    cli.print(QStringLiteral("Removed shared folder '%1' from VM '%2'").arg(tag, vm));
    return ExitOk;
}

} // namespace

int runShare(Cli& cli) {
    static const QList<Verb> verbs{
        {QStringLiteral("add"), QStringLiteral("share a host folder"), shareAdd},
        {QStringLiteral("list"), QStringLiteral("list shared folders"), shareList},
        {QStringLiteral("remove"), QStringLiteral("stop sharing a folder"), shareRemove},
    };
    return runSubVerb(cli, verbs, QStringLiteral("vireoctl vm share add|list|remove NAME ..."));
}

} // namespace vireo::cli
