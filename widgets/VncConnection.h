#pragma once

#include <QImage>
#include <QMutex>
#include <QRect>
#include <QThread>

#include <deque>

namespace vireo {

// One VNC session with a VM's display over its unix socket, run by libvncclient on a thread
// of its own (libvncclient blocks on the socket). The thread keeps its own framebuffer and
// copies each updated rectangle into a shared image under a mutex, so painting never waits
// for the network and never sees a framebuffer being reallocated. Input is queued from the
// UI thread and sent by the session thread, the only one that touches the rfbClient.
class VncConnection : public QThread {
    Q_OBJECT
public:
    explicit VncConnection(QObject* parent = nullptr);
    ~VncConnection() override;

    // Connects to `socketPath` and runs until close() or the server goes away.
    void open(const QString& socketPath);
    // Runs a session on `fd`, a socket already connected to a VNC server (a remote VM's
    // screen from libvirt), which it then owns; `label` names it in messages.
    void openConnected(int fd, const QString& label);
    void close();

    // Thread-safe; queued until the session thread sends them.
    void sendKey(quint32 keysym, bool down);
    void sendPointer(const QPoint& pos, int buttonMask);

    // A copy of the current screen (null before the first frame).
    QImage frame() const;
    // Runs `paint` with the current screen while no update can change it.
    template <typename F> void withFrame(F&& paint) const {
        QMutexLocker lock(&m_frameMutex);
        paint(m_frame);
    }

Q_SIGNALS:
    void connected(const QSize& size);
    void resized(const QSize& size);
    void updated(const QRect& rect);
    void disconnected(const QString& reason);

protected:
    void run() override;

private:
    struct InputEvent {
        bool key = false;
        quint32 keysym = 0;
        bool down = false;
        QPoint pos;
        int buttons = 0;
    };
    struct Session;
    friend struct Session;

    QString m_socketPath;
    int m_connectedFd = -1;
    mutable QMutex m_frameMutex;
    QImage m_frame;
    QMutex m_inputMutex;
    std::deque<InputEvent> m_input;
};

} // namespace vireo
