// GuestAgentClient against a scripted agent (beside the real one in tst_vm_agent): stale
// replies a previous client left in the channel, malformed lines, errors and silence.
#include "qemu/GuestAgentClient.h"

#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace vireo;

namespace {

// A unix socket server on its own thread that serves one client with `script`, which
// reads requests with readLine() and answers with send().
class ScriptedAgent {
public:
    using Script = std::function<void(ScriptedAgent&)>;
    ScriptedAgent(const QString& path, Script script) {
        m_listen = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const QByteArray p = path.toLocal8Bit();
        std::memcpy(addr.sun_path, p.constData(), size_t(p.size()));
        ::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(m_listen, 1);
        m_thread = std::thread([this, script] {
            m_fd = ::accept(m_listen, nullptr, nullptr);
            if (m_fd >= 0) script(*this);
        });
    }
    ~ScriptedAgent() {
        ::shutdown(m_listen, SHUT_RDWR);
        m_thread.join();
        if (m_fd >= 0) ::close(m_fd);
        ::close(m_listen);
    }
    // One request line, without the 0xFF resets the client sends before a sync.
    std::string readLine() {
        std::string line;
        char c;
        while (::read(m_fd, &c, 1) == 1) {
            if (c == '\n') return line;
            if (c != '\xff') line += c;
        }
        return line;
    }
    void hangUp() {
        ::close(m_fd);
        m_fd = -1;
    }
    void send(const std::string& bytes) { (void)!::write(m_fd, bytes.data(), bytes.size()); }
    // Answers a guest-sync-delimited request with its id.
    void answerSync(const std::string& before = {}) {
        const std::string req = readLine();
        const auto at = req.find("\"id\":");
        const std::string id = req.substr(at + 5, req.find('}', at) - at - 5);
        send(before + "\xff{\"return\": " + id + "}\n");
    }

private:
    int m_listen = -1;
    int m_fd = -1;
    std::thread m_thread;
};

} // namespace

class TestGuestAgentClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("qga-%1.sock").arg(m_n++));
    }

    void staleRepliesBeforeTheSyncAreDropped() {
        ScriptedAgent agent(m_path, [](ScriptedAgent& a) {
            // A reply meant for an earlier client, and half a line, precede our sync.
            a.answerSync("{\"return\": {\"host-name\": \"stale\"}}\n{\"retu");
            a.readLine();
            a.send("{\"return\": {\"host-name\": \"fresh\"}}\n");
        });
        auto client = GuestAgentClient::connect(m_path, 5000);
        QVERIFY2(client.ok(), client.ok() ? "" : qPrintable(client.error().line()));
        auto r = (*client)->call(QStringLiteral("guest-get-host-name"));
        QVERIFY(r.ok());
        QCOMPARE(r->toObject().value(QStringLiteral("host-name")).toString(),
                 QStringLiteral("fresh"));
    }

    void aReplyToAnotherSyncIsSkipped() {
        ScriptedAgent agent(m_path, [](ScriptedAgent& a) {
            a.readLine();
            // The answer to someone else's sync, then ours (the client must match the id).
            a.send("\xff{\"return\": 1}\n");
            a.send("{\"return\": 2}\n");
            a.send("{\"return\": 3}\n");
        });
        // Ids are random in [1, 2^30): none of 1, 2, 3 is ours (with overwhelming odds),
        // so connect must not accept any of them and run into its deadline.
        auto client = GuestAgentClient::connect(m_path, 1000);
        QVERIFY(!client.ok());
        QCOMPARE(client.error().code, ErrorCode::Timeout);
    }

    void malformedLinesAreSkippedAndErrorsReported() {
        ScriptedAgent agent(m_path, [](ScriptedAgent& a) {
            a.answerSync();
            a.readLine();
            a.send("this is not json\n{\"return\": 7}\n");
            a.readLine();
            a.send("{\"error\": {\"class\": \"GenericError\", \"desc\": \"No such file\"}}\n");
        });
        auto client = GuestAgentClient::connect(m_path, 5000);
        QVERIFY(client.ok());
        auto r = (*client)->call(QStringLiteral("guest-fsfreeze-freeze"));
        QVERIFY(r.ok());
        QCOMPARE(r->toInt(), 7);
        auto e = (*client)->call(QStringLiteral("guest-file-open"));
        QVERIFY(!e.ok());
        QCOMPARE(e.error().line(),
                 QStringLiteral("the guest agent refused 'guest-file-open': No such file"));
    }

    void aSilentGuestTimesOut() {
        ScriptedAgent agent(m_path, [](ScriptedAgent& a) { a.readLine(); });
        QElapsedTimer t;
        t.start();
        auto client = GuestAgentClient::connect(m_path, 300);
        QVERIFY(!client.ok());
        QCOMPARE(client.error().code, ErrorCode::Timeout);
        QVERIFY(t.elapsed() < 3000);
        QVERIFY2(client.error().line().contains(QStringLiteral("qemu-guest-agent")),
                 qPrintable(client.error().line()));
    }

    void aClosedChannelIsAnErrorNotAHang() {
        ScriptedAgent agent(m_path, [](ScriptedAgent& a) {
            a.answerSync();
            a.readLine();
            a.hangUp(); // without answering
        });
        auto client = GuestAgentClient::connect(m_path, 5000);
        QVERIFY(client.ok());
        QElapsedTimer t;
        t.start();
        auto r = (*client)->call(QStringLiteral("guest-exec-status"), {}, 10000);
        QVERIFY(!r.ok());
        QVERIFY(t.elapsed() < 5000);
        QVERIFY2(r.error().line().contains(QStringLiteral("closed")), qPrintable(r.error().line()));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TestGuestAgentClient)
#include "tst_guest_agent_client.moc"
