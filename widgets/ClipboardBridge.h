#pragma once

#include "qemu/VncClipboard.h"

#include <QObject>
#include <QString>

class QClipboard;

namespace vireo {

// Joins the desktop's clipboard to a running VM's (VncClipboard): what the user copies on
// the host is offered to the guest, what the guest copies lands on the host. On Wayland an
// unfocused app hears of no clipboard change, so the host's text is also re-offered each
// time the app becomes active.
class ClipboardBridge : public QObject {
    Q_OBJECT
public:
    explicit ClipboardBridge(QClipboard* clipboard, QObject* parent = nullptr);

    void open(const QString& vncSocket);
    void close();
    bool isOpen() const { return m_open; }
    bool isReady() const { return m_channel.isReady(); }

Q_SIGNALS:
    void guestCopied(const QString& text);

private:
    void offerHostText();

    QClipboard* m_clipboard;
    VncClipboard m_channel;
    bool m_open = false;
    QString m_lastOffered;
    QString m_fromGuest;
};

} // namespace vireo
