#pragma once

#include "core/Result.h"
#include "qemu/QmpFramer.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QVector>
#include <functional>

class QLocalSocket;

namespace vireo {

struct QmpEvent {
    QString name;
    QJsonObject data;
    double timestamp = 0; // seconds since the epoch, from QEMU
};

// An asynchronous QMP client over QEMU's unix socket. It waits for the greeting,
// negotiates capabilities, tags every command with an id and matches replies by id (so
// replies may come in any order), and delivers events as they arrive. Every pending
// command gets a reply exactly once: QEMU's answer, or an error when the socket drops.
class QmpClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(Result<QJsonValue>)>;
    enum class State { Disconnected, Connecting, Negotiating, Ready };

    explicit QmpClient(QObject* parent = nullptr);
    ~QmpClient() override;

    void connectToServer(const QString& socketPath);
    void disconnectFromServer();
    State state() const { return m_state; }
    const QJsonObject& greeting() const { return m_greeting; }

    // Sends a command once Ready (queued before that). The callback runs on this thread.
    void execute(const QString& command, const QJsonObject& arguments, Callback callback);

    // Events seen so far (bounded), so a caller can wait for one that already came.
    const QVector<QmpEvent>& recentEvents() const { return m_recentEvents; }

Q_SIGNALS:
    void ready();
    void eventReceived(const vireo::QmpEvent& event);
    void disconnected(const QString& reason);
    void protocolError(const QString& reason);

private:
    void onReadyRead();
    void onSocketGone(const QString& reason);
    void handle(const QJsonObject& message);
    void send(quint64 id, const QString& command, const QJsonObject& arguments);
    void failAll(const Error& error);

    struct Queued {
        quint64 id;
        QString command;
        QJsonObject arguments;
    };
    QLocalSocket* m_socket = nullptr;
    QmpFramer m_framer;
    State m_state = State::Disconnected;
    QJsonObject m_greeting;
    quint64 m_nextId = 1;
    QHash<quint64, Callback> m_pending;
    QHash<quint64, QString> m_pendingNames;
    QVector<Queued> m_queue;
    QVector<QmpEvent> m_recentEvents;
};

} // namespace vireo

Q_DECLARE_METATYPE(vireo::QmpEvent)
