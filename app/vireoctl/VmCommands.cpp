// vireoctl vm ...: define, run and inspect VMs.
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
    auto engine = vmEngine(cli, ConnectionUse::OneShot);
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

// On a remote host: what its libvirt tells of the VM (the vm list fields), and where it is.
int vmShowRemote(Cli& cli) {
    const QString name = cli.positional().first();
    // One connection for the list and the agent.
    auto conn = openRemote(cli, cli.remote(), ConnectionUse::OneShot);
    if (!conn) return cli.fail(conn.error());
    auto vms = LibvirtEngine(*conn).list();
    if (!vms) return cli.fail(vms.error());
    for (const auto& vm : *vms) {
        if (vm.name != name) continue;
        if (!vm.error.isEmpty()) return cli.fail(makeError(ErrorCode::Corrupt, vm.error));
        QJsonObject o = statusJson(vm);
        o.insert(QStringLiteral("remote"), cli.remote());
        if (!vm.status.detail.isEmpty()) o.insert(QStringLiteral("detail"), vm.status.detail);
        // The guest's own view through its agent, as locally (absent when none answers).
        if (vm.status.state == VmState::Running)
            if (auto guest = remoteGuestInfo(**conn, name))
                o.insert(QStringLiteral("guest"), guestInfoJson(*guest));
        return cli.printJson(o);
    }
    return cli.fail(makeError(
        ErrorCode::NotFound,
        QStringLiteral("VM '%1' does not exist on remote '%2'").arg(name, cli.remote()),
        QStringLiteral("see 'vireoctl --remote %1 vm list' for its VMs").arg(cli.remote())));
}

int vmShow(Cli& cli) {
    if (!cli.parse(QStringLiteral("Show a VM's definition and state (JSON); with --remote, what "
                                  "that host's libvirt tells of it."),
                   {kName}))
        return cli.exitCode();
    if (!cli.remote().isEmpty()) return vmShowRemote(cli);
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

// What a VM's supervisor runs once QEMU has ended (and what a user runs after a crash of
// everything): the host PCI devices and SR-IOV VFs the VM held go back to the host.
int vmReleaseDevices(Cli& cli) {
    if (!cli.parse(QStringLiteral("Give the host PCI devices and SR-IOV VFs a stopped VM held "
                                  "back to the host (Vireo runs this when QEMU ends)."),
                   {kName}))
        return cli.exitCode();
    auto spec = cli.library().load(cli.positional().first());
    if (!spec) return cli.fail(spec.error());
    const VmRuntime rt(cli.library(), *spec);
    if (rt.livePid() != 0)
        return cli.fail(
            makeError(ErrorCode::InvalidState,
                      QStringLiteral("VM '%1' is running: it uses its devices").arg(spec->name),
                      QStringLiteral("stop it first with 'vireoctl vm stop %1'").arg(spec->name)));
    const QStringList failed = releaseHostDevices(rt.dir());
    for (const auto& f : failed)
        cli.warn(f);
    return failed.isEmpty() ? ExitOk : ExitFailed;
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
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        if (auto s = LibvirtLiveDevices(**conn).changeCdrom(name, iso); !s)
            return cli.fail(s.error());
    } else if (auto s = VmLifecycle(cli.library()).changeCdrom(name, iso); !s) {
        return cli.fail(s.error());
    }
    cli.print(eject ? QStringLiteral("Ejected the CD of VM '%1'").arg(name)
                    : QStringLiteral("Inserted %1 into VM '%2'").arg(iso, name));
    return ExitOk;
}

int vmNic(Cli& cli) {
    if (!cli.parse(QStringLiteral("Move a NIC to another network (\"user\" for per-VM NAT). A "
                                  "running VM keeps its NIC: between kernel networks it changes "
                                  "bridge and the guest sees its link go down and up."),
                   {kName, QStringLiteral("INDEX")},
                   {{QStringLiteral("network"), QStringLiteral("The network the NIC joins."),
                     QStringLiteral("NAME")},
                    {QStringLiteral("vlan"),
                     QStringLiteral("Its VLAN on that network: ID (untagged member) or "
                                    "trunk:LIST (tagged)."),
                     QStringLiteral("VLANS")}}))
        return cli.exitCode();
    const QString name = cli.positional().at(0);
    bool ok = false;
    const int index = cli.positional().at(1).toInt(&ok);
    if (!ok || index < 0)
        return cli.usage(
            QStringLiteral("NIC index '%1' is not a number from 0").arg(cli.positional().at(1)));
    if (!cli.isSet(QStringLiteral("network")))
        return cli.usage(QStringLiteral("--network is required"));
    const NicTarget target{cli.value(QStringLiteral("network")), cli.value(QStringLiteral("vlan"))};
    if (!cli.remote().isEmpty()) {
        if (!target.vlan.isEmpty())
            return cli.fail(makeError(ErrorCode::Unsupported,
                                      QStringLiteral("a libvirt network on remote '%1' has no "
                                                     "VLANs of Vireo's")
                                          .arg(cli.remote()),
                                      QStringLiteral("leave --vlan out")));
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        if (auto s = LibvirtLiveDevices(**conn).moveNic(name, index, target.network); !s)
            return cli.fail(s.error());
    } else if (auto s = NicMove(cli.library()).move(name, index, target); !s) {
        return cli.fail(s.error());
    }
    cli.print(QStringLiteral("NIC %1 of VM '%2' is on network '%3'")
                  .arg(index)
                  .arg(name, target.network));
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
    const CloneMode mode =
        cli.isSet(QStringLiteral("linked")) ? CloneMode::Linked : CloneMode::Full;
    if (!cli.remote().isEmpty()) {
        auto conn = openRemote(cli, cli.remote());
        if (!conn) return cli.fail(conn.error());
        if (auto s = LibvirtEngine(*conn).clone(src, dst, mode); !s) return cli.fail(s.error());
        cli.print(
            QStringLiteral("Cloned VM '%1' to '%2' on remote '%3'").arg(src, dst, cli.remote()));
        return ExitOk;
    }
    ProgressLine progress(QStringLiteral("Cloning"));
    if (auto s = VmCloner(cli.library())
                     .clone(src, dst, mode, progress.callback(), progress.cancelFlag());
        !s)
        return cli.fail(s.error());
    progress.finish();
    cli.print(QStringLiteral("Cloned VM '%1' to '%2'").arg(src, dst));
    return ExitOk;
}

} // namespace

const QList<Verb>& vmVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("create"), QStringLiteral("define a new VM"), runVmCreate},
        {QStringLiteral("edit"), QStringLiteral("change a shut-off VM's hardware"), runVmEdit},
        {QStringLiteral("cdrom"), QStringLiteral("insert or eject an ISO, also while running"),
         vmCdrom},
        {QStringLiteral("nic"), QStringLiteral("move a NIC to another network, also while running"),
         vmNic},
        {QStringLiteral("list"), QStringLiteral("list VMs and their state"), vmList},
        {QStringLiteral("show"), QStringLiteral("show a VM's definition and state"), vmShow},
        {QStringLiteral("start"), QStringLiteral("start (or resume a saved) VM"), vmStart},
        {QStringLiteral("stop"),
         QStringLiteral("graceful shutdown (agent or ACPI), forced after a timeout"), vmStop},
        {QStringLiteral("release-devices"),
         QStringLiteral("give a stopped VM's host devices back to the host"), vmReleaseDevices},
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
         runVmTemplate},
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
