// vireoctl vm import / vm export: OVA and OVF appliances (VirtualBox, VMware, Vireo).
#include "Cli.h"
#include "Progress.h"

#include "appliance/Appliance.h"

#include <QJsonArray>
#include <QJsonObject>

namespace vireo::cli {

int runVmImport(Cli& cli) {
    if (!cli.parse(QStringLiteral("Create a VM from an OVA or OVF appliance (VirtualBox, VMware); "
                                  "what cannot be mapped is listed."),
                   {QStringLiteral("FILE")},
                   {{QStringLiteral("name"),
                     QStringLiteral("Name of the new VM (default: the appliance's)."),
                     QStringLiteral("NEW")}}))
        return cli.exitCode();
    ProgressLine progress(QStringLiteral("Importing"));
    auto r = Appliance(cli.library())
                 .import(cli.positional().first(), cli.value(QStringLiteral("name")),
                         progress.callback(), progress.cancelFlag());
    if (!r) return cli.fail(r.error());
    progress.finish();
    if (cli.json())
        return cli.printJson(
            QJsonObject{{QStringLiteral("name"), r->name},
                        {QStringLiteral("unmapped"), QJsonArray::fromStringList(r->unmapped)}});
    for (const QString& u : r->unmapped)
        cli.warn(QStringLiteral("not imported: %1").arg(u));
    cli.print(QStringLiteral("Imported VM '%1'").arg(r->name));
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
