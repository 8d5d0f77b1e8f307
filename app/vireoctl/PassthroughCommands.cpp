// vireoctl host passthrough | checks | capture: what this host can give to a VM, and why.
#include "Cli.h"

#include "passthrough/HostCapture.h"
#include "passthrough/HostJournal.h"
#include "passthrough/PassthroughReport.h"
#include "passthrough/SriovConfig.h"

#include <QJsonArray>
#include <QJsonObject>

namespace vireo::cli {

QCommandLineOption hostRootOption() {
    return {QStringLiteral("host-root"),
            QStringLiteral("Read DIR/sys and DIR/proc instead of this host's (or "
                           "VIREO_HOST_ROOT)."),
            QStringLiteral("DIR")};
}

Result<HostRoot> openHostRoot(const Cli& cli) {
    return HostRoot::open(cli.isSet(QStringLiteral("host-root"))
                              ? cli.value(QStringLiteral("host-root"))
                              : HostRoot::defaultDir());
}

namespace {

QString firstReason(const DeviceVerdict& v) {
    // The line shows what matters most: a blocker, else a warning, else nothing.
    for (const auto severity : {ReasonSeverity::Blocker, ReasonSeverity::Warning})
        for (const auto& r : v.reasons)
            if (r.severity == severity) return r.message;
    return {};
}

void printDevice(const Cli& cli, const PassthroughReport& report, const DeviceVerdict& v,
                 bool details) {
    const PciDevice* d = report.inventory.find(v.address);
    const QString name =
        d && !d->deviceName.isEmpty()
            ? d->deviceName
            : (d ? QStringLiteral("%1:%2").arg(d->vendorId.mid(2), d->deviceId.mid(2)) : QString());
    cli.print(
        QStringLiteral("%1  %2  %3  %4  %5  %6")
            .arg(v.address, -13)
            .arg(d ? d->classHex() : QString(), -8)
            .arg(d && d->iommuGroup >= 0 ? QString::number(d->iommuGroup) : QStringLiteral("-"), 5)
            .arg(verdictName(v.verdict), -17)
            .arg(d && !d->driver.isEmpty() ? d->driver : QStringLiteral("-"), -12)
            .arg(name));
    if (!v.together.isEmpty() && v.verdict != Verdict::NotApplicable)
        cli.print(QStringLiteral("    together: %1").arg(v.together.join(QStringLiteral(", "))));
    if (!details) {
        const QString reason = firstReason(v);
        if (!reason.isEmpty() && v.verdict != Verdict::NotApplicable)
            cli.print(QStringLiteral("    %1").arg(reason));
        return;
    }
    for (const auto& r : v.reasons)
        cli.print(QStringLiteral("    [%1] %2%3")
                      .arg(severityName(r.severity), r.message,
                           r.fix.isEmpty() ? QString() : QStringLiteral(" — fix: ") + r.fix));
}

int hostPassthrough(Cli& cli) {
    const QCommandLineOption device(QStringLiteral("device"),
                                    QStringLiteral("Show one device with every reason."),
                                    QStringLiteral("ADDR"));
    if (!cli.parse(QStringLiteral("Which PCI devices can be passed to a VM, and why not."), {},
                   {hostRootOption(), device}))
        return cli.exitCode();
    auto host = openHostRoot(cli);
    if (!host) return cli.fail(host.error());
    auto report = scanPassthrough(*host);
    if (!report) return cli.fail(report.error());
    if (cli.isSet(QStringLiteral("device"))) {
        auto v = verdictFor(*report, cli.value(QStringLiteral("device")).toLower());
        if (!v) return cli.fail(v.error());
        if (cli.json()) return cli.printJson(deviceVerdictToJson(*report, *v));
        printDevice(cli, *report, *v, true);
        return ExitOk;
    }
    if (cli.json()) return cli.printJson(passthroughReportToJson(*report));
    const IommuStatus& iommu = report->iommu;
    cli.print(
        QStringLiteral("IOMMU: %1%2, %3 groups%4")
            .arg(iommu.enabled ? QStringLiteral("on") : QStringLiteral("off"),
                 iommu.vendor.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(iommu.vendor))
            .arg(iommu.groupCount)
            .arg(iommu.acsOverride ? QStringLiteral(", ACS override") : QString()));
    cli.print(QStringLiteral("%1  %2  %3  %4  %5  %6")
                  .arg(QStringLiteral("ADDRESS"), -13)
                  .arg(QStringLiteral("CLASS"), -8)
                  .arg(QStringLiteral("GROUP"), 5)
                  .arg(QStringLiteral("VERDICT"), -17)
                  .arg(QStringLiteral("DRIVER"), -12)
                  .arg(QStringLiteral("DEVICE")));
    for (const auto& v : report->verdicts)
        printDevice(cli, *report, v, false);
    return ExitOk;
}

int hostChecks(Cli& cli) {
    if (!cli.parse(QStringLiteral("Is this host ready for device passthrough? Each check "
                                  "passes, warns or fails, with the fix."),
                   {}, {hostRootOption()}))
        return cli.exitCode();
    auto host = openHostRoot(cli);
    if (!host) return cli.fail(host.error());
    auto checks = runReadinessChecks(*host);
    if (!checks) return cli.fail(checks.error());
    if (cli.json()) return cli.printJson(readinessToJson(readIommuStatus(*host), *checks));
    for (const auto& c : *checks) {
        cli.print(QStringLiteral("%1  %2  %3")
                      .arg(checkLevelName(c.level).toUpper(), -4)
                      .arg(c.id, -19)
                      .arg(c.message));
        if (!c.fix.isEmpty()) cli.print(QStringLiteral("      fix: %1").arg(c.fix));
    }
    return ExitOk;
}

// SR-IOV physical functions with their virtual functions: what `vm edit --pci VF` can take.
int hostSriov(Cli& cli) {
    if (!cli.parse(QStringLiteral("List SR-IOV network cards (PFs: driver, link, VFs in use of "
                                  "the total) and their VFs with whether each can go to a VM."),
                   {}, {hostRootOption()}))
        return cli.exitCode();
    auto host = openHostRoot(cli);
    if (!host) return cli.fail(host.error());
    auto report = scanPassthrough(*host);
    if (!report) return cli.fail(report.error());
    QJsonArray pfs;
    for (const auto& pf : report->inventory.devices) {
        if (pf.sriovTotalVfs <= 0) continue;
        const QString link =
            pf.netInterfaces.isEmpty()
                ? QString()
                : host->readText(
                      QStringLiteral("sys/class/net/%1/operstate").arg(pf.netInterfaces.first()));
        QJsonArray vfs;
        for (const auto& vf : report->inventory.devices) {
            if (vf.physfn != pf.address) continue;
            auto v = verdictFor(*report, vf.address);
            QString why;
            if (v)
                for (const auto& r : v->reasons)
                    if (r.severity == ReasonSeverity::Blocker && why.isEmpty()) why = r.message;
            vfs.append(
                QJsonObject{{QStringLiteral("address"), vf.address},
                            {QStringLiteral("iommu_group"), vf.iommuGroup},
                            {QStringLiteral("driver"),
                             vf.driver.isEmpty() ? QJsonValue() : QJsonValue(vf.driver)},
                            {QStringLiteral("verdict"), v ? verdictName(v->verdict) : QString()},
                            {QStringLiteral("blocker"), why}});
        }
        const QJsonObject o{
            {QStringLiteral("address"), pf.address},
            {QStringLiteral("driver"), pf.driver.isEmpty() ? QJsonValue() : QJsonValue(pf.driver)},
            {QStringLiteral("interfaces"), QJsonArray::fromStringList(pf.netInterfaces)},
            {QStringLiteral("link"), link.isEmpty() ? QJsonValue() : QJsonValue(link)},
            {QStringLiteral("total_vfs"), pf.sriovTotalVfs},
            {QStringLiteral("num_vfs"), pf.sriovNumVfs},
            {QStringLiteral("vfs"), vfs}};
        pfs.append(o);
        if (cli.json()) continue;
        cli.print(QStringLiteral("%1  %2  %3 of %4 VFs  link %5  %6")
                      .arg(pf.address, pf.netInterfaces.join(QLatin1Char(',')))
                      .arg(pf.sriovNumVfs)
                      .arg(pf.sriovTotalVfs)
                      .arg(link.isEmpty() ? QStringLiteral("-") : link,
                           pf.driver.isEmpty() ? QStringLiteral("-") : pf.driver));
        for (const auto& v : vfs) {
            const QJsonObject vf = v.toObject();
            cli.print(QStringLiteral("    %1  %2%3")
                          .arg(vf.value(QStringLiteral("address")).toString(),
                               vf.value(QStringLiteral("verdict")).toString(),
                               vf.value(QStringLiteral("blocker")).toString().isEmpty()
                                   ? QString()
                                   : QStringLiteral(": ") +
                                         vf.value(QStringLiteral("blocker")).toString()));
        }
    }
    if (cli.json()) return cli.printJson(pfs);
    if (pfs.isEmpty()) cli.print(QStringLiteral("no SR-IOV capable device"));
    return ExitOk;
}

int hostCapture(Cli& cli) {
    if (!cli.parse(QStringLiteral("Write the parts of this host's /sys and /proc that the "
                                  "passthrough checks read as a .tar.gz (for bug reports; "
                                  "replay with --host-root)."),
                   {QStringLiteral("OUT.tar.gz")}, {hostRootOption()}))
        return cli.exitCode();
    const QString source = cli.isSet(QStringLiteral("host-root"))
                               ? cli.value(QStringLiteral("host-root"))
                               : HostRoot::defaultDir();
    const QString out = cli.positional().first();
    if (auto s = captureHost(out, source); !s) return cli.fail(s.error());
    if (cli.json()) return cli.printJson(QJsonObject{{QStringLiteral("capture"), out}});
    cli.print(QStringLiteral("wrote %1").arg(out));
    return ExitOk;
}

// The real host's changes go through vireo-helper; a tree's are written inside it.
std::unique_ptr<HostWriter> writerFor(const HostRoot& host) {
    return host.isRealHost() ? helperWriter() : treeWriter(host);
}

int hostSriovVfs(Cli& cli) {
    if (!cli.parse(QStringLiteral("Give an SR-IOV card COUNT virtual functions (0 removes "
                                  "them; VFs a VM holds are never taken away)."),
                   {QStringLiteral("PF"), QStringLiteral("COUNT")}, {hostRootOption()}))
        return cli.exitCode();
    bool ok = false;
    const int count = cli.positional().at(1).toInt(&ok);
    if (!ok || count < 0)
        return cli.fail(makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("VF count '%1' is not a number").arg(cli.positional().at(1).left(20)),
            QStringLiteral("give 0 or more, up to what the card offers")));
    auto host = openHostRoot(cli);
    if (!host) return cli.fail(host.error());
    const QString pf = cli.positional().first().toLower();
    auto done = setVfCount(*host, pf, count, *writerFor(*host));
    if (!done) return cli.fail(done.error());
    auto after = readSriovPf(*host, pf);
    if (cli.json() && after)
        return cli.printJson(QJsonObject{{QStringLiteral("pf"), pf},
                                         {QStringLiteral("vfs"), after->numVfs},
                                         {QStringLiteral("total_vfs"), after->totalVfs}});
    cli.print(QStringLiteral("%1 has %2 VFs").arg(pf).arg(count));
    return ExitOk;
}

int hostSriovVf(Cli& cli) {
    if (!cli.parse(QStringLiteral("Set one VF of an SR-IOV card: mac=MAC vlan=0-4094 "
                                  "spoofchk=on|off trust=on|off min-rate=MBPS max-rate=MBPS "
                                  "state=auto|enable|disable (any of them)."),
                   {QStringLiteral("PF"), QStringLiteral("VF"), QStringLiteral("SETTING...")},
                   {hostRootOption()}, 3))
        return cli.exitCode();
    bool ok = false;
    const int vf = cli.positional().at(1).toInt(&ok);
    if (!ok || vf < 0)
        return cli.fail(makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("VF '%1' is not a VF number").arg(cli.positional().at(1).left(20)),
            QStringLiteral("give the VF's index, 0 for the first")));
    auto settings = parseVfSettings(cli.positional().mid(2));
    if (!settings) return cli.fail(settings.error());
    auto host = openHostRoot(cli);
    if (!host) return cli.fail(host.error());
    const QString pf = cli.positional().first().toLower();
    auto done = configureVf(*host, pf, vf, *settings, *writerFor(*host));
    if (!done) return cli.fail(done.error());
    if (!cli.json())
        cli.print(QStringLiteral("VF %1 of %2: %3")
                      .arg(vf)
                      .arg(pf, vfSettingsArguments(*settings).join(QLatin1Char(' '))));
    return ExitOk;
}

} // namespace

const QList<Verb>& passthroughVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("passthrough"),
         QStringLiteral("PCI devices and whether each can go to a VM"), hostPassthrough},
        {QStringLiteral("checks"), QStringLiteral("readiness for passthrough: CPU, KVM, IOMMU"),
         hostChecks},
        {QStringLiteral("sriov"),
         QStringLiteral("SR-IOV cards and their VFs, and whether each VF can go to a VM"),
         hostSriov},
        {QStringLiteral("sriov-vfs"), QStringLiteral("give an SR-IOV card a number of VFs"),
         hostSriovVfs},
        {QStringLiteral("sriov-vf"),
         QStringLiteral("set a VF's MAC, VLAN, spoof check, trust, rates, link state"),
         hostSriovVf},
        {QStringLiteral("capture"),
         QStringLiteral("save this host's sysfs/procfs subset as OUT.tar.gz"), hostCapture},
    };
    return verbs;
}

} // namespace vireo::cli
