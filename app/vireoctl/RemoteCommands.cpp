// vireoctl remote ... and the verbs that reach libvirt hosts: the engine behind --remote,
// live migration and the event stream.
#include "Cli.h"
#include "Progress.h"

#include "libvirt/HostFacts.h"
#include "libvirt/LibvirtEngine.h"
#include "libvirt/LibvirtEvents.h"
#include "libvirt/LibvirtMigration.h"
#include "libvirt/Remotes.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <unistd.h>

namespace vireo::cli {

bool acceptsRemote(const QString& command) {
    // The commands that take --remote, grouped by noun.
    static const QStringList verbs =
        QStringLiteral(
            "vm create|vm list|vm show|vm start|vm stop|vm kill|vm pause|vm resume|vm reset|"
            "vm save|vm restore|vm delete|vm migrate|vm events|vm console|vm exec|vm clone|vm edit|"
            "vm cdrom|vm nic|vm type|vm copy|vm share|vm ssh|vm import|vm export|vm template|"
            "vm backup|"
            "console|display|"
            "disk create|disk list|disk upload|disk download|disk delete|disk info|disk convert|"
            "disk resize|disk attach|disk detach|"
            "snapshot create|snapshot list|snapshot revert|snapshot delete|"
            "network create|network list|network start|network stop|network delete|network lease|"
            "network leases|network autostart|network stats|network forward")
            .split(QLatin1Char('|'));
    return verbs.contains(command);
}

Result<std::shared_ptr<LibvirtConnection>> openRemote(const Cli& cli, const QString& name,
                                                      ConnectionUse use) {
    auto remote = Remotes(cli.library()).find(name);
    if (!remote) return remote.error();
    return LibvirtConnection::open(*remote, {}, use);
}

Result<std::unique_ptr<VmEngine>> vmEngine(const Cli& cli, ConnectionUse use) {
    if (cli.remote().isEmpty())
        return std::unique_ptr<VmEngine>(new ManagedVmEngine(cli.library()));
    auto conn = openRemote(cli, cli.remote(), use);
    if (!conn) return conn.error();
    return std::unique_ptr<VmEngine>(new LibvirtEngine(*conn));
}

namespace {

QJsonObject describeRemote(const Remote& remote) {
    QJsonObject o{{QStringLiteral("name"), remote.name}, {QStringLiteral("uri"), remote.uri}};
    auto conn = LibvirtConnection::open(remote, {}, ConnectionUse::OneShot);
    o.insert(QStringLiteral("reachable"), conn.ok());
    if (!conn) {
        o.insert(QStringLiteral("error"), conn.error().line());
        return o;
    }
    const HostFacts f = readHostFacts(**conn);
    o.insert(QStringLiteral("hostname"), f.hostname);
    o.insert(QStringLiteral("libvirtVersion"), f.libvirtVersion);
    o.insert(QStringLiteral("qemuVersion"), f.qemuVersion);
    o.insert(QStringLiteral("cpuModel"), f.cpuModel);
    o.insert(QStringLiteral("cpus"), f.cpus);
    o.insert(QStringLiteral("memoryMiB"), f.memoryMiB);
    o.insert(QStringLiteral("freeMemoryMiB"), f.freeMemoryMiB);
    if (f.vmCount >= 0) o.insert(QStringLiteral("vmCount"), f.vmCount);
    return o;
}

int remoteAdd(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Add a libvirt host: qemu:///system, qemu+ssh://user@host/system, "
                           "qemu+tls://host/system or qemu+tcp://host/system."),
            {QStringLiteral("NAME"), QStringLiteral("URI")},
            {{QStringLiteral("no-check"),
              QStringLiteral("Do not try the connection before adding it.")}}))
        return cli.exitCode();
    const Remote remote{cli.positional().at(0), cli.positional().at(1)};
    if (auto s = validateRemoteUri(remote.uri); !s) return cli.fail(s.error());
    if (!cli.isSet(QStringLiteral("no-check"))) {
        auto conn = LibvirtConnection::open(remote);
        if (!conn) return cli.fail(conn.error());
    }
    if (auto s = Remotes(cli.library()).add(remote); !s) return cli.fail(s.error());
    cli.print(QStringLiteral("Added remote '%1' (%2)").arg(remote.name, remote.uri));
    return ExitOk;
}

int remoteList(Cli& cli) {
    if (!cli.parse(QStringLiteral("List the remotes with what each host reports (reachable, "
                                  "versions, CPU model, memory, VM count)."),
                   {}))
        return cli.exitCode();
    auto remotes = Remotes(cli.library()).list();
    if (!remotes) return cli.fail(remotes.error());
    QJsonArray out;
    for (const auto& r : *remotes)
        out.append(describeRemote(r));
    if (cli.json()) return cli.printJson(out);
    std::printf("%-16s %-10s %5s %9s  %s\n", "NAME", "STATE", "VMS", "FREE", "URI");
    for (const auto& v : out) {
        const auto o = v.toObject();
        const bool up = o.value(QStringLiteral("reachable")).toBool();
        std::printf("%-16s %-10s %5d %8lldM  %s\n",
                    qPrintable(o.value(QStringLiteral("name")).toString()),
                    up ? "reachable" : "down", o.value(QStringLiteral("vmCount")).toInt(),
                    o.value(QStringLiteral("freeMemoryMiB")).toInteger(),
                    qPrintable(o.value(QStringLiteral("uri")).toString()));
        if (!up) std::printf("  %s\n", qPrintable(o.value(QStringLiteral("error")).toString()));
    }
    return ExitOk;
}

