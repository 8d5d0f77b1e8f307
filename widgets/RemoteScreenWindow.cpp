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
    connect(m_view, &VncView::connectionChanged, this,
            [this](bool connected, const QString& reason) {
                m_status->setText(connected ? tr("The screen of %1 on %2, through the host's "
                                                 "libvirt connection.")
                                                  .arg(m_vm, m_remote)
                                            : reason);
            });
}

void RemoteScreenWindow::showScreen(int fd) {
    m_view->connectToSocketFd(fd, tr("%1 on %2").arg(m_vm, m_remote));
    m_view->setFocus();
}

void RemoteScreenWindow::showFailure(const QString& line) {
    m_status->setText(line);
}

} // namespace vireo
