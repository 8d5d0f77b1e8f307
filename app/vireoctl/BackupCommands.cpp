// vireoctl vm backup / backup list|verify|restore: full and incremental backups of a VM's
// disks into a folder, while it runs or not.
#include "Cli.h"
#include "Progress.h"

#include "libvirt/LibvirtBackup.h"
#include "vm/VmBackups.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>

namespace vireo::cli {

namespace {

QJsonObject pointJson(const BackupPoint& p) {
    qint64 bytes = 0;
    for (const auto& d : p.disks)
        bytes += qint64(d.bytes);
    return QJsonObject{{QStringLiteral("point"), p.id},
                       {QStringLiteral("type"),
                        p.isFull() ? QStringLiteral("full") : QStringLiteral("incremental")},
                       {QStringLiteral("parent"), p.parent.isEmpty() ? QJsonValue() : p.parent},
                       {QStringLiteral("created"), p.created.toUTC().toString(Qt::ISODate)},
                       {QStringLiteral("complete"), p.complete},
                       {QStringLiteral("quiesced"), p.quiesced},
                       {QStringLiteral("bytes"), bytes}};
}

int backupList(Cli& cli) {
    if (!cli.parse(QStringLiteral("List the backup points in a folder, oldest first."),
                   {QStringLiteral("DIR")}))
        return cli.exitCode();
    auto chain = BackupChain::load(cli.positional().first());
    if (!chain) return cli.fail(chain.error());
    QJsonArray out;
    for (const auto& p : chain->points)
        out.append(pointJson(p));
    if (cli.json()) return cli.printJson(out);
    for (const auto& v : out) {
        const auto o = v.toObject();
        std::printf("%-22s %-12s %10lld bytes%s\n",
                    qPrintable(o.value(QStringLiteral("point")).toString()),
                    qPrintable(o.value(QStringLiteral("type")).toString()),
                    o.value(QStringLiteral("bytes")).toInteger(),
                    o.value(QStringLiteral("complete")).toBool() ? "" : "  INCOMPLETE");
    }
    return ExitOk;
}

int backupVerify(Cli& cli) {
    if (!cli.parse(QStringLiteral("Check every backup point: files whole (qemu-img check) and "
                                  "chained as recorded. Exits 1 when any point is not good."),
                   {QStringLiteral("DIR")}))
        return cli.exitCode();
    auto checks = VmBackups::verify(cli.positional().first());
    if (!checks) return cli.fail(checks.error());
    bool allGood = true;
    QJsonArray out;
    for (const auto& c : *checks) {
        allGood &= c.ok;
        out.append(QJsonObject{{QStringLiteral("point"), c.point},
                               {QStringLiteral("complete"), c.complete},
                               {QStringLiteral("ok"), c.ok},
                               {QStringLiteral("problem"), c.problem}});
        if (!cli.json())
            cli.print(c.ok ? QStringLiteral("%1  ok").arg(c.point)
                           : QStringLiteral("%1  BAD: %2").arg(c.point, c.problem));
    }
    if (cli.json()) cli.printJson(out);
    return allGood ? ExitOk : ExitFailed;
}

int backupRestore(Cli& cli) {
    if (!cli.parse(QStringLiteral("Make a new VM from a backup point (its disks flattened into "
                                  "the new VM's folder; new UUID and MACs)."),
                   {QStringLiteral("DIR"), QStringLiteral("POINT")},
                   {{QStringLiteral("as"), QStringLiteral("The new VM's name."),
                     QStringLiteral("NEWNAME")}}))
        return cli.exitCode();
    if (!cli.isSet(QStringLiteral("as")))
        return cli.usage(QStringLiteral("name the new VM with --as NEWNAME"));
    const QString name = cli.value(QStringLiteral("as"));
    if (auto s =
            VmBackups(cli.library()).restore(cli.positional().at(0), cli.positional().at(1), name);
        !s)
        return cli.fail(s.error());
    cli.print(QStringLiteral("Restored %1 as VM '%2'").arg(cli.positional().at(1), name));
    return ExitOk;
}

} // namespace

int runVmBackup(Cli& cli) {
    if (!cli.parse(QStringLiteral("Back up a VM's writable disks into DIR while it runs (or while "
                                  "it is shut off). --incremental copies only what changed "
                                  "since the last good point."),
                   {QStringLiteral("NAME")},
                   {{QStringLiteral("to"), QStringLiteral("The backup folder (one per VM)."),
                     QStringLiteral("DIR")},
                    {QStringLiteral("incremental"),
                     QStringLiteral("Only the changes since the last good point.")},
                    {QStringLiteral("keep"),
                     QStringLiteral("Keep only the newest N points (older ones are merged)."),
                     QStringLiteral("N")}}))
        return cli.exitCode();
    if (!cli.isSet(QStringLiteral("to")))
        return cli.usage(QStringLiteral("name the backup folder with --to DIR"));
    BackupOptions options;
    options.incremental = cli.isSet(QStringLiteral("incremental"));
    if (cli.isSet(QStringLiteral("keep"))) {
        bool ok = false;
        options.keep = cli.value(QStringLiteral("keep")).toInt(&ok);
        if (!ok || options.keep < 1) return cli.usage(QStringLiteral("--keep needs a number >= 1"));
    }
    ProgressLine progress(QStringLiteral("Backing up"));
    options.progress = progress.callback();
    const QString vm = cli.positional().first();
    const QString folder = cli.value(QStringLiteral("to"));
    // A VM of a libvirt host lands in the same kind of folder as one of this machine.
    auto r = [&]() -> Result<BackupResult> {
        if (cli.remote().isEmpty()) return VmBackups(cli.library()).backup(vm, folder, options);
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return conn.error();
        return backupRemoteVm(**conn, vm, folder, options);
    }();
    if (!r) return cli.fail(r.error());
    progress.finish();
    for (const auto& d : r->discarded)
        cli.warn(QStringLiteral("removed incomplete point %1 of an interrupted backup").arg(d));
    if (!r->note.isEmpty()) cli.warn(r->note);
    QJsonObject o = pointJson(r->point);
    if (cli.json()) return cli.printJson(o);
    cli.print(QStringLiteral("Backed up VM '%1' to %2: %3 point %4 (%5 bytes)")
                  .arg(cli.positional().first(), cli.value(QStringLiteral("to")),
                       o.value(QStringLiteral("type")).toString(), r->point.id)
                  .arg(o.value(QStringLiteral("bytes")).toInteger()));
    return ExitOk;
}

const QList<Verb>& backupVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("list"), QStringLiteral("list the points in a backup folder"), backupList},
        {QStringLiteral("verify"), QStringLiteral("check every point's files and chain"),
         backupVerify},
        {QStringLiteral("restore"), QStringLiteral("make a new VM from a point"), backupRestore},
        {QStringLiteral("schedule"), QStringLiteral("back a VM up every N hours (or --off)"),
         runBackupSchedule},
        {QStringLiteral("run-due"), QStringLiteral("run the scheduled backups that are due"),
         runBackupRunDue},
        {QStringLiteral("timer"),
         QStringLiteral("print or install a systemd user timer for run-due"), runBackupTimer},
    };
    return verbs;
}

} // namespace vireo::cli
