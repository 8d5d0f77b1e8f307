// vireoctl vm ...: define, run and inspect VMs.
#include "Cli.h"
#include "PerformanceOptions.h"
#include "Progress.h"

#include "core/Size.h"
#include "libvirt/LibvirtEngine.h"
#include "network/VirtualNetworks.h"
#include "qemu/AccelProbe.h"
#include "spec/VmSpecJson.h"
#include "spec/VmSpecValidation.h"
#include "vm/CloudInit.h"
#include "vm/ProcessStats.h"
#include "vm/VmCloner.h"
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

Result<DiskSpec> parseDiskArg(const QString& arg) {
    // PATH[,bus=virtio|sata|nvme|scsi][,cache=...][,readonly=on][,format=...]
    const QStringList parts = arg.split(QLatin1Char(','));
    DiskSpec d;
    d.path = parts.first();
    for (const auto& p : parts.mid(1)) {
        const QString key = p.section(QLatin1Char('='), 0, 0);
        const QString value = p.section(QLatin1Char('='), 1);
        bool ok = true;
        if (key == QLatin1String("bus"))
            ok = parseDiskBus(value, &d.bus);
        else if (key == QLatin1String("cache"))
            ok = parseDiskCache(value, &d.cache);
        else if (key == QLatin1String("format"))
            d.format = value;
        else if (key == QLatin1String("readonly"))
            d.readOnly = value == QLatin1String("on") || value == QLatin1String("true");
        else
            ok = false;
        if (!ok)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("disk option '%1' is not valid").arg(p),
                             QStringLiteral("use "
                                            "PATH[,bus=virtio|sata|nvme|scsi][,cache=none|"
                                            "writeback|unsafe][,readonly=on]"));
    }
    if (d.path.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--disk needs a path"));
    return d;
}

