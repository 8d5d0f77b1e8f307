#include "MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace vireo {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#messageBar { background: #fde2e1; border: 1px solid #e5a5a3; "
                                 "border-radius: 3px; } QLabel { color: #5c1a17; }"));
    auto* icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 4, 4);
    layout->addWidget(icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close);
    connect(m_close, &QToolButton::clicked, this, [this] {
        m_count = 0;
        hide();
    });
    hide();
}

void MessageBar::showError(const QString& title, const QString& line) {
    ++m_count;
    QString text = tr("%1 failed: %2").arg(title, line);
    if (m_count > 1) text += QLatin1Char(' ') + tr("(%n error(s) in total)", nullptr, m_count);
    m_label->setText(text);
    show();
}

QString MessageBar::text() const {
    return isVisible() ? m_label->text() : QString();
}

} // namespace vireo
