#include "vm/VmLifecycle.h"

#include "core/CompanionProgram.h"
#include "network/VirtualNetworks.h"
#include "passthrough/HostJournal.h"
#include "passthrough/HostRoot.h"
#include "qemu/AccelProbe.h"
#include "qemu/DetachedLauncher.h"
#include "qemu/QemuCommandBuilder.h"
#include "qemu/QmpSync.h"
#include "qemu/SwtpmLauncher.h"
#include "qemu/VirtiofsdLauncher.h"
#include "spec/VmSpecJson.h"
#include "spec/VmSpecValidation.h"
#include "storage/QemuImg.h"
#include "store/AtomicFile.h"
#include "usb/UsbAttachments.h"
#include "vm/CpuPinning.h"
#include "vm/GuestOperations.h"
#include "vm/HostTopology.h"
#include "vm/LockedVm.h"
#include "vm/MacAddresses.h"
#include "vm/MigrationStream.h"
#include "vm/StateJobJournal.h"
#include "vm/VmHostDevices.h"
#include "vm/VmRuntime.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QThread>

#include <csignal>
#include <unistd.h>

namespace vireo {

namespace {

const QString kOvmfDir = QStringLiteral("/usr/share/OVMF");

QString ovmfCode(bool secureBoot) {
    return kOvmfDir + (secureBoot ? QStringLiteral("/OVMF_CODE_4M.ms.fd")
                                  : QStringLiteral("/OVMF_CODE_4M.fd"));
}
QString ovmfVarsTemplate(bool secureBoot) {
    return kOvmfDir + (secureBoot ? QStringLiteral("/OVMF_VARS_4M.ms.fd")
                                  : QStringLiteral("/OVMF_VARS_4M.fd"));
}

Error notRunning(const QString& name, VmState state) {
    return makeError(ErrorCode::InvalidState,
                     QStringLiteral("VM '%1' is %2, not running").arg(name, toString(state)),
                     QStringLiteral("start it first with 'vireoctl vm start %1'").arg(name));
}

Result<std::unique_ptr<QmpClient>> qmpFor(const VmRuntime& rt) {
    return QmpSync::connect(rt.qmpSocket(), 10000);
}

Status callSimple(const VmRuntime& rt, const QString& command, const QJsonObject& args = {}) {
    auto qmp = qmpFor(rt);
    if (!qmp) return qmp.error();
    auto r = QmpSync::call(**qmp, command, args);
    if (!r) return r.error();
    return {};
}

// A guest that was paused or saved missed the time in between; its agent, when there is
// one, sets the clock from the host's. Best effort: a guest without agent keeps its time.
void syncGuestClock(const Library& library, const QString& name) {
    const GuestOperations guest(library, name);
    if (auto present = guest.agentPresent(); present && *present) (void)guest.syncClock();
}

// Without USB buses (or libusb) the VM starts without host devices: filters are a wish,
// not a requirement.
QStringList usbPortsAtStart(const Library& library, const VmSpec& spec) {
    if (!spec.usb || spec.usbFilters.isEmpty()) return {};
    auto host = HostRoot::open(HostRoot::defaultDir());
    if (!host) return {};
    auto bus = openUsbBus(*host);
    if (!bus) return {};
    auto devices = (*bus)->devices();
    if (!devices) return {};
    return usbPortsForStart(library, spec, *devices, *host);
}

} // namespace

QVector<BackingUse> backingUses(const Library& library, const QString& except,
                                const std::function<bool(const QString& base)>& matches) {
    QVector<BackingUse> uses;
    for (const auto& other : library.vmNames()) {
        if (other == except) continue;
        auto o = library.load(other);
        if (!o) continue;
        for (const auto& d : o->disks) {
            auto info = QemuImg::info(d.path);
            if (!info) continue;
            for (const auto& b : info->backingChain)
                if (matches(b)) uses.append(BackingUse{other, b});
        }
    }
    return uses;
}

QString uefiVarsPath(const Library& library, const QString& vmName) {
    // VMs made before the store became qcow2 keep their raw one.
    const QString raw = library.vmDir(vmName) + QStringLiteral("/OVMF_VARS.fd");
    if (QFileInfo::exists(raw)) return raw;
    return library.vmDir(vmName) + QStringLiteral("/OVMF_VARS.qcow2");
}

QString tpmStatePath(const Library& library, const QString& vmName) {
    return library.vmDir(vmName) + QStringLiteral("/tpm");
}

Status ensureUefiVars(const Library& library, const VmSpec& spec) {
    if (spec.firmware != Firmware::Uefi || QFileInfo::exists(uefiVarsPath(library, spec.name)))
        return {};
    // qcow2, not a raw copy: internal snapshots then capture the UEFI variables together
    // with the disks (a raw pflash blocks savevm, the trap virt-manager users hit).
    return QemuImg::convert(ovmfVarsTemplate(spec.secureBoot), uefiVarsPath(library, spec.name),
                            QStringLiteral("qcow2"));
}

Status completeDiskSpec(DiskSpec& disk) {
    disk.path = QFileInfo(disk.path).absoluteFilePath();
    if (disk.format.isEmpty()) {
        // qemu-img says what the image is, so a VM never boots a qcow2 as raw.
        auto info = QemuImg::info(disk.path);
        if (!info) return info.error();
        disk.format = info->format;
    }
    return {};
}

Status completeFilePaths(VmSpec& spec) {
    for (auto& d : spec.disks)
        VIREO_TRY(completeDiskSpec(d));
    if (!spec.cdrom.isEmpty()) spec.cdrom = QFileInfo(spec.cdrom).absoluteFilePath();
    if (spec.kernel.enabled()) {
        spec.kernel.kernel = QFileInfo(spec.kernel.kernel).absoluteFilePath();
        if (!spec.kernel.initrd.isEmpty())
            spec.kernel.initrd = QFileInfo(spec.kernel.initrd).absoluteFilePath();
    }
    return {};
}

Result<VmSpec> VmLifecycle::create(VmSpec spec) const {
    if (spec.uuid.isNull()) spec.uuid = QUuid::createUuid();
    VIREO_TRY(assignUniqueMacs(m_library, spec));
    VIREO_TRY(validateVmSpec(spec));
    VIREO_TRY(completeFilePaths(spec));
    if (spec.firmware == Firmware::Uefi && !QFileInfo::exists(ovmfCode(spec.secureBoot)))
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("UEFI firmware %1 is missing").arg(ovmfCode(spec.secureBoot)),
            QStringLiteral("install the ovmf package"));
    VIREO_TRY(m_library.create(spec));
    VIREO_TRY(ensureUefiVars(m_library, spec));
    return spec;
}