// Options shared by create and edit; `spec` is changed only where an option is given.
Status applyHardwareOptions(Cli& cli, VmSpec& spec, QStringList* explanations = nullptr) {
    if (cli.isSet(QStringLiteral("memory"))) {
        auto bytes = parseSize(cli.value(QStringLiteral("memory")), QStringLiteral("memory"));
        if (!bytes) return bytes.error();
        spec.memoryMiB = *bytes / (1024 * 1024);
        if (*bytes % (1024 * 1024) != 0 || spec.memoryMiB == 0)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("memory '%1' is not a whole number of MiB")
                                 .arg(cli.value(QStringLiteral("memory"))),
                             QStringLiteral("use e.g. 512M or 2G"));
    }
    if (cli.isSet(QStringLiteral("cpus"))) {
        bool ok = false;
        const int n = cli.value(QStringLiteral("cpus")).toInt(&ok);
        if (!ok || n < 1)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("--cpus '%1' is not a positive number")
                                 .arg(cli.value(QStringLiteral("cpus"))),
                             QStringLiteral("use e.g. --cpus 2"));
        spec.cpu = {1, n, 1};
    }
    VIREO_TRY(applyPerformanceOptions(cli, spec, explanations));
    if (cli.isSet(QStringLiteral("firmware")) &&
        !parseFirmware(cli.value(QStringLiteral("firmware")), &spec.firmware))
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("firmware '%1' is unknown").arg(cli.value(QStringLiteral("firmware"))),
            QStringLiteral("use --firmware bios or --firmware uefi"));
    if (cli.isSet(QStringLiteral("secure-boot"))) spec.secureBoot = true;
    if (cli.isSet(QStringLiteral("tpm"))) spec.tpm = true;
    if (cli.isSet(QStringLiteral("no-tpm"))) spec.tpm = false;
    if (cli.isSet(QStringLiteral("cdrom"))) spec.cdrom = cli.value(QStringLiteral("cdrom"));
    if (cli.isSet(QStringLiteral("kernel")))
        spec.kernel.kernel = cli.value(QStringLiteral("kernel"));
    if (cli.isSet(QStringLiteral("initrd")))
        spec.kernel.initrd = cli.value(QStringLiteral("initrd"));
    if (cli.isSet(QStringLiteral("append")))
        spec.kernel.cmdline = cli.value(QStringLiteral("append"));
    if (cli.isSet(QStringLiteral("display")) &&
        !parseDisplayType(cli.value(QStringLiteral("display")), &spec.display))
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("display '%1' is unknown").arg(cli.value(QStringLiteral("display"))),
            QStringLiteral("use --display none or --display vnc"));
    if (cli.isSet(QStringLiteral("notes"))) spec.notes = cli.value(QStringLiteral("notes"));
    if (cli.isSet(QStringLiteral("os"))) spec.os = cli.value(QStringLiteral("os"));
    if (cli.isSet(QStringLiteral("autostart"))) spec.autostart = true;
    if (cli.isSet(QStringLiteral("shared-memory"))) spec.sharedMemory = true;
    if (cli.isSet(QStringLiteral("guest-agent"))) spec.guestAgent = true;
    if (cli.isSet(QStringLiteral("no-guest-agent"))) spec.guestAgent = false;
    if (cli.isSet(QStringLiteral("clipboard"))) spec.clipboard = true;
    if (cli.isSet(QStringLiteral("no-clipboard"))) spec.clipboard = false;
    if (cli.isSet(QStringLiteral("boot"))) {
        spec.bootOrder =
            cli.value(QStringLiteral("boot")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    if (cli.isSet(QStringLiteral("disk"))) {
        spec.disks.clear();
        for (const auto& arg : cli.parser().values(QStringLiteral("disk"))) {
            auto d = parseDiskArg(arg);
            if (!d) return d.error();
            spec.disks.append(*d);
        }
    }
    if (cli.isSet(QStringLiteral("nic"))) {
        spec.nics.clear();
        for (const auto& arg : cli.parser().values(QStringLiteral("nic"))) {
            if (arg == QLatin1String("none")) continue;
            const QStringList parts = arg.split(QLatin1Char(','));
            NicSpec n;
            n.network = parts.first().startsWith(QLatin1String("network=")) ? parts.first().mid(8)
                                                                            : parts.first();
            if (n.network != QLatin1String("user") &&
                !parts.first().startsWith(QLatin1String("network=")))
                return makeError(
                    ErrorCode::InvalidArgument, QStringLiteral("--nic '%1' is not valid").arg(arg),
                    QStringLiteral(
                        "use --nic user[,hostfwd=tcp:HOSTPORT-:GUESTPORT] or --nic network=NAME"));
            for (const auto& p : parts.mid(1)) {
                if (p.startsWith(QLatin1String("model=")) && parseNicModel(p.mid(6), &n.model))
                    continue;
                if (p.startsWith(QLatin1String("mac="))) {
                    n.mac = p.mid(4).toLower();
                    continue;
                }
                if (p.startsWith(QLatin1String("hostfwd="))) {
                    n.hostForwards << p.mid(8);
                    continue;
                }
                return makeError(
                    ErrorCode::InvalidArgument,
                    QStringLiteral("NIC option '%1' is not valid").arg(p),
                    QStringLiteral(
                        "use --nic "
                        "user|network=NAME[,model=virtio|e1000e][,mac=52:54:00:12:34:56]"));
            }
            spec.nics.append(n);
        }
    }
    return {};
}

QList<QCommandLineOption> hardwareOptions() {
    return QList<QCommandLineOption>{
               {QStringLiteral("memory"),
                QStringLiteral("Guest memory, e.g. 512M or 2G (default 512M)."),
                QStringLiteral("SIZE")},
               {QStringLiteral("cpus"), QStringLiteral("Number of vCPUs (default 1)."),
                QStringLiteral("N")},
               {QStringLiteral("disk"),
                QStringLiteral("Attach a disk image; repeatable. "
                               "PATH[,bus=virtio|sata|nvme|scsi][,cache=MODE][,readonly=on]"),
                QStringLiteral("SPEC")},
               {QStringLiteral("cdrom"), QStringLiteral("Insert an ISO image."),
                QStringLiteral("ISO")},
               {QStringLiteral("kernel"), QStringLiteral("Boot this kernel directly."),
                QStringLiteral("PATH")},
               {QStringLiteral("initrd"), QStringLiteral("Initial ramdisk for --kernel."),
                QStringLiteral("PATH")},
               {QStringLiteral("append"), QStringLiteral("Kernel command line for --kernel."),
                QStringLiteral("STR")},
               {QStringLiteral("firmware"), QStringLiteral("bios (SeaBIOS) or uefi (OVMF)."),
                QStringLiteral("TYPE")},
               {QStringLiteral("secure-boot"),
                QStringLiteral("UEFI Secure Boot with Microsoft keys.")},
               {QStringLiteral("tpm"),
                QStringLiteral("A TPM 2.0 (emulated by swtpm; state kept with the VM).")},
               {QStringLiteral("no-tpm"), QStringLiteral("No TPM (for edit).")},
               {QStringLiteral("nic"),
                QStringLiteral(
                    "Add a NIC; repeatable. user[,hostfwd=tcp:HOSTPORT-:GUESTPORT] (per-VM "
                    "NAT) or network=NAME, each [,model=virtio|e1000e][,mac=MAC]; or none."),
                QStringLiteral("NET")},
               {QStringLiteral("display"), QStringLiteral("none or vnc (VNC on a unix socket)."),
                QStringLiteral("TYPE")},
               {QStringLiteral("boot"), QStringLiteral("Boot order, e.g. disk,cdrom,network."),
                QStringLiteral("LIST")},
               {QStringLiteral("notes"), QStringLiteral("Free-text notes."),
                QStringLiteral("TEXT")},
               {QStringLiteral("os"),
                QStringLiteral(
                    "Guest OS (debian, ubuntu, fedora, arch, win10, win11, freebsd, linux, "
                    "other): the app's icon."),
                QStringLiteral("ID")},
               {QStringLiteral("autostart"), QStringLiteral("Start with the host session.")},
               {QStringLiteral("shared-memory"),
                QStringLiteral(
                    "Back RAM with a shared memfd (for vhost-user devices; new VMs have it).")},
               {QStringLiteral("guest-agent"),
                QStringLiteral(
                    "A channel for qemu-guest-agent (new VMs have it): vm exec, vm copy, "
                    "guest addresses, shutdown without ACPI.")},
               {QStringLiteral("no-guest-agent"), QStringLiteral("No guest agent channel.")},
               {QStringLiteral("clipboard"),
                QStringLiteral("Share the clipboard with the console (the guest runs "
                               "spice-vdagent); live snapshots then need --no-memory.")},
               {QStringLiteral("no-clipboard"), QStringLiteral("No clipboard sharing.")},
           } +
           performanceOptions();
}

int vmCreateFromTemplate(Cli& cli) {
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
    const VmTemplates templates(cli.library());
    if (auto s = unset ? templates.unmark(name) : templates.mark(name); !s)
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
    if (!cli.remote().isEmpty() &&
        (cli.isSet(QStringLiteral("from")) || cli.isSet(QStringLiteral("cloud-image"))))
        return cli.usage(QStringLiteral("--from and --cloud-image do not work with --remote yet"));
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
    auto created = cli.isSet(QStringLiteral("cloud-image"))
                       ? createCloudVm(cli.library(), spec,
                                       {cli.value(QStringLiteral("cloud-image")),
                                        cli.value(QStringLiteral("ssh-key")),
                                        cli.value(QStringLiteral("user-data")),
                                        cli.value(QStringLiteral("network-config")),
                                        cli.isSet(QStringLiteral("password-login"))})
                       : createWithEngine(cli, spec);
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

// On a libvirt host, edit changes memory and vCPUs; its definition is libvirt's.
int vmEditRemote(Cli& cli) {
    for (const auto& name : cli.parser().optionNames())
        if (name != QLatin1String("memory") && name != QLatin1String("cpus") &&
            name != QLatin1String("json") && name != QLatin1String("library"))
            return cli.usage(QStringLiteral("--%1 does not work with --remote yet (--memory and "
                                            "--cpus do)")
                                 .arg(name));
    VmSpec probe; // parses and checks --memory/--cpus exactly as locally
    if (auto s = applyHardwareOptions(cli, probe); !s) return cli.fail(s.error());
    auto conn = openRemote(cli, cli.remote());
    if (!conn) return cli.fail(conn.error());
    const std::optional<std::uint64_t> memory = cli.isSet(QStringLiteral("memory"))
                                                    ? std::optional<std::uint64_t>(probe.memoryMiB)
                                                    : std::nullopt;
    const std::optional<int> cpus =
        cli.isSet(QStringLiteral("cpus")) ? std::optional<int>(probe.cpu.count()) : std::nullopt;
    if (auto s = LibvirtEngine(*conn).editHardware(cli.positional().first(), memory, cpus); !s)
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

QJsonObject statusJson(const VmSummary& vm) {
    QJsonObject o{{QStringLiteral("name"), vm.name},
                  {QStringLiteral("uuid"), vm.uuid.toString(QUuid::WithoutBraces)},
                  {QStringLiteral("state"), toString(vm.status.state)},
                  {QStringLiteral("vcpus"), vm.vcpus},
                  {QStringLiteral("memoryMiB"), qint64(vm.memoryMiB)},
                  {QStringLiteral("autostart"), vm.autostart},
                  {QStringLiteral("template"), vm.isTemplate}};
    if (vm.status.pid) o.insert(QStringLiteral("pid"), qint64(vm.status.pid));
    if (!vm.status.detail.isEmpty()) o.insert(QStringLiteral("detail"), vm.status.detail);
    return o;
}

int vmList(Cli& cli) {
    if (!cli.parse(QStringLiteral("List the VMs of the library (or of the --remote host) with "
                                  "their true state."),
                   {}))
        return cli.exitCode();
    auto engine = vmEngine(cli);
    if (!engine) return cli.fail(engine.error());
    auto vms = (*engine)->list();
    if (!vms) return cli.fail(vms.error());
    QJsonArray out;
    for (const auto& vm : *vms) {
        if (!vm.error.isEmpty()) {
            cli.warn(vm.error);
            out.append(QJsonObject{{QStringLiteral("name"), vm.name},
                                   {QStringLiteral("state"), QStringLiteral("error")},
                                   {QStringLiteral("error"), vm.error}});
            continue;
        }
        QJsonObject o = statusJson(vm);
        if (cli.remote().isEmpty() && vm.status.state == VmState::Running)
            if (const QJsonObject guest = guestAgentJson(cli.library(), vm.name); !guest.isEmpty())
                o.insert(QStringLiteral("guest"), guest);
        out.append(o);
    }
    if (cli.json()) return cli.printJson(out);
    std::printf("%-24s %-9s %5s %9s  %s\n", "NAME", "STATE", "CPUS", "MEMORY", "UUID");
    for (const auto& v : out) {
        const auto o = v.toObject();
        std::printf("%-24s %-9s %5d %8lldM  %s\n",
                    qPrintable(o.value(QStringLiteral("name")).toString()),
                    qPrintable(o.value(QStringLiteral("state")).toString()),
                    o.value(QStringLiteral("vcpus")).toInt(),
                    o.value(QStringLiteral("memoryMiB")).toInteger(),
                    qPrintable(o.value(QStringLiteral("uuid")).toString()));
    }
    return ExitOk;
}

int vmShow(Cli& cli) {
    if (!cli.parse(QStringLiteral("Show a VM's definition and state (JSON)."), {kName}))
        return cli.exitCode();
    auto spec = cli.library().load(cli.positional().first());
    if (!spec) return cli.fail(spec.error());
    QJsonObject o = vmSpecToJson(*spec);
    const VmStatus st = VmRuntime(cli.library(), *spec).status();
    o.insert(QStringLiteral("state"), toString(st.state));
    if (!st.detail.isEmpty()) o.insert(QStringLiteral("detail"), st.detail);
    if (st.isActive()) {
        o.insert(QStringLiteral("pid"), qint64(st.pid));
        o.insert(QStringLiteral("addresses"),
                 QJsonArray::fromStringList(VirtualNetworks(cli.library()).guestAddresses(*spec)));
        if (auto up = processUptimeSeconds(st.pid)) o.insert(QStringLiteral("uptimeSeconds"), *up);
        if (const QJsonObject guest = guestAgentJson(cli.library(), spec->name); !guest.isEmpty())
            o.insert(QStringLiteral("guest"), guest);
    }
    return cli.printJson(o);
}

// Verbs that take only a name and call one lifecycle operation.
int simpleVerb(Cli& cli, const QString& description, Status (*op)(const VmEngine&, const QString&),
               const QString& done) {
    if (!cli.parse(description, {kName})) return cli.exitCode();
    const QString name = cli.positional().first();
    auto engine = vmEngine(cli);
    if (!engine) return cli.fail(engine.error());
    if (auto s = op(**engine, name); !s) return cli.fail(s.error());
    if (!done.isEmpty()) cli.print(done.arg(name));
    return ExitOk;
}

void warnIfSoftwareEmulation(Cli& cli) {
    const AccelChoice accel = chooseAccelerator();
    if (accel.accel == QLatin1String("tcg") && !accel.fromCache && qgetenv("VIREO_ACCEL").isEmpty())
        cli.warn(accel.reason);
}

int vmStart(Cli& cli) {
    if (!cli.parse(QStringLiteral("Start a VM (a saved VM resumes where it was saved)."), {kName},
                   {{QStringLiteral("paused"), QStringLiteral("Start with the vCPUs paused.")}}))
        return cli.exitCode();
    if (cli.remote().isEmpty()) warnIfSoftwareEmulation(cli);
    const QString name = cli.positional().first();
    auto engine = vmEngine(cli);
    if (!engine) return cli.fail(engine.error());
    if (auto s = (*engine)->start(name, {cli.isSet(QStringLiteral("paused"))}); !s)
        return cli.fail(s.error());
    cli.print(QStringLiteral("Started VM '%1'").arg(name));
    return ExitOk;
}

int vmStop(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Shut a VM down gracefully: through the guest agent when it runs in "
                           "the guest, else the ACPI power button; powered off after the timeout."),
            {kName},
            {{QStringLiteral("timeout"),
              QStringLiteral("Seconds to wait for the guest (default 60)."),
              QStringLiteral("SECONDS"), QStringLiteral("60")},
             {QStringLiteral("mode"), QStringLiteral("auto (default), agent or acpi."),
              QStringLiteral("MODE"), QStringLiteral("auto")},
             {QStringLiteral("no-force"),
              QStringLiteral("Fail instead of powering off after the timeout.")}}))
        return cli.exitCode();
    bool ok = false;
    const int seconds = cli.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || seconds < 0) return cli.usage(QStringLiteral("--timeout needs a number of seconds"));
    const QString mode = cli.value(QStringLiteral("mode"));
    StopOptions options{seconds * 1000, !cli.isSet(QStringLiteral("no-force"))};
    if (mode == QLatin1String("agent"))
        options.method = ShutdownMethod::Agent;
    else if (mode == QLatin1String("acpi"))
        options.method = ShutdownMethod::Acpi;
    else if (mode != QLatin1String("auto"))
        return cli.usage(
            QStringLiteral("--mode '%1' is unknown: use auto, agent or acpi").arg(mode));
    const QString name = cli.positional().first();
    auto engine = vmEngine(cli);
    if (!engine) return cli.fail(engine.error());
    if (auto s = (*engine)->stop(name, options); !s) return cli.fail(s.error());
    cli.print(QStringLiteral("Stopped VM '%1'").arg(name));
    return ExitOk;
}

