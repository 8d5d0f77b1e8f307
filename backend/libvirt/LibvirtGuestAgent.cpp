#include "libvirt/LibvirtGuestAgent.h"

#include "libvirt/LibvirtLoader.h"

#include <QJsonDocument>
#include <cstdlib>
#include <libvirt/libvirt-qemu.h>

namespace vireo {

Result<GuestInfo> remoteGuestInfo(const LibvirtConnection& connection, const QString& vm) {
    auto dom = connection.runningDomain(vm);
    if (!dom) return dom.error();
    GuestInfo info;
    char* hostname = virDomainGetHostname(dom->get(), VIR_DOMAIN_GET_HOSTNAME_AGENT);
    if (!hostname)
        return connection.lastError(
            QStringLiteral("asking the guest agent of VM '%1' for its name").arg(vm),
            QStringLiteral("install and start qemu-guest-agent in the guest"));
    info.hostname = QString::fromUtf8(hostname);
    std::free(hostname);
    virDomainInterfacePtr* nics = nullptr;
    const int count =
        virDomainInterfaceAddresses(dom->get(), &nics, VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT, 0);
    if (count < 0)
        return connection.lastError(
            QStringLiteral("asking the guest agent of VM '%1' for its addresses").arg(vm));
    for (int i = 0; i < count; ++i) {
        const virDomainInterfacePtr nic = nics[i];
        if (QLatin1String(nic->name) != QLatin1String("lo"))
            for (unsigned j = 0; j < nic->naddrs; ++j) {
                const QString ip = QString::fromUtf8(nic->addrs[j].addr);
                // Link-local IPv6 addresses are not reachable without a scope: left out.
                if (!ip.isEmpty() && !ip.startsWith(QLatin1String("fe80:"))) info.addresses << ip;
            }
        virDomainInterfaceFree(nic);
    }
    std::free(nics);
    return info;
}

Result<GuestExecResult> remoteGuestExec(const LibvirtConnection& connection, const QString& vm,
                                        const QStringList& argv, const QByteArray& input,
                                        int timeoutMs) {
    if (argv.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no command to run"),
                         QStringLiteral("use 'vireoctl --remote %1 vm exec VM -- CMD ARGS...'")
                             .arg(connection.remote().name));
    auto dom = connection.runningDomain(vm);
    if (!dom) return dom.error();
    static const auto agentCommand = reinterpret_cast<decltype(&virDomainQemuAgentCommand)>(
        libvirtQemuSymbol("virDomainQemuAgentCommand"));
    const auto call = [&](const QString& command,
                          const QJsonObject& arguments) -> Result<QJsonValue> {
        const QByteArray request =
            QJsonDocument(QJsonObject{{QStringLiteral("execute"), command},
                                      {QStringLiteral("arguments"), arguments}})
                .toJson(QJsonDocument::Compact);
        char* reply =
            agentCommand(dom->get(), request.constData(), VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT, 0);
        if (!reply)
            return connection.lastError(
                QStringLiteral("asking the guest agent of VM '%1' to run '%2'")
                    .arg(vm, argv.join(QLatin1Char(' '))),
                QStringLiteral("install and start qemu-guest-agent in the guest"));
        const QJsonObject answer = QJsonDocument::fromJson(QByteArray(reply)).object();
        std::free(reply);
        return answer.value(QStringLiteral("return"));
    };
    return execThroughAgent(call, vm, argv, input, timeoutMs);
}

} // namespace vireo
