#pragma once

#include <QHash>
#include <QWidget>

namespace vireo {

class VncConnection;

// A VM's screen: paints the VNC framebuffer (scaled to the widget or 1:1), sends keys and
// the pointer. A click grabs keyboard and pointer so the desktop's shortcuts reach the
// guest; Ctrl+Alt releases them (the hint is shown by the Display tab).
class VncView : public QWidget {
    Q_OBJECT
public:
    explicit VncView(QWidget* parent = nullptr);
    ~VncView() override;

    void connectToSocket(const QString& socketPath);
    // A socket connected to the server already (see VncConnection::openConnected).
    void connectToSocketFd(int fd, const QString& label);
    void disconnectFromDisplay();
    bool isConnected() const { return m_connected; }
    QSize frameSize() const { return m_frameSize; }
    QImage screenshot() const;

    void setScaling(bool scale);
    bool scaling() const { return m_scale; }
    bool isGrabbed() const { return m_grabbed; }
    void releaseGrab();
    // Presses the keys in order, then releases them in reverse (e.g. Ctrl+Alt+Del).
    void sendKeyCombo(const QList<quint32>& keysyms);

    QSize sizeHint() const override;
    static QString releaseKeyName();

Q_SIGNALS:
    void connectionChanged(bool connected, const QString& reason);
    void grabChanged(bool grabbed);
    void frameSizeChanged(const QSize& size);

protected:
    bool event(QEvent* e) override;
    void paintEvent(QPaintEvent*) override;
    void keyPressEvent(QKeyEvent* e) override;
    void keyReleaseEvent(QKeyEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void focusOutEvent(QFocusEvent* e) override;

private:
    QRect targetRect() const;
    QPoint toFrame(const QPointF& widgetPos) const;
    void sendPointer(const QPointF& widgetPos);
    void grab();
    void releaseAllKeys();

    VncConnection* m_connection;
    bool m_connected = false;
    bool m_scale = true;
    bool m_grabbed = false;
    QSize m_frameSize;
    int m_buttons = 0;
    QHash<int, quint32> m_pressed; // Qt key -> keysym sent when it went down
};

} // namespace vireo