int vmDelete(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Delete a VM and its folder (disks created by Vireo live there)."),
            {kName},
            {{QStringLiteral("force"), QStringLiteral("Power off a running VM first.")},
             {QStringLiteral("remove-disks"),
              QStringLiteral("Also delete attached disks outside the VM's folder.")}}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    auto engine = vmEngine(cli);
    if (!engine) return cli.fail(engine.error());
    if (auto s = (*engine)->remove(
            name, {cli.isSet(QStringLiteral("force")), cli.isSet(QStringLiteral("remove-disks"))});
        !s)
        return cli.fail(s.error());
    cli.print(QStringLiteral("Deleted VM '%1'").arg(name));
    return ExitOk;
}

int vmLog(Cli& cli) {
    if (!cli.parse(QStringLiteral(
                       "Print everything the VM's serial console printed (kept in its folder)."),
                   {kName}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    if (!cli.library().exists(name)) return cli.fail(cli.library().load(name).error());
    QFile f(cli.library().consoleLogPath(name));
    if (f.open(QIODevice::ReadOnly)) {
        const QByteArray data = f.readAll();
        std::fwrite(data.constData(), 1, data.size(), stdout);
    }
    return ExitOk;
}

int vmCdrom(Cli& cli) {
    if (!cli.parse(QStringLiteral("Insert an ISO into a VM's CD drive, or eject it; a running VM "
                                  "sees the change at once."),
                   {kName, QStringLiteral("[ISO]")},
                   {{QStringLiteral("eject"), QStringLiteral("Empty the drive.")}}, 1))
        return cli.exitCode();
    const QString name = cli.positional().first();
    const bool eject = cli.isSet(QStringLiteral("eject"));
    const QString iso = cli.positional().value(1);
    if (eject == !iso.isEmpty()) return cli.usage(QStringLiteral("give either an ISO or --eject"));
    if (auto s = VmLifecycle(cli.library()).changeCdrom(name, iso); !s) return cli.fail(s.error());
    cli.print(eject ? QStringLiteral("Ejected the CD of VM '%1'").arg(name)
                    : QStringLiteral("Inserted %1 into VM '%2'").arg(iso, name));
    return ExitOk;
}

int vmClone(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Clone a shut-off VM: new UUID and MACs, its own disks."),
            {QStringLiteral("SOURCE"), QStringLiteral("TARGET")},
            {{QStringLiteral("linked"),
              QStringLiteral("Thin qcow2 overlays on a frozen base instead of full copies.")}}))
        return cli.exitCode();
    const QString src = cli.positional().at(0);
    const QString dst = cli.positional().at(1);
    if (!cli.remote().isEmpty()) {
        if (cli.isSet(QStringLiteral("linked")))
            return cli.usage(QStringLiteral("--linked does not work with --remote yet"));
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        if (auto s = LibvirtEngine(*conn).clone(src, dst); !s) return cli.fail(s.error());
        cli.print(
            QStringLiteral("Cloned VM '%1' to '%2' on remote '%3'").arg(src, dst, cli.remote()));
        return ExitOk;
    }
    ProgressLine progress(QStringLiteral("Cloning"));
    if (auto s =
            VmCloner(cli.library())
                .clone(src, dst,
                       cli.isSet(QStringLiteral("linked")) ? CloneMode::Linked : CloneMode::Full,
                       progress.callback(), progress.cancelFlag());
        !s)
        return cli.fail(s.error());
    progress.finish();
    cli.print(QStringLiteral("Cloned VM '%1' to '%2'").arg(src, dst));
    return ExitOk;
}

} // namespace

