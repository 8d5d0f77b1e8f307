// vireoctl host ...: what this machine offers.
#include "Cli.h"

#include "core/ProcessRunner.h"
#include "passthrough/HostRoot.h"
#include "qemu/AccelProbe.h"
#include "store/LibraryMigration.h"
#include "vm/Autostart.h"
#include "vm/HostTopology.h"
#include "vm/VmRuntime.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>

namespace vireo::cli {

namespace {

QString toolVersion(const QString& tool) {
    auto r = runProcessAllowFailure({{tool, QStringLiteral("--version")}, 10000, {}, nullptr});
    if (!r || r->exitCode != 0) return {};
    return QString::fromLocal8Bit(r->stdoutData).section(QLatin1Char('\n'), 0, 0).trimmed();
}

int hostInfo(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Show the accelerator Vireo uses and why, tool versions and folders."),
            {}))
        return cli.exitCode();
    const AccelChoice accel = chooseAccelerator();
    const QJsonObject o{{QStringLiteral("accelerator"), accel.accel},
                        {QStringLiteral("reason"), accel.reason},
                        {QStringLiteral("cached"), accel.fromCache},
                        {QStringLiteral("qemu"), toolVersion(QStringLiteral("qemu-system-x86_64"))},
                        {QStringLiteral("qemuImg"), toolVersion(QStringLiteral("qemu-img"))},
                        {QStringLiteral("library"), cli.library().root()},
                        {QStringLiteral("runtimeDir"), VmRuntime::runtimeRoot()},
                        {QStringLiteral("version"), QStringLiteral(VIREO_VERSION)}};
    if (cli.json()) return cli.printJson(o);
    cli.print(QStringLiteral("accelerator: %1 (%2)").arg(accel.accel, accel.reason));
    cli.print(QStringLiteral("qemu:        %1").arg(o.value(QStringLiteral("qemu")).toString()));
    cli.print(QStringLiteral("qemu-img:    %1").arg(o.value(QStringLiteral("qemuImg")).toString()));
    cli.print(QStringLiteral("library:     %1").arg(cli.library().root()));
    cli.print(QStringLiteral("runtime:     %1").arg(VmRuntime::runtimeRoot()));
    return ExitOk;
}

QJsonArray intArray(const QVector<int>& v) {
    QJsonArray a;
    for (int i : v)
        a.append(i);
    return a;
}

int hostTopology(Cli& cli) {
    if (!cli.parse(QStringLiteral("Show the host's CPUs (cores, hyper-threads, NUMA nodes), "
                                  "caches and hugepage pools: what vCPU pinning and hugepages "
                                  "can use."),
                   {}, {hostRootOption()}))
        return cli.exitCode();
    auto root = openHostRoot(cli);
    if (!root) return cli.fail(root.error());
    const HostTopology t = HostTopology::read(*root);
    QJsonArray cpus, caches, pools;
    for (const auto& c : t.cpus)
        cpus.append(QJsonObject{{QStringLiteral("cpu"), c.id},
                                {QStringLiteral("core"), c.core},
                                {QStringLiteral("package"), c.package},
                                {QStringLiteral("node"), c.node},
                                {QStringLiteral("siblings"), intArray(c.siblings)}});
    for (const auto& c : t.caches)
        caches.append(QJsonObject{{QStringLiteral("level"), c.level},
                                  {QStringLiteral("type"), c.type},
                                  {QStringLiteral("size"), c.size},
                                  {QStringLiteral("sharedBy"), intArray(c.sharedBy)}});
    for (const auto& h : t.hugepages)
        pools.append(QJsonObject{{QStringLiteral("sizeKiB"), h.sizeKiB},
                                 {QStringLiteral("total"), h.total},
                                 {QStringLiteral("free"), h.free}});
    const QJsonObject o{{QStringLiteral("cpus"), cpus},
                        {QStringLiteral("cores"), intArray(t.firstThreadOfEachCore())},
                        {QStringLiteral("numaNodes"), t.nodes},
                        {QStringLiteral("caches"), caches},
                        {QStringLiteral("hugepages"), pools}};
    if (cli.json()) return cli.printJson(o);
    std::printf("%d CPUs, %lld physical cores, %d NUMA node(s)\n", int(t.cpus.size()),
                static_cast<long long>(t.firstThreadOfEachCore().size()), t.nodes);
    for (const auto& c : t.cpus) {
        QStringList sib;
        for (int s : c.siblings)
            sib << QString::number(s);
        std::printf("  cpu%-3d core %-3d package %d node %d  threads %s\n", c.id, c.core, c.package,
                    c.node, qPrintable(sib.join(QLatin1Char(','))));
    }
    for (const auto& c : t.caches)
        std::printf("  L%d %-11s %s\n", c.level, qPrintable(c.type), qPrintable(c.size));
    for (const auto& h : t.hugepages)
        std::printf("  hugepages %d kB: %d total, %d free\n", h.sizeKiB, h.total, h.free);
    return ExitOk;
}

