// The QMP client against a scripted fake server (the hard cases a real QEMU rarely
// produces on demand) and against a real QEMU.
#include "qemu/QmpClient.h"
#include "qemu/QmpSync.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace vireo;

namespace {

const QByteArray kGreeting =
    R"({"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}}, "capabilities": []}})"
    "\r\n";

// A QMP server driven by the test: it sends what it is told and records what it gets.
class FakeQmp : public QObject {
public:
    explicit FakeQmp(const QString& path) {
        QLocalServer::removeServer(path);
        QVERIFY(server.listen(path));
        connect(&server, &QLocalServer::newConnection, this, [this] {
            peer = server.nextPendingConnection();
            connect(peer, &QLocalSocket::readyRead, this, [this] {
                received += peer->readAll();
                if (autoCapabilities && received.contains("qmp_capabilities") && !capsAnswered) {
                    capsAnswered = true;
                    const auto id = commandIds().value(0);
                    send(QByteArray(R"({"return": {}, "id": )") + QByteArray::number(id) + "}\r\n");
                }
            });
        });
    }
    void send(const QByteArray& bytes) {
        peer->write(bytes);
        peer->flush();
    }
    // Ids of the commands received so far, in order.
    QList<qint64> commandIds() const {
        QList<qint64> ids;
        for (const auto& line : received.split('\n'))
            if (!line.trimmed().isEmpty())
                ids << QJsonDocument::fromJson(line)
                           .object()
                           .value(QStringLiteral("id"))
                           .toInteger();
        return ids;
    }
    QLocalServer server;
    QLocalSocket* peer = nullptr;
    QByteArray received;
    bool autoCapabilities = true;
    bool capsAnswered = false;
};

bool waitUntil(const std::function<bool()>& cond, int ms = 5000) {
    QElapsedTimer t;
    t.start();
    while (!cond() && t.elapsed() < ms)
        QTest::qWait(10);
    return cond();
}

} // namespace

class TestQmpClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("qmp%1.sock").arg(m_n++));
    }
    void greetingSplitAcrossReads();
    void repliesOutOfOrderAndEventsBetween();
    void malformedLineIsSkipped();
    void errorReplyBecomesError();
    void droppedSocketFailsPendingCommands();
    void commandsQueuedBeforeReady();
    void realQemu();

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_n = 0;
};

void TestQmpClient::greetingSplitAcrossReads() {
    FakeQmp fake(m_path);
    QmpClient client;
    QSignalSpy ready(&client, &QmpClient::ready);
    client.connectToServer(m_path);
    QVERIFY(waitUntil([&] { return fake.peer != nullptr; }));
    // One byte at a time: the framer must reassemble.
    for (char c : kGreeting) {
        fake.send(QByteArray(1, c));
        QTest::qWait(1);
    }
    QVERIFY(ready.size() == 1 || ready.wait(3000));
    QCOMPARE(client.state(), QmpClient::State::Ready);
    QCOMPARE(client.greeting()
                 .value(QStringLiteral("version"))
                 .toObject()
                 .value(QStringLiteral("qemu"))
                 .toObject()
                 .value(QStringLiteral("major"))
                 .toInt(),
             7);
}

