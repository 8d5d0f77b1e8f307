#include "VncConnection.h"

#include <QFile>
#include <QtEndian>

extern "C" {
#include <rfb/rfbclient.h>
}

#include <cstdlib>
#include <cstring>
#include <iterator>

namespace vireo {

namespace {

// libvncclient's default pixel format (8 bits per sample, 3 samples, 4 bytes, red at
// shift 0) is QImage's RGBX8888 on little-endian hosts: no conversion per pixel.
constexpr QImage::Format kFormat = QImage::Format_RGBX8888;
const int kSessionTag = 0x56495245; // "VIRE": finds our Session from the rfbClient

void quiet(const char*, ...) {}

// libvncclient 0.9.14 always offers the ExtendedDesktopSize encoding, and QEMU then
// announces resolution changes only that way -- with screen id 0, which that libvncclient
// rejects, so the view would keep the old size and drop every update past it. Offering
// the encodings again without it makes QEMU use the plain DesktopSize message.
bool offerEncodingsWithoutExtDesktopSize(rfbClient* client) {
    const qint32 encodings[] = {rfbEncodingZRLE,
                                rfbEncodingHextile,
                                rfbEncodingCopyRect,
                                rfbEncodingRaw,
                                qint32(rfbEncodingNewFBSize),
                                qint32(rfbEncodingLastRect),
                                qint32(rfbEncodingPointerPos)};
    QByteArray msg;
    msg.append(char(rfbSetEncodings));
    msg.append(char(0));
    const quint16 count = qToBigEndian(quint16(std::size(encodings)));
    msg.append(reinterpret_cast<const char*>(&count), 2);
    for (qint32 e : encodings) {
        const qint32 be = qToBigEndian(e);
        msg.append(reinterpret_cast<const char*>(&be), 4);
    }
    return WriteToRFBServer(client, msg.constData(), unsigned(msg.size()));
}

} // namespace

// What the session thread owns; reached from libvncclient's C callbacks via client data.
struct VncConnection::Session {
    VncConnection* owner = nullptr;
    rfbClient* client = nullptr;
    QImage private_; // a view of client->frameBuffer, where libvncclient draws
    QRect dirty;

    static Session* of(rfbClient* c) {
        return static_cast<Session*>(rfbClientGetClientData(c, const_cast<int*>(&kSessionTag)));
    }

    static rfbBool allocate(rfbClient* c) {
        Session* s = of(c);
        const QSize size(c->width, c->height);
        // malloc'd, as libvncclient itself would: a failing rfbInitClient frees it.
        std::free(c->frameBuffer);
        c->frameBuffer = static_cast<uint8_t*>(std::calloc(size_t(c->width) * c->height, 4));
        if (!c->frameBuffer) return FALSE;
        s->private_ = QImage(c->frameBuffer, c->width, c->height, c->width * 4, kFormat);
        {
            QMutexLocker lock(&s->owner->m_frameMutex);
            s->owner->m_frame = QImage(size, kFormat);
            s->owner->m_frame.fill(Qt::black);
        }
        s->dirty = QRect();
        Q_EMIT s->owner->resized(size);
        return TRUE;
    }

    static void gotUpdate(rfbClient* c, int x, int y, int w, int h) {
        Session* s = of(c);
        s->dirty |= QRect(x, y, w, h);
    }