int hostAutostart(Cli& cli) {
    if (!cli.parse(QStringLiteral("Start the networks and VMs marked autostart, networks first "
                                  "(run at boot by the session's service). Exit code 1 when "
                                  "one failed; the others still start."),
                   {}))
        return cli.exitCode();
    QJsonArray arr;
    bool failed = false;
    for (const auto& o : runAutostart(cli.library())) {
        const char* result = o.result == AutostartOutcome::Result::Started ? "started"
                             : o.result == AutostartOutcome::Result::AlreadyRunning
                                 ? "already-running"
                                 : "failed";
        failed |= o.result == AutostartOutcome::Result::Failed;
        QJsonObject entry{{QStringLiteral("kind"), o.kind},
                          {QStringLiteral("name"), o.name},
                          {QStringLiteral("result"), QLatin1String(result)}};
        if (!o.error.isEmpty()) entry.insert(QStringLiteral("error"), o.error);
        arr.append(entry);
        if (!cli.json())
            std::printf("%-8s %-24s %s%s\n", qPrintable(o.kind), qPrintable(o.name), result,
                        o.error.isEmpty() ? "" : qPrintable(QStringLiteral(": ") + o.error));
    }
    if (cli.json()) cli.printJson(arr);
    return failed ? ExitFailed : ExitOk;
}

int hostMigrateLibrary(Cli& cli) {
    if (!cli.parse(QStringLiteral("Rewrite the library's definitions of an older schema in the "
                                  "current one (run after an upgrade), copying the old files to "
                                  "LIBRARY/.backup/ first. Exit code 1 when one could not be "
                                  "read; it is left as it is."),
                   {}))
        return cli.exitCode();
    auto m = migrateLibrary(cli.library());
    if (!m) return cli.fail(m.error());
    if (cli.json()) {
        cli.printJson(
            QJsonObject{{QStringLiteral("migrated"), QJsonArray::fromStringList(m->migrated)},
                        {QStringLiteral("backup"), m->backupDir},
                        {QStringLiteral("failed"), QJsonArray::fromStringList(m->failed)}});
    } else {
        if (m->migrated.isEmpty() && m->failed.isEmpty())
            cli.print(QStringLiteral("every definition is in the current schema"));
        if (!m->migrated.isEmpty())
            cli.print(QStringLiteral("migrated %1 (old files in %2)")
                          .arg(m->migrated.join(QLatin1String(", ")), m->backupDir));
    }
    for (const auto& f : m->failed)
        cli.warn(f);
    return m->failed.isEmpty() ? ExitOk : ExitFailed;
}

} // namespace

const QList<Verb>& hostVerbs() {
    static const QList<Verb> verbs = [] {
        QList<Verb> v{
            {QStringLiteral("info"),
             QStringLiteral("accelerator (KVM or TCG, and why), versions, folders"), hostInfo},
            {QStringLiteral("autostart"),
             QStringLiteral("start the networks and VMs marked autostart"), hostAutostart},
            {QStringLiteral("migrate-library"),
             QStringLiteral("rewrite old definitions in the current schema (after an upgrade)"),
             hostMigrateLibrary},
            {QStringLiteral("topology"),
             QStringLiteral("CPUs, cores, caches, NUMA, hugepages (for pinning)"), hostTopology},
        };
        v.append(passthroughVerbs());
        v.append(hostChangeVerbs());
        return v;
    }();
    return verbs;
}

} // namespace vireo::cli
