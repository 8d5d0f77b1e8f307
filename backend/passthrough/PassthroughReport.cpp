#include "passthrough/PassthroughReport.h"

#include "passthrough/PassthroughWarnings.h"

#include <QJsonArray>

namespace vireo {

namespace {

QJsonValue stringOrNull(const QString& s) {
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonObject iommuToJson(const IommuStatus& s) {
    return {{QStringLiteral("enabled"), s.enabled},
            {QStringLiteral("vendor"), stringOrNull(s.vendor)},
            {QStringLiteral("acs_override"), s.acsOverride},
            {QStringLiteral("passthrough_mode"), s.passthroughMode},
            {QStringLiteral("groups"), s.groupCount},
            {QStringLiteral("firmware_table"), s.firmwareTable},
            {QStringLiteral("interrupt_remapping"), s.interruptRemapping},
            {QStringLiteral("unsafe_interrupts"), s.unsafeInterrupts}};
}

QJsonArray checksToJson(const QList<ReadinessCheck>& checks) {
    QJsonArray out;
    for (const auto& c : checks)
        out.append(QJsonObject{{QStringLiteral("id"), c.id},
                               {QStringLiteral("level"), checkLevelName(c.level)},
                               {QStringLiteral("message"), c.message},
                               {QStringLiteral("fix"), c.fix}});
    return out;
}

} // namespace

Result<PassthroughReport> scanPassthrough(const HostRoot& host) {
    PassthroughReport r;
    r.hostDir = host.dir();
    auto inventory = readPciInventory(host);
    if (!inventory) return inventory.error();
    r.inventory = std::move(*inventory);
    auto storage = findHostStorageUse(host);
    if (!storage) return storage.error();
    auto route = findDefaultRouteNics(host);
    if (!route) return route.error();
    auto checks = runReadinessChecks(host);
    if (!checks) return checks.error();
    r.checks = std::move(*checks);
    r.iommu = readIommuStatus(host);
    r.facts = {std::move(*storage), std::move(*route), r.iommu.acsOverride};
    r.verdicts = decideVerdicts(r.inventory, r.facts);
    addPassthroughWarnings(host, r.inventory, r.facts, r.verdicts);
    VIREO_TRY(host.status());
    return r;
}

Result<DeviceVerdict> verdictFor(const PassthroughReport& report, const QString& address) {
    for (const auto& v : report.verdicts)
        if (v.address == address) return v;
    if (!isPciAddress(address))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not a PCI address").arg(address),
                         QStringLiteral("write it as domain:bus:device.function, e.g. "
                                        "0000:01:00.0"));
    return makeError(
        ErrorCode::NotFound,
        QStringLiteral("no PCI device %1 on host root '%2'").arg(address, report.hostDir),
        QStringLiteral("see 'vireoctl host passthrough' for the devices"));
}

QJsonObject deviceVerdictToJson(const PassthroughReport& report, const DeviceVerdict& v) {
    QJsonObject o{{QStringLiteral("address"), v.address},
                  {QStringLiteral("verdict"), verdictName(v.verdict)},
                  {QStringLiteral("together"), QJsonArray::fromStringList(v.together)}};
    QJsonArray reasons;
    for (const auto& r : v.reasons)
        reasons.append(QJsonObject{{QStringLiteral("code"), r.code},
                                   {QStringLiteral("message"), r.message},
                                   {QStringLiteral("fix"), r.fix},
                                   {QStringLiteral("severity"), severityName(r.severity)}});
    o.insert(QStringLiteral("reasons"), reasons);
    const PciDevice* d = report.inventory.find(v.address);
    if (!d) return o;
    o.insert(QStringLiteral("class"), d->classHex());
    o.insert(QStringLiteral("vendor_id"), d->vendorId);
    o.insert(QStringLiteral("device_id"), d->deviceId);
    o.insert(QStringLiteral("vendor_name"), stringOrNull(d->vendorName));
    o.insert(QStringLiteral("device_name"), stringOrNull(d->deviceName));
    o.insert(QStringLiteral("iommu_group"),
             d->iommuGroup < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(d->iommuGroup));
    o.insert(QStringLiteral("group_members"),
             QJsonArray::fromStringList(report.inventory.groups.value(d->iommuGroup)));
    o.insert(QStringLiteral("driver"), stringOrNull(d->driver));
    o.insert(QStringLiteral("boot_vga"), d->bootVga);
    o.insert(QStringLiteral("reset_methods"),
             d->resetMethodsKnown ? QJsonValue(QJsonArray::fromStringList(d->resetMethods))
                                  : QJsonValue(QJsonValue::Null));
    if (d->sriovTotalVfs > 0)
        o.insert(QStringLiteral("sriov"),
                 QJsonObject{{QStringLiteral("total_vfs"), d->sriovTotalVfs},
                             {QStringLiteral("num_vfs"), d->sriovNumVfs},
                             {QStringLiteral("vfs"), QJsonArray::fromStringList(d->virtfns)}});
    if (!d->physfn.isEmpty()) o.insert(QStringLiteral("physfn"), d->physfn);
    QJsonArray storage;
    for (const auto& use : report.facts.storage)
        if (use.address == d->address)
            storage.append(QJsonObject{{QStringLiteral("device"), use.device},
                                       {QStringLiteral("disk"), use.disk},
                                       {QStringLiteral("mount"), use.mountPoint},
                                       {QStringLiteral("critical"), use.critical}});
    o.insert(QStringLiteral("host_storage"), storage);
    bool route = false;
    for (const auto& nic : report.facts.defaultRoute)
        route = route || nic.address == d->address;
    o.insert(QStringLiteral("default_route"), route);
    return o;
}

QJsonObject readinessToJson(const IommuStatus& iommu, const QList<ReadinessCheck>& checks) {
    return {{QStringLiteral("iommu"), iommuToJson(iommu)},
            {QStringLiteral("checks"), checksToJson(checks)}};
}

QJsonObject passthroughReportToJson(const PassthroughReport& report) {
    QJsonArray devices;
    for (const auto& v : report.verdicts)
        devices.append(deviceVerdictToJson(report, v));
    return {{QStringLiteral("host_root"), report.hostDir},
            {QStringLiteral("iommu"), iommuToJson(report.iommu)},
            {QStringLiteral("checks"), checksToJson(report.checks)},
            {QStringLiteral("devices"), devices}};
}

} // namespace vireo
