#include "VncView.h"

#include "VncConnection.h"
#include "VncKeymap.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

namespace vireo {

namespace {

// RFB pointer button bits.
constexpr int kLeft = 1, kMiddle = 2, kRight = 4, kWheelUp = 8, kWheelDown = 16;

int buttonBit(Qt::MouseButton b) {
    switch (b) {
    case Qt::LeftButton:
        return kLeft;
    case Qt::MiddleButton:
        return kMiddle;
    case Qt::RightButton:
        return kRight;
    default:
        return 0;
    }
}

} // namespace

VncView::VncView(QWidget* parent) : QWidget(parent), m_connection(new VncConnection(this)) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 120);
    connect(m_connection, &VncConnection::connected, this, [this](const QSize& size) {
        m_connected = true;
        m_frameSize = size;
        updateGeometry();
        update();
        Q_EMIT connectionChanged(true, {});
    });
    connect(m_connection, &VncConnection::resized, this, [this](const QSize& size) {
        // The guest changed its resolution: the view follows.
        m_frameSize = size;
        updateGeometry();
        update();
        Q_EMIT frameSizeChanged(size);
    });
    connect(m_connection, &VncConnection::updated, this, [this](const QRect& r) {
        if (m_frameSize.isEmpty()) return;
        const QRect t = targetRect();
        const double sx = double(t.width()) / m_frameSize.width();
        const double sy = double(t.height()) / m_frameSize.height();
        update(QRectF(t.left() + r.left() * sx, t.top() + r.top() * sy, r.width() * sx,
                      r.height() * sy)
                   .toAlignedRect()
                   .adjusted(-1, -1, 1, 1));
    });
    connect(m_connection, &VncConnection::disconnected, this, [this](const QString& reason) {
        const bool was = m_connected;
        m_connected = false;
        releaseGrab();
        update();
        if (was || !reason.isEmpty()) Q_EMIT connectionChanged(false, reason);
    });
}

VncView::~VncView() {
    m_connection->close();
}

QString VncView::releaseKeyName() {
    return tr("Ctrl+Alt");
}

void VncView::connectToSocket(const QString& socketPath) {
    m_connected = false;
    m_connection->open(socketPath);
}

void VncView::connectToSocketFd(int fd, const QString& label) {
    m_connected = false;
    m_connection->openConnected(fd, label);
}

void VncView::disconnectFromDisplay() {
    releaseGrab();
    m_connection->close();
}

QImage VncView::screenshot() const {
    return m_connection->frame();
}

void VncView::setScaling(bool scale) {
    m_scale = scale;
    updateGeometry();
    update();
}

QSize VncView::sizeHint() const {
    return m_frameSize.isEmpty() ? QSize(640, 400) : m_frameSize;
}

QRect VncView::targetRect() const {
    if (m_frameSize.isEmpty()) return rect();
    QSize size = m_frameSize;
    if (m_scale) size.scale(this->size(), Qt::KeepAspectRatio);
    QRect r(QPoint(0, 0), size);
    r.moveCenter(rect().center());
    if (!m_scale) r.moveTopLeft(QPoint(std::max(0, r.left()), std::max(0, r.top())));
    return r;
}

QPoint VncView::toFrame(const QPointF& p) const {
    const QRect t = targetRect();
    if (t.isEmpty() || m_frameSize.isEmpty()) return {};
    const int x = int((p.x() - t.left()) * m_frameSize.width() / t.width());
    const int y = int((p.y() - t.top()) * m_frameSize.height() / t.height());
    return {std::clamp(x, 0, m_frameSize.width() - 1), std::clamp(y, 0, m_frameSize.height() - 1)};
}

void VncView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::black);
    if (!m_connected) {
        p.setPen(Qt::gray);
        p.drawText(rect(), Qt::AlignCenter, tr("No display"));
        return;
    }
    const QRect t = targetRect();
    p.setRenderHint(QPainter::SmoothPixmapTransform, m_scale && t.size() != m_frameSize);
    m_connection->withFrame([&](const QImage& frame) { p.drawImage(t, frame); });
}

