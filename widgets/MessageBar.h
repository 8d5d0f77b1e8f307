#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace vireo {

// A non-blocking error strip above the content: the failed action and the backend's
// one-line error (what went wrong and the fix). Closes by itself on the next success
// of the user's choosing, or with its close button.
class MessageBar : public QFrame {
    Q_OBJECT
public:
    explicit MessageBar(QWidget* parent = nullptr);
    void showError(const QString& title, const QString& line);
    QString text() const;

private:
    QLabel* m_label;
    QToolButton* m_close;
    int m_count = 0;
};

} // namespace vireo
