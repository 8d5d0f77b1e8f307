#pragma once

#include <QString>
#include <QStringList>
#include <QUuid>
#include <QVector>
#include <cstdint>

namespace vireo {

enum class DiskBus { Virtio, Sata, Nvme, Scsi };
enum class DiskCache { None, Writeback, Writethrough, Unsafe, Directsync };
enum class Firmware { Bios, Uefi };
enum class NicModel { Virtio, E1000e };
enum class DisplayType { None, Vnc };

struct CpuTopology {
    int sockets = 1;
    int cores = 1;
    int threads = 1;
    int count() const { return sockets * cores * threads; }
};

struct DiskSpec {
    QString path;
    QString format; // qcow2, raw, vmdk; empty = probe with qemu-img when attached
    DiskBus bus = DiskBus::Virtio;
    DiskCache cache = DiskCache::Writeback;
    bool readOnly = false;
};

struct NicSpec {
    NicModel model = NicModel::Virtio;
    QString mac;                              // 52:54:00:xx:xx:xx
    QString network = QStringLiteral("user"); // "user" = per-VM NAT, else a named network
    QStringList hostForwards;                 // user NAT only: "tcp:8080-:80"
    QString vlan; // on a DPDK network: "" (untagged), "10" (access) or "trunk:10,20-30"
};

// Scheduled backups (the app's timer or `vireoctl backup run-due` from a systemd user
// timer): into `folder`, incremental, when the last good point is `everyHours` old.
struct BackupSchedule {
    QString folder;     // absolute
    int everyHours = 0; // 0 = no schedule
    int keep = 0;       // 0 = keep every point
    bool enabled() const { return everyHours > 0 && !folder.isEmpty(); }
};

// A host folder shared with the guest over virtiofs; the guest mounts it by its tag
// (`mount -t virtiofs TAG DIR`).
struct SharedFolder {
    QString tag;
    QString hostDir; // absolute
    bool readOnly = false;
};

// Gives matching host USB devices to the VM when it starts and whenever one is plugged in
// while it runs, like VirtualBox's USB filters. Each field is empty (any) or must match:
// vendor and product as 4 hex digits, the serial exactly, the port as "1-2.1".
struct UsbFilterSpec {
    QString vendor;
    QString product;
    QString serial;
    QString port;

    bool operator==(const UsbFilterSpec&) const = default;
};

// An SR-IOV virtual function of a host NIC given to the VM (vfio-pci). At start the VF gets
// the MAC (and VLAN) below through its PF, then goes to vfio-pci; at stop it goes back with
// the settings it had. vf < 0: any VF of the PF that no VM holds (the PF is a pool).
struct SriovVfSpec {
    QString pf;   // "0000:01:00.0"
    int vf = -1;  // index on the PF
    QString mac;  // the guest's MAC on it, lower case (given at vm edit when empty)
    int vlan = 0; // 0: untagged, 1-4094: the VF tags the guest's frames

    bool operator==(const SriovVfSpec&) const = default;
};

// How the VM uses the host's CPUs, memory and I/O paths (all optional; defaults = none).
struct PerformanceSpec {
    QVector<int> vcpuPins;     // vCPU i runs on host CPU vcpuPins[i]; empty = anywhere
    QVector<int> emulatorPins; // QEMU's own and I/O threads; empty = anywhere
    int hugepageKiB = 0;       // 0 = normal pages; 2048 or 1048576 = guest RAM on hugepages
    int ioThreads = 0;         // dedicated I/O threads for virtio disks (round-robin)
    int queues = 1;            // virtio-blk/-scsi queues; virtio-net queue pairs on taps
    QString preset;            // "low-latency", "throughput" or "" (custom)
    bool isDefault() const {
        return vcpuPins.isEmpty() && emulatorPins.isEmpty() && hugepageKiB == 0 && ioThreads == 0 &&
               queues == 1 && preset.isEmpty();
    }
};

struct KernelBoot {
    QString kernel;
    QString initrd;
    QString cmdline;
    bool enabled() const { return !kernel.isEmpty(); }
};

// The whole definition of one VM, as stored in vm.json. Plain data: validation lives in
// VmSpecValidation, (de)serialisation in VmSpecJson, the QEMU argv in QemuCommandBuilder.
struct VmSpec {
    QString name;
    QUuid uuid;
    CpuTopology cpu;
    std::uint64_t memoryMiB = 512;
    Firmware firmware = Firmware::Bios;
    bool secureBoot = false;
    bool tpm = false;
    QString machine = QStringLiteral("q35");
    QVector<DiskSpec> disks;
    QString cdrom;
    QVector<NicSpec> nics;
    DisplayType display = DisplayType::None;
    bool serial = true;
    QStringList bootOrder{QStringLiteral("disk"), QStringLiteral("cdrom")};
    KernelBoot kernel;
    bool autostart = false;
    QString notes;
    // The guest OS preset it was made with ("debian", "win11", ...; "" when unknown): the
    // app's icon for the VM. Optional in vm.json, so no schema change.
    QString os;
    // Guest RAM as a shared memfd so vhost-user devices (virtiofsd, the DPDK switch) can
    // map it. New VMs have it, so a shared folder can be hot-added; absent in older
    // vm.json files (false).
    bool sharedMemory = true;
    QVector<SharedFolder> shares;
    // A virtio-serial channel for qemu-guest-agent. New VMs have it; absent in older vm.json
    // files (false), whose saved states were taken without the device.
    bool guestAgent = true;
    // Two-way text clipboard with the console, through QEMU's qemu-vdagent chardev (the
    // guest runs spice-vdagent). Off unless asked for: QEMU cannot migrate or save the
    // live state of a VM that has it.
    bool clipboard = false;
    // A template is never started; VMs are made from it (vm create --from).
    bool isTemplate = false;
    // The machine-id an instance of a template should take (32 hex digits), passed to the
    // guest as a systemd credential in an SMBIOS OEM string; empty = none.
    QString machineId;
    BackupSchedule backup;
    PerformanceSpec perf;
    // Host PCI devices given to the guest through vfio-pci ("0000:01:00.0"), the functions
    // of one card together. Optional in vm.json, so no schema change.
    QStringList hostPci;
    QVector<SriovVfSpec> sriovVfs;
    // A USB 3 controller (qemu-xhci) for host USB devices. New VMs have it; absent in older
    // vm.json files (false), whose saved states were taken without it.
    bool usb = true;
    QVector<UsbFilterSpec> usbFilters;
};

QString toString(DiskBus bus);
QString toString(DiskCache cache);
QString toString(Firmware fw);
QString toString(NicModel model);
QString toString(DisplayType type);
bool parseDiskBus(const QString& s, DiskBus* out);
bool parseDiskCache(const QString& s, DiskCache* out);
bool parseFirmware(const QString& s, Firmware* out);
bool parseNicModel(const QString& s, NicModel* out);
bool parseDisplayType(const QString& s, DisplayType* out);

// A locally administered MAC in QEMU's 52:54:00 range.
QString randomMac();

} // namespace vireo
