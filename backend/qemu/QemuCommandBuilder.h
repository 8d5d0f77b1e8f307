#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"

#include <QJsonObject>
#include <QStringList>

namespace vireo {

// Everything about one launch that is not part of the VM's definition: where its
// sockets go, which accelerator the host gives us, how to start. Kept apart from VmSpec
// so golden tests can fix these to stable values.
// Empty PCIe root ports every VM gets, one per disk that may be hot-plugged later.
inline constexpr int kHotplugPorts = 4;

// The CD drive's QEMU device id (media changes address it).
inline constexpr char kCdromDeviceId[] = "cdrom0-dev";

// The swtpm control socket in the VM's runtime folder (VMs with a TPM).
inline constexpr char kSwtpmSocket[] = "swtpm.sock";

// The guest agent's socket in the runtime folder, and the name qemu-ga looks for.
inline constexpr char kGuestAgentSocket[] = "qga.sock";
inline constexpr char kGuestAgentChardev[] = "qga0";
inline constexpr char kGuestAgentPortName[] = "org.qemu.guest_agent.0";
// The clipboard's virtio-serial port: the name spice-vdagent opens in the guest.
inline constexpr char kVdagentPortName[] = "com.redhat.spice.0";

struct QemuLaunchContext {
    QString qemuBinary = QStringLiteral("qemu-system-x86_64");
    QString accel = QStringLiteral("tcg"); // "kvm" or "tcg", from AccelProbe
    QString runtimeDir;                    // qmp.sock, serial.sock, vnc.sock, qemu.pid
    QString consoleLogPath;                // serial output, kept in the VM's folder
    QString ovmfCode;                      // UEFI only
    QString ovmfVars; // UEFI only: the VM's own store (.qcow2; .fd = raw, older VMs)
    bool startPaused = false;
    bool incomingDefer = false;       // restore from a saved state
    int hotplugPorts = kHotplugPorts; // free pcie-root-ports for hot-plugged disks
    // per NIC: the tap of a named network, "vhost-user:SOCKET" on a DPDK network,
    // "socket:GROUP:PORT" on a socket-switch network, or "" (per-VM NAT)
    QStringList nicTaps;
    // per NIC: its network's MTU, told to a virtio NIC (host_mtu) when not 1500
    QVector<int> nicMtus;
    bool vhostNet = false; // /dev/vhost-net is usable
    // Host USB devices its filters match at start, by bus and port ("1-2.1").
    QStringList usbHostPorts;
    // The SR-IOV VFs taken for this start (host addresses), in spec.sriovVfs order.
    QStringList sriovVfs;
};

// The one place that turns a VM definition into a QEMU argv (argv[0] included). Pure: no
// filesystem access, so the golden files in tests/data/golden pin its output exactly.
Result<QStringList> buildQemuArgv(const VmSpec& spec, const QemuLaunchContext& ctx);

// Names used on the QEMU side; the QMP layer addresses devices through them.
// Disk ids derive from the disk's path, so they stay stable while other disks come and go.
QString diskNodeName(const DiskSpec& disk);
QString diskDeviceId(const DiskSpec& disk);
// The -blockdev / QMP blockdev-add options of a disk: cold and hot-plugged disks alike.
QJsonObject diskBlockdevOptions(const DiskSpec& disk);
QString hotplugPortId(int index);
// A host USB device on the VM's USB controller, by bus and port ("1-2.1"): the id QEMU
// knows it by ("usbhost-1-2.1"), and device_add's arguments (the argv says the same).
QString usbHostDeviceId(const QString& portId);
QJsonObject usbHostDeviceOptions(const QString& portId);
// A shared folder's vhost-user socket (file name in the runtime folder), chardev and device.
QString shareSocketName(const QString& tag);
QString shareChardevId(const QString& tag);
QString shareDeviceId(const QString& tag);
// RAM is a shared memfd: asked for, or needed by a vhost-user device.
bool usesSharedMemory(const VmSpec& spec);
// How QemuLaunchContext::nicTaps marks a NIC on a DPDK network ("vhost-user:SOCKET").
extern const char* const kVhostUserPrefix;
// ... and on an internal network's socket switch ("socket:GROUP:PORT").
extern const char* const kSocketSwitchPrefix;
// A NIC with one queue pair per vCPU: virtio on a tap (QEMU's user networking has one).
bool usesMultiqueue(const VmSpec& spec, const NicSpec& nic);

} // namespace vireo
