#include "qemu/GuestAgentClient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace vireo {

namespace {

Error noAnswer(const QString& what) {
    return makeError(ErrorCode::Timeout,
                     QStringLiteral("the guest agent did not answer %1").arg(what),
                     QStringLiteral("check that qemu-guest-agent runs in the guest"));
}

} // namespace

Result<std::unique_ptr<GuestAgentClient>> GuestAgentClient::connect(const QString& socketPath,
                                                                    int timeoutMs) {
    std::unique_ptr<GuestAgentClient> client(new GuestAgentClient);
    const QDeadlineTimer deadline(timeoutMs);
    client->m_socket.connectToServer(socketPath);
    if (!client->m_socket.waitForConnected(timeoutMs))
        return makeError(ErrorCode::Process,
                         QStringLiteral("cannot reach the guest agent channel %1: %2")
                             .arg(socketPath, client->m_socket.errorString()),
                         QStringLiteral("is the VM running?"));
    VIREO_TRY(client->synchronise(int(deadline.remainingTime())));
    return client;
}

Status GuestAgentClient::write(const QByteArray& bytes) {
    if (m_socket.write(bytes) != bytes.size() || !m_socket.waitForBytesWritten(5000))
        return makeError(
            ErrorCode::Process,
            QStringLiteral("cannot write to the guest agent: %1").arg(m_socket.errorString()));
    return {};
}

Status GuestAgentClient::synchronise(int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    const qint64 id = QRandomGenerator::global()->bounded(1, 1 << 30);
    QJsonObject sync{{QStringLiteral("execute"), QStringLiteral("guest-sync-delimited")},
                     {QStringLiteral("arguments"), QJsonObject{{QStringLiteral("id"), id}}}};
    VIREO_TRY(
        write(QByteArray("\xff") + QJsonDocument(sync).toJson(QJsonDocument::Compact) + '\n'));
    // Drop everything up to the agent's 0xFF: replies meant for an earlier client.
    QByteArray pending = m_socket.readAll();
    for (;;) {
        const qsizetype ff = pending.indexOf('\xff');
        if (ff >= 0) {
            m_framer.feed(pending.mid(ff + 1));
            break;
        }
        pending.clear();
        if (deadline.hasExpired() || !m_socket.waitForReadyRead(int(deadline.remainingTime())))
            return noAnswer(QStringLiteral("its greeting"));
        pending = m_socket.readAll();
    }
    for (;;) {
        auto msg = nextMessage(int(deadline.remainingTime()));
        if (!msg) return msg.error();
        if (msg->value(QStringLiteral("return")).toInteger(-1) == id) return {};
    }
}

Result<QJsonObject> GuestAgentClient::nextMessage(int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        for (auto& m : m_framer.take()) {
            if (auto* o = std::get_if<QJsonObject>(&m)) return *o;
            // A malformed line: skipped (the framer already resynchronised on the newline).
        }
        const bool more =
            !deadline.hasExpired() && m_socket.waitForReadyRead(int(deadline.remainingTime()));
        m_framer.feed(m_socket.readAll());
        if (more) continue;
        if (m_socket.state() != QLocalSocket::ConnectedState)
            return makeError(ErrorCode::Process,
                             QStringLiteral("the guest agent channel closed (VM stopped?)"));
        if (deadline.hasExpired()) return noAnswer(QStringLiteral("in time"));
    }
}

Result<QJsonValue> GuestAgentClient::call(const QString& command, const QJsonObject& arguments,
                                          int timeoutMs) {
    QJsonObject msg{{QStringLiteral("execute"), command}};
    if (!arguments.isEmpty()) msg.insert(QStringLiteral("arguments"), arguments);
    VIREO_TRY(write(QJsonDocument(msg).toJson(QJsonDocument::Compact) + '\n'));
    auto reply = nextMessage(timeoutMs);
    if (!reply) {
        if (reply.error().code == ErrorCode::Timeout)
            return noAnswer(QStringLiteral("'%1' in time").arg(command));
        return reply.error();
    }
    if (reply->contains(QStringLiteral("error"))) {
        const auto e = reply->value(QStringLiteral("error")).toObject();
        return makeError(ErrorCode::Process,
                         QStringLiteral("the guest agent refused '%1': %2")
                             .arg(command, e.value(QStringLiteral("desc")).toString()));
    }
    return reply->value(QStringLiteral("return"));
}

Status GuestAgentClient::send(const QString& command, const QJsonObject& arguments) {
    QJsonObject msg{{QStringLiteral("execute"), command}};
    if (!arguments.isEmpty()) msg.insert(QStringLiteral("arguments"), arguments);
    return write(QJsonDocument(msg).toJson(QJsonDocument::Compact) + '\n');
}

} // namespace vireo
