// vireoctl --remote R disk ... (storage-pool volumes, streamed over the libvirt connection)
// and vm move (a local managed VM to a libvirt host).
#include "Cli.h"
#include "Progress.h"

#include "core/Size.h"
#include "libvirt/LibvirtEngine.h"
#include "libvirt/LibvirtStorage.h"
#include "vm/VmRuntime.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>

namespace vireo::cli {

namespace {

QJsonObject volumeJson(const RemoteVolume& v) {
    return {{QStringLiteral("path"), v.path},
            {QStringLiteral("pool"), v.pool},
            {QStringLiteral("name"), v.name},
            {QStringLiteral("format"), v.format},
            {QStringLiteral("capacity"), qint64(v.capacity)},
            {QStringLiteral("allocation"), qint64(v.allocation)}};
}

Result<std::shared_ptr<LibvirtConnection>> needRemote(Cli& cli) {
    if (cli.remote().isEmpty())
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("'%1' works on a libvirt host").arg(cli.command()),
            QStringLiteral("name it with 'vireoctl --remote NAME %1'").arg(cli.command()));
    return openRemote(cli, cli.remote());
}

} // namespace

int runRemoteDiskCreate(Cli& cli) {
    auto conn = needRemote(cli);
    if (!conn) return cli.fail(conn.error());
    auto size = parseSize(cli.value(QStringLiteral("size")), QStringLiteral("disk size"));
    if (!size) return cli.fail(size.error());
    auto v = LibvirtStorage(**conn).create(cli.positional().first(), *size,
                                           cli.value(QStringLiteral("format")));
    if (!v) return cli.fail(v.error());
    if (cli.json()) return cli.printJson(volumeJson(*v));
    cli.print(QStringLiteral("Created %1 volume %2 in pool '%3' of remote '%4'")
                  .arg(v->format, v->path, v->pool, cli.remote()));
    return ExitOk;
}

int runRemoteDiskInfo(Cli& cli) {
    auto conn = needRemote(cli);
    if (!conn) return cli.fail(conn.error());
    auto v = LibvirtStorage(**conn).volume(cli.positional().first());
    if (!v) return cli.fail(v.error());
    // The fields of a local `disk info`; libvirt reports one backing level and no internal
    // snapshots.
    const QJsonObject o{{QStringLiteral("path"), v->path},
                        {QStringLiteral("format"), v->format},
                        {QStringLiteral("virtualSize"), qint64(v->capacity)},
                        {QStringLiteral("actualSize"), qint64(v->allocation)},
                        {QStringLiteral("backingChain"),
                         v->backing.isEmpty() ? QJsonArray() : QJsonArray{v->backing}},
                        {QStringLiteral("pool"), v->pool}};
    if (cli.json()) return cli.printJson(o);
    cli.print(QStringLiteral("%1: %2, virtual %3, on disk %4 (pool '%5' of remote '%6')")
                  .arg(v->path, v->format, formatSize(v->capacity), formatSize(v->allocation),
                       v->pool, cli.remote()));
    if (!v->backing.isEmpty()) cli.print(QStringLiteral("  backed by %1").arg(v->backing));
    return ExitOk;
}

int runRemoteDiskConvert(Cli& cli) {
    if (cli.isSet(QStringLiteral("vmdk-subformat")))
        return cli.usage(QStringLiteral("--vmdk-subformat is for local images; drop it with "
                                        "--remote"));
    auto conn = needRemote(cli);
    if (!conn) return cli.fail(conn.error());
    const QString format = cli.value(QStringLiteral("format"));
    auto v = LibvirtStorage(**conn).copy(cli.positional().at(0), cli.positional().at(1), format);
    if (!v) return cli.fail(v.error());
    if (cli.json()) return cli.printJson(volumeJson(*v));
    cli.print(QStringLiteral("Converted %1 to %2 (%3) on remote '%4'")
                  .arg(cli.positional().at(0), v->path, v->format, cli.remote()));
    return ExitOk;
}

int runRemoteDiskResize(Cli& cli, std::uint64_t size) {
    auto conn = needRemote(cli);
    if (!conn) return cli.fail(conn.error());
    auto v = LibvirtStorage(**conn).resize(cli.positional().at(0), size,
                                           cli.isSet(QStringLiteral("shrink")));
    if (!v) return cli.fail(v.error());
    if (cli.json()) return cli.printJson(volumeJson(*v));
    return ExitOk;
}

int runDiskList(Cli& cli) {
    if (!cli.parse(QStringLiteral("List the volumes of the --remote host's storage pools."), {}))
        return cli.exitCode();
    auto conn = needRemote(cli);
    if (!conn) return cli.fail(conn.error());
    auto vols = LibvirtStorage(**conn).list();
    if (!vols) return cli.fail(vols.error());
    QJsonArray out;
    for (const auto& v : *vols)
        out.append(volumeJson(v));
    if (cli.json()) return cli.printJson(out);
    for (const auto& v : *vols)
        std::printf("%-40s %-8s %10s  %s\n", qPrintable(v.path), qPrintable(v.format),
                    qPrintable(formatSize(v.capacity)), qPrintable(v.pool));
    return ExitOk;
}

int runDiskUpload(Cli& cli) {
    if (!cli.parse(QStringLiteral("Copy a local disk image or ISO to a new volume of the --remote "
                                  "host (a path in one of its pools' folders)."),
                   {QStringLiteral("LOCAL"), QStringLiteral("REMOTE_PATH")}))
        return cli.exitCode();
    auto conn = needRemote(cli);
    if (!conn) return cli.fail(conn.error());
    ProgressLine progress(QStringLiteral("Uploading"));
    auto v = LibvirtStorage(**conn).upload(cli.positional().at(0), cli.positional().at(1),
                                           progress.callback(), progress.cancelFlag());
    if (!v) return cli.fail(v.error());
    progress.finish();
    if (cli.json()) return cli.printJson(volumeJson(*v));
    cli.print(QStringLiteral("Uploaded %1 to %2 on remote '%3'")
                  .arg(cli.positional().at(0), v->path, cli.remote()));
    return ExitOk;
}