Status VmLifecycle::edit(VmSpec spec) const {
    auto locked = lockAndLoad(m_library, spec.name);
    if (!locked) return locked.error();
    // USB filters are read at start and whenever a device is plugged in (usb watch): a
    // running VM may change them, nothing else.
    const bool onlyUsbFilters = [&] {
        VmSpec a = spec, b = locked->spec;
        a.usbFilters.clear();
        b.usbFilters.clear();
        return vmSpecToJson(a) == vmSpecToJson(b);
    }();
    if (locked->status.isActive() && !onlyUsbFilters)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' is running; its hardware cannot change now").arg(spec.name),
            QStringLiteral("stop it first with 'vireoctl vm stop %1'").arg(spec.name));
    VIREO_TRY(assignUniqueMacs(m_library, spec));
    VIREO_TRY(validateVmSpec(spec));
    VIREO_TRY(completeFilePaths(spec));
    if (spec.uuid != locked->spec.uuid)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("VM '%1': the UUID cannot change").arg(spec.name));
    return m_library.save(spec);
}

Status VmLifecycle::changeCdrom(const QString& name, const QString& iso) const {
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    VmSpec spec = locked->spec;
    spec.cdrom = iso.isEmpty() ? QString() : QFileInfo(iso).absoluteFilePath();
    if (!spec.cdrom.isEmpty() && !QFileInfo(spec.cdrom).isFile())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("ISO image '%1' does not exist").arg(spec.cdrom),
                         QStringLiteral("check the path"));
    VIREO_TRY(validateVmSpec(spec));
    if (locked->status.isActive()) {
        auto qmp = qmpFor(VmRuntime(m_library, spec));
        if (!qmp) return qmp.error();
        const QString id = QLatin1String(kCdromDeviceId);
        auto done =
            spec.cdrom.isEmpty()
                ? QmpSync::call(
                      **qmp, QStringLiteral("eject"),
                      QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("force"), true}})
                : QmpSync::call(
                      **qmp, QStringLiteral("blockdev-change-medium"),
                      QJsonObject{{QStringLiteral("id"), id},
                                  {QStringLiteral("filename"), spec.cdrom},
                                  {QStringLiteral("format"), QStringLiteral("raw")},
                                  {QStringLiteral("read-only-mode"), QStringLiteral("read-only")}});
        if (!done)
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("cannot change the CD of running VM '%1': %2")
                                 .arg(name, done.error().message),
                             QStringLiteral("stop the VM and set the ISO with 'vireoctl vm edit "
                                            "%1 --cdrom ISO'")
                                 .arg(name));
    }
    return m_library.save(spec);
}

