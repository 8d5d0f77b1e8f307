// vireoctl host plan | apply | rollback | journal | detach | reattach: the host changes a
// passthrough device needs, shown first, applied after confirmation, journaled and undone.
#include "Cli.h"

#include "passthrough/HostJournal.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>
#include <unistd.h>

namespace vireo::cli {

namespace {

QCommandLineOption deviceOption() {
    return {QStringLiteral("device"), QStringLiteral("The PCI address (0000:01:00.0)."),
            QStringLiteral("ADDRESS")};
}

std::unique_ptr<HostWriter> writerFor(const HostRoot& host) {
    return host.isRealHost() ? helperWriter() : treeWriter(host);
}

QJsonObject planToJson(const HostPlan& p) {
    QJsonArray files, commands;
    for (const auto& f : p.files)
        files.append(QJsonObject{{QStringLiteral("path"), QLatin1Char('/') + f.path},
                                 {QStringLiteral("exists"), bool(f.before)},
                                 {QStringLiteral("why"), f.why},
                                 {QStringLiteral("content"), QString::fromUtf8(f.after)}});
    for (const auto& c : p.commands)
        commands.append(QJsonObject{{QStringLiteral("argv"), QJsonArray::fromStringList(c.argv)},
                                    {QStringLiteral("why"), c.why}});
    return {{QStringLiteral("devices"), QJsonArray::fromStringList(p.devices)},
            {QStringLiteral("bootloader"), p.bootloader},
            {QStringLiteral("kernel_params_added"), QJsonArray::fromStringList(p.addedParams)},
            {QStringLiteral("initramfs"), p.initramfs},
            {QStringLiteral("files"), files},
            {QStringLiteral("commands"), commands},
            {QStringLiteral("reboot"), p.rebootNeeded},
            {QStringLiteral("reboot_why"), p.rebootWhy}};
}

void printPlan(const Cli& cli, const HostPlan& p) {
    cli.print(QStringLiteral("Devices: %1 (bootloader: %2%3)")
                  .arg(p.devices.join(QLatin1String(", ")),
                       p.bootloader.isEmpty() ? QStringLiteral("unchanged") : p.bootloader,
                       p.initramfs.isEmpty() ? QString() : QStringLiteral(", ") + p.initramfs));
    for (const auto& f : p.files)
        cli.print(QStringLiteral("  %1 /%2: %3")
                      .arg(f.before ? QStringLiteral("change") : QStringLiteral("create"), f.path,
                           f.why));
    for (const auto& c : p.commands)
        cli.print(QStringLiteral("  run    %1: %2").arg(c.argv.join(QLatin1Char(' ')), c.why));
    cli.print(p.rebootNeeded ? QStringLiteral("Reboot needed: %1").arg(p.rebootWhy) : p.rebootWhy);
}

Result<HostPlan> planFromCli(Cli& cli, HostRoot& host) {
    if (!cli.isSet(QStringLiteral("device")))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--device ADDRESS is missing"),
                         QStringLiteral("name the PCI device, e.g. --device 0000:01:00.0"));
    return planHostChanges(host, cli.value(QStringLiteral("device")));
}

int hostPlan(Cli& cli) {
    if (!cli.parse(QStringLiteral("Print the host changes passing a device to VMs needs: kernel "
                                  "parameters, vfio-pci by address, softdeps, initramfs, reboot."),
                   {}, {deviceOption(), hostRootOption()}))
        return cli.exitCode();
    auto host = openHostRoot(cli);
    if (!host) return cli.fail(host.error());
    auto plan = planFromCli(cli, *host);
    if (!plan) return cli.fail(plan.error());
    if (cli.json()) return cli.printJson(planToJson(*plan));
    printPlan(cli, *plan);
    return ExitOk;
}

int hostApply(Cli& cli) {
    if (!cli.parse(QStringLiteral("Apply 'host plan' for a device, after confirmation; every "
                                  "file changed is journaled with its previous content ('host "
                                  "rollback' restores it)."),
                   {},
                   {deviceOption(),
                    hostRootOption(),
                    {QStringLiteral("yes"), QStringLiteral("Do not ask for confirmation.")}}))
        return cli.exitCode();
    auto host = openHostRoot(cli);
    if (!host) return cli.fail(host.error());
    auto plan = planFromCli(cli, *host);
    if (!plan) return cli.fail(plan.error());
    if (!cli.isSet(QStringLiteral("yes"))) {
        if (!::isatty(0))
            return cli.usage(QStringLiteral("confirm with --yes (no terminal to ask on)"));
        printPlan(cli, *plan);
        std::printf("Apply these changes? [y/N] ");
        std::fflush(stdout);
        char answer[16] = {};
        if (!std::fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y')) {
            cli.print(QStringLiteral("nothing changed"));
            return ExitFailed;
        }
    }
    auto writer = writerFor(*host);
    auto entry = applyHostPlan(*host, *plan, *writer);
    if (!entry) return cli.fail(entry.error());
    if (cli.json())
        return cli.printJson(QJsonObject{
            {QStringLiteral("journal"), entry->id},
            {QStringLiteral("results"), QJsonArray::fromStringList(entry->commandResults)},
            {QStringLiteral("reboot"), plan->rebootNeeded}});
    cli.print(QStringLiteral("applied as %1 (undo: vireoctl host rollback %1)").arg(entry->id));
    for (const auto& r : entry->commandResults)
        cli.print(QStringLiteral("  ") + r);
    if (plan->rebootNeeded) cli.print(QStringLiteral("Reboot needed: %1").arg(plan->rebootWhy));
    return ExitOk;
}

int hostRollback(Cli& cli) {
    if (!cli.parse(QStringLiteral("Restore the files a 'host apply' changed (the latest one, or "
                                  "ID from 'host journal') and rerun its boot tools."),
                   {QStringLiteral("[ID]")}, {hostRootOption()}, 0))
        return cli.exitCode();
    auto host = openHostRoot(cli);
    if (!host) return cli.fail(host.error());
    auto writer = writerFor(*host);
    auto entry = rollbackHostChanges(*host, cli.positional().value(0), *writer);
    if (!entry) return cli.fail(entry.error());
    if (cli.json()) return cli.printJson(QJsonObject{{QStringLiteral("rolled_back"), entry->id}});
    cli.print(QStringLiteral("rolled back %1 (%2 files restored)")
                  .arg(entry->id)
                  .arg(entry->files.size()));
    return ExitOk;
}

int hostJournal(Cli& cli) {
    if (!cli.parse(QStringLiteral("List the host changes 'host apply' made, newest last."), {},
                   {hostRootOption()}))
        return cli.exitCode();
    auto host = openHostRoot(cli);
    if (!host) return cli.fail(host.error());
    auto entries = readJournal(*host);
    if (!entries) return cli.fail(entries.error());
    QJsonArray arr;
    for (const auto& e : *entries) {
        QStringList paths;
        for (const auto& f : e.files)
            paths << QLatin1Char('/') + f.path;
        arr.append(QJsonObject{{QStringLiteral("id"), e.id},
                               {QStringLiteral("devices"), QJsonArray::fromStringList(e.devices)},
                               {QStringLiteral("files"), QJsonArray::fromStringList(paths)},
                               {QStringLiteral("rolled_back"), e.rolledBack}});
        if (!cli.json())
            cli.print(QStringLiteral("%1  %2  %3%4")
                          .arg(e.id, e.devices.join(QLatin1Char(',')), paths.join(QLatin1Char(' ')),
                               e.rolledBack ? QStringLiteral("  (rolled back)") : QString()));
    }
    if (cli.json()) return cli.printJson(arr);
    return ExitOk;
}

int hostBind(Cli& cli, bool detach) {
    if (!cli.parse(detach ? QStringLiteral("Hand a device (and the functions that go with it) to "
                                           "vfio-pci now, without a reboot.")
                          : QStringLiteral("Give a detached device back to its own driver."),
                   {}, {deviceOption(), hostRootOption()}))
        return cli.exitCode();
    if (!cli.isSet(QStringLiteral("device")))
        return cli.usage(QStringLiteral("--device ADDRESS is missing"));
    auto host = openHostRoot(cli);
    if (!host) return cli.fail(host.error());
    auto writer = writerFor(*host);
    const QString address = cli.value(QStringLiteral("device"));
    auto done =
        detach ? detachDevice(*host, address, *writer) : reattachDevice(*host, address, *writer);
    if (!done) return cli.fail(done.error());
    if (cli.json()) return cli.printJson(QJsonArray::fromStringList(*done));
    cli.print(QStringLiteral("%1 %2").arg(detach ? QStringLiteral("on vfio-pci:")
                                                 : QStringLiteral("back on their drivers:"),
                                          done->join(QLatin1String(", "))));
    return ExitOk;
}

} // namespace

const QList<Verb>& hostChangeVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("plan"), QStringLiteral("the host changes passing a device needs"),
         hostPlan},
        {QStringLiteral("apply"), QStringLiteral("make those changes, journaled"), hostApply},
        {QStringLiteral("rollback"), QStringLiteral("undo a 'host apply' from its journal"),
         hostRollback},
        {QStringLiteral("journal"), QStringLiteral("the changes 'host apply' made"), hostJournal},
        {QStringLiteral("detach"), QStringLiteral("hand a device to vfio-pci now"),
         [](Cli& cli) { return hostBind(cli, true); }},
        {QStringLiteral("reattach"), QStringLiteral("give a device back to its driver"),
         [](Cli& cli) { return hostBind(cli, false); }},
    };
    return verbs;
}

} // namespace vireo::cli
