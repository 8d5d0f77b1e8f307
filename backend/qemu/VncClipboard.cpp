#include "qemu/VncClipboard.h"

#include <QLocalSocket>
#include <QtEndian>

namespace vireo {

namespace {

// RFB message types and the Extended Clipboard pseudo-encoding (rfbproto.rst).
constexpr quint8 kServerBell = 2;
constexpr quint8 kServerCutText = 3;
constexpr quint8 kClientSetEncodings = 2;
constexpr quint8 kClientCutText = 6;
constexpr qint32 kEncodingExtendedClipboard = qint32(0xC0A1E5CE);
constexpr quint32 kFormatText = 1;
constexpr quint32 kActionCaps = 1u << 24;
constexpr quint32 kActionRequest = 1u << 25;
constexpr quint32 kActionPeek = 1u << 26;
constexpr quint32 kActionNotify = 1u << 27;
constexpr quint32 kActionProvide = 1u << 28;
// QEMU inflates at most 1 MiB; so do we.
constexpr qsizetype kMaxText = 1 << 20;

quint32 u32(const QByteArray& b, qsizetype at) {
    return qFromBigEndian<quint32>(reinterpret_cast<const uchar*>(b.constData() + at));
}

QByteArray be32(quint32 v) {
    QByteArray b(4, Qt::Uninitialized);
    qToBigEndian(v, reinterpret_cast<uchar*>(b.data()));
    return b;
}

// The extension's zlib stream (one per message): qCompress minus its 4-byte size prefix.
QByteArray deflate(const QByteArray& raw) {
    return qCompress(raw).mid(4);
}

QByteArray inflate(const QByteArray& z) {
    // qUncompress wants the size up front; it only sizes the first buffer.
    return qUncompress(be32(quint32(kMaxText + 4)) + z);
}

} // namespace

VncClipboard::VncClipboard(QObject* parent) : QObject(parent) {}

VncClipboard::~VncClipboard() {
    close();
}

void VncClipboard::open(const QString& vncSocket) {
    close();
    m_socket = new QLocalSocket(this);
    connect(m_socket, &QLocalSocket::readyRead, this, &VncClipboard::onReadyRead);
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this] {
        if (m_state != State::Closed) fail(m_socket->errorString());
    });
    m_state = State::Version;
    m_capsSeen = false;
    m_in.clear();
    m_socket->connectToServer(vncSocket);
}