Result<VmStatus> VmLifecycle::status(const QString& name) const {
    auto spec = m_library.load(name);
    if (!spec) return spec.error();
    return VmRuntime(m_library, *spec).status();
}

Status VmLifecycle::checkDisksFree(const VmSpec& spec) const {
    for (const auto& other : m_library.vmNames()) {
        if (other == spec.name) continue;
        auto o = m_library.load(other);
        if (!o || VmRuntime(m_library, *o).livePid() == 0) continue;
        for (const auto& mine : spec.disks)
            for (const auto& theirs : o->disks)
                if (QFileInfo(mine.path).canonicalFilePath() ==
                        QFileInfo(theirs.path).canonicalFilePath() &&
                    !(mine.readOnly && theirs.readOnly))
                    return makeError(
                        ErrorCode::Busy,
                        QStringLiteral("disk '%1' is in use by running VM '%2'")
                            .arg(mine.path, other),
                        QStringLiteral(
                            "stop '%1' first, or give this VM its own disk (e.g. a linked clone)")
                            .arg(other));
    }
    return {};
}

Status VmLifecycle::launch(const LockedVm& locked, bool paused, bool incoming) const {
    const VmSpec& spec = locked.spec;
    VIREO_TRY(validateVmSpec(spec));
    VIREO_TRY(checkDisksFree(spec));
    VIREO_TRY(ensureUefiVars(m_library, spec)); // e.g. edited from BIOS to UEFI
    if (spec.perf.hugepageKiB != 0) {
        auto host = HostRoot::open(QStringLiteral("/"));
        if (!host) return host.error();
        VIREO_TRY(checkHugepages(spec, HostTopology::read(*host)));
    }
    VmRuntime rt(m_library, spec);
    VIREO_TRY(rt.prepare());
    QemuLaunchContext ctx;
    auto devices = takeHostDevices(spec, rt.dir());
    if (!devices) {
        rt.clear();
        return devices.error();
    }
    ctx.sriovVfs = devices->vfAddresses;
    ctx.accel = chooseAccelerator(ctx.qemuBinary).accel;
    ctx.runtimeDir = rt.dir();
    ctx.consoleLogPath = m_library.consoleLogPath(spec.name);
    ctx.ovmfCode = ovmfCode(spec.secureBoot);
    ctx.ovmfVars = uefiVarsPath(m_library, spec.name);
    // Pinned VMs start paused and run once their threads are pinned.
    const bool pin = !spec.perf.vcpuPins.isEmpty() || !spec.perf.emulatorPins.isEmpty();
    ctx.startPaused = paused || (pin && !incoming);
    ctx.incomingDefer = incoming;
    ctx.vhostNet = ::access("/dev/vhost-net", R_OK | W_OK) == 0;
    // A restored state already has its USB devices; a fresh start takes what the
    // filters match now (the filter watcher brings the rest as they are plugged in).
    if (!incoming) ctx.usbHostPorts = usbPortsAtStart(m_library, spec);
    const VirtualNetworks networks(m_library);
    auto taps = networks.plugNics(spec);
    if (!taps) {
        rt.clear();
        return taps.error();
    }
    ctx.nicTaps = *taps;
    ctx.nicMtus = networks.nicMtus(spec);
    pid_t swtpm = 0;
    // Undoes what this launch set up when QEMU does not come up.
    auto abandon = [&] {
        if (swtpm > 0) ::kill(swtpm, SIGKILL);
        networks.unplugNics(spec);
        rt.clear();
    };
    auto argv = buildQemuArgv(spec, ctx);
    if (!argv) {
        abandon();
        return argv.error();
    }
    if (spec.tpm) {
        auto tpm = startSwtpm(tpmStatePath(m_library, spec.name),
                              rt.dir() + QLatin1Char('/') + QLatin1String(kSwtpmSocket),
                              rt.dir() + QStringLiteral("/swtpm.log"));
        if (!tpm) {
            abandon();
            return tpm.error();
        }
        swtpm = *tpm;
    }
    for (const auto& share : spec.shares) {
        auto fs = startVirtiofsd(share, rt.shareSocket(share.tag), rt.sharePidFile(share.tag),
                                 rt.shareLog(share.tag));
        if (!fs) {
            abandon();
            return fs.error();
        }
    }
    DetachedLaunch qemu{
        *argv, rt.stderrLog(), rt.exitStatusFile(), rt.pidFile(), locked.lock.fd(), {}, {}};
    // Host devices go back as soon as QEMU ends, also when the guest powers itself off.
    const QString ctl = companionProgram(QStringLiteral("vireoctl"), "VIREO_CTL");
    if ((!spec.hostPci.isEmpty() || !spec.sriovVfs.isEmpty()) && !ctl.isEmpty())
        qemu.afterExit = {ctl,
                          QStringLiteral("--library"),
                          m_library.root(),
                          QStringLiteral("vm"),
                          QStringLiteral("release-devices"),
                          spec.name};
    auto pid = launchDetached(qemu);
    if (!pid) {
        abandon();
        return pid.error();
    }
    // QEMU creates its QMP socket before it starts the guest; failing to reach it means
    // QEMU refused the configuration — report what it said.
    QDeadlineTimer deadline(20000);
    for (;;) {
        if (QFileInfo::exists(rt.qmpSocket())) {
            auto qmp = QmpSync::connect(rt.qmpSocket(), 5000);
            if (qmp) {
                Status pinned = applyCpuPinning(**qmp, rt.livePid(), spec.perf);
                if (pinned && pin && !paused && !incoming)
                    pinned =
                        QmpSync::call(**qmp, QStringLiteral("cont")).ok()
                            ? Status()
                            : Status(makeError(
                                  ErrorCode::Protocol,
                                  QStringLiteral("QEMU did not resume VM '%1'").arg(spec.name)));
                if (pinned) return {};
                qmp->reset();
                if (const pid_t p = rt.livePid()) ::kill(p, SIGKILL);
                rt.waitForExit(5000);
                abandon();
                return pinned.error();
            }
        }
        if (rt.livePid() == 0 || deadline.hasExpired()) break;
        QThread::msleep(20);
    }
    const QString tail = rt.stderrTail(3);
    if (const pid_t p = rt.livePid()) ::kill(p, SIGKILL);
    rt.waitForExit(5000);
    abandon();
    return makeError(
        ErrorCode::Process,
        QStringLiteral("QEMU did not start VM '%1': %2")
            .arg(spec.name, tail.isEmpty() ? QStringLiteral("no output") : tail),
        QStringLiteral("check the VM's definition with 'vireoctl vm show %1'").arg(spec.name));
}