void TestQmpClient::repliesOutOfOrderAndEventsBetween() {
    FakeQmp fake(m_path);
    QmpClient client;
    client.connectToServer(m_path);
    QVERIFY(waitUntil([&] { return fake.peer != nullptr; }));
    fake.send(kGreeting);
    QVERIFY(waitUntil([&] { return client.state() == QmpClient::State::Ready; }));
    QStringList answers;
    client.execute(QStringLiteral("query-a"), {},
                   [&](Result<QJsonValue> r) { answers << QStringLiteral("a=") + r->toString(); });
    client.execute(QStringLiteral("query-b"), {},
                   [&](Result<QJsonValue> r) { answers << QStringLiteral("b=") + r->toString(); });
    QVERIFY(waitUntil([&] { return fake.commandIds().size() == 3; }));
    const auto ids = fake.commandIds();
    QSignalSpy events(&client, &QmpClient::eventReceived);
    // Reply to b first, with an event in between and both in one write.
    fake.send(QByteArray(R"({"return": "B", "id": )") + QByteArray::number(ids[2]) + "}\r\n" +
              R"({"event": "STOP", "timestamp": {"seconds": 1, "microseconds": 5}})"
              "\r\n" +
              R"({"return": "A", "id": )" + QByteArray::number(ids[1]) + "}\r\n");
    QVERIFY(waitUntil([&] { return answers.size() == 2; }));
    QCOMPARE(answers, (QStringList{QStringLiteral("b=B"), QStringLiteral("a=A")}));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().first().value<QmpEvent>().name, QStringLiteral("STOP"));
    QCOMPARE(client.recentEvents().size(), 1);
}

void TestQmpClient::malformedLineIsSkipped() {
    FakeQmp fake(m_path);
    QmpClient client;
    client.connectToServer(m_path);
    QVERIFY(waitUntil([&] { return fake.peer != nullptr; }));
    fake.send(kGreeting);
    QVERIFY(waitUntil([&] { return client.state() == QmpClient::State::Ready; }));
    QSignalSpy errors(&client, &QmpClient::protocolError);
    std::optional<Result<QJsonValue>> answer;
    client.execute(QStringLiteral("query-x"), {}, [&](Result<QJsonValue> r) { answer = r; });
    QVERIFY(waitUntil([&] { return fake.commandIds().size() == 2; }));
    fake.send("{\"return\": oops not json}\r\n[1,2]\r\n");
    fake.send(QByteArray(R"({"return": 42, "id": )") + QByteArray::number(fake.commandIds()[1]) +
              "}\r\n");
    QVERIFY(waitUntil([&] { return answer.has_value(); }));
    QVERIFY(answer->ok());
    QCOMPARE(answer->value().toInt(), 42);
    QCOMPARE(errors.size(), 2);
    QCOMPARE(client.state(), QmpClient::State::Ready);
}

void TestQmpClient::errorReplyBecomesError() {
    FakeQmp fake(m_path);
    QmpClient client;
    client.connectToServer(m_path);
    QVERIFY(waitUntil([&] { return fake.peer != nullptr; }));
    fake.send(kGreeting);
    QVERIFY(waitUntil([&] { return client.state() == QmpClient::State::Ready; }));
    std::optional<Result<QJsonValue>> answer;
    client.execute(QStringLiteral("device_add"), {}, [&](Result<QJsonValue> r) { answer = r; });
    QVERIFY(waitUntil([&] { return fake.commandIds().size() == 2; }));
    fake.send(
        QByteArray(R"({"error": {"class": "GenericError", "desc": "Bus 'x' not found"}, "id": )") +
        QByteArray::number(fake.commandIds()[1]) + "}\r\n");
    QVERIFY(waitUntil([&] { return answer.has_value(); }));
    QVERIFY(!answer->ok());
    QCOMPARE(answer->error().message, QStringLiteral("QEMU refused device_add: Bus 'x' not found"));
}

void TestQmpClient::droppedSocketFailsPendingCommands() {
    FakeQmp fake(m_path);
    QmpClient client;
    QSignalSpy gone(&client, &QmpClient::disconnected);
    client.connectToServer(m_path);
    QVERIFY(waitUntil([&] { return fake.peer != nullptr; }));
    fake.send(kGreeting);
    QVERIFY(waitUntil([&] { return client.state() == QmpClient::State::Ready; }));
    int failures = 0;
    for (int i = 0; i < 3; ++i)
        client.execute(QStringLiteral("query-status"), {},
                       [&](Result<QJsonValue> r) { failures += r.ok() ? 0 : 1; });
    QVERIFY(waitUntil([&] { return fake.commandIds().size() == 4; }));
    fake.peer->abort();
    QVERIFY(waitUntil([&] { return failures == 3; }));
    QVERIFY(gone.size() >= 1);
    QCOMPARE(client.state(), QmpClient::State::Disconnected);
    // And a command after the drop fails at once instead of hanging.
    bool failedNow = false;
    client.execute(QStringLiteral("query-status"), {},
                   [&](Result<QJsonValue> r) { failedNow = !r.ok(); });
    QVERIFY(failedNow);
}

