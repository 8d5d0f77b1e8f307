#pragma once

#include "passthrough/PassthroughVerdicts.h"

namespace vireo {

// Warnings beyond the rules, added to `reasons` without changing any verdict: known
// reset-bug GPUs, no reset method, MUXless laptop dGPU, single-GPU host, the host's only
// NIC, a VF whose PF has no link, card functions split across groups, non-system mounts.
void addPassthroughWarnings(const HostRoot& host, const PciInventory& inventory,
                            const HostFacts& facts, QList<DeviceVerdict>& verdicts);

// The reset-bug family of an AMD GPU ("Polaris 10", "Vega 10", "Navi 10"), or empty.
QString knownResetBugFamily(const QString& vendorId, const QString& deviceId);

} // namespace vireo
