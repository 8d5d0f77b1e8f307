#include "RemoteScreenWindow.h"

#include "VncView.h"

#include <QLabel>
#include <QVBoxLayout>

namespace vireo {

RemoteScreenWindow::RemoteScreenWindow(const QString& remote, const QString& vm, QWidget* parent)
    : QDialog(parent), m_remote(remote), m_vm(vm) {
    setWindowTitle(tr("%1 on %2").arg(vm, remote));
    resize(800, 640);
    m_status = new QLabel(tr("Opening the screen…"), this);
    m_status->setObjectName(QStringLiteral("remoteScreenStatus"));
    m_status->setWordWrap(true);
    m_view = new VncView(this);
    m_view->setObjectName(QStringLiteral("remoteScreen"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    m_clock.start();
    connect(m_view, &VncView::connectionChanged, this,
            [this](bool connected, const QString& reason) {
                if (connected) {
                    m_status->setText(tr("The screen of %1 on %2, through the host's "
                                         "connection.")
                                          .arg(m_vm, m_remote));
                } else if (m_reopen && isVisible() && mayReopen()) {
                    m_status->setText(tr("%1; opening it again…").arg(reason));
                    m_reopen();
                } else {
                    m_status->setText(reason);
                }
            });
}

bool RemoteScreenWindow::mayReopen() {
    const qint64 now = m_clock.elapsed();
    while (!m_reopenedAt.isEmpty() && now - m_reopenedAt.first() > 60000)
        m_reopenedAt.removeFirst();
    if (m_reopenedAt.size() >= 3) return false;
    m_reopenedAt.append(now);
    return true;
}

void RemoteScreenWindow::showScreen(int fd) {
    m_view->connectToSocketFd(fd, tr("%1 on %2").arg(m_vm, m_remote));
    m_view->setFocus();
}

void RemoteScreenWindow::showFailure(const QString& line) {
    m_status->setText(line);
}

} // namespace vireo
