#include "PerformanceOptions.h"

#include "passthrough/HostRoot.h"
#include "vm/HostTopology.h"

#include <QRegularExpression>

namespace vireo::cli {

namespace {

Result<QVector<int>> parseCpuListOption(Cli& cli, const QString& option) {
    const QString text = cli.value(option);
    if (text == QLatin1String("none")) return QVector<int>{};
    static const QRegularExpression re(QStringLiteral("^\\d+(-\\d+)?(,\\d+(-\\d+)?)*$"));
    if (!re.match(text).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--%1 '%2' is not a CPU list").arg(option, text),
                         QStringLiteral("use host CPU numbers like 2,3 or 4-7, or none"));
    return parseCpuList(text);
}

} // namespace

Status applyPerformanceOptions(Cli& cli, VmSpec& spec, QStringList* explanations) {
    if (cli.isSet(QStringLiteral("preset"))) {
        PerformancePreset preset;
        if (!parsePerformancePreset(cli.value(QStringLiteral("preset")), &preset))
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("preset '%1' is unknown").arg(cli.value(QStringLiteral("preset"))),
                QStringLiteral("use --preset low-latency, throughput or none"));
        auto host = HostRoot::open(HostRoot::defaultDir());
        if (!host) return host.error();
        const QStringList why = applyPerformancePreset(spec, preset, HostTopology::read(*host));
        if (explanations) *explanations << why;
    }
    PerformanceSpec& p = spec.perf;
    const PerformanceSpec before = p;
    if (cli.isSet(QStringLiteral("cpu-pin"))) {
        auto l = parseCpuListOption(cli, QStringLiteral("cpu-pin"));
        if (!l) return l.error();
        p.vcpuPins = *l;
    }
    if (cli.isSet(QStringLiteral("emulator-pin"))) {
        auto l = parseCpuListOption(cli, QStringLiteral("emulator-pin"));
        if (!l) return l.error();
        p.emulatorPins = *l;
    }
    if (cli.isSet(QStringLiteral("hugepages"))) {
        const QString h = cli.value(QStringLiteral("hugepages")).toLower();
        if (h == QLatin1String("off"))
            p.hugepageKiB = 0;
        else if (h == QLatin1String("2m"))
            p.hugepageKiB = 2048;
        else if (h == QLatin1String("1g"))
            p.hugepageKiB = 1048576;
        else
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("--hugepages '%1' is not valid").arg(h),
                             QStringLiteral("use --hugepages 2M, 1G or off"));
    }
    for (const auto& [option, field] : {std::pair{QStringLiteral("iothreads"), &p.ioThreads},
                                        std::pair{QStringLiteral("queues"), &p.queues}}) {
        if (!cli.isSet(option)) continue;
        bool ok = false;
        *field = cli.value(option).toInt(&ok);
        if (!ok)
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("--%1 '%2' is not a number").arg(option, cli.value(option)),
                QStringLiteral("use e.g. --%1 2").arg(option));
    }
    // A hand-set value makes the settings custom, no longer the preset's.
    if (!cli.isSet(QStringLiteral("preset")) &&
        (p.vcpuPins != before.vcpuPins || p.emulatorPins != before.emulatorPins ||
         p.hugepageKiB != before.hugepageKiB || p.ioThreads != before.ioThreads ||
         p.queues != before.queues))
        p.preset.clear();
    return {};
}

QList<QCommandLineOption> performanceOptions() {
    return {
        {QStringLiteral("preset"),
         QStringLiteral("Performance preset: low-latency (gaming: pinned cores, hugepages), "
                        "throughput (server: I/O threads, multiqueue disks) or none."),
         QStringLiteral("NAME")},
        {QStringLiteral("cpu-pin"),
         QStringLiteral("Host CPU of each vCPU in order, e.g. 2,3 (or none)."),
         QStringLiteral("LIST")},
        {QStringLiteral("emulator-pin"),
         QStringLiteral("Host CPUs for QEMU's own and I/O threads, e.g. 0 (or none)."),
         QStringLiteral("LIST")},
        {QStringLiteral("hugepages"), QStringLiteral("Guest RAM on hugepages: 2M, 1G or off."),
         QStringLiteral("SIZE")},
        {QStringLiteral("iothreads"), QStringLiteral("I/O threads for virtio disks (0 = none)."),
         QStringLiteral("N")},
        {QStringLiteral("queues"),
         QStringLiteral("Queues per virtio disk and virtio NIC on a named network (1 = off)."),
         QStringLiteral("N")},
    };
}

} // namespace vireo::cli
