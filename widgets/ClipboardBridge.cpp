#include "ClipboardBridge.h"

#include <QClipboard>
#include <QGuiApplication>

namespace vireo {

ClipboardBridge::ClipboardBridge(QClipboard* clipboard, QObject* parent)
    : QObject(parent), m_clipboard(clipboard) {
    connect(m_clipboard, &QClipboard::dataChanged, this, &ClipboardBridge::offerHostText);
    connect(qApp, &QGuiApplication::applicationStateChanged, this, [this](Qt::ApplicationState s) {
        if (s == Qt::ApplicationActive) offerHostText();
    });
    connect(&m_channel, &VncClipboard::ready, this, &ClipboardBridge::offerHostText);
    connect(&m_channel, &VncClipboard::guestCopied, this, [this](const QString& text) {
        // Remembered first: setting the host's clipboard fires dataChanged, and that text
        // must not bounce back to the guest.
        m_fromGuest = text;
        m_lastOffered = text;
        m_clipboard->setText(text);
        Q_EMIT guestCopied(text);
    });
    connect(&m_channel, &VncClipboard::failed, this, [this] { m_open = false; });
}

void ClipboardBridge::open(const QString& vncSocket) {
    m_lastOffered.clear();
    m_open = true;
    m_channel.open(vncSocket);
}

void ClipboardBridge::close() {
    m_open = false;
    m_channel.close();
}

void ClipboardBridge::offerHostText() {
    if (!m_open || !m_channel.isReady()) return;
    const QString text = m_clipboard->text();
    if (text.isEmpty() || text == m_lastOffered || text == m_fromGuest) return;
    m_lastOffered = text;
    m_channel.offer(text);
}

} // namespace vireo
