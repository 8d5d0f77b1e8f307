#include "RefreshingPage.h"

#include <QTimer>

namespace vireo {

RefreshingPage::RefreshingPage(QWidget* parent) : QDialog(parent), m_refresh(new QTimer(this)) {
    m_refresh->setInterval(2000);
    connect(m_refresh, &QTimer::timeout, this, [this] { reload(); });
}

void RefreshingPage::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    m_refresh->start();
    reload();
}

void RefreshingPage::hideEvent(QHideEvent* event) {
    m_refresh->stop();
    QDialog::hideEvent(event);
}

} // namespace vireo
