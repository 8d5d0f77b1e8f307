#pragma once

#include "passthrough/PassthroughVerdicts.h"
#include "passthrough/ReadinessChecks.h"

#include <QJsonObject>

namespace vireo {

// Everything `vireoctl host passthrough` and the wizards show, from one scan.
struct PassthroughReport {
    QString hostDir;
    IommuStatus iommu;
    QList<ReadinessCheck> checks;
    PciInventory inventory;
    HostFacts facts;
    QList<DeviceVerdict> verdicts; // inventory order
};

// Reads the host (or tree), runs the readiness checks and decides every device.
Result<PassthroughReport> scanPassthrough(const HostRoot& host);

// One device's verdict; NotFound naming the address when the host has no such device.
Result<DeviceVerdict> verdictFor(const PassthroughReport& report, const QString& address);

// The JSON contract: {"iommu": {...}, "checks": [...], "devices": [{"address", "class",
// "vendor_id", "device_id", "iommu_group", "driver", "verdict", "together", "reasons"}, ...]}.
QJsonObject passthroughReportToJson(const PassthroughReport& report);
QJsonObject deviceVerdictToJson(const PassthroughReport& report, const DeviceVerdict& verdict);
QJsonObject readinessToJson(const IommuStatus& iommu, const QList<ReadinessCheck>& checks);

} // namespace vireo