Status VmLifecycle::start(const QString& name, const StartOptions& options) const {
    {
        auto locked = lockAndLoad(m_library, name);
        if (!locked) return locked.error();
        if (locked->status.isActive())
            return makeError(
                ErrorCode::InvalidState,
                QStringLiteral("VM '%1' is already %2").arg(name, toString(locked->status.state)),
                QStringLiteral("stop it first, or use 'vireoctl vm reset %1'").arg(name));
        if (locked->spec.isTemplate)
            return makeError(
                ErrorCode::InvalidState,
                QStringLiteral("VM '%1' is a template, which is never started").arg(name),
                QStringLiteral("make a VM from it with 'vireoctl vm create NEW --from %1', "
                               "or unmark it with 'vireoctl vm template %1 --unset'")
                    .arg(name));
        if (locked->status.state != VmState::Saved) return launch(*locked, options.paused, false);
    }
    // A saved VM starts where it left off, as in VirtualBox.
    return restore(name);
}

Status VmLifecycle::killLocked(const VmSpec& spec) const {
    return VmRuntime(m_library, spec).endQemu();
}

Status VmLifecycle::stop(const QString& name, const StopOptions& options) const {
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    if (!locked->status.isActive()) return notRunning(name, locked->status.state);
    VmRuntime rt(m_library, locked->spec);
    // A paused guest can neither see the power button nor run its agent.
    if (locked->status.state == VmState::Paused) (void)callSimple(rt, QStringLiteral("cont"));
    Status asked = makeError(ErrorCode::Unsupported, QString());
    if (options.method != ShutdownMethod::Acpi) {
        asked = GuestOperations(m_library, name).shutdown();
        if (!asked && options.method == ShutdownMethod::Agent) return asked.error();
    }
    if (!asked) VIREO_TRY(callSimple(rt, QStringLiteral("system_powerdown")));
    if (rt.waitForExit(options.timeoutMs)) {
        rt.clear();
        VirtualNetworks(m_library).unplugNics(locked->spec);
        return {};
    }
    if (!options.force)
        return makeError(ErrorCode::Timeout,
                         QStringLiteral("VM '%1' did not shut down within %2 s")
                             .arg(name)
                             .arg(options.timeoutMs / 1000),
                         QStringLiteral("use 'vireoctl vm kill %1' to power it off").arg(name));
    return killLocked(locked->spec);
}

