#pragma once

#include "libvirt/LibvirtConnection.h"
#include "vm/VmCloner.h"
#include "vm/VmEngine.h"

#include <QDomDocument>
#include <functional>

#include <memory>
#include <optional>

namespace vireo {

// The libvirt engine: the same VM operations on a libvirt daemon (local or remote),
// through libvirt's C API. Definitions live on that host (libvirt is their store);
// paths in a spec (kernel, disks, ISOs) are paths on that host.
class LibvirtEngine : public VmEngine {
public:
    explicit LibvirtEngine(std::shared_ptr<LibvirtConnection> connection)
        : m_conn(std::move(connection)) {}

    QString where() const override { return m_conn->remote().name; }
    LibvirtConnection& connection() const { return *m_conn; }

    Result<QVector<VmSummary>> list() const override;
    Result<VmSpec> create(VmSpec spec) const override;
    Status start(const QString& name, const StartOptions& options) const override;
    Status stop(const QString& name, const StopOptions& options) const override;
    Status kill(const QString& name) const override;
    Status pause(const QString& name) const override;
    Status resume(const QString& name) const override;
    Status reset(const QString& name) const override;
    Status save(const QString& name) const override;
    Status restore(const QString& name) const override;
    Status remove(const QString& name, const DeleteOptions& options) const override;

    // The state of one domain as Vireo names states.
    Result<VmStatus> status(const QString& name) const;
    // A full clone of a shut-off VM: new UUID and MACs, each disk copied to a new volume
    // of its pool (named TARGET-<file>). Nothing is left behind when a step fails.
    // Linked: thin qcow2 overlays instead of copies. The source's disks become the frozen
    // bases of both: the source is redefined onto overlays of its own (as locally).
    // LinkedToTemplate: only the clone gets overlays (a template's disks never change).
    // `finish` changes the clone's definition before it is defined; volumes it makes go
    // into `made`, so that a later failure removes them too.
    using CloneFinish = std::function<Status(QDomDocument& clone, QStringList& made)>;
    Status clone(const QString& source, const QString& target, CloneMode mode = CloneMode::Full,
                 const CloneFinish& finish = {}) const;
    // A valid VM name that no domain of the host has yet: what create, clone and a cloud
    // VM check before they make anything there.
    Status checkNewName(const QString& name) const;
    // What `vm edit` changes on a libvirt host; the rest of the definition stays as it is
    // (it may have been written by other tools).
    struct HardwareEdit {
        std::optional<std::uint64_t> memoryMiB;
        std::optional<int> cpus;
        std::optional<QString> notes;
        std::optional<DisplayType> display;
        std::optional<bool> autostart;
        // Replace the VM's disks / NICs / CD-ROM (none when empty), as --disk, --nic and
        // --cdrom do locally; paths are on that host.
        std::optional<QVector<DiskSpec>> disks;
        std::optional<QVector<NicSpec>> nics;
        std::optional<QString> cdrom;
        // Replace the VM's virtiofs shares; with any, its memory becomes shared (memfd),
        // which virtiofs needs.
        std::optional<QVector<SharedFolder>> shares;
        // BIOS or UEFI (with or without Secure Boot): a new UEFI setting starts the VM's UEFI
        // variables afresh at its next start.
        std::optional<Firmware> firmware;
        bool secureBoot = false;
        std::optional<bool> tpm;
    };
    // Changes a shut-off VM (autostart may change while it runs).
    Status editHardware(const QString& name, const HardwareEdit& edit) const;

private:
    Result<QString> domainType() const;
    Status fillDiskFormats(VmSpec& spec) const;
    std::shared_ptr<LibvirtConnection> m_conn;
};

// libvirt's domain state in Vireo's terms (a shut-off domain with a managed save = saved).
VmState vmStateFromLibvirt(int state, bool hasManagedSave);

} // namespace vireo
