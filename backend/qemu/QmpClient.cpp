#include "qemu/QmpClient.h"

#include <QJsonDocument>
#include <QLocalSocket>

namespace vireo {

namespace {
constexpr int kMaxRecentEvents = 128;
// A line longer than this is not QMP: QEMU's largest replies (query-qmp-schema) are ~200 KiB.
constexpr qsizetype kMaxLineBytes = 16 * 1024 * 1024;
} // namespace

QmpClient::QmpClient(QObject* parent) : QObject(parent) {}

QmpClient::~QmpClient() {
    // Callbacks may reference objects that are going away with us: drop them silently.
    m_pending.clear();
    if (m_socket) m_socket->disconnect(this);
}

void QmpClient::connectToServer(const QString& socketPath) {
    disconnectFromServer();
    m_socket = new QLocalSocket(this);
    m_state = State::Connecting;
    connect(m_socket, &QLocalSocket::readyRead, this, &QmpClient::onReadyRead);
    connect(m_socket, &QLocalSocket::disconnected, this,
            [this] { onSocketGone(QStringLiteral("QEMU closed the QMP connection")); });
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError) {
        if (m_socket && m_socket->state() != QLocalSocket::ConnectedState)
            onSocketGone(m_socket->errorString());
    });
    m_socket->connectToServer(socketPath);
}

void QmpClient::disconnectFromServer() {
    if (!m_socket) return;
    QLocalSocket* s = m_socket;
    m_socket = nullptr;
    s->disconnect(this);
    s->abort();
    s->deleteLater();
    m_state = State::Disconnected;
    m_framer = QmpFramer();
    failAll(makeError(ErrorCode::Protocol, QStringLiteral("QMP connection closed")));
}

void QmpClient::execute(const QString& command, const QJsonObject& arguments, Callback callback) {
    const quint64 id = m_nextId++;
    if (m_state == State::Disconnected) {
        callback(makeError(ErrorCode::Protocol,
                           QStringLiteral("QMP is not connected (command %1)").arg(command)));
        return;
    }
    m_pending.insert(id, std::move(callback));
    m_pendingNames.insert(id, command);
    if (m_state == State::Ready)
        send(id, command, arguments);
    else
        m_queue.append({id, command, arguments});
}

void QmpClient::send(quint64 id, const QString& command, const QJsonObject& arguments) {
    QJsonObject msg{{QStringLiteral("execute"), command}, {QStringLiteral("id"), qint64(id)}};
    if (!arguments.isEmpty()) msg.insert(QStringLiteral("arguments"), arguments);
    m_socket->write(QJsonDocument(msg).toJson(QJsonDocument::Compact) + "\n");
    m_socket->flush();
}

void QmpClient::onReadyRead() {
    if (!m_socket) return;
    m_framer.feed(m_socket->readAll());
    if (m_framer.pendingBytes() > kMaxLineBytes) {
        Q_EMIT protocolError(QStringLiteral("QMP peer sent an endless line"));
        disconnectFromServer();
        Q_EMIT disconnected(QStringLiteral("QMP peer sent an endless line"));
        return;
    }
    for (auto& m : m_framer.take()) {
        if (auto* bad = std::get_if<QmpFramer::Malformed>(&m)) {
            Q_EMIT protocolError(QStringLiteral("malformed QMP message (%1): %2")
                                     .arg(bad->reason, QString::fromUtf8(bad->line.left(200))));
            continue;
        }
        handle(std::get<QJsonObject>(m));
        if (!m_socket) return; // a handler disconnected us
    }
}

void QmpClient::handle(const QJsonObject& msg) {
    if (m_state == State::Connecting) {
        if (!msg.contains(QStringLiteral("QMP"))) {
            Q_EMIT protocolError(QStringLiteral("QMP peer did not greet"));
            return;
        }
        m_greeting = msg.value(QStringLiteral("QMP")).toObject();
        m_state = State::Negotiating;
        // Capabilities go first and bypass the queue.
        const quint64 id = m_nextId++;
        m_pending.insert(id, [this](Result<QJsonValue> r) {
            if (!r) {
                Q_EMIT protocolError(r.error().message);
                return;
            }
            m_state = State::Ready;
            const auto queued = std::exchange(m_queue, {});
            for (const auto& q : queued)
                send(q.id, q.command, q.arguments);
            Q_EMIT ready();
        });
        m_pendingNames.insert(id, QStringLiteral("qmp_capabilities"));
        send(id, QStringLiteral("qmp_capabilities"), {});
        return;
    }
    if (msg.contains(QStringLiteral("event"))) {
        const auto ts = msg.value(QStringLiteral("timestamp")).toObject();
        QmpEvent ev{msg.value(QStringLiteral("event")).toString(),
                    msg.value(QStringLiteral("data")).toObject(),
                    ts.value(QStringLiteral("seconds")).toDouble() +
                        ts.value(QStringLiteral("microseconds")).toDouble() / 1e6};
        m_recentEvents.append(ev);
        if (m_recentEvents.size() > kMaxRecentEvents) m_recentEvents.removeFirst();
        Q_EMIT eventReceived(ev);
        return;
    }
    const QJsonValue idValue = msg.value(QStringLiteral("id"));
    const quint64 id = static_cast<quint64>(idValue.toInteger(-1));
    auto it = m_pending.find(id);
    if (idValue.isUndefined() || it == m_pending.end()) {
        Q_EMIT protocolError(QStringLiteral("QMP reply with unknown id %1")
                                 .arg(QString::fromUtf8(
                                     QJsonDocument(msg).toJson(QJsonDocument::Compact).left(200))));
        return;
    }
    Callback cb = std::move(it.value());
    m_pending.erase(it);
    const QString name = m_pendingNames.take(id);
    if (msg.contains(QStringLiteral("return"))) {
        cb(msg.value(QStringLiteral("return")));
    } else if (msg.contains(QStringLiteral("error"))) {
        const auto e = msg.value(QStringLiteral("error")).toObject();
        cb(makeError(ErrorCode::Process,
                     QStringLiteral("QEMU refused %1: %2")
                         .arg(name, e.value(QStringLiteral("desc")).toString())));
    } else {
        cb(makeError(ErrorCode::Protocol,
                     QStringLiteral("QMP reply to %1 has neither return nor error").arg(name)));
    }
}

void QmpClient::onSocketGone(const QString& reason) {
    if (!m_socket) return;
    QLocalSocket* s = m_socket;
    m_socket = nullptr;
    s->disconnect(this);
    s->deleteLater();
    m_state = State::Disconnected;
    m_framer = QmpFramer();
    failAll(makeError(ErrorCode::Protocol, QStringLiteral("QMP connection lost: %1").arg(reason)));
    Q_EMIT disconnected(reason);
}

void QmpClient::failAll(const Error& error) {
    auto pending = std::exchange(m_pending, {});
    m_pendingNames.clear();
    m_queue.clear();
    for (auto& cb : pending)
        cb(error);
}

} // namespace vireo
