#pragma once

#include <QWidget>

class QLabel;
class QStackedLayout;

namespace vireo {

// Holds a console widget inside a tab and can move it into a window of its own (and
// back when that window closes), as virt-manager and VirtualBox let a console float.
class DetachableArea : public QWidget {
    Q_OBJECT
public:
    DetachableArea(QWidget* content, QWidget* parent = nullptr);
    ~DetachableArea() override;

    bool isDetached() const { return m_window != nullptr; }
    void setDetached(bool detached);
    void setWindowTitleText(const QString& title);
    QWidget* floatingWindow() const { return m_window; }

Q_SIGNALS:
    void detachedChanged(bool detached);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* m_content;
    QWidget* m_placeholder;
    QStackedLayout* m_stack;
    QWidget* m_window = nullptr;
    QString m_title;
};

} // namespace vireo
