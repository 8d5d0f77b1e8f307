#include "DetachableArea.h"

#include <QCloseEvent>
#include <QLabel>
#include <QPushButton>
#include <QStackedLayout>
#include <QVBoxLayout>

namespace vireo {

DetachableArea::DetachableArea(QWidget* content, QWidget* parent)
    : QWidget(parent), m_content(content) {
    m_placeholder = new QWidget(this);
    auto* label = new QLabel(tr("Shown in its own window."), m_placeholder);
    auto* back = new QPushButton(tr("Bring Back"), m_placeholder);
    auto* box = new QVBoxLayout(m_placeholder);
    box->addStretch();
    box->addWidget(label, 0, Qt::AlignCenter);
    box->addWidget(back, 0, Qt::AlignCenter);
    box->addStretch();
    connect(back, &QPushButton::clicked, this, [this] { setDetached(false); });
    m_stack = new QStackedLayout(this);
    m_stack->setContentsMargins(0, 0, 0, 0);
    m_stack->addWidget(m_content);
    m_stack->addWidget(m_placeholder);
}

DetachableArea::~DetachableArea() {
    // The content belongs to this area even while it sits in the floating window.
    setDetached(false);
}

void DetachableArea::setWindowTitleText(const QString& title) {
    m_title = title;
    if (m_window) m_window->setWindowTitle(title);
}

void DetachableArea::setDetached(bool detached) {
    if (detached == isDetached()) return;
    if (detached) {
        m_window = new QWidget(nullptr, Qt::Window);
        m_window->setAttribute(Qt::WA_DeleteOnClose);
        m_window->setWindowTitle(m_title);
        m_window->installEventFilter(this);
        auto* layout = new QVBoxLayout(m_window);
        layout->setContentsMargins(0, 0, 0, 0);
        m_stack->removeWidget(m_content);
        layout->addWidget(m_content);
        m_stack->setCurrentWidget(m_placeholder);
        m_window->resize(m_content->sizeHint().expandedTo(QSize(640, 400)));
        m_window->show();
    } else {
        QWidget* window = m_window;
        m_window = nullptr;
        window->removeEventFilter(this);
        m_stack->insertWidget(0, m_content);
        m_stack->setCurrentWidget(m_content);
        m_content->show();
        window->close();
    }
    Q_EMIT detachedChanged(detached);
}

bool DetachableArea::eventFilter(QObject* watched, QEvent* event) {
    // Closing the floating window puts the console back into its tab.
    if (watched == m_window && event->type() == QEvent::Close) setDetached(false);
    return QWidget::eventFilter(watched, event);
}

} // namespace vireo
