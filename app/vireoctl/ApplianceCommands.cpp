// vireoctl vm import / vm export: OVA and OVF appliances (VirtualBox, VMware, Vireo).
#include "Cli.h"
#include "Progress.h"

#include "appliance/Appliance.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <optional>

namespace vireo::cli {

int runVmImport(Cli& cli) {
    if (!cli.parse(QStringLiteral("Create a VM from an OVA or OVF appliance (VirtualBox, VMware); "
                                  "what cannot be mapped is listed."),
                   {QStringLiteral("FILE")},
                   {{QStringLiteral("name"),
                     QStringLiteral("Name of the new VM (default: the appliance's)."),
                     QStringLiteral("NEW")},
                    {QStringLiteral("folder"),
                     QStringLiteral("With --remote: a storage pool's folder there for its disks "
                                    "(default /var/lib/libvirt/images)."),
                     QStringLiteral("DIR"), QStringLiteral("/var/lib/libvirt/images")}}))
        return cli.exitCode();
    // On a remote: imported into a staging library beside this one (room for the converted
    // disks, unlike a tmpfs /tmp), then moved there as 'vm move' does.
    std::optional<QTemporaryDir> staging;
    std::optional<Library> stagingLibrary;
    if (!cli.remote().isEmpty()) {
        QDir().mkpath(cli.library().root());
        staging.emplace(cli.library().root() + QStringLiteral("/.import-XXXXXX"));
        if (!staging->isValid())
            return cli.fail(makeError(
                ErrorCode::Io,
                QStringLiteral("cannot make a staging folder in %1").arg(cli.library().root()),
                QStringLiteral("check that the library is writable")));
        stagingLibrary.emplace(staging->path());
    }
    const Library& into = stagingLibrary ? *stagingLibrary : cli.library();
    ProgressLine progress(QStringLiteral("Importing"));
    auto r = Appliance(into).import(cli.positional().first(), cli.value(QStringLiteral("name")),
                                    progress.callback(), progress.cancelFlag());
    if (!r) return cli.fail(r.error());
    progress.finish();
    if (stagingLibrary) {
        if (const int code =
                moveLocalVm(cli, into, r->name, cli.remote(), cli.value(QStringLiteral("folder")));
            code != ExitOk)
            return code;
    }
    if (cli.json())
        return cli.printJson(
            QJsonObject{{QStringLiteral("name"), r->name},
                        {QStringLiteral("unmapped"), QJsonArray::fromStringList(r->unmapped)}});
    for (const QString& u : r->unmapped)
        cli.warn(QStringLiteral("not imported: %1").arg(u));
    cli.print(stagingLibrary
                  ? QStringLiteral("Imported VM '%1' onto remote '%2'").arg(r->name, cli.remote())
                  : QStringLiteral("Imported VM '%1'").arg(r->name));
    return ExitOk;
}

int runVmExport(Cli& cli) {
    if (!cli.parse(QStringLiteral("Write a shut-off VM as an OVA (OVF 1.0, streamOptimized VMDK "
                                  "disks, SHA-256 manifest) for VirtualBox, VMware or Vireo."),
                   {QStringLiteral("NAME")},
                   {{QStringLiteral("ova"), QStringLiteral("The .ova file to write."),
                     QStringLiteral("FILE")}}))
        return cli.exitCode();
    if (!cli.isSet(QStringLiteral("ova")))
        return cli.usage(QStringLiteral("say where to write the appliance with --ova FILE.ova"));
    const QString vm = cli.positional().first(), file = cli.value(QStringLiteral("ova"));
    ProgressLine progress(QStringLiteral("Exporting"));
    if (auto s = Appliance(cli.library())
                     .exportOva(vm, file, progress.callback(), progress.cancelFlag());
        !s)
        return cli.fail(s.error());
    progress.finish();
    if (cli.json()) return cli.printJson(QJsonObject{{QStringLiteral("ova"), file}});
    cli.print(QStringLiteral("Exported VM '%1' to %2").arg(vm, file));
    return ExitOk;
}

} // namespace vireo::cli