const QList<Verb>& vmVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("create"), QStringLiteral("define a new VM"), vmCreate},
        {QStringLiteral("edit"), QStringLiteral("change a shut-off VM's hardware"), vmEdit},
        {QStringLiteral("cdrom"), QStringLiteral("insert or eject an ISO, also while running"),
         vmCdrom},
        {QStringLiteral("list"), QStringLiteral("list VMs and their state"), vmList},
        {QStringLiteral("show"), QStringLiteral("show a VM's definition and state"), vmShow},
        {QStringLiteral("start"), QStringLiteral("start (or resume a saved) VM"), vmStart},
        {QStringLiteral("stop"),
         QStringLiteral("graceful shutdown (agent or ACPI), forced after a timeout"), vmStop},
        {QStringLiteral("kill"), QStringLiteral("immediate power-off"),
         [](Cli& c) {
             return simpleVerb(
                 c, QStringLiteral("Power a VM off immediately (or clear a crashed state)."),
                 [](const VmEngine& l, const QString& n) { return l.kill(n); },
                 QStringLiteral("Powered off VM '%1'"));
         }},
        {QStringLiteral("pause"), QStringLiteral("pause the vCPUs"),
         [](Cli& c) {
             return simpleVerb(
                 c, QStringLiteral("Pause a running VM."),
                 [](const VmEngine& l, const QString& n) { return l.pause(n); },
                 QStringLiteral("Paused VM '%1'"));
         }},
        {QStringLiteral("resume"), QStringLiteral("resume paused vCPUs"),
         [](Cli& c) {
             return simpleVerb(
                 c, QStringLiteral("Resume a paused VM."),
                 [](const VmEngine& l, const QString& n) { return l.resume(n); },
                 QStringLiteral("Resumed VM '%1'"));
         }},
        {QStringLiteral("reset"), QStringLiteral("hard reset"),
         [](Cli& c) {
             return simpleVerb(
                 c, QStringLiteral("Reset a running VM (like the reset button)."),
                 [](const VmEngine& l, const QString& n) { return l.reset(n); },
                 QStringLiteral("Reset VM '%1'"));
         }},
        {QStringLiteral("save"), QStringLiteral("suspend to a state file and stop"),
         [](Cli& c) {
             return simpleVerb(
                 c, QStringLiteral("Save a running VM's whole state to its folder and stop it."),
                 [](const VmEngine& l, const QString& n) { return l.save(n); },
                 QStringLiteral("Saved VM '%1'"));
         }},
        {QStringLiteral("restore"), QStringLiteral("resume from the saved state"),
         [](Cli& c) {
             return simpleVerb(
                 c, QStringLiteral("Restore a saved VM and run it."),
                 [](const VmEngine& l, const QString& n) { return l.restore(n); },
                 QStringLiteral("Restored VM '%1'"));
         }},
        {QStringLiteral("delete"), QStringLiteral("delete a VM"), vmDelete},
        {QStringLiteral("migrate"),
         QStringLiteral("move a running VM to another libvirt host (--remote SRC --to DST)"),
         runVmMigrate},
        {QStringLiteral("move"),
         QStringLiteral("move a shut-off local VM to a libvirt host (disks copied to a pool)"),
         runVmMove},
        {QStringLiteral("events"),
         QStringLiteral("print a libvirt host's VM lifecycle events as they happen"), runVmEvents},
        {QStringLiteral("log"), QStringLiteral("print the serial console log"), vmLog},
        {QStringLiteral("clone"), QStringLiteral("full or linked clone"), vmClone},
        {QStringLiteral("template"), QStringLiteral("mark a VM as a template (or --unset)"),
         vmTemplate},
        {QStringLiteral("import"), QStringLiteral("create a VM from an OVA/OVF appliance"),
         runVmImport},
        {QStringLiteral("export"), QStringLiteral("write a shut-off VM as an OVA"), runVmExport},
        {QStringLiteral("exec"), QStringLiteral("run a command in the guest (guest agent)"),
         runGuestExec},
        {QStringLiteral("ssh"), QStringLiteral("ssh into the guest (port forward, lease or agent)"),
         runVmSsh},
        {QStringLiteral("copy"), QStringLiteral("copy a file into or out of the guest"),
         runGuestCopy},
        {QStringLiteral("share"), QStringLiteral("share host folders (virtiofs): add|list|remove"),
         runShare},
        {QStringLiteral("type"), QStringLiteral("type text as key presses (us or de layout)"),
         runTypeText},
        {QStringLiteral("clipboard"),
         QStringLiteral("two-way clipboard with the guest (spice-vdagent): set|watch"),
         runClipboard},
        {QStringLiteral("backup"), QStringLiteral("full or incremental backup into a folder"),
         runVmBackup},
        {QStringLiteral("console"), QStringLiteral("attach to the serial console"), runConsole},
        {QStringLiteral("display"), QStringLiteral("print the VNC endpoint"), runDisplay},
    };
    return verbs;
}

} // namespace vireo::cli