Status VmLifecycle::kill(const QString& name) const {
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    VmRuntime rt(m_library, locked->spec);
    if (locked->status.state == VmState::Crashed && rt.livePid() == 0) {
        rt.clear(); // acknowledges the crash: the VM is now simply off
        return {};
    }
    if (!locked->status.isActive()) return notRunning(name, locked->status.state);
    return killLocked(locked->spec);
}

Status VmLifecycle::pause(const QString& name) const {
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    if (locked->status.state != VmState::Running)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' is %2, not running").arg(name, toString(locked->status.state)));
    return callSimple(VmRuntime(m_library, locked->spec), QStringLiteral("stop"));
}

Status VmLifecycle::resume(const QString& name) const {
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    if (locked->status.state != VmState::Paused)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' is %2, not paused").arg(name, toString(locked->status.state)),
            locked->status.state == VmState::Saved
                ? QStringLiteral("use 'vireoctl vm restore %1'").arg(name)
                : QString());
    VIREO_TRY(callSimple(VmRuntime(m_library, locked->spec), QStringLiteral("cont")));
    // A save interrupted after its state file was written leaves QEMU paused beside it; once
    // the guest runs on, that file is stale and must never be restored over newer disks.
    QFile::remove(m_library.savedStatePath(name));
    QFile::remove(m_library.savedStatePath(name) + QStringLiteral(".partial"));
    syncGuestClock(m_library, name);
    return {};
}

Status VmLifecycle::reset(const QString& name) const {
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    if (!locked->status.isActive()) return notRunning(name, locked->status.state);
    return callSimple(VmRuntime(m_library, locked->spec), QStringLiteral("system_reset"));
}

