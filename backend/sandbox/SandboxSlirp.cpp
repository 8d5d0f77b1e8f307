// slirp4netns, the NAT of --network nat when pasta is not installed: QEMU's user network
// in a namespace (10.0.2.100 inside, the gateway 10.0.2.2 reaching the host, a DNS proxy
// at 10.0.2.3); nothing from outside reaches the sandbox but the ports -p publishes,
// added through its API socket once it is up.
#include "sandbox/SandboxNat.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace vireo {

namespace {

constexpr int kReadyTimeoutMs = 5000;

Status addHostForward(const QString& api, const PortMapping& p, const QString& sandbox) {
    QLocalSocket s;
    s.connectToServer(api);
    if (!s.waitForConnected(2000))
        return makeError(
            ErrorCode::Process,
            QStringLiteral("sandbox '%1': slirp4netns's API socket did not answer").arg(sandbox));
    const QJsonObject request{
        {QStringLiteral("execute"), QStringLiteral("add_hostfwd")},
        {QStringLiteral("arguments"),
         QJsonObject{{QStringLiteral("proto"), p.protocol},
                     {QStringLiteral("host_addr"),
                      p.hostAddress.isEmpty() ? QStringLiteral("0.0.0.0") : p.hostAddress},
                     {QStringLiteral("host_port"), p.hostPort},
                     {QStringLiteral("guest_port"), p.guestPort}}}};
    s.write(QJsonDocument(request).toJson(QJsonDocument::Compact));
    s.waitForBytesWritten(2000);
    QByteArray reply;
    while (s.waitForReadyRead(2000))
        reply += s.readAll();
    const QJsonObject o = QJsonDocument::fromJson(reply).object();
    if (o.contains(QStringLiteral("return"))) return {};
    return makeError(ErrorCode::Process,
                     QStringLiteral("sandbox '%1': cannot publish port %2: %3")
                         .arg(sandbox)
                         .arg(p.hostPort)
                         .arg(o.value(QStringLiteral("error"))
                                  .toObject()
                                  .value(QStringLiteral("desc"))
                                  .toString(QString::fromUtf8(reply.trimmed()))),
                     QStringLiteral("the host port may be in use"));
}

} // namespace

Result<std::unique_ptr<SandboxNetworkAttachment>>
attachSlirp4netns(const SandboxSpec& spec, pid_t pid, const QString& slirp4netns) {
    const QString api = QDir::tempPath() + QStringLiteral("/vireo-slirp-%1.sock").arg(pid);
    QFile::remove(api);
    QByteArrayList args{QFile::encodeName(slirp4netns),
                        "--configure",
                        "--mtu=65520",
                        "--ready-fd=4",
                        "--api-socket",
                        QFile::encodeName(api),
                        "--netns-type=path",
                        "/proc/self/fd/3",
                        "tap0"};
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0)
        return makeError(ErrorCode::Io,
                         QStringLiteral("sandbox '%1': cannot make a pipe").arg(spec.name));
    auto child = spawnNatHelper(args, pid, ready[1], spec.name, QStringLiteral("slirp4netns"));
    ::close(ready[1]);
    if (!child) {
        ::close(ready[0]);
        return child.error();
    }
    auto attachment = std::make_unique<NatHelperAttachment>(*child, QStringList{api});
    // It writes "1" on the ready fd once the tap has its address and routes.
    pollfd pfd{ready[0], POLLIN, 0};
    char byte = 0;
    const bool up = ::poll(&pfd, 1, kReadyTimeoutMs) == 1 && ::read(ready[0], &byte, 1) == 1;
    ::close(ready[0]);
    if (!up)
        return makeError(ErrorCode::Timeout,
                         QStringLiteral("sandbox '%1': slirp4netns did not set up the network "
                                        "within %2 s")
                             .arg(spec.name)
                             .arg(kReadyTimeoutMs / 1000),
                         QStringLiteral("see slirp4netns's message above"));
    for (const auto& p : spec.ports)
        VIREO_TRY(addHostForward(api, p, spec.name));
    return std::unique_ptr<SandboxNetworkAttachment>(std::move(attachment));
}

} // namespace vireo