void TestQmpClient::commandsQueuedBeforeReady() {
    FakeQmp fake(m_path);
    QmpClient client;
    client.connectToServer(m_path);
    std::optional<Result<QJsonValue>> answer;
    client.execute(QStringLiteral("query-early"), {}, [&](Result<QJsonValue> r) { answer = r; });
    QVERIFY(waitUntil([&] { return fake.peer != nullptr; }));
    QTest::qWait(50);
    QVERIFY(fake.received.isEmpty()); // nothing may be sent before the greeting
    fake.send(kGreeting);
    QVERIFY(waitUntil([&] { return fake.commandIds().size() == 2; }));
    QVERIFY(fake.received.indexOf("qmp_capabilities") < fake.received.indexOf("query-early"));
    fake.send(QByteArray(R"({"return": true, "id": )") + QByteArray::number(fake.commandIds()[1]) +
              "}\r\n");
    QVERIFY(waitUntil([&] { return answer.has_value(); }));
    QVERIFY(answer->ok());
}

void TestQmpClient::realQemu() {
    if (QStandardPaths::findExecutable(QStringLiteral("qemu-system-x86_64")).isEmpty())
        QSKIP("qemu-system-x86_64 is not installed");
    QProcess qemu;
    qemu.start(QStringLiteral("qemu-system-x86_64"),
               {QStringLiteral("-machine"), QStringLiteral("q35"), QStringLiteral("-accel"),
                QStringLiteral("tcg"), QStringLiteral("-nodefaults"), QStringLiteral("-display"),
                QStringLiteral("none"), QStringLiteral("-m"), QStringLiteral("64"),
                QStringLiteral("-qmp"), QStringLiteral("unix:%1,server=on,wait=off").arg(m_path)});
    QVERIFY(qemu.waitForStarted());
    QVERIFY(waitUntil([&] { return QFile::exists(m_path); }));
    auto client = QmpSync::connect(m_path, 10000);
    QVERIFY2(client.ok(), client.ok() ? "" : qPrintable(client.error().line()));
    auto version = QmpSync::call(**client, QStringLiteral("query-version"));
    QVERIFY(version.ok());
    QVERIFY(version->toObject()
                .value(QStringLiteral("qemu"))
                .toObject()
                .value(QStringLiteral("major"))
                .toInt() >= 7);
    // Several commands in flight at once, answered through their ids.
    int answered = 0;
    for (int i = 0; i < 20; ++i)
        (*client)->execute(QStringLiteral("query-status"), {},
                           [&](Result<QJsonValue> r) { answered += r.ok() ? 1 : 0; });
    QVERIFY(waitUntil([&] { return answered == 20; }));
    QVERIFY(QmpSync::call(**client, QStringLiteral("stop")).ok());
    auto stopped = QmpSync::waitForEvent(**client, QStringLiteral("STOP"), 5000);
    QVERIFY(stopped.ok());
    auto status = QmpSync::call(**client, QStringLiteral("query-status"));
    QCOMPARE(status->toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("paused"));
    auto bad = QmpSync::call(**client, QStringLiteral("no-such-command"));
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QStringLiteral("no-such-command")));
    (void)QmpSync::call(**client, QStringLiteral("quit"));
    QVERIFY(qemu.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(TestQmpClient)
#include "tst_qmpclient.moc"