    void publish() {
        if (dirty.isEmpty()) return;
        const QRect r = dirty.intersected(private_.rect());
        dirty = QRect();
        if (r.isEmpty()) return;
        {
            QMutexLocker lock(&owner->m_frameMutex);
            if (owner->m_frame.size() != private_.size()) return;
            const int bpl = r.width() * 4;
            for (int row = r.top(); row <= r.bottom(); ++row)
                std::memcpy(owner->m_frame.scanLine(row) + r.left() * 4,
                            private_.constScanLine(row) + r.left() * 4, bpl);
        }
        Q_EMIT owner->updated(r);
    }
};

VncConnection::VncConnection(QObject* parent) : QThread(parent) {}

VncConnection::~VncConnection() {
    close();
}

void VncConnection::open(const QString& socketPath) {
    close();
    m_socketPath = socketPath;
    m_connectedFd = -1;
    {
        QMutexLocker lock(&m_inputMutex);
        m_input.clear();
    }
    start();
}

void VncConnection::openConnected(int fd, const QString& label) {
    close();
    m_socketPath = label;
    m_connectedFd = fd;
    {
        QMutexLocker lock(&m_inputMutex);
        m_input.clear();
    }
    start();
}

void VncConnection::close() {
    if (!isRunning()) return;
    requestInterruption();
    wait();
}

void VncConnection::sendKey(quint32 keysym, bool down) {
    QMutexLocker lock(&m_inputMutex);
    m_input.push_back({true, keysym, down, {}, 0});
}

void VncConnection::sendPointer(const QPoint& pos, int buttonMask) {
    QMutexLocker lock(&m_inputMutex);
    m_input.push_back({false, 0, false, pos, buttonMask});
}

QImage VncConnection::frame() const {
    QMutexLocker lock(&m_frameMutex);
    return m_frame.copy();
}

void VncConnection::run() {
    // libvncclient logs to stderr by default; the UI reports failures itself.
    rfbClientLog = &quiet;
    rfbClientErr = &quiet;
    Session session;
    session.owner = this;
    rfbClient* client = rfbGetClient(8, 3, 4);
    if (!client) {
        Q_EMIT disconnected(tr("cannot allocate a VNC client"));
        return;
    }
    session.client = client;
    rfbClientSetClientData(client, const_cast<int*>(&kSessionTag), &session);
    client->MallocFrameBuffer = &Session::allocate;
    client->GotFrameBufferUpdate = &Session::gotUpdate;
    client->canHandleNewFBSize = TRUE;
    client->connectTimeout = 5;
    if (m_connectedFd >= 0) {
        // "Listen" mode is libvncclient's way to take a socket that is connected already.
        client->listenSpecified = TRUE;
        client->sock = m_connectedFd;
        client->serverHost = ::strdup("");
        m_connectedFd = -1; // rfbClientCleanup closes it
    } else {
        // A path that is a unix socket makes libvncclient connect there instead of TCP.
        client->serverHost = ::strdup(QFile::encodeName(m_socketPath).constData());
    }
    client->serverPort = 0;
    // rfbInitClient frees the client when it fails.
    if (!rfbInitClient(client, nullptr, nullptr)) {
        Q_EMIT disconnected(tr("cannot connect to the display at %1").arg(m_socketPath));
        return;
    }
    // The framebuffer is ours (malloc'd in Session::allocate), the rest libvncclient's.
    auto release = [&] {
        session.private_ = QImage();
        std::free(client->frameBuffer);
        client->frameBuffer = nullptr;
        rfbClientCleanup(client);
    };
    if (!offerEncodingsWithoutExtDesktopSize(client)) {
        release();
        Q_EMIT disconnected(tr("the display at %1 closed the connection").arg(m_socketPath));
        return;
    }
    Q_EMIT connected(QSize(client->width, client->height));
    QString reason = tr("the VM's display closed");
    while (!isInterruptionRequested()) {
        const int ready = WaitForMessage(client, 20000); // µs: input latency bound
        if (ready < 0) break;
        bool alive = true;
        if (ready > 0) alive = HandleRFBServerMessage(client);
        // libvncclient reads ahead into its own buffer, which select() cannot see: handle
        // every message already there, or the screen freezes until the server speaks again.
        while (alive && client->buffered > 0)
            alive = HandleRFBServerMessage(client);
        if (!alive) break;
        session.publish();
        std::deque<InputEvent> input;
        {
            QMutexLocker lock(&m_inputMutex);
            input.swap(m_input);
        }
        for (const auto& e : input) {
            if (e.key)
                SendKeyEvent(client, e.keysym, e.down ? TRUE : FALSE);
            else
                SendPointerEvent(client, e.pos.x(), e.pos.y(), e.buttons);
        }
    }
    if (isInterruptionRequested()) reason.clear();
    release();
    Q_EMIT disconnected(reason);
}

} // namespace vireo