int remoteRemove(Cli& cli) {
    if (!cli.parse(QStringLiteral("Forget a remote (its VMs stay on that host)."),
                   {QStringLiteral("NAME")}))
        return cli.exitCode();
    if (auto s = Remotes(cli.library()).remove(cli.positional().first()); !s)
        return cli.fail(s.error());
    cli.print(QStringLiteral("Removed remote '%1'").arg(cli.positional().first()));
    return ExitOk;
}

QString mib(qint64 bytes) {
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

} // namespace

int runVmMigrate(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Move a VM from the --remote host to another remote while it runs "
                           "(or, with --offline, its definition). Ctrl-C cancels; the VM then "
                           "stays where it was."),
            {QStringLiteral("NAME")},
            {{QStringLiteral("to"), QStringLiteral("The target remote."), QStringLiteral("REMOTE")},
             {QStringLiteral("copy-storage"),
              QStringLiteral("Copy the disks too (no shared storage).")},
             {QStringLiteral("offline"), QStringLiteral("Move a shut-off VM's definition.")},
             {QStringLiteral("bandwidth"),
              QStringLiteral("Send at most MIB MiB per second (memory and disks), to spare the "
                             "network."),
              QStringLiteral("MIB")},
             {QStringLiteral("progress"),
              QStringLiteral("Print progress lines on stderr even when it is not a terminal.")}}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    if (!cli.isSet(QStringLiteral("to"))) return cli.usage(QStringLiteral("missing --to REMOTE"));
    if (cli.remote().isEmpty())
        return cli.fail(makeError(
            ErrorCode::Unsupported,
            QStringLiteral("VM '%1' is a local managed VM; migrate moves VMs between libvirt "
                           "hosts")
                .arg(name),
            QStringLiteral("name the source with 'vireoctl --remote SRC vm migrate'")));
    const QString to = cli.value(QStringLiteral("to"));
    if (to == cli.remote())
        return cli.fail(makeError(ErrorCode::InvalidArgument,
                                  QStringLiteral("VM '%1' is already on '%2'").arg(name, to),
                                  QStringLiteral("pick another remote with --to")));
    quint64 bandwidth = 0;
    if (cli.isSet(QStringLiteral("bandwidth"))) {
        bool ok = false;
        bandwidth = cli.value(QStringLiteral("bandwidth")).toULongLong(&ok);
        if (!ok || bandwidth == 0 || bandwidth > 1024 * 1024)
            return cli.usage(
                QStringLiteral("--bandwidth takes MiB per second, from 1 to 1048576 (got '%1')")
                    .arg(cli.value(QStringLiteral("bandwidth"))));
    }
    auto source = openRemote(cli, cli.remote());
    if (!source) return cli.fail(source.error());
    auto target = openRemote(cli, to);
    if (!target) return cli.fail(target.error());

    ProgressLine line(QStringLiteral("migrating ") + name); // Ctrl-C = cancel
    const bool show = cli.isSet(QStringLiteral("progress")) || ::isatty(STDERR_FILENO);
    const bool tty = ::isatty(STDERR_FILENO);
    MigrateOptions options{cli.isSet(QStringLiteral("copy-storage")),
                           cli.isSet(QStringLiteral("offline")), line.cancelFlag(), bandwidth};
    auto result = migrateVm(**source, **target, name, options, [&](const MigrationProgress& p) {
        if (!show || p.totalBytes <= 0 || p.remainingBytes < 0) return;
        QString text =
            QStringLiteral("migrating %1: %2%, %3 MiB left")
                .arg(name)
                .arg(int(100.0 * double(p.totalBytes - p.remainingBytes) / double(p.totalBytes)))
                .arg(mib(p.remainingBytes));
        if (p.bytesPerSecond > 0) text += QStringLiteral(", %1 MiB/s").arg(mib(p.bytesPerSecond));
        if (p.expectedDowntimeMs >= 0)
            text += QStringLiteral(", expected downtime %1 ms").arg(p.expectedDowntimeMs);
        std::fprintf(stderr, tty ? "\r%s\033[K" : "%s\n", qPrintable(text));
        std::fflush(stderr);
    });
    if (show && tty) std::fputc('\n', stderr);
    if (!result) return cli.fail(result.error());
    const QJsonObject o{{QStringLiteral("vm"), name},
                        {QStringLiteral("from"), cli.remote()},
                        {QStringLiteral("to"), to},
                        {QStringLiteral("wallMs"), result->wallMs},
                        {QStringLiteral("jobMs"), result->jobMs},
                        {QStringLiteral("downtimeMs"), result->downtimeMs},
                        {QStringLiteral("transferredBytes"), result->transferredBytes}};
    if (cli.json()) return cli.printJson(o);
    cli.print(QStringLiteral("Migrated VM '%1' from '%2' to '%3' in %4 s (downtime %5 ms, %6 MiB)")
                  .arg(name, cli.remote(), to)
                  .arg(double(result->wallMs) / 1000.0, 0, 'f', 1)
                  .arg(result->downtimeMs)
                  .arg(mib(result->transferredBytes)));
    return ExitOk;
}

