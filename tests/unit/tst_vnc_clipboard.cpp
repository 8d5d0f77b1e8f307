// VncClipboard against a scripted VNC server (beside the real QEMU in tst_vm_agent and
// gui_display): the handshake, both directions of the Extended Clipboard, and servers that
// want a password, send a frame nobody asked for or announce an absurd message.
#include "qemu/VncClipboard.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

using namespace vireo;

namespace {

constexpr quint32 kText = 1, kCaps = 1u << 24, kRequest = 1u << 25, kNotify = 1u << 27,
                  kProvide = 1u << 28;

QByteArray be32(quint32 v) {
    QByteArray b(4, Qt::Uninitialized);
    qToBigEndian(v, reinterpret_cast<uchar*>(b.data()));
    return b;
}

quint32 u32(const QByteArray& b, qsizetype at) {
    return qFromBigEndian<quint32>(reinterpret_cast<const uchar*>(b.constData() + at));
}

QByteArray serverCutText(quint32 flags, const QByteArray& payload = {}) {
    return QByteArray("\x03\0\0\0", 4) + be32(quint32(-qint32(4 + payload.size()))) + be32(flags) +
           payload;
}

// Text as the extension carries it: one zlib stream of a size prefix and the bytes.
QByteArray packText(const QByteArray& text) {
    return qCompress(be32(quint32(text.size())) + text).mid(4);
}

QByteArray unpackText(const QByteArray& z) {
    const QByteArray raw = qUncompress(be32(1 << 20) + z);
    return raw.mid(4, qsizetype(u32(raw, 0)));
}

} // namespace

class TestVncClipboard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void bothDirections();
    void passwordOnlyServerIsRefused();
    void unexpectedFramebufferUpdateFails();
    void absurdMessageSizeFails();

private:
    // Reads exactly n bytes the client sent (waiting for them).
    QByteArray take(qsizetype n);
    // Plays the server's side of the handshake up to (and with) the caps message.
    void handshake(const QByteArray& securityTypes = QByteArray("\x01\x01", 2));

    QTemporaryDir m_dir;
    QLocalServer m_server;
    QLocalSocket* m_peer = nullptr;
    QByteArray m_buffer;
    VncClipboard* m_clip = nullptr;
};

void TestVncClipboard::init() {
    QVERIFY(m_dir.isValid());
    m_server.close();
    QVERIFY(m_server.listen(m_dir.filePath(QStringLiteral("vnc.sock"))));
    m_clip = new VncClipboard(this);
    m_clip->open(m_server.fullServerName());
    QVERIFY(m_server.waitForNewConnection(5000));
    m_peer = m_server.nextPendingConnection();
    m_buffer.clear();
}

void TestVncClipboard::cleanup() {
    delete m_clip;
    m_clip = nullptr;
    if (m_peer) m_peer->deleteLater();
    m_peer = nullptr;
}

QByteArray TestVncClipboard::take(qsizetype n) {
    QElapsedTimer t;
    t.start();
    while (m_buffer.size() < n && t.elapsed() < 5000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        m_buffer.append(m_peer->readAll());
    }
    const QByteArray out = m_buffer.left(n);
    m_buffer.remove(0, out.size());
    return out;
}

void TestVncClipboard::handshake(const QByteArray& securityTypes) {
    m_peer->write("RFB 003.008\n");
    QCOMPARE(take(12), QByteArray("RFB 003.008\n"));
    m_peer->write(securityTypes);
    QCOMPARE(take(1), QByteArray("\x01"));
    m_peer->write(be32(0));
    QCOMPARE(take(1), QByteArray("\x01")); // shared: the console stays connected
    // ServerInit: 640x480, a pixel format, the name "vm".
    m_peer->write(QByteArray("\x02\x80\x01\xe0", 4) + QByteArray(16, '\0') + be32(2) + "vm");
    // SetEncodings with the Extended Clipboard pseudo-encoding only: no pictures wanted.
    QCOMPARE(take(8), QByteArray("\x02\0\0\x01\xc0\xa1\xe5\xce", 8));
}

