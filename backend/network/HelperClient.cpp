#include "network/HelperClient.h"

#include "core/CompanionProgram.h"
#include "core/ProcessRunner.h"

#include "HelperValidation.h"

#include <unistd.h>

namespace vireo {

QString HelperClient::helperPath() {
    return companionProgram(QStringLiteral("vireo-helper"), "VIREO_HELPER");
}

Status HelperClient::run(const QStringList& operationAndArgs) {
    return run(operationAndArgs, {});
}

Status HelperClient::run(const QStringList& operationAndArgs, const QByteArray& input) {
    const QString helper = helperPath();
    if (helper.isEmpty())
        return makeError(ErrorCode::NotFound, QStringLiteral("vireo-helper is not installed"),
                         QStringLiteral("install the vireo package or set VIREO_HELPER"));
    QStringList argv;
    if (::geteuid() != 0) argv << QStringLiteral("pkexec");
    // The operation's class first: polkit asks once per class (installer/polkit/).
    argv << helper
         << QString::fromStdString(helper::operationClass(operationAndArgs.value(0).toStdString()))
         << operationAndArgs;
    // Rebuilding an initramfs for every installed kernel takes minutes on slow disks.
    auto r = runProcessAllowFailure({argv, 600000, {}, nullptr, input});
    if (!r) return r.error();
    if (r->exitCode != 0) {
        QString why = lastLine(r->stderrData);
        why.remove(QStringLiteral("vireo-helper: "));
        const bool hostChange = operationAndArgs.value(0).startsWith(QLatin1String("host-"));
        return makeError(
            ErrorCode::Process,
            QStringLiteral("%1 (%2) failed: %3")
                .arg(hostChange ? QStringLiteral("host change") : QStringLiteral("network setup"),
                     operationAndArgs.value(0), why),
            hostChange ? QStringLiteral("see the message; 'vireoctl host rollback' restores the "
                                        "files changed so far")
                       : QStringLiteral("check that iproute2, nftables and dnsmasq-base are "
                                        "installed"));
    }
    return {};
}

} // namespace vireo
