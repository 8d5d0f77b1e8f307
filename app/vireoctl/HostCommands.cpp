// vireoctl host ...: what this machine offers.
#include "Cli.h"

#include "core/ProcessRunner.h"
#include "qemu/AccelProbe.h"
#include "vm/VmRuntime.h"

#include <QJsonObject>

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

} // namespace

const QList<Verb>& hostVerbs() {
    static const QList<Verb> verbs = [] {
        QList<Verb> v{
            {QStringLiteral("info"),
             QStringLiteral("accelerator (KVM or TCG, and why), versions, folders"), hostInfo},
        };
        v.append(passthroughVerbs());
        return v;
    }();
    return verbs;
}

} // namespace vireo::cli
