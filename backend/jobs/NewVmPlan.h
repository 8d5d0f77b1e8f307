#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/Library.h"

#include <QVector>
#include <atomic>
#include <cstdint>
#include <functional>

namespace vireo {

enum class NewVmSource { Iso, ImportDisk, KernelBoot, CloudImage, Appliance };

// Everything the New-VM wizard decided, as data: the definition plus how its disk comes
// to be. executeNewVmPlan() carries it out with the same backend calls as vireoctl.
struct NewVmPlan {
    VmSpec spec; // without the disk created or imported below
    NewVmSource source = NewVmSource::Iso;
    QString importPath;                // ImportDisk: the existing image
    bool convertImport = true;         // copy into the VM's folder as qcow2, else use in place
    std::uint64_t newDiskBytes = 0;    // Iso/KernelBoot: a new qcow2 of this size (0 = none)
    DiskBus diskBus = DiskBus::Virtio; // how the created or imported disk is attached
    // CloudImage: the image, key and user-data (a linked overlay plus a NoCloud seed).
    QString cloudImage;
    QString sshKeyFile;   // empty = the user's ~/.ssh/*.pub
    QString userDataFile; // optional
    // Appliance: an .ova or .ovf; its hardware comes from the descriptor, the name from here.
    QString appliancePath;
};

// What can be wrong with a plan before anything touches the disk. The UI words each kind
// itself (translated); `detail` is the backend's line where there is one.
enum class PlanProblemKind { NameInvalid, NameTaken, MemoryExceedsHost, NotEnoughSpace };
struct PlanProblem {
    PlanProblemKind kind;
    QString detail;
};

// The problems the wizard shows before Finish enables; empty when the plan can go ahead.
QVector<PlanProblem> checkNewVmPlan(const Library& library, const NewVmPlan& plan);

// Defines the VM, then creates or converts its disk into the VM's folder and attaches it
// (cloud images and appliances: createCloudVm and Appliance::import, as vireoctl does).
// A failure after the VM was defined removes it again. `progress` gets 0..100.
Status executeNewVmPlan(const Library& library, const NewVmPlan& plan,
                        const std::function<void(double)>& progress = {},
                        const std::atomic_bool* cancel = nullptr);

} // namespace vireo
