#pragma once

#include <QWidget>

class QLabel;
class QTimer;
class QTreeWidget;

namespace vireo {

// The library's sandboxes in the main window, under the VMs: name (with the sandbox
// icon), state and live memory, re-read every few seconds off the UI thread. Shown only
// when the library has sandboxes; activating one opens it on the Sandboxes page, and its
// context menu starts or stops it there.
class SandboxListPanel : public QWidget {
    Q_OBJECT
public:
    explicit SandboxListPanel(const QString& libraryRoot, QWidget* parent = nullptr);
    QTreeWidget* list() const { return m_list; }
    void reload();

Q_SIGNALS:
    void reloaded();
    void openRequested(const QString& name);
    void startRequested(const QString& name);
    void stopRequested(const QString& name);

private:
    QString m_root;
    QLabel* m_title;
    QTreeWidget* m_list;
    QTimer* m_timer;
    bool m_reading = false;
};

} // namespace vireo
