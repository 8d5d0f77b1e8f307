#pragma once

#include <QDialog>
#include <QElapsedTimer>
#include <QList>
#include <functional>

class QLabel;

namespace vireo {

class VncView;

// A remote VM's screen in a window of its own: the embedded VNC view on the socket that
// libvirt hands over through the host's connection (openRemoteDisplay), or the one line
// saying why there is none.
class RemoteScreenWindow : public QDialog {
    Q_OBJECT
public:
    RemoteScreenWindow(const QString& remote, const QString& vm, QWidget* parent = nullptr);
    VncView* view() const { return m_view; }
    QLabel* status() const { return m_status; }
    // Shows the screen on `fd` (the window owns it from here).
    void showScreen(int fd);
    void showFailure(const QString& line);
    // How to open the screen again (the page's job). Called when the screen closes while
    // the window is shown, at most three times a minute: a guest's mode switch or reboot
    // can drop it, and a VM that stopped then says so in one line instead.
    void setReopen(std::function<void()> reopen) { m_reopen = std::move(reopen); }

private:
    bool mayReopen();
    std::function<void()> m_reopen;
    QElapsedTimer m_clock;
    QList<qint64> m_reopenedAt;
    QString m_remote;
    QString m_vm;
    QLabel* m_status;
    VncView* m_view;
};

} // namespace vireo