bool VncView::event(QEvent* e) {
    // While grabbed, the desktop's shortcuts (Ctrl+Q, F11, Alt+F4 ...) belong to the guest.
    if (e->type() == QEvent::ShortcutOverride && m_connected) {
        e->accept();
        return true;
    }
    // Tab would move the focus to the next widget instead of reaching the guest.
    if (e->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(e)->key() == Qt::Key_Tab) {
        keyPressEvent(static_cast<QKeyEvent*>(e));
        return true;
    }
    return QWidget::event(e);
}

void VncView::keyPressEvent(QKeyEvent* e) {
    if (!m_connected) return QWidget::keyPressEvent(e);
    // The release key: Ctrl and Alt held together (and nothing else).
    const auto mods = e->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::ShiftModifier);
    if (m_grabbed && mods == (Qt::ControlModifier | Qt::AltModifier) &&
        (e->key() == Qt::Key_Control || e->key() == Qt::Key_Alt)) {
        releaseGrab();
        return;
    }
    if (e->isAutoRepeat() && m_pressed.contains(e->key())) {
        m_connection->sendKey(m_pressed.value(e->key()), true);
        return;
    }
    const quint32 sym = keysymForKeyEvent(*e);
    if (sym == 0) return;
    m_pressed.insert(e->key(), sym);
    m_connection->sendKey(sym, true);
}

void VncView::keyReleaseEvent(QKeyEvent* e) {
    if (!m_connected || e->isAutoRepeat()) return;
    // Release exactly what was pressed, even if the modifiers changed its text since.
    const quint32 sym = m_pressed.take(e->key());
    if (sym != 0) m_connection->sendKey(sym, false);
}

void VncView::releaseAllKeys() {
    for (auto it = m_pressed.cbegin(); it != m_pressed.cend(); ++it)
        m_connection->sendKey(it.value(), false);
    m_pressed.clear();
}

void VncView::sendKeyCombo(const QList<quint32>& keysyms) {
    if (!m_connected) return;
    for (quint32 k : keysyms)
        m_connection->sendKey(k, true);
    for (auto it = keysyms.crbegin(); it != keysyms.crend(); ++it)
        m_connection->sendKey(*it, false);
}

void VncView::sendPointer(const QPointF& pos) {
    if (m_connected) m_connection->sendPointer(toFrame(pos), m_buttons);
}

void VncView::mousePressEvent(QMouseEvent* e) {
    if (!m_connected) return;
    if (!m_grabbed) grab();
    m_buttons |= buttonBit(e->button());
    sendPointer(e->position());
}

void VncView::mouseReleaseEvent(QMouseEvent* e) {
    m_buttons &= ~buttonBit(e->button());
    sendPointer(e->position());
}

void VncView::mouseMoveEvent(QMouseEvent* e) {
    sendPointer(e->position());
}

void VncView::wheelEvent(QWheelEvent* e) {
    if (!m_connected) return;
    const int bit = e->angleDelta().y() > 0 ? kWheelUp : kWheelDown;
    const QPoint at = toFrame(e->position());
    m_connection->sendPointer(at, m_buttons | bit);
    m_connection->sendPointer(at, m_buttons);
}

void VncView::focusOutEvent(QFocusEvent* e) {
    // Keys held when the focus leaves would stay down in the guest forever.
    if (m_connected) releaseAllKeys();
    QWidget::focusOutEvent(e);
}

void VncView::grab() {
    setFocus(Qt::MouseFocusReason);
    grabKeyboard();
    grabMouse();
    m_grabbed = true;
    Q_EMIT grabChanged(true);
}

void VncView::releaseGrab() {
    if (!m_grabbed) return;
    if (m_connected) releaseAllKeys();
    releaseKeyboard();
    releaseMouse();
    m_grabbed = false;
    Q_EMIT grabChanged(false);
}

} // namespace vireo
