#pragma once

#include "passthrough/HostRoot.h"

#include <QList>
#include <QString>

namespace vireo {

enum class CheckLevel { Pass, Warn, Fail };

QString checkLevelName(CheckLevel level); // "pass", "warn", "fail"

// One line of the readiness report.
struct ReadinessCheck {
    QString id; // stable: "cpu-virt", "kvm", "firmware-iommu", ...
    CheckLevel level = CheckLevel::Pass;
    QString message;
    QString fix; // empty on pass
};

// What the host's IOMMU is doing, for the report's "iommu" object.
struct IommuStatus {
    bool enabled = false; // IOMMU groups exist: the kernel really uses it
    QString vendor;       // "intel", "amd" or empty when unknown
    int groupCount = 0;
    bool firmwareTable = false;    // DMAR / IVRS visible
    bool passthroughMode = false;  // iommu=pt
    bool acsOverride = false;      // pcie_acs_override= on the cmdline
    QString interruptRemapping;    // "on", "off" or "unknown"
    bool unsafeInterrupts = false; // vfio allow_unsafe_interrupts
};

IommuStatus readIommuStatus(const HostRoot& host);

// The checks in the order a user fixes them: CPU virtualization, /dev/kvm, firmware IOMMU,
// IOMMU active, iommu=pt, interrupt remapping, vfio modules, ACS override.
Result<QList<ReadinessCheck>> runReadinessChecks(const HostRoot& host);

// Words of proc/cmdline.
QStringList kernelCmdline(const HostRoot& host);

} // namespace vireo
