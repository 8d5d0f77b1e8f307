// vireoctl disk ...: disk images through the real qemu-img, and attaching them to VMs.
#include "Cli.h"
#include "Progress.h"

#include "core/Size.h"
#include "libvirt/LibvirtLiveDevices.h"
#include "storage/QemuImg.h"
#include "vm/DiskHotplug.h"

#include <QJsonArray>
#include <QJsonObject>

namespace vireo::cli {

namespace {

int diskCreate(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Create a disk image with qemu-img."), {QStringLiteral("PATH")},
            {{QStringLiteral("size"), QStringLiteral("Virtual size, e.g. 20G."),
              QStringLiteral("SIZE")},
             {QStringLiteral("format"), QStringLiteral("qcow2 (default), raw or vmdk."),
              QStringLiteral("FORMAT"), QStringLiteral("qcow2")},
             {QStringLiteral("preallocate"),
              QStringLiteral("off (thin, default), metadata or full."), QStringLiteral("MODE"),
              QStringLiteral("off")},
             {QStringLiteral("vmdk-subformat"),
              QStringLiteral("monolithicSparse (default) or streamOptimized."),
              QStringLiteral("SUB"), QStringLiteral("monolithicSparse")},
             {QStringLiteral("backing"), QStringLiteral("Make a qcow2 overlay on this image."),
              QStringLiteral("PATH")}}))
        return cli.exitCode();
    if (!cli.remote().isEmpty()) return runRemoteDiskCreate(cli);
    DiskCreateOptions o;
    o.path = cli.positional().first();
    o.format = cli.value(QStringLiteral("format"));
    o.vmdkSubformat = cli.value(QStringLiteral("vmdk-subformat"));
    const QString pre = cli.value(QStringLiteral("preallocate"));
    if (pre == QLatin1String("metadata"))
        o.preallocation = Preallocation::Metadata;
    else if (pre == QLatin1String("full"))
        o.preallocation = Preallocation::Full;
    else if (pre != QLatin1String("off"))
        return cli.usage(QStringLiteral("--preallocate must be off, metadata or full"));
    if (cli.isSet(QStringLiteral("backing"))) {
        auto base = QemuImg::info(cli.value(QStringLiteral("backing")));
        if (!base) return cli.fail(base.error());
        o.backingFile = base->path;
        o.backingFormat = base->format;
    }
    if (cli.isSet(QStringLiteral("size"))) {
        auto size = parseSize(cli.value(QStringLiteral("size")), QStringLiteral("disk size"));
        if (!size) return cli.fail(size.error());
        o.sizeBytes = *size;
    } else if (o.backingFile.isEmpty()) {
        return cli.usage(QStringLiteral("--size is required"));
    }
    if (auto s = QemuImg::create(o); !s) return cli.fail(s.error());
    cli.print(QStringLiteral("Created %1 disk %2").arg(o.format, o.path));
    return ExitOk;
}

int diskInfo(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Show format, sizes, backing chain and snapshots of a disk image."),
            {QStringLiteral("PATH")}))
        return cli.exitCode();
    if (!cli.remote().isEmpty()) return runRemoteDiskInfo(cli);
    auto info = QemuImg::info(cli.positional().first());
    if (!info) return cli.fail(info.error());
    const QJsonObject o{
        {QStringLiteral("path"), info->path},
        {QStringLiteral("format"), info->format},
        {QStringLiteral("virtualSize"), qint64(info->virtualSize)},
        {QStringLiteral("actualSize"), qint64(info->actualSize)},
        {QStringLiteral("backingChain"), QJsonArray::fromStringList(info->backingChain)},
        {QStringLiteral("snapshots"), info->snapshots}};
    if (cli.json()) return cli.printJson(o);
    cli.print(QStringLiteral("%1: %2, virtual %3, on disk %4")
                  .arg(info->path, info->format, formatSize(info->virtualSize),
                       formatSize(info->actualSize)));
    for (const auto& b : info->backingChain)
        cli.print(QStringLiteral("  backed by %1").arg(b));
    return ExitOk;
}

int diskConvert(Cli& cli) {
    if (!cli.parse(QStringLiteral("Import or convert a disk image (VMDK, VDI, VHDX, raw, QCOW2) "
                                  "with qemu-img; Ctrl-C cancels cleanly."),
                   {QStringLiteral("SOURCE"), QStringLiteral("TARGET")},
                   {{QStringLiteral("format"),
                     QStringLiteral("Target format: qcow2 (default), raw or vmdk."),
                     QStringLiteral("FORMAT"), QStringLiteral("qcow2")},
                    {QStringLiteral("vmdk-subformat"),
                     QStringLiteral("For VMDK targets: monolithicSparse or streamOptimized."),
                     QStringLiteral("SUB")}}))
        return cli.exitCode();
    if (!cli.remote().isEmpty()) return runRemoteDiskConvert(cli);
    ProgressLine progress(QStringLiteral("Converting"));
    if (auto s =
            QemuImg::convert(cli.positional().at(0), cli.positional().at(1),
                             cli.value(QStringLiteral("format")), progress.callback(),
                             progress.cancelFlag(), cli.value(QStringLiteral("vmdk-subformat")));
        !s)
        return cli.fail(s.error());
    progress.finish();
    cli.print(
        QStringLiteral("Converted %1 to %2").arg(cli.positional().at(0), cli.positional().at(1)));
    return ExitOk;
}

