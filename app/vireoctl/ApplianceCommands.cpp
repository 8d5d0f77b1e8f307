// vireoctl vm import / vm export: OVA and OVF appliances (VirtualBox, VMware, Vireo).
#include "Cli.h"
#include "Progress.h"

#include "appliance/Appliance.h"
#include "libvirt/DomainDocument.h"
#include "libvirt/DomainSpec.h"
#include "libvirt/LibvirtStorage.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <optional>

namespace vireo::cli {

namespace {

// A staging library for a VM on its way to or from a remote: beside this library (room
// for its disks, unlike a tmpfs /tmp), removed with `dir` in any case.
Status makeStagingFolder(const Library& library, const QString& kind,
                         std::optional<QTemporaryDir>& dir) {
    QDir().mkpath(library.root());
    dir.emplace(library.root() + QStringLiteral("/.%1-XXXXXX").arg(kind));
    if (dir->isValid()) return {};
    return makeError(ErrorCode::Io,
                     QStringLiteral("cannot make a staging folder in %1").arg(library.root()),
                     QStringLiteral("check that the library is writable"));
}

} // namespace

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
    // On a remote: imported into a staging library, then moved there as 'vm move' does.
    std::optional<QTemporaryDir> staging;
    std::optional<Library> stagingLibrary;
    if (!cli.remote().isEmpty()) {
        if (auto s = makeStagingFolder(cli.library(), QStringLiteral("import"), staging); !s)
            return cli.fail(s.error());
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

namespace {

// A shut-off VM of a libvirt host as an OVA written here: its definition read as a VmSpec
// and its disks downloaded into a staging library beside this one (removed in any case),
// then exported as a local VM is.
int exportRemoteVm(Cli& cli, const QString& vm, const QString& file) {
    auto conn = openRemote(cli, cli.remote());
    if (!conn) return cli.fail(conn.error());
    auto dom = (*conn)->domain(vm);
    if (!dom) return cli.fail(dom.error());
    if (virDomainIsActive(dom->get()) == 1)
        return cli.fail(makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' on remote '%2' is running").arg(vm, cli.remote()),
            QStringLiteral("shut it down first with 'vireoctl --remote %1 vm stop %2' (an "
                           "appliance holds its disks as they are)")
                .arg(cli.remote(), vm)));
    auto doc = domainDocument(**conn, dom->get(), vm, VIR_DOMAIN_XML_INACTIVE);
    if (!doc) return cli.fail(doc.error());
    auto spec = vmSpecFromDomain(*doc);
    if (!spec) return cli.fail(spec.error());
    // Files of that host that an appliance does not carry.
    if (!spec->cdrom.isEmpty())
        cli.warn(QStringLiteral("not exported: the CD-ROM %1").arg(spec->cdrom));
    if (spec->kernel.enabled())
        cli.warn(QStringLiteral("not exported: the direct kernel %1").arg(spec->kernel.kernel));
    spec->cdrom.clear();
    spec->kernel = {};
    std::optional<QTemporaryDir> staging;
    if (auto s = makeStagingFolder(cli.library(), QStringLiteral("export"), staging); !s)
        return cli.fail(s.error());
    const Library staged(staging->path());
    QDir().mkpath(staged.vmDir(vm));
    const LibvirtStorage storage(**conn);
    for (int i = 0; i < spec->disks.size(); ++i) {
        auto& d = spec->disks[i];
        const QString local =
            staged.vmDir(vm) + QStringLiteral("/%1-%2").arg(i).arg(QFileInfo(d.path).fileName());
        ProgressLine progress(QStringLiteral("Fetching %1").arg(QFileInfo(d.path).fileName()));
        if (auto s = storage.download(d.path, local, progress.callback(), progress.cancelFlag());
            !s)
            return cli.fail(s.error());
        progress.finish();
        d.path = local;
    }
    if (auto s = staged.create(*spec); !s) return cli.fail(s.error());
    ProgressLine progress(QStringLiteral("Exporting"));
    if (auto s = Appliance(staged).exportOva(vm, file, progress.callback(), progress.cancelFlag());
        !s)
        return cli.fail(s.error());
    progress.finish();
    if (cli.json()) return cli.printJson(QJsonObject{{QStringLiteral("ova"), file}});
    cli.print(QStringLiteral("Exported VM '%1' of remote '%2' to %3").arg(vm, cli.remote(), file));
    return ExitOk;
}

} // namespace

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
    if (!cli.remote().isEmpty()) return exportRemoteVm(cli, vm, file);
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