int runDiskDownload(Cli& cli) {
    if (!cli.parse(QStringLiteral("Copy a volume of the --remote host to a local file."),
                   {QStringLiteral("REMOTE_PATH"), QStringLiteral("LOCAL")}))
        return cli.exitCode();
    auto conn = needRemote(cli);
    if (!conn) return cli.fail(conn.error());
    ProgressLine progress(QStringLiteral("Downloading"));
    if (auto s = LibvirtStorage(**conn).download(cli.positional().at(0), cli.positional().at(1),
                                                 progress.callback(), progress.cancelFlag());
        !s)
        return cli.fail(s.error());
    progress.finish();
    cli.print(QStringLiteral("Downloaded %1 from remote '%2' to %3")
                  .arg(cli.positional().at(0), cli.remote(), cli.positional().at(1)));
    return ExitOk;
}

int runDiskDelete(Cli& cli) {
    if (!cli.parse(QStringLiteral("Delete a volume of the --remote host."),
                   {QStringLiteral("REMOTE_PATH")}))
        return cli.exitCode();
    auto conn = needRemote(cli);
    if (!conn) return cli.fail(conn.error());
    if (auto s = LibvirtStorage(**conn).remove(cli.positional().first()); !s)
        return cli.fail(s.error());
    cli.print(
        QStringLiteral("Deleted %1 on remote '%2'").arg(cli.positional().first(), cli.remote()));
    return ExitOk;
}

int runVmMove(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Move a shut-off local VM to a libvirt host: its disks are copied "
                           "into a storage pool there, the VM is defined there and removed "
                           "here. Kernel and initrd paths must exist on that host."),
            {QStringLiteral("NAME")},
            {{QStringLiteral("to"), QStringLiteral("The target remote."), QStringLiteral("REMOTE")},
             {QStringLiteral("folder"),
              QStringLiteral("A storage pool's folder there (default /var/lib/libvirt/images)."),
              QStringLiteral("DIR"), QStringLiteral("/var/lib/libvirt/images")}}))
        return cli.exitCode();
    if (!cli.isSet(QStringLiteral("to"))) return cli.usage(QStringLiteral("missing --to REMOTE"));
    const QString name = cli.positional().first(), to = cli.value(QStringLiteral("to"));
    const int code = moveLocalVm(cli, cli.library(), name, to, cli.value(QStringLiteral("folder")));
    if (code == ExitOk) cli.print(QStringLiteral("Moved VM '%1' to remote '%2'").arg(name, to));
    return code;
}

int moveLocalVm(Cli& cli, const Library& library, const QString& name, const QString& to,
                const QString& folder) {
    auto spec = library.load(name);
    if (!spec) return cli.fail(spec.error());
    if (VmRuntime(library, *spec).status().state != VmState::Shutoff)
        return cli.fail(
            makeError(ErrorCode::InvalidState, QStringLiteral("VM '%1' is not shut off").arg(name),
                      QStringLiteral("stop it first with 'vireoctl vm stop %1' (a running "
                                     "VM moves live only between libvirt hosts)")
                          .arg(name)));
    auto conn = openRemote(cli, to);
    if (!conn) return cli.fail(conn.error());
    if (DomainRef clash{virDomainLookupByName((*conn)->get(), qPrintable(name))})
        return cli.fail(
            makeError(ErrorCode::AlreadyExists,
                      QStringLiteral("a VM named '%1' already exists on '%2'").arg(name, to),
                      QStringLiteral("rename or delete that VM first")));
    const LibvirtStorage storage(**conn);
    VmSpec moved = *spec;
    QStringList uploaded;
    auto undo = [&](const Error& e) {
        for (const auto& path : uploaded)
            (void)storage.remove(path); // best effort: the first error is the one reported
        return cli.fail(e);
    };
    {
        auto lock = library.lockVm(name);
        if (!lock) return cli.fail(lock.error());
        for (int i = 0; i < moved.disks.size(); ++i) {
            auto& d = moved.disks[i];
            const QString target =
                QStringLiteral("%1/%2-%3").arg(folder, name, QFileInfo(d.path).fileName());
            ProgressLine progress(QStringLiteral("Copying %1").arg(QFileInfo(d.path).fileName()));
            auto v = storage.upload(d.path, target, progress.callback(), progress.cancelFlag());
            if (!v) return undo(v.error());
            progress.finish();
            uploaded << v->path;
            d.path = v->path;
            d.format = v->format;
        }
        if (!moved.cdrom.isEmpty()) {
            const QString target =
                QStringLiteral("%1/%2-%3").arg(folder, name, QFileInfo(moved.cdrom).fileName());
            auto v = storage.upload(moved.cdrom, target);
            if (!v) return undo(v.error());
            uploaded << v->path;
            moved.cdrom = v->path;
        }
        auto defined = LibvirtEngine(*conn).create(moved);
        if (!defined) return undo(defined.error());
    }
    // Defined there: only now does the local VM go (disks outside its folder stay).
    if (auto s = ManagedVmEngine(library).remove(name, {}); !s) {
        cli.warn(QStringLiteral("VM '%1' is on '%2' now, but removing the local copy failed: %3")
                     .arg(name, to, s.error().line()));
        return ExitFailed;
    }
    if (moved.firmware == Firmware::Uefi)
        cli.warn(QStringLiteral("UEFI variables (boot entries) start fresh on '%1'").arg(to));
    return ExitOk;
}

} // namespace vireo::cli
