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
    auto r = runProcessAllowFailure({argv, 60000, {}, nullptr});
    if (!r) return r.error();
    if (r->exitCode != 0) {
        QString why = lastLine(r->stderrData);
        why.remove(QStringLiteral("vireo-helper: "));
        return makeError(
            ErrorCode::Process,
            QStringLiteral("network setup (%1) failed: %2").arg(operationAndArgs.value(0), why),
            QStringLiteral("check that iproute2, nftables and dnsmasq-base are installed"));
    }
    return {};
}

} // namespace vireo
