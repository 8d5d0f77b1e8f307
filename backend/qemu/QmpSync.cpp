#include "qemu/QmpSync.h"

#include <QEventLoop>
#include <QTimer>

namespace vireo {

Result<std::unique_ptr<QmpClient>> QmpSync::connect(const QString& socketPath, int timeoutMs) {
    auto client = std::make_unique<QmpClient>();
    QEventLoop loop;
    QString failure;
    QObject::connect(client.get(), &QmpClient::ready, &loop, &QEventLoop::quit);
    QObject::connect(client.get(), &QmpClient::disconnected, &loop, [&](const QString& why) {
        failure = why;
        loop.quit();
    });
    QObject::connect(client.get(), &QmpClient::protocolError, &loop, [&](const QString& why) {
        if (client->state() != QmpClient::State::Ready) {
            failure = why;
            loop.quit();
        }
    });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        failure = QStringLiteral("no QMP greeting within %1 ms").arg(timeoutMs);
        loop.quit();
    });
    client->connectToServer(socketPath);
    loop.exec();
    if (client->state() != QmpClient::State::Ready)
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("cannot talk to QEMU at %1: %2").arg(socketPath, failure),
                         QStringLiteral("the VM's QEMU may have exited; see 'vireoctl vm list'"));
    return client;
}

Result<QJsonValue> QmpSync::call(QmpClient& client, const QString& command,
                                 const QJsonObject& arguments, int timeoutMs) {
    QEventLoop loop;
    // The callback may outlive this frame if we time out: it only touches shared state.
    auto alive = std::make_shared<bool>(true);
    auto slot = std::make_shared<std::optional<Result<QJsonValue>>>();
    client.execute(command, arguments, [alive, slot, &loop](Result<QJsonValue> r) {
        *slot = std::move(r);
        if (*alive) loop.quit();
    });
    if (!slot->has_value()) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    *alive = false;
    if (!slot->has_value())
        return makeError(ErrorCode::Timeout, QStringLiteral("QEMU did not answer %1 within %2 s")
                                                 .arg(command)
                                                 .arg(timeoutMs / 1000));
    return std::move(**slot);
}

Result<QmpEvent> QmpSync::waitForEvent(QmpClient& client, const QString& name, int timeoutMs,
                                       const std::function<bool(const QmpEvent&)>& match) {
    for (const auto& e : client.recentEvents())
        if (e.name == name && (!match || match(e))) return e;
    std::optional<QmpEvent> found;
    bool gone = false;
    QEventLoop loop;
    QObject::connect(&client, &QmpClient::eventReceived, &loop, [&](const QmpEvent& e) {
        if (e.name == name && (!match || match(e))) {
            found = e;
            loop.quit();
        }
    });
    QObject::connect(&client, &QmpClient::disconnected, &loop, [&] {
        gone = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    if (found) return *found;
    if (gone)
        return makeError(ErrorCode::Protocol,
                         QStringLiteral("QEMU went away while waiting for %1").arg(name));
    return makeError(ErrorCode::Timeout,
                     QStringLiteral("no %1 event within %2 s").arg(name).arg(timeoutMs / 1000));
}

} // namespace vireo