void VncClipboard::close() {
    m_state = State::Closed;
    if (!m_socket) return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

bool VncClipboard::hasPendingWrites() const {
    return m_socket && m_socket->bytesToWrite() > 0;
}

void VncClipboard::offer(const QString& text) {
    m_offer = text.toUtf8().left(kMaxText);
    m_hasOffer = true;
    m_offerPending = !isReady();
    if (!m_offerPending) sendExtended(kActionNotify | kFormatText);
}

void VncClipboard::fail(const QString& what) {
    close();
    Q_EMIT failed(makeError(ErrorCode::Process,
                            QStringLiteral("the console's clipboard channel failed: %1").arg(what),
                            QStringLiteral("is the VM running with --clipboard on?")));
}

void VncClipboard::sendExtended(quint32 flags, const QByteArray& payload) {
    if (!m_socket) return;
    QByteArray msg;
    msg.append(char(kClientCutText)).append(3, '\0');
    msg.append(be32(quint32(-qint32(4 + payload.size()))));
    msg.append(be32(flags)).append(payload);
    m_socket->write(msg);
}

void VncClipboard::onReadyRead() {
    m_in.append(m_socket->readAll());
    while (m_state != State::Closed && step()) {
    }
}

bool VncClipboard::step() {
    switch (m_state) {
    case State::Closed:
        return false;
    case State::Version:
        if (m_in.size() < 12) return false;
        if (!m_in.startsWith("RFB 003.")) {
            fail(QStringLiteral("not a VNC server"));
            return false;
        }
        m_in.remove(0, 12);
        m_socket->write("RFB 003.008\n");
        m_state = State::Security;
        return true;
    case State::Security: {
        if (m_in.isEmpty()) return false;
        const int n = quint8(m_in.at(0));
        if (m_in.size() < 1 + n) return false;
        const QByteArray types = m_in.mid(1, n);
        m_in.remove(0, 1 + n);
        // Vireo's VNC socket is a private unix socket: no VNC authentication on it.
        if (!types.contains('\x01')) {
            fail(QStringLiteral("the VNC server asks for a password"));
            return false;
        }
        m_socket->write(QByteArray(1, '\x01'));
        m_state = State::SecurityResult;
        return true;
    }
    case State::SecurityResult:
        if (m_in.size() < 4) return false;
        if (u32(m_in, 0) != 0) {
            fail(QStringLiteral("the VNC server refused the connection"));
            return false;
        }
        m_in.remove(0, 4);
        m_socket->write(QByteArray(1, '\x01')); // ClientInit: shared with the console
        m_state = State::ServerInit;
        return true;
    case State::ServerInit: {
        if (m_in.size() < 24) return false;
        const qsizetype nameLength = u32(m_in, 20);
        if (m_in.size() < 24 + nameLength) return false;
        m_in.remove(0, 24 + nameLength);
        // The only encoding asked for: no framebuffer updates are ever requested.
        QByteArray enc;
        enc.append(char(kClientSetEncodings)).append('\0');
        enc.append(char(0)).append(char(1));
        enc.append(be32(quint32(kEncodingExtendedClipboard)));
        m_socket->write(enc);
        m_state = State::Ready; // marked ready when the caps arrive; see handleCutText
        return true;
    }
    case State::Ready: {
        if (m_in.isEmpty()) return false;
        const quint8 type = quint8(m_in.at(0));
        if (type == kServerBell) {
            m_in.remove(0, 1);
            return true;
        }
        if (type != kServerCutText) {
            fail(QStringLiteral("unexpected VNC message type %1").arg(type));
            return false;
        }
        if (m_in.size() < 8) return false;
        const qint32 length = qint32(u32(m_in, 4));
        const qsizetype bytes = length < 0 ? -qsizetype(length) : length;
        if (bytes > kMaxText + 64) {
            fail(QStringLiteral("a clipboard message of %1 bytes is too big").arg(bytes));
            return false;
        }
        if (m_in.size() < 8 + bytes) return false;
        const QByteArray body = m_in.mid(8, bytes);
        m_in.remove(0, 8 + bytes);
        return handleCutText(length, body);
    }
    }
    return false;
}

bool VncClipboard::handleCutText(qint32 length, const QByteArray& body) {
    if (length >= 0) { // classic ServerCutText: Latin-1
        Q_EMIT guestCopied(QString::fromLatin1(body));
        return true;
    }
    if (body.size() < 4) {
        fail(QStringLiteral("a clipboard message without flags"));
        return false;
    }
    const quint32 flags = u32(body, 0);
    if (flags & kActionCaps) {
        // Our own caps: text, and every action QEMU knows.
        sendExtended(kActionCaps | kActionRequest | kActionPeek | kActionNotify | kActionProvide |
                         kFormatText,
                     be32(quint32(kMaxText)));
        m_capsSeen = true;
        if (m_offerPending) {
            m_offerPending = false;
            sendExtended(kActionNotify | kFormatText);
        }
        Q_EMIT ready();
        return true;
    }
    if (!(flags & kFormatText)) return true; // a format we do not take
    if (flags & kActionNotify) {
        m_hasOffer = false; // the guest owns the clipboard now
        sendExtended(kActionRequest | kFormatText);
    } else if (flags & kActionPeek) {
        if (m_hasOffer) sendExtended(kActionNotify | kFormatText);
    } else if (flags & kActionRequest) {
        if (m_hasOffer) {
            sendExtended(kActionProvide | kFormatText,
                         deflate(be32(quint32(m_offer.size())) + m_offer));
            Q_EMIT offerTaken();
        }
    } else if (flags & kActionProvide) {
        const QByteArray raw = inflate(body.mid(4));
        if (raw.size() < 4) {
            fail(QStringLiteral("clipboard data that does not inflate"));
            return false;
        }
        QByteArray text = raw.mid(4, qsizetype(u32(raw, 0)));
        // The extension's text is NUL-terminated with CRLF line ends.
        while (text.endsWith('\0'))
            text.chop(1);
        text.replace("\r\n", "\n");
        Q_EMIT guestCopied(QString::fromUtf8(text));
    }
    return true;
}

} // namespace vireo
