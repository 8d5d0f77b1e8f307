#pragma once

#include "core/Result.h"

#include <QStringList>

namespace vireo {

class HostRoot;
class HostWriter;

// One VF's settings, as `ip link set dev PF vf N ...` takes them; unset fields are left
// as they are.
struct VfSettings {
    QString mac;          // unicast, lower case
    int vlan = -1;        // 0-4094 (0: untagged)
    int spoofCheck = -1;  // 0 or 1
    int trust = -1;       // 0 or 1
    int minRateMbps = -1; // guaranteed transmit rate
    int maxRateMbps = -1; // transmit cap (0: none)
    QString linkState;    // auto, enable or disable

    bool isEmpty() const;
};

// "mac=52:54:00:12:34:56 vlan=10 spoofchk=on trust=off min-rate=100 max-rate=1000
// state=auto", one item per argument; a bad item is one line naming it.
Result<VfSettings> parseVfSettings(const QStringList& items);
// The arguments after `ip link set dev PF vf N` (what vireo-helper runs).
QStringList vfSettingsArguments(const VfSettings& settings);

// An SR-IOV PF as sysfs shows it.
struct SriovPf {
    QString address;
    QString interface; // its network interface, empty without a driver
    int totalVfs = 0;
    int numVfs = 0;
    QStringList vfs; // addresses, by VF index
};
Result<SriovPf> readSriovPf(const HostRoot& host, const QString& address);
// NotFound naming the PF and how many VFs it has, unless VF `vf` is one of them.
Status checkVfIndex(const SriovPf& pf, int vf);

// Gives the PF `count` VFs: 0 first when it has some, as the kernel requires. Refused
// when a VF that would go is with vfio-pci (a VM may hold it) or the count is more than
// the card offers.
Status setVfCount(const HostRoot& host, const QString& pfAddress, int count, HostWriter& writer);
// Sets VF `vf` of the PF (through its interface; the PF needs its driver bound).
Status configureVf(const HostRoot& host, const QString& pfAddress, int vf,
                   const VfSettings& settings, HostWriter& writer);

// What VF `vf` of the PF has now (MAC, VLAN, spoof check, trust, rates, link state): from
// netlink through `ip -j link show` on the real host, from what treeWriter recorded in a
// tree (a VF nobody configured: MAC 00:00:00:00:00:00, untagged).
Result<VfSettings> readVfSettings(const HostRoot& host, const SriovPf& pf, int vf);
// The settings as `ip link set ... vf N` arguments ("mac", "52:54:..", "vlan", "0", ...),
// back into settings; what treeWriter records.
VfSettings vfSettingsFromArguments(const QStringList& arguments);

} // namespace vireo