int runVmEvents(Cli& cli) {
    if (!cli.parse(QStringLiteral("Print the lifecycle events of the --remote host's VMs as "
                                  "they happen (pushed by libvirt, no polling); reconnects when "
                                  "the host comes back."),
                   {},
                   {{QStringLiteral("count"), QStringLiteral("Exit after N VM events."),
                     QStringLiteral("N"), QStringLiteral("0")},
                    {QStringLiteral("reconnect-timeout"),
                     QStringLiteral("Give up when the host stays away this long (default 60)."),
                     QStringLiteral("SECONDS"), QStringLiteral("60")}}))
        return cli.exitCode();
    if (cli.remote().isEmpty())
        return cli.usage(QStringLiteral("vm events needs --remote NAME (local VMs: vm list)"));
    const int count = cli.value(QStringLiteral("count")).toInt();
    const int reconnectMs = cli.value(QStringLiteral("reconnect-timeout")).toInt() * 1000;

    std::mutex mutex;
    std::condition_variable wake;
    std::deque<QJsonObject> queue;
    bool closed = false;
    auto push = [&](QJsonObject o) {
        std::lock_guard<std::mutex> lock(mutex);
        queue.push_back(std::move(o));
        wake.notify_one();
    };
    auto emit = [&](const QJsonObject& o) {
        if (cli.json()) {
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("%s %s %s\n", qPrintable(o.value(QStringLiteral("vm")).toString()),
                        qPrintable(o.value(QStringLiteral("event")).toString()),
                        qPrintable(o.value(QStringLiteral("detail")).toString()));
        }
        std::fflush(stdout);
    };

    auto conn = openRemote(cli, cli.remote());
    if (!conn) return cli.fail(conn.error());
    std::unique_ptr<LibvirtEventWatch> watch;
    auto startWatch = [&]() -> Status {
        auto w = LibvirtEventWatch::start(
            *conn,
            [&](const DomainEvent& e) {
                QJsonObject o{{QStringLiteral("remote"), cli.remote()},
                              {QStringLiteral("vm"), e.vm},
                              {QStringLiteral("event"), e.event},
                              {QStringLiteral("detail"), e.detail}};
                if (e.stateKnown) o.insert(QStringLiteral("state"), toString(e.state));
                push(o);
            },
            [&] {
                std::lock_guard<std::mutex> lock(mutex);
                closed = true;
                wake.notify_one();
            });
        if (!w) return w.error();
        watch = std::move(*w);
        return {};
    };
    if (auto s = startWatch(); !s) return cli.fail(s.error());
    int seen = 0;
    for (;;) {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] { return !queue.empty() || closed; });
        while (!queue.empty()) {
            const QJsonObject o = queue.front();
            queue.pop_front();
            lock.unlock();
            emit(o);
            if (count > 0 && ++seen >= count) return ExitOk;
            lock.lock();
        }
        if (!closed) continue;
        closed = false;
        lock.unlock();
        cli.warn(
            QStringLiteral("lost the connection to remote '%1'; reconnecting").arg(cli.remote()));
        watch.reset();
        QElapsedTimer waited;
        waited.start();
        for (;;) {
            conn = openRemote(cli, cli.remote());
            if (conn && startWatch()) break;
            if (waited.elapsed() > reconnectMs) {
                watch.reset();
                return cli.fail(
                    conn ? makeError(ErrorCode::Process, QStringLiteral("watching events failed"))
                         : conn.error());
            }
            QThread::msleep(250);
        }
        cli.warn(QStringLiteral("reconnected to remote '%1'").arg(cli.remote()));
        emit(QJsonObject{{QStringLiteral("remote"), cli.remote()},
                         {QStringLiteral("event"), QStringLiteral("reconnected")}});
    }
}

const QList<Verb>& remoteVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("add"), QStringLiteral("add a libvirt host by URI (tests the connection)"),
         remoteAdd},
        {QStringLiteral("list"), QStringLiteral("list remotes with versions, memory and VM count"),
         remoteList},
        {QStringLiteral("remove"), QStringLiteral("forget a remote"), remoteRemove},
    };
    return verbs;
}

} // namespace vireo::cli
