#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QObject>
#include <QString>

class QLocalSocket;

namespace vireo {

// Two-way text clipboard with a running VM: a second, shared connection to QEMU's VNC
// socket that asks for no pictures, only the Extended Clipboard pseudo-encoding (UTF-8
// text). QEMU joins it to its qemu-vdagent chardev, and so to spice-vdagent in the guest.
// A separate connection because libvncclient 0.9.14, which draws the console, predates
// that extension (and drops the connection on its messages).
class VncClipboard : public QObject {
    Q_OBJECT
public:
    explicit VncClipboard(QObject* parent = nullptr);
    ~VncClipboard() override;

    void open(const QString& vncSocket);
    void close();
    // True once QEMU announced its clipboard capabilities.
    bool isReady() const { return m_state == State::Ready && m_capsSeen; }
    // Makes TEXT the clipboard QEMU offers the guest; it is sent when the guest pastes
    // (or fetches it at once, as spice-vdagent does for some desktops). Queued until ready.
    void offer(const QString& text);
    bool hasPendingWrites() const;

Q_SIGNALS:
    void ready();
    // Text the guest copied (fetched as soon as QEMU says the guest has a new clipboard).
    void guestCopied(const QString& text);
    // The guest fetched the text offered last.
    void offerTaken();
    void failed(const vireo::Error& error);

private:
    enum class State { Closed, Version, Security, SecurityResult, ServerInit, Ready };

    void onReadyRead();
    bool step(); // one protocol element from m_in; false when more bytes are needed
    bool handleCutText(qint32 length, const QByteArray& body);
    void sendExtended(quint32 flags, const QByteArray& payload = {});
    void fail(const QString& what);

    QLocalSocket* m_socket = nullptr;
    State m_state = State::Closed;
    QByteArray m_in;
    QByteArray m_offer;
    bool m_hasOffer = false;
    bool m_capsSeen = false;
    bool m_offerPending = false;
};

} // namespace vireo