void TestVncClipboard::bothDirections() {
    QSignalSpy ready(m_clip, &VncClipboard::ready);
    QSignalSpy copied(m_clip, &VncClipboard::guestCopied);
    QSignalSpy taken(m_clip, &VncClipboard::offerTaken);
    m_clip->offer(QStringLiteral("early")); // before the server is ready: queued
    handshake();
    QVERIFY(!m_clip->isReady());
    m_peer->write(serverCutText(kCaps | kRequest | kNotify | kProvide | kText, be32(0)));
    QTRY_COMPARE(ready.size(), 1);
    QVERIFY(m_clip->isReady());
    // The client's caps, then the queued offer as a notify.
    QCOMPARE(take(8), QByteArray("\x06\0\0\0", 4) + be32(quint32(-8)));
    QVERIFY(u32(take(4), 0) & kCaps);
    QCOMPARE(u32(take(4), 0), quint32(1 << 20)); // the largest text it takes
    QCOMPARE(take(12), QByteArray("\x06\0\0\0", 4) + be32(quint32(-4)) + be32(kNotify | kText));

    // Guest -> host: a notify makes the client ask; the answer is the guest's text.
    m_peer->write(serverCutText(kNotify | kText));
    QCOMPARE(take(12), QByteArray("\x06\0\0\0", 4) + be32(quint32(-4)) + be32(kRequest | kText));
    m_peer->write(serverCutText(kProvide | kText, packText("gr\xc3\xbc\xc3\x9f\r\nzwei\0")));
    QTRY_COMPARE(copied.size(), 1);
    QCOMPARE(copied.at(0).at(0).toString(), QStringLiteral("grüß\nzwei"));

    // Host -> guest: an offer is a notify; the server's request gets the text.
    m_clip->offer(QStringLiteral("höst → guest"));
    QCOMPARE(take(12), QByteArray("\x06\0\0\0", 4) + be32(quint32(-4)) + be32(kNotify | kText));
    m_peer->write(serverCutText(kRequest | kText));
    const QByteArray head = take(8);
    const qsizetype len = -qint32(u32(head, 4));
    const QByteArray body = take(len);
    QCOMPARE(u32(body, 0), kProvide | kText);
    QCOMPARE(QString::fromUtf8(unpackText(body.mid(4))), QStringLiteral("höst → guest"));
    QTRY_COMPARE(taken.size(), 1);
}

void TestVncClipboard::passwordOnlyServerIsRefused() {
    QSignalSpy failed(m_clip, &VncClipboard::failed);
    m_peer->write("RFB 003.008\n");
    take(12);
    m_peer->write(QByteArray("\x01\x02", 2)); // VNC authentication only
    QTRY_COMPARE(failed.size(), 1);
    const auto e = failed.at(0).at(0).value<Error>();
    QVERIFY2(e.message.contains(QStringLiteral("asks for a password")), qPrintable(e.message));
    QVERIFY(!m_clip->isReady());
}

void TestVncClipboard::unexpectedFramebufferUpdateFails() {
    QSignalSpy failed(m_clip, &VncClipboard::failed);
    QSignalSpy copied(m_clip, &VncClipboard::guestCopied);
    handshake();
    m_peer->write(QByteArray("\x00\x00\x00\x01", 4));
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(failed.at(0).at(0).value<Error>().message.contains(QStringLiteral("type 0")));
    QCOMPARE(copied.size(), 0);
}

void TestVncClipboard::absurdMessageSizeFails() {
    QSignalSpy failed(m_clip, &VncClipboard::failed);
    handshake();
    m_peer->write(QByteArray("\x03\0\0\0", 4) + be32(quint32(-(64 << 20))));
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(failed.at(0).at(0).value<Error>().message.contains(QStringLiteral("too big")));
}

QTEST_GUILESS_MAIN(TestVncClipboard)
#include "tst_vnc_clipboard.moc"