Status VmLifecycle::save(const QString& name) const {
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    if (!locked->status.isActive()) return notRunning(name, locked->status.state);
    if (locked->spec.clipboard)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("VM '%1' shares its clipboard (qemu-vdagent), whose state "
                                        "QEMU cannot save")
                             .arg(name),
                         QStringLiteral("shut it down instead, or turn the clipboard off with "
                                        "'vireoctl vm edit %1 --no-clipboard'")
                             .arg(name));
    VmRuntime rt(m_library, locked->spec);
    auto qmp = qmpFor(rt);
    if (!qmp) return qmp.error();
    const bool wasRunning = locked->status.state == VmState::Running;
    // Should this process die from here on, the next command undoes the save.
    VIREO_TRY(noteSaveStarted(m_library, name, wasRunning));
    if (wasRunning) {
        if (auto stopped = QmpSync::call(**qmp, QStringLiteral("stop")); !stopped) {
            noteStateJobEnded(m_library, name);
            return stopped.error();
        }
    }
    auto saved = saveMigrationStream(**qmp, rt.dir() + QStringLiteral("/save.sock"),
                                     m_library.savedStatePath(name));
    if (!saved) {
        if (wasRunning) (void)QmpSync::call(**qmp, QStringLiteral("cont"));
        noteStateJobEnded(m_library, name);
        return saved.error();
    }
    qmp->reset();
    const Status killed = killLocked(locked->spec);
    noteStateJobEnded(m_library, name);
    return killed;
}

Status VmLifecycle::restore(const QString& name) const {
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    if (locked->status.state != VmState::Saved)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' is %2 and has no saved state")
                .arg(name, toString(locked->status.state)),
            QStringLiteral("use 'vireoctl vm save %1' on a running VM first").arg(name));
    // Should this process die from here on, the next command undoes the restore.
    VIREO_TRY(noteRestoreStarted(m_library, name));
    if (Status launched = launch(*locked, false, true); !launched) {
        noteStateJobEnded(m_library, name);
        return launched.error();
    }
    VmRuntime rt(m_library, locked->spec);
    auto qmp = qmpFor(rt);
    Status loaded = qmp ? loadMigrationStream(**qmp, rt.dir() + QStringLiteral("/restore.sock"),
                                              m_library.savedStatePath(name))
                        : Status(qmp.error());
    if (!loaded) {
        if (qmp) qmp->reset();
        (void)killLocked(locked->spec); // the saved state stays for another try
        noteStateJobEnded(m_library, name);
        return loaded.error();
    }
    QFile::remove(m_library.savedStatePath(name));
    noteStateJobEnded(m_library, name);
    qmp->reset();
    syncGuestClock(m_library, name);
    return {};
}

Status VmLifecycle::remove(const QString& name, const DeleteOptions& options) const {
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    if (locked->status.isActive() && !options.force)
        return makeError(
            ErrorCode::InvalidState, QStringLiteral("VM '%1' is running").arg(name),
            QStringLiteral("stop it first, or pass --force to power it off and delete it"));
    // Linked clones read their base images through backing chains: refuse to delete any
    // file (in the VM's folder, or an attached disk with --remove-disks) that one needs.
    const QString myDir = QDir(m_library.vmDir(name)).canonicalPath() + QLatin1Char('/');
    auto wouldDelete = [&](const QString& path) {
        const QString canonical = QFileInfo(path).canonicalFilePath();
        if (canonical.startsWith(myDir)) return true;
        if (options.removeDisks)
            for (const auto& d : locked->spec.disks)
                if (!d.readOnly && QFileInfo(d.path).canonicalFilePath() == canonical) return true;
        return false;
    };
    if (const auto uses = backingUses(m_library, name, wouldDelete); !uses.isEmpty())
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("VM '%1' holds the base image %2 of linked clone '%3'")
                             .arg(name, uses.first().base, uses.first().vm),
                         QStringLiteral("delete '%1' first").arg(uses.first().vm));
    if (locked->status.isActive()) VIREO_TRY(killLocked(locked->spec));
    if (options.removeDisks)
        for (const auto& d : locked->spec.disks)
            if (!d.readOnly) QFile::remove(d.path);
    VmRuntime(m_library, locked->spec).clear();
    VirtualNetworks(m_library).unplugNics(locked->spec);
    return m_library.remove(name);
}

} // namespace vireo
