#include "libvirt/LibvirtGuestAgent.h"

#include "libvirt/LibvirtLoader.h"

#include <QJsonDocument>
#include <cstdlib>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/virterror.h>

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

namespace {

// One agent request through libvirt (virDomainQemuAgentCommand, from libvirt-qemu).
// `doing` says what the request was for in its error line.
GuestAgentCall agentCallThroughLibvirt(const LibvirtConnection& connection, virDomainPtr dom,
                                       const QString& vm, const QString& doing) {
    static const auto agentCommand = reinterpret_cast<decltype(&virDomainQemuAgentCommand)>(
        libvirtQemuSymbol("virDomainQemuAgentCommand"));
    return [&connection, dom, vm, doing](const QString& command,
                                         const QJsonObject& arguments) -> Result<QJsonValue> {
        const QByteArray request =
            QJsonDocument(QJsonObject{{QStringLiteral("execute"), command},
                                      {QStringLiteral("arguments"), arguments}})
                .toJson(QJsonDocument::Compact);
        char* reply =
            agentCommand(dom, request.constData(), VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT, 0);
        if (!reply) {
            // An agent that answered with an error (a missing file) needs no install hint.
            const virErrorPtr e = virGetLastError();
            const bool noAgent =
                e && (e->code == VIR_ERR_AGENT_UNRESPONSIVE || e->code == VIR_ERR_AGENT_UNSYNCED ||
                      e->code == VIR_ERR_ARGUMENT_UNSUPPORTED);
            return connection.lastError(
                QStringLiteral("asking the guest agent of VM '%1' to %2").arg(vm, doing),
                noAgent ? QStringLiteral("install and start qemu-guest-agent in the guest")
                        : QString());
        }
        const QJsonObject answer = QJsonDocument::fromJson(QByteArray(reply)).object();
        std::free(reply);
        return answer.value(QStringLiteral("return"));
    };
}

} // namespace

Result<GuestExecResult> remoteGuestExec(const LibvirtConnection& connection, const QString& vm,
                                        const QStringList& argv, const QByteArray& input,
                                        int timeoutMs) {
    if (argv.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no command to run"),
                         QStringLiteral("use 'vireoctl --remote %1 vm exec VM -- CMD ARGS...'")
                             .arg(connection.remote().name));
    auto dom = connection.runningDomain(vm);
    if (!dom) return dom.error();
    return execThroughAgent(
        agentCallThroughLibvirt(connection, dom->get(), vm,
                                QStringLiteral("run '%1'").arg(argv.join(QLatin1Char(' ')))),
        vm, argv, input, timeoutMs);
}

Status remoteGuestCopyTo(const LibvirtConnection& connection, const QString& vm,
                         const QString& hostFile, const QString& guestPath) {
    auto dom = connection.runningDomain(vm);
    if (!dom) return dom.error();
    return copyToGuestThroughAgent(
        agentCallThroughLibvirt(connection, dom->get(), vm,
                                QStringLiteral("write '%1'").arg(guestPath)),
        hostFile, guestPath);
}

Status remoteGuestCopyFrom(const LibvirtConnection& connection, const QString& vm,
                           const QString& guestPath, const QString& hostFile) {
    auto dom = connection.runningDomain(vm);
    if (!dom) return dom.error();
    return copyFromGuestThroughAgent(
        agentCallThroughLibvirt(connection, dom->get(), vm,
                                QStringLiteral("read '%1'").arg(guestPath)),
        guestPath, hostFile);
}

} // namespace vireo
