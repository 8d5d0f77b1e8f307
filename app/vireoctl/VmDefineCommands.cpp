// vireoctl vm create|edit|template: define VMs (here, from a template or a cloud image,
// or on a remote host) and change a shut-off VM's hardware.
#include "Cli.h"
#include "HardwareOptions.h"
#include "Progress.h"

#include "core/Size.h"
#include "libvirt/LibvirtCloudVm.h"
#include "libvirt/LibvirtEngine.h"
#include "libvirt/LibvirtGuestAgent.h"
#include "libvirt/LibvirtLiveDevices.h"
#include "libvirt/LibvirtTemplates.h"
#include "network/VirtualNetworks.h"
#include "qemu/AccelProbe.h"
#include "spec/VmSpecJson.h"
#include "spec/VmSpecValidation.h"
#include "vm/CloudInit.h"
#include "vm/NicMove.h"
#include "vm/ProcessStats.h"
#include "vm/VmCloner.h"
#include "vm/VmHostDevices.h"
#include "vm/VmLifecycle.h"
#include "vm/VmRuntime.h"
#include "vm/VmTemplates.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>

namespace vireo::cli {

namespace {

const QString kName = QStringLiteral("NAME");

int vmCreateFromRemoteTemplate(Cli& cli) {
    const QString name = cli.positional().first(), from = cli.value(QStringLiteral("from"));
    auto conn = openRemote(cli, cli.remote());
    if (!conn) return cli.fail(conn.error());
    if (auto s =
            LibvirtTemplates(*conn).instantiate(from, name, cli.isSet(QStringLiteral("linked")));
        !s)
        return cli.fail(s.error());
    if (cli.json())
        return cli.printJson(QJsonObject{{QStringLiteral("name"), name},
                                         {QStringLiteral("from"), from},
                                         {QStringLiteral("remote"), cli.remote()}});
    cli.print(QStringLiteral("Created VM '%1' from template '%2' on remote '%3'")
                  .arg(name, from, cli.remote()));
    return ExitOk;
}

int vmCreateFromTemplate(Cli& cli) {
    if (!cli.remote().isEmpty()) return vmCreateFromRemoteTemplate(cli);
    const QString name = cli.positional().first(), from = cli.value(QStringLiteral("from"));
    ProgressLine progress(QStringLiteral("Copying"));
    auto made = VmTemplates(cli.library())
                    .instantiate(from, name, cli.isSet(QStringLiteral("linked")),
                                 progress.callback(), progress.cancelFlag());
    if (!made) return cli.fail(made.error());
    progress.finish();
    if (cli.json()) return cli.printJson(vmSpecToJson(*made));
    cli.print(QStringLiteral("Created VM '%1' from template '%2'").arg(name, from));
    return ExitOk;
}

int vmTemplate(Cli& cli) {
    if (!cli.parse(QStringLiteral("Mark a shut-off VM as a template (never started; VMs are made "
                                  "from it with 'vm create NEW --from NAME'), or --unset."),
                   {kName},
                   {{QStringLiteral("unset"), QStringLiteral("Make it an ordinary VM again.")}}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    const bool unset = cli.isSet(QStringLiteral("unset"));
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        const LibvirtTemplates templates(*conn);
        if (auto s = unset ? templates.unmark(name) : templates.mark(name); !s)
            return cli.fail(s.error());
    } else if (auto s = unset ? VmTemplates(cli.library()).unmark(name)
                              : VmTemplates(cli.library()).mark(name);
               !s)
        return cli.fail(s.error());
    cli.print(unset ? QStringLiteral("VM '%1' is no longer a template").arg(name)
                    : QStringLiteral("VM '%1' is a template").arg(name));
    return ExitOk;
}

Result<VmSpec> createWithEngine(const Cli& cli, const VmSpec& spec) {
    auto engine = vmEngine(cli);
    if (!engine) return engine.error();
    return (*engine)->create(spec);
}

int vmCreate(Cli& cli) {
    QList<QCommandLineOption> options = hardwareOptions();
    options << QCommandLineOption{QStringLiteral("cloud-image"),
                                  QStringLiteral("Boot a cloud image (imported once into the "
                                                 "library's cache; the VM gets a linked overlay "
                                                 "and a cloud-init seed)."),
                                  QStringLiteral("FILE")}
            << QCommandLineOption{QStringLiteral("ssh-key"),
                                  QStringLiteral("Public key for the cloud image's user (default: "
                                                 "~/.ssh/*.pub)."),
                                  QStringLiteral("PUBKEY")}
            << QCommandLineOption{QStringLiteral("user-data"),
                                  QStringLiteral("Your own cloud-init user-data, merged after "
                                                 "Vireo's."),
                                  QStringLiteral("FILE")}
            << QCommandLineOption{QStringLiteral("network-config"),
                                  QStringLiteral("cloud-init network-config v2 (default: DHCP)."),
                                  QStringLiteral("FILE")}
            << QCommandLineOption{QStringLiteral("password-login"),
                                  QStringLiteral("Allow SSH password login in the cloud image.")}
            << QCommandLineOption{QStringLiteral("from"),
                                  QStringLiteral("Make the VM from a template (new UUID, MACs, "
                                                 "machine-id, cloud-init instance)."),
                                  QStringLiteral("TEMPLATE")}
            << QCommandLineOption{QStringLiteral("linked"),
                                  QStringLiteral("With --from: a thin overlay on the template's "
                                                 "disks instead of a full copy.")};
    if (!cli.parse(QStringLiteral("Define a new VM (on the --remote host: paths are paths there)."),
                   {kName}, options))
        return cli.exitCode();
    if (cli.isSet(QStringLiteral("from"))) return vmCreateFromTemplate(cli);
    if (cli.isSet(QStringLiteral("linked")))
        return cli.usage(QStringLiteral("--linked goes with --from TEMPLATE"));
    VmSpec spec;
    spec.name = cli.positional().first();
    if (auto s = validateVmName(spec.name); !s) return cli.fail(s.error());
    spec.nics = {NicSpec{}};
    QStringList why;
    if (auto s = applyHardwareOptions(cli, spec, &why); !s) return cli.fail(s.error());
    if (!cli.isSet(QStringLiteral("cloud-image")) &&
        (cli.isSet(QStringLiteral("ssh-key")) || cli.isSet(QStringLiteral("user-data")) ||
         cli.isSet(QStringLiteral("network-config"))))
        return cli.usage(QStringLiteral("--ssh-key, --user-data and --network-config go with "
                                        "--cloud-image"));
    const auto create = [&]() -> Result<VmSpec> {
        if (!cli.isSet(QStringLiteral("cloud-image"))) return createWithEngine(cli, spec);
        const CloudInitOptions cloud{
            cli.value(QStringLiteral("cloud-image")), cli.value(QStringLiteral("ssh-key")),
            cli.value(QStringLiteral("user-data")), cli.value(QStringLiteral("network-config")),
            cli.isSet(QStringLiteral("password-login"))};
        if (cli.remote().isEmpty()) return createCloudVm(cli.library(), spec, cloud);
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return conn.error();
        return createRemoteCloudVm(*conn, spec, cloud);
    };
    auto created = create();
    if (!created) return cli.fail(created.error());
    if (cli.json()) return cli.printJson(vmSpecToJson(*created));
    for (const auto& line : why)
        cli.print(QStringLiteral("  ") + line);
    const QString where = cli.remote().isEmpty() ? cli.library().vmDir(created->name)
                                                 : QStringLiteral("remote '%1'").arg(cli.remote());
    cli.print(QStringLiteral("Created VM '%1' (%2) in %3")
                  .arg(created->name, created->uuid.toString(QUuid::WithoutBraces), where));
    return ExitOk;
}

// On a libvirt host, edit changes what it can in place (the definition is libvirt's and
// may have been written by other tools): memory, vCPUs, notes, display, autostart,
// firmware and TPM, and the disks, NICs and CD-ROM (each list replaced, as locally).
int vmEditRemote(Cli& cli) {
    static const QStringList kRemoteEditable{
        QStringLiteral("memory"),   QStringLiteral("cpus"),        QStringLiteral("notes"),
        QStringLiteral("display"),  QStringLiteral("autostart"),   QStringLiteral("no-autostart"),
        QStringLiteral("disk"),     QStringLiteral("nic"),         QStringLiteral("cdrom"),
        QStringLiteral("firmware"), QStringLiteral("secure-boot"), QStringLiteral("tpm"),
        QStringLiteral("no-tpm")};
    for (const auto& name : cli.parser().optionNames())
        if (!kRemoteEditable.contains(name) && name != QLatin1String("json") &&
            name != QLatin1String("library"))
            return cli.usage(QStringLiteral("--%1 does not work with --remote yet (%2 do)")
                                 .arg(name, QStringLiteral("--") +
                                                kRemoteEditable.join(QStringLiteral(", --"))));
    VmSpec probe; // parses and checks the options exactly as locally
    if (cli.isSet(QStringLiteral("secure-boot"))) probe.firmware = Firmware::Uefi; // implied
    if (auto s = applyHardwareOptions(cli, probe); !s) return cli.fail(s.error());
    LibvirtEngine::HardwareEdit edit;
    if (cli.isSet(QStringLiteral("memory"))) edit.memoryMiB = probe.memoryMiB;
    if (cli.isSet(QStringLiteral("cpus"))) edit.cpus = probe.cpu.count();
    if (cli.isSet(QStringLiteral("notes"))) edit.notes = probe.notes;
    if (cli.isSet(QStringLiteral("display"))) edit.display = probe.display;
    if (cli.isSet(QStringLiteral("autostart")) || cli.isSet(QStringLiteral("no-autostart")))
        edit.autostart = probe.autostart;
    if (cli.isSet(QStringLiteral("disk"))) edit.disks = probe.disks;
    if (cli.isSet(QStringLiteral("nic"))) edit.nics = probe.nics;
    if (cli.isSet(QStringLiteral("cdrom"))) edit.cdrom = probe.cdrom;
    if (cli.isSet(QStringLiteral("firmware")) || cli.isSet(QStringLiteral("secure-boot"))) {
        if (probe.secureBoot && probe.firmware != Firmware::Uefi)
            return cli.fail(makeError(ErrorCode::InvalidArgument,
                                      QStringLiteral("Secure Boot needs UEFI"),
                                      QStringLiteral("use --firmware uefi")));
        edit.firmware = probe.firmware;
        edit.secureBoot = probe.secureBoot;
    }
    if (cli.isSet(QStringLiteral("tpm")) || cli.isSet(QStringLiteral("no-tpm")))
        edit.tpm = probe.tpm;
    auto conn = openRemote(cli, cli.remote());
    if (!conn) return cli.fail(conn.error());
    if (auto s = LibvirtEngine(*conn).editHardware(cli.positional().first(), edit); !s)
        return cli.fail(s.error());
    return ExitOk;
}

int vmEdit(Cli& cli) {
    if (!cli.parse(QStringLiteral("Change a shut-off VM's hardware (options as for create; --disk "
                                  "and --nic replace the lists)."),
                   {kName}, hardwareOptions()))
        return cli.exitCode();
    if (!cli.remote().isEmpty()) return vmEditRemote(cli);
    auto spec = cli.library().load(cli.positional().first());
    if (!spec) return cli.fail(spec.error());
    QStringList why;
    if (auto s = applyHardwareOptions(cli, *spec, &why); !s) return cli.fail(s.error());
    if (auto s = VmLifecycle(cli.library()).edit(*spec); !s) return cli.fail(s.error());
    for (const auto& line : why)
        cli.print(line);
    return ExitOk;
}

} // namespace

int runVmCreate(Cli& cli) {
    return vmCreate(cli);
}

int runVmEdit(Cli& cli) {
    return vmEdit(cli);
}

int runVmTemplate(Cli& cli) {
    return vmTemplate(cli);
}

} // namespace vireo::cli