int diskResize(Cli& cli) {
    if (!cli.parse(QStringLiteral("Grow (or with --shrink, shrink) a disk image."),
                   {QStringLiteral("PATH"), QStringLiteral("SIZE")},
                   {{QStringLiteral("shrink"), QStringLiteral("Allow making the disk smaller.")}}))
        return cli.exitCode();
    auto size = parseSize(cli.positional().at(1), QStringLiteral("disk size"));
    if (!size) return cli.fail(size.error());
    if (!cli.remote().isEmpty()) return runRemoteDiskResize(cli, *size);
    if (auto s =
            QemuImg::resize(cli.positional().at(0), *size, cli.isSet(QStringLiteral("shrink")));
        !s)
        return cli.fail(s.error());
    return ExitOk;
}

int diskAttach(Cli& cli) {
    if (!cli.parse(QStringLiteral("Attach a disk to a VM (hot-plugged if it is running)."),
                   {QStringLiteral("VM"), QStringLiteral("PATH")},
                   {{QStringLiteral("bus"), QStringLiteral("virtio (default), sata, nvme or scsi."),
                     QStringLiteral("BUS"), QStringLiteral("virtio")},
                    {QStringLiteral("readonly"), QStringLiteral("Attach read-only.")}}))
        return cli.exitCode();
    DiskSpec d;
    d.path = cli.positional().at(1);
    d.readOnly = cli.isSet(QStringLiteral("readonly"));
    if (!parseDiskBus(cli.value(QStringLiteral("bus")), &d.bus))
        return cli.usage(QStringLiteral("--bus must be virtio, sata, nvme or scsi"));
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        if (auto s = LibvirtLiveDevices(**conn).attachDisk(cli.positional().at(0), d); !s)
            return cli.fail(s.error());
    } else if (auto s = DiskHotplug(cli.library()).attach(cli.positional().at(0), d); !s) {
        return cli.fail(s.error());
    }
    cli.print(QStringLiteral("Attached %1 to VM '%2'").arg(d.path, cli.positional().at(0)));
    return ExitOk;
}

int diskDetach(Cli& cli) {
    if (!cli.parse(
            QStringLiteral(
                "Detach a disk from a VM (hot-unplugged if it is running). The file is kept."),
            {QStringLiteral("VM"), QStringLiteral("PATH")}))
        return cli.exitCode();
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        if (auto s = LibvirtLiveDevices(**conn).detachDisk(cli.positional().at(0),
                                                           cli.positional().at(1));
            !s)
            return cli.fail(s.error());
    } else if (auto s = DiskHotplug(cli.library())
                            .detach(cli.positional().at(0), cli.positional().at(1));
               !s) {
        return cli.fail(s.error());
    }
    cli.print(QStringLiteral("Detached %1 from VM '%2'")
                  .arg(cli.positional().at(1), cli.positional().at(0)));
    return ExitOk;
}

} // namespace

const QList<Verb>& diskVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("create"), QStringLiteral("create a qcow2, raw or vmdk image"), diskCreate},
        {QStringLiteral("info"), QStringLiteral("format, sizes, backing chain"), diskInfo},
        {QStringLiteral("convert"), QStringLiteral("import/convert an image"), diskConvert},
        {QStringLiteral("resize"), QStringLiteral("change the virtual size"), diskResize},
        {QStringLiteral("attach"), QStringLiteral("attach to a VM (hot-plug when running)"),
         diskAttach},
        {QStringLiteral("detach"), QStringLiteral("detach from a VM (hot-unplug when running)"),
         diskDetach},
        {QStringLiteral("list"), QStringLiteral("volumes of a libvirt host's pools (--remote)"),
         runDiskList},
        {QStringLiteral("upload"),
         QStringLiteral("copy an image or ISO to a libvirt host (--remote)"), runDiskUpload},
        {QStringLiteral("download"), QStringLiteral("copy a volume from a libvirt host (--remote)"),
         runDiskDownload},
        {QStringLiteral("delete"), QStringLiteral("delete a volume on a libvirt host (--remote)"),
         runDiskDelete},
    };
    return verbs;
}

} // namespace vireo::cli
